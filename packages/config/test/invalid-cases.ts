import type { NetworkInput } from "../src/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: the cases break the config's types on purpose.
type Mutable = any;

export interface InvalidCase {
  readonly name: string;
  /** Breaks a copy of the example network's base. */
  readonly mutate: (base: Mutable) => void;
  /** The path the error must name, exactly as printed. */
  readonly path: string;
  /** A fragment the message must contain. */
  readonly message: RegExp;
  readonly environment?: string;
}

/** Distinct ways to get the network config wrong, each with the field the operator must fix. */
export const INVALID_CASES: readonly InvalidCase[] = [
  {
    name: "scratch volumes on the worlds' StorageClass",
    mutate: (b) => {
      b.cluster.longhorn.scratchStorageClassName = "minecraft-worlds";
    },
    path: "cluster.longhorn.scratchStorageClassName",
    message: /must differ from cluster\.longhorn\.storageClassName/,
  },
  {
    name: "a Velocity build that is not a number",
    mutate: (b) => {
      b.proxy.velocityBuild = "latest";
    },
    path: "proxy.velocityBuild",
    message: /number/,
  },
  {
    name: "EULA not accepted",
    mutate: (b) => {
      b.servers[1].eula = false;
    },
    path: "servers[1].eula",
    message: /EULA/,
  },
  {
    name: "EULA left out",
    mutate: (b) => {
      delete b.servers[0].eula;
    },
    path: "servers[0].eula",
    message: /EULA/,
  },
  {
    name: "heap above 80% of the limit",
    mutate: (b) => {
      b.servers[1].memory.heap = "7G";
    },
    path: "servers[1].memory.heap",
    message: /more than 80% of the 8Gi limit/,
  },
  {
    name: "proxy heap above 80%",
    mutate: (b) => {
      b.proxy.memory.heap = "1G";
    },
    path: "proxy.memory.heap",
    message: /80%/,
  },
  {
    name: "two servers with one name",
    mutate: (b) => {
      b.servers[1].name = "lobby";
    },
    path: "servers[1].name",
    message: /already the name of servers\[0\]/,
  },
  {
    name: "server name not DNS-safe",
    mutate: (b) => {
      b.servers[1].name = "Survival_World";
    },
    path: "servers[1].name",
    message: /DNS label/,
  },
  {
    name: "VIP outside the MetalLB range",
    mutate: (b) => {
      b.cluster.metallb.proxyVip = "192.168.1.20";
    },
    path: "cluster.metallb.proxyVip",
    message: /not inside cluster\.metallb\.addresses/,
  },
  {
    name: "VIP not an address",
    mutate: (b) => {
      b.cluster.metallb.proxyVip = "300.1.1.1";
    },
    path: "cluster.metallb.proxyVip",
    message: /IPv4/,
  },
  {
    name: "malformed MetalLB range",
    mutate: (b) => {
      b.cluster.metallb.addresses = ["192.168.1.240..250"];
    },
    path: "cluster.metallb.addresses[0]",
    message: /range/,
  },
  {
    name: "cron minute out of range",
    mutate: (b) => {
      b.backups.schedule = "61 * * * *";
    },
    path: "backups.schedule",
    message: /cron/,
  },
  {
    name: "six-field cron (seconds) where Kubernetes takes five",
    mutate: (b) => {
      b.backups.pruneSchedule = "0 30 3 * * *";
    },
    path: "backups.pruneSchedule",
    message: /five-field/,
  },
  {
    name: "edge hostname outside the domain",
    mutate: (b) => {
      b.edge.statusHostname = "status.example.org";
    },
    path: "edge.statusHostname",
    message: /not under the domain example\.net/,
  },
  {
    name: "upper-case hostname",
    mutate: (b) => {
      b.edge.minecraftHostname = "Play.example.net";
    },
    path: "edge.minecraftHostname",
    message: /hostname/,
  },
  {
    name: "one hostname for two Workers",
    mutate: (b) => {
      b.edge.resourcePackHostname = b.edge.statusHostname;
    },
    path: "edge.statusHostname",
    message: /already used by edge\.resourcePackHostname/,
  },
  {
    name: "try names an unknown server",
    mutate: (b) => {
      b.proxy.try = ["hub"];
    },
    path: "proxy.try[0]",
    message: /"hub" is not a configured server/,
  },
  {
    name: "forced host sends to an unknown server",
    mutate: (b) => {
      b.proxy.forcedHosts["survival.example.net"] = ["creative"];
    },
    path: 'proxy.forcedHosts["survival.example.net"][0]',
    message: /"creative" is not a configured server/,
  },
  {
    name: "decimal memory quantity",
    mutate: (b) => {
      b.servers[1].memory.limit = "8G";
    },
    path: "servers[1].memory.limit",
    message: /binary quantity/,
  },
  {
    name: "disk size left out",
    mutate: (b) => {
      delete b.servers[0].disk;
    },
    path: "servers[0].disk",
    message: /expected string/,
  },
  {
    name: "misspelt field",
    mutate: (b) => {
      b.servers[0].memroy = b.servers[0].memory;
    },
    path: "servers[0]",
    message: /Unrecognized key: "memroy"/,
  },
  {
    name: "unpinned Paper version",
    mutate: (b) => {
      b.servers[0].paperVersion = "latest";
    },
    path: "servers[0].paperVersion",
    message: /Minecraft version/,
  },
  {
    name: "Modrinth plugin without a version",
    mutate: (b) => {
      b.servers[0].plugins = [{ modrinth: "luckperms" }];
    },
    path: "servers[0].plugins[0].version",
    message: /must pin a version of "luckperms"/,
  },
  {
    name: "plugin over plain http",
    mutate: (b) => {
      b.servers[0].plugins = [{ url: "http://example.net/a.jar" }];
    },
    path: "servers[0].plugins[0].url",
    message: /https/,
  },
  {
    name: "standby on the primary's address",
    mutate: (b) => {
      b.ingressNodes.standby.publicIp = b.ingressNodes.primary.publicIp;
    },
    path: "ingressNodes.standby.publicIp",
    message: /must differ/,
  },
  {
    name: "two apps in one namespace",
    mutate: (b) => {
      b.cluster.namespaces.cloudflared = "minecraft";
    },
    path: "cluster.namespaces.cloudflared",
    message: /already the minecraft namespace/,
  },
  {
    name: "no Longhorn replica",
    mutate: (b) => {
      b.cluster.longhorn.replicaCount = 0;
    },
    path: "cluster.longhorn.replicaCount",
    message: /1/,
  },
  {
    name: "strict-local with several replicas",
    mutate: (b) => {
      b.cluster.longhorn.dataLocality = "strict-local";
    },
    path: "cluster.longhorn.dataLocality",
    message: /exactly one replica/,
  },
  {
    name: "ArgoCD repo not a URL",
    mutate: (b) => {
      b.argocd.repoURL = "example/infra";
    },
    path: "argocd.repoURL",
    message: /git URL/,
  },
  {
    name: "no servers",
    mutate: (b) => {
      b.servers = [];
      b.proxy.try = [];
      b.proxy.forcedHosts = {};
    },
    path: "servers",
    message: /at least one server/,
  },
  {
    name: "unknown environment",
    mutate: () => {},
    environment: "qa",
    path: "(environment)",
    message: /unknown environment "qa"/,
  },
];

export function brokenBase(base: NetworkInput, testCase: InvalidCase): NetworkInput {
  const copy = structuredClone(base) as Mutable;
  testCase.mutate(copy);
  return copy;
}
