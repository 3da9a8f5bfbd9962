import type { Network } from "./define.ts";
import type { ServerSpec } from "./schema/network.ts";

/**
 * Facts two layers must agree on, computed once here and imported by both sides (charts and Pulumi,
 * Pulumi and the Workers' config) so they cannot drift.
 */

/** Ports inside the cluster. Velocity binds 25577 explicitly: its default bind (25565) and the image's probe (25577) disagree. */
export const PORTS = {
  velocity: 25577,
  paper: 25565,
  rcon: 25575,
  /** What LAN players dial on the MetalLB VIP: Minecraft's default port, so they type only the address. */
  velocityLan: 25565,
} as const;

/**
 * The port players dial on the public Minecraft hostname (the client's default, so addresses need
 * no `:port`). The ingress relays listen on it; the status Worker pings it.
 */
export const PUBLIC_MINECRAFT_PORT = 25565;

export interface ServiceRef {
  readonly name: string;
  readonly namespace: string;
  readonly port: number;
  /** Cluster DNS name, as cloudflared and Velocity dial it. */
  readonly host: string;
}

function service(name: string, namespace: string, port: number): ServiceRef {
  return { name, namespace, port, host: `${name}.${namespace}.svc.cluster.local` };
}

/** The Velocity ClusterIP Service: the Tunnel's ingress target (cloudflared dials it). */
export function velocityService(network: Network): ServiceRef {
  return service("velocity", network.cluster.namespaces.minecraft, PORTS.velocity);
}

/**
 * The LoadBalancer Service that owns the MetalLB VIP (`cluster.metallb.proxyVip`): the LAN players' way in.
 * With `proxy.proxyProtocol` it leads to a relay in the Velocity pod that adds the PROXY header the
 * tunnel path carries (see docs/adr/0006-proxy-protocol-and-lan-players.md).
 */
export function velocityLanService(network: Network): ServiceRef {
  return service("velocity-lan", network.cluster.namespaces.minecraft, PORTS.velocityLan);
}

/** The ClusterIP Service Velocity forwards a server's players to. */
export function paperService(network: Network, server: Pick<ServerSpec, "name">): ServiceRef {
  return service(server.name, network.cluster.namespaces.minecraft, PORTS.paper);
}

export interface SecretRef {
  readonly name: string;
  readonly namespace: string;
  /** Keys the manifests read; Pulumi writes exactly these. */
  readonly keys: readonly string[];
  /** Why it exists, for the operator reading `kubectl get secrets`. */
  readonly purpose: string;
}

/**
 * Keys of the Skript repository's credentials Secret, as git-sync reads them: a username and a
 * personal access token (environment) for https, a private key and known_hosts (files) for ssh.
 */
export const SKRIPT_GIT_SECRET_KEYS = {
  https: { username: "username", password: "password" },
  ssh: { privateKey: "ssh", knownHosts: "known_hosts" },
} as const;

/** The keys of {@link SKRIPT_GIT_SECRET_KEYS} a repository URL needs: the Secret holds exactly these. */
export function skriptGitSecretKeys(repo: string): readonly string[] {
  return Object.values(SKRIPT_GIT_SECRET_KEYS[repo.startsWith("ssh://") ? "ssh" : "https"]);
}

/** Every Secret the rendered manifests reference. Created by Pulumi, never committed. */
export function clusterSecrets(network: Network) {
  const ns = network.cluster.namespaces;
  const s3Keys = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "S3_ENDPOINT", "S3_BUCKET"] as const;
  const { credentialsSecret } = network.skript;
  return {
    ...(credentialsSecret
      ? {
          skriptGit: {
            name: credentialsSecret,
            namespace: ns.minecraft,
            keys: skriptGitSecretKeys(network.skript.repo),
            purpose: "git credentials of the private Skript repository (git-sync)",
          },
        }
      : {}),
    velocityForwarding: {
      name: "velocity-forwarding",
      namespace: ns.minecraft,
      keys: ["secret"],
      purpose: "modern forwarding secret shared by Velocity and Paper",
    },
    rcon: {
      name: "minecraft-rcon",
      namespace: ns.minecraft,
      keys: ["password"],
      purpose: "RCON password of every Paper server",
    },
    tunnelToken: {
      name: "cloudflared-tunnel",
      namespace: ns.cloudflared,
      keys: ["token"],
      purpose: "Cloudflare Tunnel token",
    },
    backupStorage: {
      name: "r2-backups",
      namespace: ns.minecraft,
      keys: s3Keys,
      purpose: "R2 S3 credentials for world backups",
    },
    logStorage: {
      name: "r2-logs",
      namespace: ns.minecraft,
      keys: s3Keys,
      purpose: "R2 S3 credentials for log shipping",
    },
    longhornBackupTarget: {
      name: "longhorn-r2",
      namespace: ns.longhorn,
      keys: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINTS"],
      purpose: "R2 credentials for Longhorn's backup target",
    },
    discordWebhook: {
      name: "alertmanager-discord",
      namespace: ns.monitoring,
      keys: ["webhook-url"],
      purpose: "Discord webhook Alertmanager posts alerts to",
    },
    grafanaAdmin: {
      name: "grafana-admin",
      namespace: ns.monitoring,
      keys: ["admin-user", "admin-password"],
      purpose: "Grafana's admin login (the chart's default password is public)",
    },
  } satisfies Record<string, SecretRef>;
}

