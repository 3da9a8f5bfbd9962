import { clusterSecrets, type Network, PAPER_METRICS } from "@mc-infra/config";
import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { appLabels } from "../lib/labels.ts";
import { minecraftAlertRules } from "./alert-rules.ts";
import { DiscordAlertRoute } from "./discord-alert-route.ts";
import { PodMonitor } from "./pod-monitor.ts";
import { PrometheusRule } from "./prometheus-rule.ts";
import { Pushgateway } from "./pushgateway.ts";
import { ServerListPingExporter } from "./server-list-ping-exporter.ts";

/**
 * What Prometheus watches on the Minecraft network and where alerts go, in the monitoring namespace
 * (owned by the kube-prometheus-stack application, like metallb-config lives in MetalLB's).
 */
export class MonitoringChart extends Chart {
  constructor(scope: Construct, network: Network) {
    super(scope, "monitoring", {
      namespace: network.cluster.namespaces.monitoring,
      labels: appLabels(network, "monitoring"),
    });

    new ServerListPingExporter(this, "server-list-ping", { network });

    // Every pod in the minecraft namespace; only Paper containers declare the exporter's port name.
    new PodMonitor(this, "paper-metrics", {
      name: "paper",
      namespaces: [network.cluster.namespaces.minecraft],
      endpoints: [
        {
          port: PAPER_METRICS.portName,
          path: PAPER_METRICS.path,
          interval: "30s",
          relabelings: [
            {
              action: "replace",
              sourceLabels: [
                "__meta_kubernetes_pod_controller_kind",
                "__meta_kubernetes_pod_controller_name",
              ],
              regex: "StatefulSet;(.+)",
              targetLabel: "server",
            },
          ],
        },
      ],
    });

    new Pushgateway(this, "pushgateway", { network });
    new PrometheusRule(this, "rules", { name: "minecraft", groups: minecraftAlertRules(network) });
    if (network.alerts.discord) {
      new DiscordAlertRoute(this, "discord", { webhookSecret: clusterSecrets(network).discordWebhook });
    }
  }
}
