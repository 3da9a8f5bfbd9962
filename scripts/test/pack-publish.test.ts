import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalWorker, startLocalWorker } from "../../workers/resource-pack/local/local-worker.ts";
import { packChunks } from "../../workers/resource-pack/test/support/pack-bytes.ts";
import { inspectPack } from "../pack/pack-file.ts";
import { progress } from "../pack/progress.ts";
import { publishPack } from "../pack/publish.ts";
import { s3Client } from "../pack/s3-client.ts";

const ADMIN_TOKEN = "cli-test-token";
const BUCKET = "craftnet-assets";
const MiB = 1024 * 1024;

let dir: string;
let s3server: S3rver;
let s3endpoint: string;
let worker: LocalWorker;
let bridge: Server;
let bridgeOrigin: string;

/** A generated pack on disk, and Node's SHA-1 of it. */
async function packFile(name: string, size: number, seed: number): Promise<{ path: string; sha1: string }> {
  const path = join(dir, name);
  const hash = createHash("sha1");
  await pipeline(
    (function* () {
      for (const chunk of packChunks(size, seed)) {
        hash.update(chunk);
        yield chunk;
      }
    })(),
    createWriteStream(path),
  );
  return { path, sha1: hash.digest("hex") };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pack-publish-"));
  s3server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: join(dir, "s3"),
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const address = (await s3server.run()) as AddressInfo;
  s3endpoint = `http://127.0.0.1:${address.port}`;
  worker = await startLocalWorker({ adminToken: ADMIN_TOKEN });

  // In production the S3 API and the Worker's binding are one bucket. Here they are s3rver and
  // Miniflare's R2, so before the Worker sees a register call, the object crosses over; every other
  // request goes to the Worker untouched.
  const s3 = s3Client({ endpoint: s3endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
  bridge = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (request.url === "/api/pack/register") {
      const { key } = JSON.parse(body.toString()) as { key: string };
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      await worker.packs.put(key, await object.Body!.transformToByteArray());
    }
    const answer = await fetch(new URL(request.url!, worker.url), {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: body.length > 0 ? body : undefined,
    });
    response.writeHead(answer.status, { "Content-Type": answer.headers.get("Content-Type") ?? "text/plain" });
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => bridge.listen(0, "127.0.0.1", resolve));
  bridgeOrigin = `http://127.0.0.1:${(bridge.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => bridge?.close(resolve));
  await worker?.dispose();
  await s3server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("pack:publish", () => {
  it("uploads a large pack in equal multipart parts to S3, then the Worker hashes and registers it", async () => {
    const { path, sha1 } = await packFile("big.zip", 23 * MiB + 12_345, 11);
    const client = s3Client({ endpoint: s3endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
    const partSizes: number[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "UploadPartCommand") {
          partSizes.push((args.input as { Body: Uint8Array }).Body.byteLength);
        }
        return next(args);
      },
      { step: "initialize", name: "recordPartSizes" },
    );

    const record = await publishPack({
      pack: await inspectPack(path),
      worker: { origin: bridgeOrigin, adminToken: ADMIN_TOKEN },
      s3: { client, bucket: BUCKET },
      via: "s3",
      partBytes: 5 * MiB,
    });

    expect(record.sha1).toBe(sha1);
    expect(partSizes).toHaveLength(5);
    expect(partSizes.slice(0, -1)).toEqual([5 * MiB, 5 * MiB, 5 * MiB, 5 * MiB]);
    expect(partSizes.at(-1)).toBe(3 * MiB + 12_345);
    const latest = await (await fetch(new URL("/api/pack/latest", worker.url))).json();
    expect(latest).toEqual(record);
  });

  it("sends a small pack straight to the Worker with PUT /api/pack", async () => {
    const { path, sha1 } = await packFile("small.zip", 2 * MiB, 12);
    const record = await publishPack({
      pack: await inspectPack(path),
      worker: { origin: worker.url.origin, adminToken: ADMIN_TOKEN },
    });
    expect(record.sha1).toBe(sha1);
    expect(await worker.packs.head(`packs/${sha1}.zip`)).not.toBeNull();
  });

  it("says to set the S3 variables when a pack is too large for the Worker and none are set", async () => {
    const { path } = await packFile("needs-s3.zip", 1000, 13);
    await expect(
      publishPack({
        pack: { ...(await inspectPack(path)), size: 96_000_000 },
        worker: { origin: worker.url.origin, adminToken: ADMIN_TOKEN },
      }),
    ).rejects.toThrow(/S3_ENDPOINT/);
  });

  it("names the token when the Worker refuses it", async () => {
    const { path } = await packFile("refused.zip", 1000, 14);
    await expect(
      publishPack({
        pack: await inspectPack(path),
        worker: { origin: worker.url.origin, adminToken: "wrong" },
      }),
    ).rejects.toThrow(/HTTP 401.*RESOURCE_PACK_ADMIN_TOKEN/);
  });

  it("reports a missing bucket by name", async () => {
    const { path } = await packFile("nobucket.zip", 6 * MiB, 15);
    await expect(
      publishPack({
        pack: await inspectPack(path),
        worker: { origin: bridgeOrigin, adminToken: ADMIN_TOKEN },
        s3: {
          client: s3Client({ endpoint: s3endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }),
          bucket: "no-such-bucket",
        },
        via: "s3",
        partBytes: 5 * MiB,
      }),
    ).rejects.toThrow(/s3:\/\/no-such-bucket\/.*NoSuchBucket|bucket does not exist/i);
  });

  it("refuses a file that is not a zip before any upload", async () => {
    const path = join(dir, "notes.txt");
    await writeFile(path, "just text");
    await expect(inspectPack(path)).rejects.toThrow(/not a zip/);
  });

  it("exits non-zero with a clear message from the command line", async () => {
    const run = promisify(execFile);
    const cli = join(import.meta.dirname, "../pack-publish.ts");
    const failure = await run(process.execPath, [cli, join(dir, "missing.zip")], {
      cwd: join(import.meta.dirname, "../.."),
      env: { ...process.env, RESOURCE_PACK_ADMIN_TOKEN: ADMIN_TOKEN },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining("missing.zip: no such file") });
    const noToken = await run(process.execPath, [cli, join(dir, "small.zip")], {
      cwd: join(import.meta.dirname, "../.."),
      env: { ...process.env, RESOURCE_PACK_ADMIN_TOKEN: "" },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(noToken).toMatchObject({ code: 1, stderr: expect.stringContaining("RESOURCE_PACK_ADMIN_TOKEN") });
  });

  it("logs one progress line per quarter when stderr is not a terminal", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    const bar = progress("upload", 100, sink);
    for (let done = 0; done <= 100; done += 5) bar.update(done);
    bar.finish();
    expect(lines.map((line) => line.match(/\d+%/)?.[0])).toEqual(["0%", "25%", "50%", "75%", "100%"]);
  });
});
