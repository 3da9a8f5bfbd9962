import type { k8s } from "cdk8s-plus-33";

/** Prefer one replica per node, without leaving replicas pending on a one-node lab. */
export function spreadAcrossNodes(selector: Readonly<Record<string, string>>): k8s.Affinity {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            topologyKey: "kubernetes.io/hostname",
            labelSelector: { matchLabels: { ...selector } },
          },
        },
      ],
    },
  };
}
