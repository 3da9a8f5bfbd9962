import { env, reset } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { servePack } from "../src/routes/download.ts";
import { zipBytes } from "./support/bucket.ts";
import { call } from "./support/client.ts";
import { upload } from "./support/publish.ts";

const BYTES = zipBytes("0123456789abcdefghijklmnopqrstuvwxyz");

describe("GET /packs/<sha1>.zip", () => {
  beforeEach(() => reset());

  it("answers 404 for a sha1 that was never uploaded", async () => {
    const response = await call(`/packs/${"a".repeat(40)}.zip`);
    expect(response.status).toBe(404);
    expect((await call(`/packs/${"a".repeat(40)}.zip`, { method: "HEAD" })).status).toBe(404);
  });

  it("answers 404 for anything that is not a lower-case sha1", async () => {
    for (const path of ["/packs/latest.zip", `/packs/${"A".repeat(40)}.zip`, "/packs/../incoming/x.zip"]) {
      expect((await call(path)).status).toBe(404);
    }
  });

  it("serves repeated requests from the edge cache, ignoring query strings", async () => {
    const { sha1 } = await upload(BYTES);
    expect((await call(`/packs/${sha1}.zip`)).status).toBe(200);
    const again = await call(`/packs/${sha1}.zip?cache-buster=1`);
    expect(again.headers.get("CF-Cache-Status")).toBe("HIT");
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(BYTES);
  });

  it("allows cross-origin reads of the pack and of latest", async () => {
    const { sha1 } = await upload(BYTES);
    const pack = await call(`/packs/${sha1}.zip`);
    expect(pack.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const latest = await call("/api/pack/latest");
    expect(latest.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(latest.headers.get("Cache-Control")).toMatch(/^public, max-age=\d{1,3}$/);
    const preflight = await call("/api/pack/latest", { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
  });
});

describe("GET /packs/<sha1>.zip where the Cache API does nothing (workers.dev)", () => {
  beforeEach(() => reset());

  const get = (sha1: string, headers: HeadersInit = {}) =>
    servePack(new Request(`https://rp.example.net/packs/${sha1}.zip`, { headers }), env, sha1, null);

  it("streams the pack from R2", async () => {
    const { sha1 } = await upload(BYTES);
    const response = await get(sha1);
    expect(response.status).toBe(200);
    expect(response.headers.get("ETag")).toBe(`"${sha1}"`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(BYTES);
  });

  it("answers a Range with 206 and Content-Range", async () => {
    const { sha1 } = await upload(BYTES);
    const response = await get(sha1, { Range: "bytes=4-13" });
    expect(response.status).toBe(206);
    expect(response.headers.get("Content-Range")).toBe(`bytes 4-13/${BYTES.length}`);
    expect(new TextDecoder().decode(await response.arrayBuffer())).toBe("0123456789");
  });

  it("answers a suffix Range with the last bytes", async () => {
    const { sha1 } = await upload(BYTES);
    const response = await get(sha1, { Range: "bytes=-3" });
    expect(response.status).toBe(206);
    expect(response.headers.get("Content-Range")).toBe(
      `bytes ${BYTES.length - 3}-${BYTES.length - 1}/${BYTES.length}`,
    );
    expect(new TextDecoder().decode(await response.arrayBuffer())).toBe("xyz");
  });

  it("answers a Range past the end with 416", async () => {
    const { sha1 } = await upload(BYTES);
    const response = await get(sha1, { Range: "bytes=1000-2000" });
    expect(response.status).toBe(416);
    expect(response.headers.get("Content-Range")).toBe(`bytes */${BYTES.length}`);
  });

  it("answers If-None-Match (weak, strong or in a list) with 304", async () => {
    const { sha1 } = await upload(BYTES);
    for (const tag of [`"${sha1}"`, `W/"${sha1}"`, `"other", "${sha1}"`]) {
      expect((await get(sha1, { "If-None-Match": tag })).status).toBe(304);
    }
    expect((await get(sha1, { "If-None-Match": '"other"' })).status).toBe(200);
  });

  it("is what the handler falls back to when the cache has no entry after a fill", async () => {
    const { sha1 } = await upload(BYTES);
    const silentCache = { match: async () => undefined, put: async () => undefined } as unknown as Cache;
    const request = new Request(`https://rp.example.net/packs/${sha1}.zip`, {
      headers: { Range: "bytes=0-3" },
    });
    const response = await servePack(request, env, sha1, silentCache);
    expect(response.status).toBe(206);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(BYTES.subarray(0, 4));
  });
});

describe("routing", () => {
  beforeEach(() => reset());

  it("answers /api/pack/latest with a JSON 404 before the first upload", async () => {
    const response = await call("/api/pack/latest");
    expect(response.status).toBe(404);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await response.json()).toEqual({ error: "no pack has been published yet" });
  });

  it("answers unknown paths with a JSON 404", async () => {
    const response = await call("/wp-login.php");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const response = await call("/api/pack/latest", { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD");
  });
});
