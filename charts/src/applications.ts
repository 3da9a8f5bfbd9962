import { HELM_CHARTS, type HelmChartPin, type Network } from "@mc-infra/config";
import type { Chart } from "cdk8s";
import type { Construct } from "constructs";
import type { GroupKind } from "./argocd/app-project.ts";
import { CloudflaredChart } from "./cloudflared/chart.ts";
import { LonghornConfigChart } from "./longhorn-config/chart.ts";
import { MetallbConfigChart } from "./metallb-config/chart.ts";
import { MinecraftChart } from "./minecraft/chart.ts";
import { MonitoringChart } from "./monitoring/chart.ts";
import { kubePrometheusStackValues } from "./monitoring/kube-prometheus-stack-values.ts";

/**
 * Sync waves: operators that own CRDs first, then the custom resources they serve (the
 * StorageClasses among them), then the monitoring stack (its Prometheus and Alertmanager claim the
 * scratch StorageClass, and it owns the Prometheus Operator's CRDs), then workloads and their scrape
 * targets. With the Application health check (argocd/argocd-cm.patch.yaml) each wave waits for the
 * last to be healthy, so a wave that needs something from a later one never becomes healthy and
 * stops every wave after it: test/bootstrap plays these rules on the rendered output.
 */
export const WAVES = { operators: 0, operatorConfig: 1, platform: 2, workloads: 3 } as const;

interface ApplicationBase {
  /** Application name and, for rendered apps, the `apps/<name>/` folder. */
  readonly name: string;
  readonly description: string;
  readonly namespace: (network: Network) => string;
  readonly syncWave: number;
}

/** An application rendered by one of our charts into `apps/<name>/`. */
export interface RenderedApplication extends ApplicationBase {
  readonly source: "rendered";
  readonly chart: (scope: Construct, network: Network) => Chart;
}

/** An upstream Helm chart ArgoCD installs directly, pinned. */
export interface HelmApplication extends ApplicationBase {
  readonly source: "helm";
  readonly chart: HelmChartPin;
  readonly values: (network: Network) => Record<string, unknown>;
  /** What the pinned chart version installs; the AppProject allows exactly these. Update with the pin. */
  readonly kinds: { readonly cluster: readonly GroupKind[]; readonly namespaced: readonly GroupKind[] };
  /** Why its namespace is not `restricted`. */
  readonly privilegedReason: string;
  readonly syncOptions?: readonly string[];
}

export type ApplicationDefinition = RenderedApplication | HelmApplication;

const core = (kind: string): GroupKind => ({ group: "", kind });
const apps = (kind: string): GroupKind => ({ group: "apps", kind });
const rbac = (kind: string): GroupKind => ({ group: "rbac.authorization.k8s.io", kind });
const crd: GroupKind = { group: "apiextensions.k8s.io", kind: "CustomResourceDefinition" };
const monitoring = (kind: string): GroupKind => ({ group: "monitoring.coreos.com", kind });

