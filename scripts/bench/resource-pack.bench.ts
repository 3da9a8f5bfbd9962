import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import {
  type LocalWorker,
  peakResidentBytes,
  startLocalWorker,
} from "../../workers/resource-pack/local/local-worker.ts";
import { packChunks } from "../../workers/resource-pack/test/support/pack-bytes.ts";
import { type BenchReport, median } from "./report.ts";

/**
 * The resource-pack Worker in local workerd: a 200 MB upload hashed on the way into R2 against a plain
 * streamed `put` of the same bytes through the same Worker, `sha1sum` of the bytes for scale, and the
 * workerd process's peak memory for 50 MB and 200 MB uploads, each in a fresh process.
 */
const ADMIN_TOKEN = "bench-token";
const MB = 1_000_000;
const LARGE = 200 * MB;
const SMALL = 50 * MB;
const ROUNDS = 3;
const ENTRY = fileURLToPath(
  new URL("../../workers/resource-pack/local/plain-put.worker.ts", import.meta.url),
);

export default async function bench(): Promise<BenchReport> {
  const hashed: number[] = [];
  const staged: number[] = [];
  const plain: number[] = [];
  const worker = await startLocalWorker({ adminToken: ADMIN_TOKEN, entry: ENTRY });
  try {
    // Rounds interleave the variants so machine noise falls on all of them; each upload is new bytes.
    for (let round = 0; round < ROUNDS; round++) {
      const body = pack(LARGE, 1000 + round);
      const sha1 = createHash("sha1").update(body).digest("hex");
      plain.push(await put(worker, "/__bench/plain-put", body));
      hashed.push(await put(worker, "/api/pack", body, { "X-Pack-Sha1": sha1 }));
      staged.push(await put(worker, "/api/pack", pack(LARGE, 2000 + round)));
    }
  } finally {
    await worker.dispose();
  }
  const sha1sum = median(await Promise.all([0, 1, 2].map(() => sha1sumSeconds(pack(LARGE, 1000)))));
  const peakSmall = await peakMemory(SMALL, "/api/pack");
  const peakLarge = await peakMemory(LARGE, "/api/pack");
  // Miniflare's R2 simulator runs in the same workerd process and grows with the object on its own.
  const plainPeakSmall = await peakMemory(SMALL, "/__bench/plain-put");
  const plainPeakLarge = await peakMemory(LARGE, "/__bench/plain-put");

  const rate = (seconds: number) => LARGE / MB / seconds;
  const plainRate = rate(median(plain));
  const hashedRate = rate(median(hashed));
  const stagedRate = rate(median(staged));
  return {
    title: "resource-pack Worker: 200 MB upload in local workerd",
    figures: [
      { label: "plain streamed put", value: plainRate, unit: "MB/s" },
      { label: "upload with SHA-1 (X-Pack-Sha1, one write)", value: hashedRate, unit: "MB/s" },
      { label: "upload with SHA-1 (no declaration: staged + copy)", value: stagedRate, unit: "MB/s" },
      { label: "sha1sum of the same bytes", value: rate(sha1sum), unit: "MB/s" },
      { label: "workerd peak RSS, 50 MB upload", value: peakSmall / MB, unit: "MB" },
      { label: "workerd peak RSS, 200 MB upload", value: peakLarge / MB, unit: "MB" },
      { label: "workerd peak RSS, 50 MB plain put", value: plainPeakSmall / MB, unit: "MB" },
      { label: "workerd peak RSS, 200 MB plain put", value: plainPeakLarge / MB, unit: "MB" },
    ],
    ratios: [
      {
        label: "hashed / plain upload throughput",
        value: hashedRate / plainRate,
        goal: { op: ">=", value: 0.9 },
      },
      // Flat means: the hashed path grows no more than the plain put does (the simulator's own growth).
      {
        label: "peak RSS 200/50 MB, hashed over plain",
        value: peakLarge / peakSmall / (plainPeakLarge / plainPeakSmall),
        goal: { op: "<=", value: 1.05 },
      },
      {
        label: "peak RSS 200 MB / 50 MB, hashed",
        value: peakLarge / peakSmall,
        goal: { op: "<=", value: 1.25 },
      },
    ],
  };
}

/** The generated pack, whole: the client side must not be what limits the Worker. */
function pack(size: number, seed: number): Buffer {
  const body = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const chunk of packChunks(size, seed)) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** Seconds for one PUT of `body` with its Content-Length, streamed in 1 MiB writes. */
function put(
  worker: LocalWorker,
  path: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL(path, worker.url),
      {
        method: "PUT",
        headers: { ...headers, Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Length": body.length },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (data) => {
          text += data;
        });
        response.on("end", () => {
          if ((response.statusCode ?? 500) >= 300)
            reject(new Error(`${path}: HTTP ${response.statusCode} ${text}`));
          else resolve((performance.now() - started) / 1000);
        });
      },
    );
    outgoing.on("error", reject);
    let offset = 0;
    const write = () => {
      while (offset < body.length) {
        const more = outgoing.write(body.subarray(offset, offset + (1 << 20)));
        offset += 1 << 20;
        if (!more) return void outgoing.once("drain", write);
      }
      outgoing.end();
    };
    write();
  });
}

function sha1sumSeconds(body: Buffer): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("sha1sum", ["-"], { stdio: ["pipe", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve((performance.now() - started) / 1000)
        : reject(new Error(`sha1sum exited ${code}`)),
    );
    child.stdin.end(body);
  });
}

/** Peak RSS of a fresh workerd after one upload of `size` bytes to `path`. */
async function peakMemory(size: number, path: string): Promise<number> {
  const worker = await startLocalWorker({ adminToken: ADMIN_TOKEN, entry: ENTRY });
  try {
    if (worker.workerdPid === undefined) throw new Error("could not find the workerd process");
    await put(worker, path, pack(size, 3000 + size / MB));
    return await peakResidentBytes(worker.workerdPid);
  } finally {
    await worker.dispose();
  }
}
