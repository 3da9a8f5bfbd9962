import type { Network } from "@mc-infra/config";
import { findKubeconfig } from "./checks/argocd-applications.ts";
import type { IngressNodeTarget } from "./checks/ingress-health.ts";
import type { MinecraftTarget } from "./checks/server-list-ping.ts";

/** Where the checks point. Derived from the network config; every field can be overridden from the environment. */
export interface VerifyTargets {
  readonly minecraft: MinecraftTarget;
  readonly ingressNodes: readonly IngressNodeTarget[];
  /** The load balancer monitor's secret; without it the "with secret" rows are skipped. */
  readonly gatewaySecret?: string;
  /** Base URL of the resource-pack Worker. */
  readonly resourcePackUrl: string;
  /** Base URL of the status Worker. */
  readonly statusUrl: string;
  readonly argocdNamespace: string;
  readonly kubeconfig?: string;
}

/** The environment variables `pnpm verify` reads, and what each overrides. */
export const VERIFY_ENV = {
  GATEWAY_SECRET: "the ingress nodes' X-Gateway-Secret (a Pulumi output / GitHub secret)",
  VERIFY_MINECRAFT_ADDRESS: "host:port for the Server List Ping (default: edge.minecraftHostname:25565)",
  VERIFY_INGRESS_HEALTH_URLS:
    "name=url,… health agent URLs (default: https://<publicIp>:<healthPort>/health per ingress node)",
  VERIFY_RESOURCE_PACK_URL:
    "base URL of the resource-pack Worker (default: https://<edge.resourcePackHostname>)",
  VERIFY_STATUS_URL: "base URL of the status Worker (default: https://<edge.statusHostname>)",
  KUBECONFIG: "kubeconfig for the ArgoCD check (default: ~/.kube/config; skipped when neither exists)",
} as const;

/** The port players use: the ingress nodes' HAProxy listens on Minecraft's default port. */
const PUBLIC_MINECRAFT_PORT = 25565;

export function targetsFromNetwork(network: Network, env: NodeJS.ProcessEnv): VerifyTargets {
  const { edge, ingressNodes } = network;
  const nodes = [ingressNodes.primary, ingressNodes.standby].map((node) => ({
    name: node.name,
    healthUrl: `https://${node.publicIp}:${ingressNodes.healthPort}/health`,
  }));
  const kubeconfig = findKubeconfig(env);
  return {
    minecraft: env.VERIFY_MINECRAFT_ADDRESS
      ? parseAddress(env.VERIFY_MINECRAFT_ADDRESS, "VERIFY_MINECRAFT_ADDRESS")
      : { host: edge.minecraftHostname, port: PUBLIC_MINECRAFT_PORT },
    ingressNodes: env.VERIFY_INGRESS_HEALTH_URLS ? parseNodes(env.VERIFY_INGRESS_HEALTH_URLS) : nodes,
    ...(env.GATEWAY_SECRET ? { gatewaySecret: env.GATEWAY_SECRET } : {}),
    resourcePackUrl: baseUrl(env.VERIFY_RESOURCE_PACK_URL ?? `https://${edge.resourcePackHostname}`),
    statusUrl: baseUrl(env.VERIFY_STATUS_URL ?? `https://${edge.statusHostname}`),
    argocdNamespace: network.argocd.namespace,
    ...(kubeconfig ? { kubeconfig } : {}),
  };
}

/** `host:port` or `[v6]:port`. */
export function parseAddress(value: string, variable: string): MinecraftTarget {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65535) throw new Error(`${variable} must be host:port, got "${value}"`);
  return { host: (match[1] ?? match[2])!, port };
}

function parseNodes(value: string): IngressNodeTarget[] {
  return value.split(",").map((entry) => {
    const [name, url] = entry.split("=", 2).map((part) => part.trim());
    if (!name || !url) throw new Error(`VERIFY_INGRESS_HEALTH_URLS entries must be name=url, got "${entry}"`);
    return { name, healthUrl: new URL(url).href };
  });
}

function baseUrl(value: string): string {
  return new URL(value).href;
}
