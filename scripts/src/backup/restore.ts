import { mkdir, mkdtemp, readdir, rename, rm, statfs } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { DigestStream } from "../lib/digest-stream.ts";
import { CliError, explainFsError } from "../lib/errors.ts";
import { formatBytes } from "../lib/format.ts";
import type { Reporter } from "../lib/progress.ts";
import { createS3Client } from "../lib/s3-client.ts";
import { explainS3Error } from "../lib/s3-errors.ts";
import type { S3Settings } from "../lib/s3-settings.ts";
import { BackupCatalog } from "./catalog.ts";
import { decompressor } from "./compression.ts";
import { extractInto } from "./extract.ts";
import type { BackupManifest } from "./manifest.ts";

export interface RestoreOptions {
  readonly server: string;
  /** Directory to restore into; created if missing. */
  readonly target: string;
  /** `latest`, a backup id or an ISO time (the newest backup at or before it). @default "latest" */
  readonly at?: string;
  /** Replace what the directory holds instead of refusing a non-empty one. @default false */
  readonly force?: boolean;
  readonly settings: S3Settings;
  readonly reporter: Reporter;
  readonly signal?: AbortSignal;
  readonly client?: S3Client;
}

/** Staging folders restores extract into; the CLI ignores its own leftovers when checking emptiness. */
const STAGING_PREFIX = ".restore-";

/**
 * Downloads a backup, checks its SHA-256 and size against the manifest while extracting it into a
 * staging folder inside the target, and only then moves the files into place. A corrupt or
 * interrupted download therefore never touches what the directory held before.
 */
export async function runRestore(options: RestoreOptions): Promise<BackupManifest> {
  const { reporter, settings, target } = options;
  const client = options.client ?? createS3Client(settings);
  const manifest = await new BackupCatalog(client, settings).resolve(options.server, options.at ?? "latest");
  reporter.step(
    `restoring ${manifest.server}/${manifest.id} (world "${manifest.world.name}", ${manifest.world.minecraftVersion ?? "unknown version"}, ${manifest.world.files} files, ${formatBytes(manifest.world.bytes)}) into ${target}`,
  );

  const existing = await prepareTarget(target);
  if (existing.length > 0 && !options.force) {
    const shown = existing.slice(0, 5).join(", ");
    throw new CliError(
      `${target} is not empty (${shown}${existing.length > 5 ? ", …" : ""}): restore into an empty directory, or pass --force to replace its contents`,
    );
  }
  await assertSpace(target, manifest.world.bytes);

  const staging = await mkdtemp(join(target, STAGING_PREFIX));
  try {
    await download(client, manifest, staging, options);
    if (existing.length > 0) {
      reporter.step(`--force: removing the ${existing.length} entries ${target} held`);
      for (const name of existing) await rm(join(target, name), { recursive: true, force: true });
    }
    for (const name of await readdir(staging)) await rename(join(staging, name), join(target, name));
  } catch (error) {
    const fs = explainFsError(error, `restoring into ${target}`);
    throw fs ? new CliError(fs, { cause: error }) : error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  reporter.step(`restored ${manifest.server}/${manifest.id} into ${target}; sha256 verified`);
  return manifest;
}

async function download(
  client: S3Client,
  manifest: BackupManifest,
  staging: string,
  options: RestoreOptions,
): Promise<void> {
  const { settings, reporter } = options;
  let body: Readable;
  try {
    const response = await client.send(
      new GetObjectCommand({ Bucket: settings.bucket, Key: manifest.archive.key }),
      { abortSignal: options.signal },
    );
    body = response.Body as Readable;
  } catch (error) {
    throw explainS3Error(error, settings, `downloading ${manifest.archive.key}`);
  }
  const bar = reporter.bar("restore", manifest.archive.size);
  const digest = new DigestStream((bytes) => bar.update(bytes));
  try {
    await pipeline(body, digest, decompressor(manifest.archive.compression), extractInto(staging), {
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof CliError) throw error;
    if (explainFsError(error, "")) throw error;
    throw new CliError(
      `${manifest.archive.key} could not be extracted after ${formatBytes(digest.bytes)}: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    bar.stop();
  }
  const sha256 = digest.sha256();
  if (digest.bytes !== manifest.archive.size || sha256 !== manifest.archive.sha256) {
    throw new CliError(
      `${manifest.archive.key} does not match its manifest (got ${digest.bytes} bytes, sha256 ${sha256}; expected ${manifest.archive.size} bytes, ${manifest.archive.sha256}): the archive is damaged, nothing was restored`,
    );
  }
}

/** Creates the target if needed and lists what it holds, minus our own staging leftovers and lost+found. */
async function prepareTarget(target: string): Promise<string[]> {
  try {
    await mkdir(target, { recursive: true });
    // lost+found belongs to the file system (a fresh volume has it) and is neither checked nor replaced.
    return (await readdir(target))
      .filter((name) => !name.startsWith(STAGING_PREFIX) && name !== "lost+found")
      .sort();
  } catch (error) {
    const fs = explainFsError(error, `preparing ${target}`);
    throw fs ? new CliError(fs, { cause: error }) : error;
  }
}

/** Refuses up front when the volume cannot hold the world, rather than failing with ENOSPC halfway. */
async function assertSpace(target: string, bytes: number): Promise<void> {
  const stats = await statfs(target);
  const free = stats.bavail * stats.bsize;
  // Block rounding and directories cost more than the file bytes: ask for 5% and 64 MiB of slack.
  const needed = Math.ceil(bytes * 1.05) + 64 * 1024 * 1024;
  if (free < needed) {
    throw new CliError(
      `not enough space in ${target}: the backup needs about ${formatBytes(needed)}, the volume has ${formatBytes(free)} free`,
    );
  }
}
