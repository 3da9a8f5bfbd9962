import { DeleteObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { formatBytes } from "../lib/format.ts";
import type { Reporter } from "../lib/progress.ts";
import { createS3Client } from "../lib/s3-client.ts";
import { explainS3Error } from "../lib/s3-errors.ts";
import type { S3Settings } from "../lib/s3-settings.ts";
import { BackupCatalog, type ServerListing } from "./catalog.ts";
import { type BackupId, backupTime } from "./keys.ts";

const DAY_MS = 86_400_000;

export interface PrunePlan {
  /** Complete backups that stay, oldest first. */
  readonly keep: readonly BackupId[];
  /** Complete backups past retention: manifest and archive go. */
  readonly expire: readonly BackupId[];
  /** Archives without a manifest (a backup that died before its manifest) past retention. */
  readonly orphans: readonly BackupId[];
  /** The keys to delete, manifests first: a backup stops being listed before its archive goes. */
  readonly keys: readonly string[];
  readonly bytes: number;
}

/**
 * Everything older than `keepDays` goes, except the newest complete backup, which stays however
 * old it is: a server whose backups stopped must not lose its last one to retention.
 */
export function planPrune(listing: ServerListing, now: Date, keepDays: number): PrunePlan {
  const cutoff = now.getTime() - keepDays * DAY_MS;
  const complete = [...listing.manifests.keys()];
  const newest = complete.at(-1);
  const expire = complete.filter((id) => id !== newest && backupTime(id).getTime() < cutoff);
  const keep = complete.filter((id) => !expire.includes(id));
  const orphans = [...listing.archives.keys()].filter(
    (id) => !listing.manifests.has(id) && backupTime(id).getTime() < cutoff,
  );
  const manifestKeys = expire.map((id) => listing.manifests.get(id)!.key);
  const archiveIds = [...expire, ...orphans].filter((id) => listing.archives.has(id));
  const archiveKeys = archiveIds.map((id) => listing.archives.get(id)!.key);
  const bytes = archiveIds.reduce((sum, id) => sum + listing.archives.get(id)!.size, 0);
  return { keep, expire, orphans, keys: [...manifestKeys, ...archiveKeys], bytes };
}

export interface PruneOptions {
  readonly server: string;
  readonly keepDays: number;
  readonly settings: S3Settings;
  readonly reporter: Reporter;
  /** Print the plan, delete nothing. @default false */
  readonly dryRun?: boolean;
  readonly now?: Date;
  readonly client?: S3Client;
}

export async function runPrune(options: PruneOptions): Promise<PrunePlan> {
  const { reporter, settings, server } = options;
  const client = options.client ?? createS3Client(settings);
  const listing = await new BackupCatalog(client, settings).listServer(server);
  const plan = planPrune(listing, options.now ?? new Date(), options.keepDays);
  reporter.step(
    `${server}: keeping ${plan.keep.length} backups, ${options.dryRun ? "would delete" : "deleting"} ${plan.expire.length} older than ${options.keepDays} days and ${plan.orphans.length} orphaned archives (${formatBytes(plan.bytes)})`,
  );
  if (options.dryRun) {
    for (const key of plan.keys) reporter.step(`would delete ${key}`);
    return plan;
  }
  // In order, not in parallel: manifests must be gone before their archives.
  for (const key of plan.keys) {
    try {
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: key }));
    } catch (error) {
      throw explainS3Error(error, settings, `deleting ${key}`);
    }
  }
  return plan;
}
