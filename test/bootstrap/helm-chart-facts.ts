/**
 * What each pinned upstream chart brings to a cluster and what it needs there, for the fresh-cluster
 * simulation. Needs are read from the values we render, so changing a value changes the need.
 * Sources are in docs/upstream-contracts.md (rows "chart: …").
 */
export interface ChartFacts {
  /** API groups whose CRDs the chart installs (applied first in its sync: ArgoCD orders CRDs before CRs). */
  readonly crdGroups: readonly string[];
  /** StorageClasses that exist once the chart is healthy. */
  readonly storageClasses: readonly string[];
  /** StorageClasses its workloads claim, from our values; a claim on a missing class stays Pending. */
  readonly claimedStorageClasses: (values: Values) => string[];
  /** Secrets its workloads mount, from our values; a pod missing one never starts. */
  readonly secrets: (values: Values) => string[];
}

type Values = Record<string, unknown>;

/** `at(values, "a", "b")`: a nested value, or undefined. */
function at(values: unknown, ...path: string[]): unknown {
  let value = values;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

const strings = (...values: unknown[]) =>
  values.filter((value): value is string => typeof value === "string");

export const CHART_FACTS: Record<string, ChartFacts> = {
  // metallb/metallb@v0.15.2:charts/metallb: the CRDs ship in the chart's crds/ (templates/crds via the crds subchart).
  metallb: {
    crdGroups: ["metallb.io"],
    storageClasses: [],
    claimedStorageClasses: () => [],
    secrets: () => [],
  },
  // longhorn/longhorn@v1.10.1:chart: CRDs in templates/crds.yaml; the manager creates StorageClass
  // `longhorn` from templates/storageclass.yaml's ConfigMap whatever persistence.defaultClass says.
  longhorn: {
    crdGroups: ["longhorn.io"],
    storageClasses: ["longhorn"],
    claimedStorageClasses: () => [],
    secrets: () => [],
  },
  // prometheus-community/helm-charts@kube-prometheus-stack-79.7.1: the CRDs come with the chart;
  // Prometheus and Alertmanager claim the class their storageSpec names; Grafana mounts admin.existingSecret.
  "kube-prometheus-stack": {
    crdGroups: ["monitoring.coreos.com"],
    storageClasses: [],
    claimedStorageClasses: (values) =>
      strings(
        at(
          values,
          "prometheus",
          "prometheusSpec",
          "storageSpec",
          "volumeClaimTemplate",
          "spec",
          "storageClassName",
        ),
        at(
          values,
          "alertmanager",
          "alertmanagerSpec",
          "storage",
          "volumeClaimTemplate",
          "spec",
          "storageClassName",
        ),
      ),
    secrets: (values) => strings(at(values, "grafana", "admin", "existingSecret")),
  },
};
