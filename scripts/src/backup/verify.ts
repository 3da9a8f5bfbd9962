import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import type { Reporter } from "../lib/progress.ts";
import { createS3Client } from "../lib/s3-client.ts";
import type { S3Settings } from "../lib/s3-settings.ts";
import type { BackupManifest } from "./manifest.ts";
import { runRestore } from "./restore.ts";
import { checkWorld, type WorldCheck } from "./world-check.ts";

export interface VerifyOptions {
  readonly server: string;
  readonly settings: S3Settings;
  readonly reporter: Reporter;
  /** Where the scratch restore goes; it needs room for the whole world. @default os.tmpdir() */
  readonly scratchDir?: string;
  readonly signal?: AbortSignal;
  readonly client?: S3Client;
}

export interface VerifyResult extends WorldCheck {
  readonly manifest: BackupManifest;
}

/**
 * The weekly drill: restore the newest backup into a scratch directory exactly as an operator would
 * (download, SHA-256, extract), check it is a loadable world, and delete the scratch copy.
 */
export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  const client = options.client ?? createS3Client(options.settings);
  const scratch = await mkdtemp(join(options.scratchDir ?? tmpdir(), `verify-${options.server}-`));
  try {
    const manifest = await runRestore({ ...options, client, target: scratch, at: "latest" });
    const check = await checkWorld(scratch);
    options.reporter.step(
      `${options.server}/${manifest.id}: ${check.levelDats} level.dat, ${check.regionFiles} region files checked, ${check.problems.length} problems`,
    );
    return { ...check, manifest };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
