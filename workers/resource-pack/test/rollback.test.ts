import { reset } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { HISTORY_LIMIT } from "../src/limits.ts";
import { zipBytes } from "./support/bucket.ts";
import { asAdmin, call } from "./support/client.ts";
import { latest, type PackJson, upload } from "./support/publish.ts";

async function history(): Promise<{ latest: PackJson | null; history: PackJson[] }> {
  return (await call("/api/pack/history", asAdmin())).json();
}

function rollback(): Promise<Response> {
  return call("/api/pack/rollback", asAdmin({ method: "POST" }));
}

describe("rollback and history", () => {
  beforeEach(() => reset());

  it("puts latest back to the previous pack, which still downloads", async () => {
    const first = await upload(zipBytes("v1"));
    const second = await upload(zipBytes("v2"));
    expect(await latest()).toEqual(second);

    const response = await rollback();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ latest: first, rolledBack: second });
    expect(await latest()).toEqual(first);
    expect((await history()).history).toEqual([first]);
    const download = await call(`/packs/${first.sha1}.zip`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(zipBytes("v1"));
  });

  it("refuses with 409 when there is nothing to roll back to", async () => {
    await upload(zipBytes("only"));
    const response = await rollback();
    expect(response.status).toBe(409);
    expect(await latest()).not.toBeNull();
  });

  it("lists packs newest first and keeps at most the history limit", async () => {
    const records: PackJson[] = [];
    for (let index = 0; index < HISTORY_LIMIT + 3; index++)
      records.push(await upload(zipBytes(`pack ${index}`)));
    const { latest: current, history: entries } = await history();
    expect(current).toEqual(records.at(-1));
    expect(entries).toHaveLength(HISTORY_LIMIT);
    expect(entries.map((entry) => entry.sha1)).toEqual(
      records
        .slice(-HISTORY_LIMIT)
        .reverse()
        .map((entry) => entry.sha1),
    );
  });
});
