import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { access, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { BUCKET_PREFIXES } from "@mc-infra/config/edge-facts";
import { assertServerName } from "../backup/keys.ts";
import { CliError, explainFsError } from "../lib/errors.ts";
import { formatBytes } from "../lib/format.ts";
import type { Reporter } from "../lib/progress.ts";
import { createS3Client } from "../lib/s3-client.ts";
import { explainS3Error } from "../lib/s3-errors.ts";
import type { S3Settings } from "../lib/s3-settings.ts";
import { gzipPending } from "./gzip-pending.ts";
import { ShipState } from "./ship-state.ts";

export interface LogSource {
  readonly server: string;
  /** The server's logs directory (itzg: /data/logs). */
  readonly logsDir: string;
}

export interface ShipOptions {
  readonly sources: readonly LogSource[];
  readonly settings: S3Settings;
  readonly reporter: Reporter;
  /** State file per source. @default `<logsDir>/.shipped.json` */
  readonly statePath?: (source: LogSource) => string;
  /** An uncompressed log untouched for this long is finished and gets gzipped. @default 10 minutes */
  readonly quietMs?: number;
  readonly now?: Date;
  readonly client?: S3Client;
}

export interface ShipResult {
  /** Object keys written in this run. */
  readonly uploaded: readonly string[];
  /** Files already in the bucket (by the state file, or found there with the same size and SHA-256). */
  readonly skipped: number;
  /** Logs this run gzipped first. */
  readonly compressed: readonly string[];
}

const ROTATED = /\.log\.gz$/;

/**
 * Ships rotated logs (`*.log.gz`) to `logs/<server>/<date>/<file>`. Idempotent: a file is uploaded
 * only if the bucket does not already hold it with the same size and SHA-256, so reruns neither
 * lose nor duplicate. `latest.log` is never shipped: it is still being written, and it reaches the
 * bucket after the server rotates it.
 */
export async function shipLogs(options: ShipOptions): Promise<ShipResult> {
  const { reporter, settings } = options;
  const client = options.client ?? createS3Client(settings);
  const now = options.now ?? new Date();
  const uploaded: string[] = [];
  const compressed: string[] = [];
  let skipped = 0;
  for (const source of options.sources) {
    assertServerName(source.server);
    const state = await ShipState.load(
      options.statePath?.(source) ?? join(source.logsDir, ".shipped.json"),
      reporter.warn,
    );
    if (!(await exists(source.logsDir))) {
      // A server that has not started yet has no logs folder: nothing to ship, nothing wrong.
      reporter.step(`${source.logsDir} does not exist (yet): nothing to ship for ${source.server}`);
      continue;
    }
    try {
      compressed.push(...(await gzipPending(source.logsDir, now, options.quietMs ?? 10 * 60_000)));
    } catch (error) {
      throw asCliError(error, `compressing logs in ${source.logsDir}`);
    }
    const names = (
      await readdir(source.logsDir).catch((error) => {
        throw asCliError(error, `reading ${source.logsDir}`);
      })
    )
      .filter((name) => ROTATED.test(name))
      .sort();
    for (const name of names) {
      const path = join(source.logsDir, name);
      const info = await stat(path);
      if (state.isShipped(name, info.size, info.mtimeMs)) {
        skipped += 1;
        continue;
      }
      const sha256 = await fileSha256(path);
      const key = await targetKey(client, settings, source.server, name, info, sha256);
      if (key.present) {
        skipped += 1;
      } else {
        await put(client, settings, key.key, path, info.size, sha256);
        uploaded.push(key.key);
        reporter.step(`shipped ${path} → ${key.key} (${formatBytes(info.size)})`);
      }
      await state.record(name, {
        size: info.size,
        mtimeMs: info.mtimeMs,
        sha256,
        key: key.key,
        shippedAt: now.toISOString(),
      });
    }
    await state.forgetMissing(new Set(names));
  }
  reporter.step(
    `logs: ${uploaded.length} uploaded, ${skipped} already in s3://${settings.bucket}, ${compressed.length} gzipped first`,
  );
  return { uploaded, skipped, compressed };
}

/**
 * `logs/<server>/<date>/<file>`, the date from Paper's rotated name (`2025-01-02-1.log.gz`) or else
 * the file's UTC modification day. If that key holds a different file (the logs folder was reset
 * and Paper reused a name), the new one goes beside it with its hash in the name: never overwrite.
 */
async function targetKey(
  client: S3Client,
  settings: S3Settings,
  server: string,
  name: string,
  info: { size: number; mtime: Date },
  sha256: string,
): Promise<{ key: string; present: boolean }> {
  const date = /^(\d{4}-\d{2}-\d{2})-/.exec(name)?.[1] ?? info.mtime.toISOString().slice(0, 10);
  const primary = `${BUCKET_PREFIXES.logs}${server}/${date}/${name}`;
  const primaryState = await remote(client, settings, primary, info.size, sha256);
  if (primaryState !== "different") return { key: primary, present: primaryState === "same" };
  const alternative = `${BUCKET_PREFIXES.logs}${server}/${date}/${name.replace(ROTATED, "")}-${sha256.slice(0, 12)}.log.gz`;
  return {
    key: alternative,
    present: (await remote(client, settings, alternative, info.size, sha256)) === "same",
  };
}

async function remote(
  client: S3Client,
  settings: S3Settings,
  key: string,
  size: number,
  sha256: string,
): Promise<"missing" | "same" | "different"> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: key }));
    return head.ContentLength === size && head.Metadata?.sha256 === sha256 ? "same" : "different";
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return "missing";
    throw explainS3Error(error, settings, `checking ${key}`);
  }
}

async function put(
  client: S3Client,
  settings: S3Settings,
  key: string,
  path: string,
  size: number,
  sha256: string,
): Promise<void> {
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: settings.bucket,
        Key: key,
        // Streamed from disk with a known length: a large log is never read into memory.
        Body: createReadStream(path),
        ContentLength: size,
        ContentType: "application/gzip",
        Metadata: { sha256 },
      }),
    );
  } catch (error) {
    throw explainS3Error(error, settings, `uploading ${key}`);
  }
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function asCliError(error: unknown, doing: string): unknown {
  const fs = explainFsError(error, doing);
  return fs ? new CliError(fs, { cause: error }) : error;
}
