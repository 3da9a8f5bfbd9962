import { beforeAll, describe, expect, inject, it } from "vitest";
import { asAdmin, call, sized } from "./support/client.ts";
import { packChunks, packSlice, packStream } from "./support/pack-bytes.ts";
import { BIG_PACK } from "./support/sizes.ts";

interface Published {
  sha1: string;
  size: number;
  url: string;
  id: string;
}

describe("a 150 MB pack", () => {
  let published: Published;

  beforeAll(async () => {
    const response = await call(
      "/api/pack",
      asAdmin({ method: "PUT", body: sized(packStream(BIG_PACK.size, BIG_PACK.seed), BIG_PACK.size) }),
    );
    expect(response.status).toBe(201);
    published = await response.json();
  });

  it("gets the SHA-1 node:crypto computes for the same bytes", () => {
    expect(published.sha1).toBe(inject("bigPackSha1"));
    expect(published.size).toBe(BIG_PACK.size);
    expect(published.url).toBe(`https://rp.example.net/packs/${published.sha1}.zip`);
    expect(published.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("is what /api/pack/latest announces", async () => {
    const response = await call("/api/pack/latest");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject(published);
  });

  it("downloads byte for byte identical, with its sha1 as ETag and an immutable Cache-Control", async () => {
    const response = await call(`/packs/${published.sha1}.zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get("ETag")).toBe(`"${published.sha1}"`);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("Content-Length")).toBe(String(BIG_PACK.size));
    await expectBytes(response.body!, packChunks(BIG_PACK.size, BIG_PACK.seed));
  });

  it("answers a Range request with 206 and exactly those bytes", async () => {
    const offset = 123_456_789;
    const length = 1_000_000;
    const response = await call(`/packs/${published.sha1}.zip`, {
      headers: { Range: `bytes=${offset}-${offset + length - 1}` },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get("Content-Range")).toBe(
      `bytes ${offset}-${offset + length - 1}/${BIG_PACK.size}`,
    );
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body.length).toBe(length);
    expect(equalBytes(body, packSlice(BIG_PACK.size, offset, length, BIG_PACK.seed))).toBe(true);
  });

  it("answers If-None-Match with its sha1 with 304 and no body", async () => {
    const response = await call(`/packs/${published.sha1}.zip`, {
      headers: { "If-None-Match": `"${published.sha1}"` },
    });
    expect(response.status).toBe(304);
    expect(response.headers.get("ETag")).toBe(`"${published.sha1}"`);
    expect(await response.text()).toBe("");
  });

  it("answers HEAD with the size and ETag only", async () => {
    const response = await call(`/packs/${published.sha1}.zip`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Length")).toBe(String(BIG_PACK.size));
    expect(response.headers.get("ETag")).toBe(`"${published.sha1}"`);
  });
});

/** Compares a response body with the expected chunks as both stream, without holding either whole. */
async function expectBytes(body: ReadableStream<Uint8Array>, expected: Iterator<Uint8Array>): Promise<void> {
  let want: Uint8Array = new Uint8Array(0);
  let position = 0;
  for await (const chunk of body) {
    let offset = 0;
    while (offset < chunk.length) {
      if (want.length === 0) {
        const next = expected.next();
        if (next.done) throw new Error(`body is longer than expected: extra bytes at ${position}`);
        want = next.value;
      }
      const take = Math.min(want.length, chunk.length - offset);
      if (!equalBytes(chunk.subarray(offset, offset + take), want.subarray(0, take))) {
        throw new Error(`body differs within bytes ${position}..${position + take}`);
      }
      want = want.subarray(take);
      offset += take;
      position += take;
    }
  }
  expect(want.length === 0 && expected.next().done).toBe(true);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
