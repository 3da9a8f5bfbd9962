import {
  ABORT_MULTIPART_AFTER_DAYS,
  BUCKET_PREFIXES,
  type BucketKey,
  type Network,
  resourcePackWorker,
} from "@mc-infra/config";

export type { BucketKey };

export interface LifecycleRule {
  readonly id: string;
  readonly enabled: boolean;
  readonly conditions: { readonly prefix: string };
  readonly deleteObjectsTransition?: {
    readonly condition: { readonly type: "Age"; readonly maxAge: number };
  };
  readonly abortMultipartUploadsTransition?: {
    readonly condition: { readonly type: "Age"; readonly maxAge: number };
  };
}

const DAY_SECONDS = 86_400;

const abortIncompleteUploads: LifecycleRule = {
  id: "abort-incomplete-multipart-uploads",
  enabled: true,
  conditions: { prefix: "" },
  abortMultipartUploadsTransition: {
    condition: { type: "Age", maxAge: ABORT_MULTIPART_AFTER_DAYS * DAY_SECONDS },
  },
};

function expire(id: string, prefix: string, days: number): LifecycleRule {
  return {
    id,
    enabled: true,
    conditions: { prefix },
    deleteObjectsTransition: { condition: { type: "Age", maxAge: days * DAY_SECONDS } },
  };
}

/**
 * R2 lifecycle per bucket. Expiry is by prefix: world backups age out after the retention days (the
 * prune CLI is the first guard, this the second), Longhorn's blocks under `longhorn/` never do — newer
 * Longhorn backups still reference old blocks. In the assets bucket, uploads a failed publish left
 * under `incoming/` go after a day; the packs under `packs/` never do (`NEVER_EXPIRE_PREFIXES`, which
 * the policy pack enforces). Every bucket aborts abandoned multipart uploads.
 */
export function lifecycleRules(network: Network): Record<BucketKey, LifecycleRule[]> {
  const resourcePack = resourcePackWorker(network);
  return {
    backups: [
      expire("expire-world-backups", BUCKET_PREFIXES.worldBackups, network.backups.retentionDays),
      abortIncompleteUploads,
    ],
    logs: [expire("expire-logs", BUCKET_PREFIXES.logs, network.logs.retentionDays), abortIncompleteUploads],
    assets: [
      expire("expire-staged-pack-uploads", resourcePack.stagingPrefix, resourcePack.stagingExpiryDays),
      abortIncompleteUploads,
    ],
  };
}
