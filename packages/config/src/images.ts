/**
 * Every third-party container image and Helm chart, pinned, in one place the update bot parses
 * (see renovate.json: the `# renovate:`-style comments name the datasource).
 */
export const IMAGES = {
  // renovate: datasource=docker depName=itzg/minecraft-server
  paper: "itzg/minecraft-server:2025.10.2-java21",
  // renovate: datasource=docker depName=itzg/mc-proxy
  velocity: "itzg/mc-proxy:2025.10.0-java21",
  // renovate: datasource=docker depName=cloudflare/cloudflared
  cloudflared: "cloudflare/cloudflared:2025.11.1",
  // renovate: datasource=docker depName=registry.k8s.io/git-sync/git-sync
  gitSync: "registry.k8s.io/git-sync/git-sync:v4.4.2",
  // renovate: datasource=docker depName=itzg/mc-monitor
  mcMonitor: "itzg/mc-monitor:0.15.5",
  // renovate: datasource=docker depName=haproxy
  haproxy: "haproxy:3.2.6-alpine",
  // renovate: datasource=docker depName=prom/pushgateway
  pushgateway: "prom/pushgateway:v1.11.1",
  // renovate: datasource=docker depName=curlimages/curl
  curl: "curlimages/curl:8.17.0",
  // Ours: the root Dockerfile. The deploy workflow (job ops-image) pushes every commit as :<sha>, and
  // this version tag from the first commit that pins it: bump it to release. Overridable per environment with `ops.image`.
  // renovate: datasource=docker depName=ghcr.io/example/minecraft-infra-ops
  ops: "ghcr.io/example/minecraft-infra-ops:0.1.0",
} as const;

/** Plugin jars the charts add to servers themselves (the operator's own plugins are in the config). */
export const PLUGINS = {
  // renovate: datasource=github-releases depName=sladkoff/minecraft-prometheus-exporter extractVersion=^v(?<version>.+)$
  prometheusExporter: "3.1.2",
} as const;

export interface HelmChartPin {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
}

export const HELM_CHARTS = {
  // renovate: datasource=helm registryUrl=https://metallb.github.io/metallb depName=metallb
  metallb: { repoURL: "https://metallb.github.io/metallb", chart: "metallb", version: "0.15.2" },
  // renovate: datasource=helm registryUrl=https://charts.longhorn.io depName=longhorn
  longhorn: { repoURL: "https://charts.longhorn.io", chart: "longhorn", version: "1.10.1" },
  // renovate: datasource=helm registryUrl=https://prometheus-community.github.io/helm-charts depName=kube-prometheus-stack
  kubePrometheusStack: {
    repoURL: "https://prometheus-community.github.io/helm-charts",
    chart: "kube-prometheus-stack",
    version: "79.7.1",
  },
} as const satisfies Record<string, HelmChartPin>;
