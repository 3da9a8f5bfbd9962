import { env, reset } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { bucketKeys, sha1Hex, zipBytes } from "./support/bucket.ts";
import { asAdmin, call } from "./support/client.ts";
import { latest, upload } from "./support/publish.ts";

function register(body: unknown): Promise<Response> {
  return call("/api/pack/register", asAdmin({ method: "POST", body: JSON.stringify(body) }));
}

describe("POST /api/pack/register", () => {
  beforeEach(() => reset());

  it("hashes a pack uploaded straight to R2, moves it to its content address and makes it latest", async () => {
    const bytes = zipBytes("uploaded over the S3 API");
    await env.PACKS.put("incoming/big-pack.zip", bytes);
    const response = await register({ key: "incoming/big-pack.zip" });
    expect(response.status).toBe(201);
    const record = await response.json<{ sha1: string; size: number }>();
    expect(record.sha1).toBe(await sha1Hex(bytes));
    expect(record.size).toBe(bytes.length);
    expect(await bucketKeys()).toEqual([`packs/${record.sha1}.zip`]);
    expect(await latest()).toEqual(record);
  });

  it("never takes the client's word for the hash", async () => {
    const bytes = zipBytes("the real bytes");
    await env.PACKS.put("incoming/pack.zip", bytes);
    const response = await register({ key: "incoming/pack.zip", sha1: "0".repeat(40) });
    expect((await response.json<{ sha1: string }>()).sha1).toBe(await sha1Hex(bytes));
  });

  it("keeps one object when the registered bytes are already published", async () => {
    const bytes = zipBytes("published twice");
    const first = await upload(bytes);
    await env.PACKS.put("incoming/again.zip", bytes);
    const response = await register({ key: "incoming/again.zip" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(first);
    expect(await bucketKeys()).toEqual([`packs/${first.sha1}.zip`]);
  });

  it("refuses and deletes a staged object that is not a zip, leaving latest unchanged", async () => {
    const before = await upload(zipBytes("good"));
    await env.PACKS.put("incoming/page.zip", "<html>oops</html>");
    const response = await register({ key: "incoming/page.zip" });
    expect(response.status).toBe(415);
    expect(await bucketKeys()).toEqual([`packs/${before.sha1}.zip`]);
    expect(await latest()).toEqual(before);
  });

  it("answers 404 for a key that does not exist", async () => {
    const response = await register({ key: "incoming/missing.zip" });
    expect(response.status).toBe(404);
  });

  it.each([
    ["a key outside the staging prefix", { key: "packs/0000000000000000000000000000000000000000.zip" }],
    ["a key that climbs out of it", { key: "incoming/../backups/world.tar.zst" }],
    ["a missing key", {}],
    ["a key that is not a string", { key: 42 }],
  ])("refuses %s with 400", async (_label, body) => {
    const response = await register(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/key/) });
  });

  it("refuses a body that is not JSON with 400", async () => {
    const response = await call("/api/pack/register", asAdmin({ method: "POST", body: "incoming/pack.zip" }));
    expect(response.status).toBe(400);
  });
});
