import { env, reset } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { PackError } from "../src/pack-error.ts";
import { PackStore } from "../src/pack-store.ts";
import { bucketKeys, sha1Hex, zipBytes } from "./support/bucket.ts";
import { asAdmin, call, sized } from "./support/client.ts";
import { packChunks, packStream } from "./support/pack-bytes.ts";
import { latest, upload } from "./support/publish.ts";

describe("PUT /api/pack", () => {
  beforeEach(() => reset());

  it("stores the pack at packs/<sha1>.zip and makes it latest", async () => {
    const bytes = zipBytes("first pack");
    const record = await upload(bytes);
    expect(record.sha1).toBe(await sha1Hex(bytes));
    expect(record.size).toBe(bytes.length);
    expect(await bucketKeys()).toEqual([`packs/${record.sha1}.zip`]);
    expect(await latest()).toEqual(record);
    const stored = await env.PACKS.get(`packs/${record.sha1}.zip`);
    expect(stored?.httpMetadata?.contentType).toBe("application/zip");
  });

  it("refuses a body without Content-Length with 411", async () => {
    const response = await call("/api/pack", asAdmin({ method: "PUT", body: packStream(1000) }));
    expect(response.status).toBe(411);
    expect(await response.json()).toEqual({ error: expect.stringContaining("Content-Length") });
  });

  it("refuses a pack above 262,144,000 bytes with 413 before reading it", async () => {
    const body = sized(packStream(262_144_001), 262_144_001);
    const response = await call("/api/pack", asAdmin({ method: "PUT", body }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: expect.stringContaining("262144000") });
    await body.cancel().catch(() => undefined);
    expect(await bucketKeys()).toEqual([]);
  });

  it("refuses a body that does not start with PK\\x03\\x04 with 415", async () => {
    const body = new TextEncoder().encode("<html>not a zip</html>");
    const response = await call("/api/pack", asAdmin({ method: "PUT", body }));
    expect(response.status).toBe(415);
    expect(await bucketKeys()).toEqual([]);
    expect(await latest()).toBeNull();
  });

  it("refuses an empty body with 415", async () => {
    const response = await call("/api/pack", asAdmin({ method: "PUT", body: new Uint8Array(0) }));
    expect(response.status).toBe(415);
  });

  it.each([
    [
      "stops short of its Content-Length",
      (controller: ReadableStreamDefaultController) => controller.close(),
      "of the 20000000 bytes",
    ],
    [
      "fails halfway",
      (controller: ReadableStreamDefaultController) => controller.error(new Error("connection reset")),
      "connection reset",
    ],
  ])("leaves no object and latest unchanged when the upload stream %s", async (_label, breakOff, message) => {
    const before = await upload(zipBytes("the good pack"));
    const declared = 20_000_000;
    const source = packChunks(declared, 7);
    let sent = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        // The sender goes away after 5 MB of the 20 it announced.
        if (sent >= 5_000_000) return breakOff(controller);
        const chunk = source.next().value!;
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    // The store itself, not a Request around the stream: this is about what the store does with a
    // body that stops short, whatever the runtime does with the connection around it.
    const failure = await new PackStore(env.PACKS).upload(failing, declared).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PackError);
    expect(failure).toMatchObject({ status: 400, message: expect.stringContaining(message) });
    expect(await bucketKeys()).toEqual([`packs/${before.sha1}.zip`]);
    expect(await latest()).toEqual(before);
  });

  it("keeps one object and one id when the same bytes are uploaded twice", async () => {
    const bytes = zipBytes("same bytes");
    const first = await upload(bytes, 201);
    await upload(zipBytes("something else"), 201);
    const second = await upload(bytes, 200);
    expect(second).toEqual(first);
    expect((await bucketKeys()).filter((key) => key.includes(first.sha1))).toEqual([
      `packs/${first.sha1}.zip`,
    ]);
    expect(await latest()).toEqual(first);
    const history = await (await call("/api/pack/history", asAdmin())).json<{
      history: { sha1: string }[];
    }>();
    expect(history.history.map((entry) => entry.sha1).filter((sha1) => sha1 === first.sha1)).toHaveLength(1);
  });
});

describe("PUT /api/pack with X-Pack-Sha1 (what the publish CLI sends)", () => {
  beforeEach(() => reset());

  const put = async (bytes: Uint8Array<ArrayBuffer>, declared: string) =>
    call("/api/pack", asAdmin({ method: "PUT", body: bytes, headers: { "X-Pack-Sha1": declared } }));

  it("writes the pack straight to its content address when the declaration is right", async () => {
    const bytes = zipBytes("declared");
    const sha1 = await sha1Hex(bytes);
    const response = await put(bytes, sha1.toUpperCase());
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ sha1, size: bytes.length });
    expect(await bucketKeys()).toEqual([`packs/${sha1}.zip`]);
    expect((await latest())?.sha1).toBe(sha1);
  });

  it("stores nothing and keeps latest when the body does not match the declaration", async () => {
    const before = await upload(zipBytes("good"));
    const bytes = zipBytes("tampered");
    const claimed = await sha1Hex(zipBytes("what it should have been"));
    const response = await put(bytes, claimed);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: expect.stringContaining(await sha1Hex(bytes)) });
    expect(await bucketKeys()).toEqual([`packs/${before.sha1}.zip`]);
    expect(await latest()).toEqual(before);
  });

  it("never overwrites a stored pack with bytes that only claim to be it", async () => {
    const original = await upload(zipBytes("original"));
    const response = await put(zipBytes("impostor"), original.sha1);
    expect(response.status).toBe(422);
    const stored = await env.PACKS.get(`packs/${original.sha1}.zip`);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(zipBytes("original"));
  });

  it("only hashes the body when the declared pack is already stored", async () => {
    const bytes = zipBytes("again");
    const first = await upload(bytes);
    const response = await put(bytes, first.sha1);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(first);
  });

  it("refuses a declaration that is not a SHA-1 with 400", async () => {
    const response = await put(zipBytes("x"), "not-a-hash");
    expect(response.status).toBe(400);
  });
});