export const APPLICATIONS: readonly ApplicationDefinition[] = [
  {
    source: "helm",
    name: "metallb",
    description: "MetalLB: LoadBalancer IPs on the LAN for the Velocity Service",
    namespace: (network) => network.cluster.namespaces.metallb,
    syncWave: WAVES.operators,
    chart: HELM_CHARTS.metallb,
    values: () => ({}),
    kinds: {
      cluster: [
        crd,
        rbac("ClusterRole"),
        rbac("ClusterRoleBinding"),
        { group: "admissionregistration.k8s.io", kind: "ValidatingWebhookConfiguration" },
      ],
      namespaced: [
        core("ServiceAccount"),
        core("Secret"),
        core("ConfigMap"),
        core("Service"),
        apps("Deployment"),
        apps("DaemonSet"),
        rbac("Role"),
        rbac("RoleBinding"),
      ],
    },
    privilegedReason: "the speaker DaemonSet uses hostNetwork and NET_RAW to answer ARP for the VIP",
  },
  {
    source: "helm",
    name: "longhorn",
    description: "Longhorn: replicated block storage for world data",
    namespace: (network) => network.cluster.namespaces.longhorn,
    syncWave: WAVES.operators,
    chart: HELM_CHARTS.longhorn,
    values: () => ({
      // Our own StorageClass (apps/longhorn-config) is the one worlds use; the chart's default class would compete.
      persistence: { defaultClass: false },
      // The pre-upgrade hook Job fails under ArgoCD (Longhorn's documented ArgoCD setting).
      preUpgradeChecker: { jobEnabled: false },
    }),
    kinds: {
      cluster: [
        crd,
        rbac("ClusterRole"),
        rbac("ClusterRoleBinding"),
        { group: "scheduling.k8s.io", kind: "PriorityClass" },
        { group: "storage.k8s.io", kind: "StorageClass" },
      ],
      namespaced: [
        core("ServiceAccount"),
        core("ConfigMap"),
        core("Service"),
        apps("Deployment"),
        apps("DaemonSet"),
        rbac("Role"),
        rbac("RoleBinding"),
        { group: "batch", kind: "Job" },
      ],
    },
    privilegedReason:
      "longhorn-manager and the CSI plugin run privileged to attach iSCSI block devices on each node",
    // Longhorn's CRDs outgrow the 256 KiB last-applied-configuration annotation of client-side apply.
    syncOptions: ["ServerSideApply=true"],
  },
  {
    source: "helm",
    name: "kube-prometheus-stack",
    description: "Prometheus, Alertmanager, Grafana, kube-state-metrics and node-exporter",
    namespace: (network) => network.cluster.namespaces.monitoring,
    syncWave: WAVES.platform,
    chart: HELM_CHARTS.kubePrometheusStack,
    values: kubePrometheusStackValues,
    kinds: {
      cluster: [crd, rbac("ClusterRole"), rbac("ClusterRoleBinding")],
      namespaced: [
        core("ServiceAccount"),
        core("Secret"),
        core("ConfigMap"),
        core("Service"),
        apps("Deployment"),
        apps("DaemonSet"),
        rbac("Role"),
        rbac("RoleBinding"),
        monitoring("Prometheus"),
        monitoring("Alertmanager"),
        monitoring("ServiceMonitor"),
        monitoring("PrometheusRule"),
      ],
    },
    privilegedReason: "node-exporter reads node metrics with hostNetwork, hostPID and the host's filesystem",
    // The Prometheus Operator's CRDs outgrow the 256 KiB last-applied-configuration annotation.
    syncOptions: ["ServerSideApply=true"],
  },
  {
    source: "rendered",
    name: "metallb-config",
    description: "MetalLB address pool and L2 advertisement for the proxy VIP",
    namespace: (network) => network.cluster.namespaces.metallb,
    syncWave: WAVES.operatorConfig,
    chart: (scope, network) => new MetallbConfigChart(scope, network),
  },
  {
    source: "rendered",
    name: "longhorn-config",
    description: "Longhorn StorageClass for worlds, recurring snapshots and backups, the R2 backup target",
    namespace: (network) => network.cluster.namespaces.longhorn,
    syncWave: WAVES.operatorConfig,
    chart: (scope, network) => new LonghornConfigChart(scope, network),
  },
  {
    source: "rendered",
    name: "monitoring",
    description: "Minecraft scrape targets, alert rules and the Discord route",
    namespace: (network) => network.cluster.namespaces.monitoring,
    syncWave: WAVES.workloads,
    chart: (scope, network) => new MonitoringChart(scope, network),
  },
  {
    source: "rendered",
    name: "cloudflared",
    description: "cloudflared: the cluster's connection to the Cloudflare Tunnel",
    namespace: (network) => network.cluster.namespaces.cloudflared,
    syncWave: WAVES.workloads,
    chart: (scope, network) => new CloudflaredChart(scope, network),
  },
  {
    source: "rendered",
    name: "minecraft",
    description: "Velocity proxy and the Paper servers",
    namespace: (network) => network.cluster.namespaces.minecraft,
    syncWave: WAVES.workloads,
    chart: (scope, network) => new MinecraftChart(scope, network),
  },
];
