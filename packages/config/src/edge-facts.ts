import type { Network } from "./define.ts";
import {
  type BucketKey,
  bucketNames,
  LONGHORN_BACKUP_PREFIX,
  PUBLIC_MINECRAFT_PORT,
  RESOURCE_PACK_PREFIXES,
  resourcePackWorker,
} from "./derived.ts";

/**
 * Facts the edge shares with other layers: the Pulumi program, the ingress nodes, the Workers'
 * wrangler config and the operations CLIs. Computed here once so no two sides spell them differently.
 */

/** Header the load balancer's monitor sends and the ingress health agent checks (constant-time). */
export const GATEWAY_SECRET_HEADER = "X-Gateway-Secret";

/** Ports on an ingress node. */
export const INGRESS_PORTS = {
  /** What players reach: HAProxy, which prepends the PROXY v2 header. The address players dial. */
  minecraft: PUBLIC_MINECRAFT_PORT,
  /** `cloudflared access tcp` listens here on loopback only; HAProxy is its one client. */
  relay: 25566,
} as const;

/**
 * Key prefixes inside the R2 buckets. Lifecycle rules expire by prefix: Longhorn's incremental
 * backup blocks share the backups bucket and must never be aged out under it.
 */
export const BUCKET_PREFIXES = {
  worldBackups: "backups/",
  longhorn: LONGHORN_BACKUP_PREFIX,
  logs: "logs/",
  resourcePacks: RESOURCE_PACK_PREFIXES.packs,
  resourcePackUploads: RESOURCE_PACK_PREFIXES.uploads,
} as const;

/**
 * Per bucket (the keys of `bucketNames()`), prefixes no lifecycle rule may ever delete under:
 * newer Longhorn backups still reference old blocks, and players' clients and the Paper servers
 * refer to packs by their hash long after a newer one is published.
 */
export const NEVER_EXPIRE_PREFIXES: Readonly<Record<BucketKey, readonly string[]>> = {
  backups: [BUCKET_PREFIXES.longhorn],
  logs: [],
  assets: [BUCKET_PREFIXES.resourcePacks],
};

/** Incomplete multipart uploads (a backup killed mid-way) are aborted after this many days. */
export const ABORT_MULTIPART_AFTER_DAYS = 7;

/** R2's S3 endpoint for an account. */
export function r2Endpoint(accountId: string): string {
  return `https://${accountId}.r2.cloudflarestorage.com`;
}

export type WorkerName = "resource-pack" | "status";

/** KV namespaces the edge creates; each is bound into exactly one Worker. */
export function kvNamespaceTitles(network: Network) {
  return {
    resourcePackIndex: `${network.name}-resource-pack-index`,
    statusCache: `${network.name}-status`,
  } as const;
}

export type KvNamespaceKey = keyof ReturnType<typeof kvNamespaceTitles>;

export interface WorkerWiring {
  /** Folder under `workers/`, holding that Worker's `wrangler.jsonc`. */
  readonly dir: WorkerName;
  /** The Worker script's name (wrangler's `name`), prefixed with the network's name like every Cloudflare resource. */
  readonly scriptName: string;
  /** Served as a custom domain: the only `routes` entry. */
  readonly hostname: string;
  /** Binding name → KV namespace (created by Pulumi; edge:sync writes its id). */
  readonly kvNamespaces: Readonly<Record<string, KvNamespaceKey>>;
  /** Binding name → R2 bucket name. */
  readonly r2Buckets: Readonly<Record<string, string>>;
  /**
   * Plain vars derived from the network config. The Worker's wrangler.jsonc may hold more vars of its
   * own (tuning such as intervals and timeouts); edge:sync leaves those alone.
   */
  readonly vars: Readonly<Record<string, string>>;
  /** Worker secrets (`secrets.required`) the Pulumi program generates (output name in `workerSecrets`). */
  readonly secrets: readonly string[];
}

/**
 * How each Worker is wired to what the edge provisions: the binding names its code reads from `env`
 * (through the `Env` that `wrangler types` generates from its wrangler.jsonc) and the values
 * `pnpm edge:sync` writes there. The one source of the names: test/worker-wiring.test.ts fails when a
 * Worker's wrangler.jsonc binds anything else, so change a name here, in wrangler.jsonc and in the
 * Worker's code together.
 */
export function workerWiring(network: Network): Readonly<Record<WorkerName, WorkerWiring>> {
  const buckets = bucketNames(network);
  const resourcePack = resourcePackWorker(network);
  return {
    "resource-pack": {
      dir: "resource-pack",
      scriptName: resourcePack.name,
      hostname: network.edge.resourcePackHostname,
      kvNamespaces: { PACK_INDEX: "resourcePackIndex" },
      r2Buckets: { PACKS: buckets.assets },
      // The origin of the download URLs the Worker hands out: the custom domain.
      vars: { PUBLIC_ORIGIN: resourcePack.origin },
      secrets: ["ADMIN_TOKEN"],
    },
    status: {
      dir: "status",
      scriptName: `${network.name}-status`,
      hostname: network.edge.statusHostname,
      kvNamespaces: { STATUS_KV: "statusCache" },
      r2Buckets: {},
      // Workers reach only public addresses: the status ping takes the players' path.
      vars: { STATUS_TARGET: `${network.edge.minecraftHostname}:${PUBLIC_MINECRAFT_PORT}` },
      secrets: ["ADMIN_TOKEN"],
    },
  };
}

/**
 * What `pnpm edge:sync` writes into one Worker's wrangler.jsonc: the `workers.<dir>` entry of the
 * Pulumi stack output, in wrangler's own field names so it is copied without translation.
 */
export interface WorkerSyncEntry {
  readonly kv_namespaces: readonly { readonly binding: string; readonly id: string }[];
  readonly r2_buckets: readonly { readonly binding: string; readonly bucket_name: string }[];
  readonly vars: Readonly<Record<string, string>>;
  /**
   * The Worker's hostname as a custom domain. wrangler creates it (DNS record and certificate) on
   * deploy: a custom domain needs the Worker script to exist, and Pulumi runs before the first deploy.
   */
  readonly routes: readonly { readonly pattern: string; readonly custom_domain: boolean }[];
}

/** A Worker's sync entry, given the ids Cloudflare assigned to the KV namespaces. */
export function workerSyncEntry(
  wiring: WorkerWiring,
  kvNamespaceIds: Readonly<Record<KvNamespaceKey, string>>,
): WorkerSyncEntry {
  return {
    kv_namespaces: Object.entries(wiring.kvNamespaces).map(([binding, key]) => ({
      binding,
      id: kvNamespaceIds[key],
    })),
    r2_buckets: Object.entries(wiring.r2Buckets).map(([binding, bucket_name]) => ({ binding, bucket_name })),
    vars: { ...wiring.vars },
    routes: [{ pattern: wiring.hostname, custom_domain: true }],
  };
}
