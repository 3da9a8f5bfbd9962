import { type Network, type ServerSpec, standardLabels } from "@mc-infra/config";

/**
 * Labels of the Minecraft workloads. Workload selectors are immutable once applied, so selectors hold
 * only labels that never change (no version); NetworkPolicies and Services select by the same ones.
 */
export const VELOCITY_SELECTOR = {
  "app.kubernetes.io/name": "velocity",
  "app.kubernetes.io/instance": "velocity",
} as const;

/** Every Paper server's pods. */
export const ALL_PAPER_SELECTOR = { "app.kubernetes.io/name": "paper" } as const;

/** One Paper server's pod. */
export function paperSelector(server: Pick<ServerSpec, "name">): Record<string, string> {
  return { ...ALL_PAPER_SELECTOR, "app.kubernetes.io/instance": server.name };
}

/** The standard labels of everything that belongs to the proxy. */
export function velocityLabels(network: Network): Record<string, string> {
  return standardLabels(network, {
    name: "velocity",
    instance: "velocity",
    component: "proxy",
    version: `${network.proxy.velocityVersion}-${network.proxy.velocityBuild}`,
  });
}

/** The standard labels of everything that belongs to one Paper server. */
export function paperLabels(network: Network, server: ServerSpec): Record<string, string> {
  return standardLabels(network, {
    name: "paper",
    instance: server.name,
    component: "game-server",
    version: server.paperVersion,
  });
}

/**
 * Labels without `app.kubernetes.io/version`, for fields Kubernetes never lets change: a
 * StatefulSet's volumeClaimTemplates are immutable, and a version label there would make every
 * Paper upgrade an update the API server refuses.
 */
export function immutableLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([key]) => key !== "app.kubernetes.io/version"));
}