/** R2 bucket names, prefixed with the network name so two networks share an account safely. */
export function bucketNames(network: Network) {
  return {
    backups: `${network.name}-backups`,
    logs: `${network.name}-logs`,
    assets: `${network.name}-assets`,
  } as const;
}

export type BucketKey = keyof ReturnType<typeof bucketNames>;

/**
 * Which of the network's buckets a bucket name is, from the `<network>-<key>` naming alone: for
 * checks that see only the name (the policy pack sees resources, not the network config).
 */
export function bucketKeyOf(bucketName: string): BucketKey | undefined {
  return (["backups", "logs", "assets"] as const satisfies readonly BucketKey[]).find((key) =>
    bucketName.endsWith(`-${key}`),
  );
}

/** Where Longhorn keeps its block-level backups inside the backups bucket; R2 lifecycle rules for world tarballs must leave it alone. */
export const LONGHORN_BACKUP_PREFIX = "longhorn/";

/** Longhorn's backup target: the R2 backups bucket (R2's S3 region is always `auto`; the endpoint is in the credential Secret). */
export function longhornBackupTargetUrl(network: Network): string {
  return `s3://${bucketNames(network).backups}@auto/${LONGHORN_BACKUP_PREFIX}`;
}

/** The standard labels every rendered object carries. */
export function standardLabels(
  network: Network,
  component: { name: string; instance?: string; component: string; version?: string },
): Record<string, string> {
  return {
    "app.kubernetes.io/name": component.name,
    "app.kubernetes.io/instance": component.instance ?? component.name,
    "app.kubernetes.io/component": component.component,
    "app.kubernetes.io/part-of": network.name,
    "app.kubernetes.io/managed-by": "cdk8s",
    ...(component.version ? { "app.kubernetes.io/version": component.version } : {}),
  };
}

/** The volumeClaimTemplate of every Paper StatefulSet; its one replica's PVC is `world-<server>-0`. */
export const WORLD_VOLUME = "world";

/** The PVC holding a server's world (StatefulSet replica 0). Backups, restores and alerts find it by this name. */
export function worldClaimName(server: Pick<ServerSpec, "name">): string {
  return `${WORLD_VOLUME}-${server.name}-0`;
}

/**
 * Pods that may speak RCON to the Paper servers (backups, the Skript reload) carry this label;
 * the NetworkPolicy admits RCON from nothing else.
 */
export const OPS_POD_LABEL = { key: "minecraft-infra/ops", value: "true" } as const;

/**
 * Key prefixes in the assets bucket. Packs are content-addressed and cached by clients under their
 * hash, so nothing may ever expire them; uploads staged for the Worker to hash expire after a day.
 */
export const RESOURCE_PACK_PREFIXES = { packs: "packs/", uploads: "incoming/" } as const;

/**
 * The resource-pack Worker: its script name (prefixed like every Cloudflare resource), the origin
 * its download URLs use, and where packs live in the assets bucket. The Worker's wrangler config,
 * Pulumi (custom domain, lifecycle rule on the staging prefix) and the Paper init container agree
 * through this.
 */
export function resourcePackWorker(network: Network) {
  return {
    name: `${network.name}-resource-pack`,
    origin: `https://${network.edge.resourcePackHostname}`,
    bucket: bucketNames(network).assets,
    /** Content-addressed packs: `packs/<sha1>.zip`. Never expired. */
    packPrefix: RESOURCE_PACK_PREFIXES.packs,
    /** Uploads waiting for the Worker to hash them (pack:publish's S3 path); never served. */
    stagingPrefix: RESOURCE_PACK_PREFIXES.uploads,
    /** An upload left behind by a failed publish is deleted after this many days (R2 lifecycle). */
    stagingExpiryDays: 1,
  } as const;
}
