import type { Network } from "./define.ts";
import { bucketNames } from "./derived.ts";

/**
 * Facts the edge shares with other layers: the Pulumi program, the ingress nodes, the Workers'
 * wrangler config and the operations CLIs. Computed here once so no two sides spell them differently.
 */

/** Header the load balancer's monitor sends and the ingress health agent checks (constant-time). */
export const GATEWAY_SECRET_HEADER = "X-Gateway-Secret";

/** Ports on an ingress node. */
export const INGRESS_PORTS = {
  /** What players reach: HAProxy, which prepends the PROXY v2 header. */
  minecraft: 25565,
  /** `cloudflared access tcp` listens here on loopback only; HAProxy is its one client. */
  relay: 25566,
} as const;

/**
 * Key prefixes inside the R2 buckets. Lifecycle rules expire by prefix: Longhorn's incremental
 * backup blocks share the backups bucket and must never be aged out under it.
 */
export const BUCKET_PREFIXES = {
  worldBackups: "backups/",
  longhorn: "longhorn/",
  logs: "logs/",
} as const;

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
  readonly hostname: string;
  /** Binding name → KV namespace. */
  readonly kvNamespaces: Readonly<Record<string, KvNamespaceKey>>;
  /** Binding name → R2 bucket name. */
  readonly r2Buckets: Readonly<Record<string, string>>;
  /** Plain (non-secret) vars. Secrets go through `wrangler secret put`. */
  readonly vars: Readonly<Record<string, string>>;
  /** Worker secrets the Pulumi program generates (output name in `workerSecrets`). */
  readonly secrets: readonly string[];
}

/**
 * How each Worker is wired to what the edge provisions: the binding names its code reads from `env`
 * and the values `pnpm edge:sync` writes into its wrangler.jsonc. Change a binding name here and in
 * the Worker's code together.
 */
export function workerWiring(network: Network): Readonly<Record<WorkerName, WorkerWiring>> {
  const buckets = bucketNames(network);
  return {
    "resource-pack": {
      dir: "resource-pack",
      hostname: network.edge.resourcePackHostname,
      kvNamespaces: { PACK_INDEX: "resourcePackIndex" },
      r2Buckets: { PACKS: buckets.assets },
      vars: { PUBLIC_BASE_URL: `https://${network.edge.resourcePackHostname}` },
      secrets: ["ADMIN_TOKEN"],
    },
    status: {
      dir: "status",
      hostname: network.edge.statusHostname,
      kvNamespaces: { STATUS: "statusCache" },
      r2Buckets: {},
      // Workers reach only public addresses: the status ping takes the players' path.
      vars: { STATUS_TARGET: `${network.edge.minecraftHostname}:${INGRESS_PORTS.minecraft}` },
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
