import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { RESOURCE_PACK_PREFIXES } from "@mc-infra/config";
import type { PackFile } from "./pack-file.ts";
import type { Progress } from "./progress.ts";
import { type PackRecord, type WorkerTarget, workerError } from "./worker-api.ts";

/**
 * Requests above this go over the S3 API: Cloudflare refuses request bodies above 100 MB on the Free
 * and Pro plans before the Worker sees them; the margin leaves room for headers.
 */
export const DIRECT_UPLOAD_MAX_BYTES = 95_000_000;

/** R2 wants every part but the last the same size; 16 MiB keeps a 250 MiB pack to 16 parts. */
export const PART_BYTES = 16 * 1024 * 1024;

/**
 * Where staged uploads go: the Worker only registers keys under this prefix, and the assets bucket's
 * lifecycle deletes what a failed publish leaves there after a day.
 */
export const STAGING_PREFIX = RESOURCE_PACK_PREFIXES.uploads;

export interface S3Target {
  readonly client: S3Client;
  readonly bucket: string;
}

export interface PublishOptions {
  readonly pack: PackFile;
  readonly worker: WorkerTarget;
  /** Needed for packs above DIRECT_UPLOAD_MAX_BYTES, or with `via: "s3"`. */
  readonly s3?: S3Target;
  /** @default "auto": straight to the Worker up to DIRECT_UPLOAD_MAX_BYTES, over S3 above */
  readonly via?: "auto" | "worker" | "s3";
  /** @default PART_BYTES */
  readonly partBytes?: number;
  readonly progress?: (label: string, total: number) => Progress;
  readonly log?: (line: string) => void;
}

/** Publishes a pack and returns what the Worker recorded, after checking its SHA-1 against ours. */
export async function publishPack(options: PublishOptions): Promise<PackRecord> {
  const { pack } = options;
  const via = options.via ?? "auto";
  const direct = via === "worker" || (via === "auto" && pack.size <= DIRECT_UPLOAD_MAX_BYTES);
  const log = options.log ?? (() => undefined);
  let record: PackRecord;
  if (direct) {
    log(`uploading ${pack.path} (${pack.size} bytes) to ${options.worker.origin}`);
    record = await putToWorker(options);
  } else {
    if (!options.s3) {
      throw new Error(
        `${pack.path} is ${pack.size} bytes, above the ${DIRECT_UPLOAD_MAX_BYTES}-byte request limit: set the S3 variables (S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) to upload it to R2 directly`,
      );
    }
    const key = `${STAGING_PREFIX}${pack.sha1}.zip`;
    log(`uploading ${pack.path} (${pack.size} bytes) to s3://${options.s3.bucket}/${key}`);
    await uploadToBucket(options, options.s3, key);
    log("asking the Worker to hash and register it");
    record = await register(options.worker, key);
  }
  if (record.sha1 !== pack.sha1) {
    throw new Error(
      `the Worker recorded SHA-1 ${record.sha1}, but the file's is ${pack.sha1}: the upload was corrupted`,
    );
  }
  return record;
}

async function putToWorker(options: PublishOptions): Promise<PackRecord> {
  const { pack, worker } = options;
  const bar = options.progress?.("upload", pack.size);
  let sent = 0;
  const file = createReadStream(pack.path);
  file.on("data", (chunk) => {
    sent += chunk.length;
    bar?.update(sent);
  });
  const response = await fetch(new URL("/api/pack", worker.origin), {
    method: "PUT",
    headers: {
      Authorization: `Bearer ${worker.adminToken}`,
      "Content-Type": "application/zip",
      "Content-Length": String(pack.size),
      "X-Pack-Sha1": pack.sha1,
    },
    body: Readable.toWeb(file) as ReadableStream<Uint8Array>,
    duplex: "half",
  } as RequestInit);
  bar?.finish();
  if (!response.ok) throw await workerError(response, "PUT /api/pack");
  return (await response.json()) as PackRecord;
}

async function uploadToBucket(options: PublishOptions, s3: S3Target, key: string): Promise<void> {
  const { pack } = options;
  const bar = options.progress?.("upload", pack.size);
  const upload = new Upload({
    client: s3.client,
    params: {
      Bucket: s3.bucket,
      Key: key,
      Body: createReadStream(pack.path),
      ContentType: "application/zip",
    },
    partSize: options.partBytes ?? PART_BYTES,
    queueSize: 4,
    // A failed part must not leave a half-finished multipart upload billed in the bucket.
    leavePartsOnError: false,
  });
  upload.on("httpUploadProgress", (event) => bar?.update(event.loaded ?? 0));
  try {
    await upload.done();
  } catch (error) {
    throw new Error(`upload to s3://${s3.bucket}/${key} failed: ${describe(error)}`);
  } finally {
    bar?.finish();
  }
}

async function register(worker: WorkerTarget, key: string): Promise<PackRecord> {
  const response = await fetch(new URL("/api/pack/register", worker.origin), {
    method: "POST",
    headers: { Authorization: `Bearer ${worker.adminToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ key }),
  });
  if (!response.ok) throw await workerError(response, "POST /api/pack/register");
  return (await response.json()) as PackRecord;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name === "Error" ? "" : `${error.name}: `}${error.message}`;
  return String(error);
}
