import type { SecretRef } from "@mc-infra/config";
import { Construct } from "constructs";
import { AlertmanagerConfig } from "./alertmanager-config.ts";

export interface DiscordAlertRouteProps {
  /** The Secret Pulumi writes with the webhook URL (clusterSecrets(network).discordWebhook). */
  readonly webhookSecret: SecretRef;
}

const TITLE = `[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}`;

// One block per alert: what is wrong, the detail, and where the runbook is. Discord caps a message at
// 2,000 characters; Alertmanager truncates longer ones.
const MESSAGE = `{{ range .Alerts }}**{{ .Annotations.summary }}**{{ if eq .Status "resolved" }} (resolved){{ end }}
{{ .Annotations.description }}
Runbook: {{ .Annotations.runbook_url }}
{{ end }}`;

/**
 * Every warning or critical alert to Discord. kube-prometheus-stack is told to apply this route to
 * all alerts (alertmanagerConfigMatcherStrategy None), not only to alerts from this namespace.
 * Watchdog and InfoInhibitor carry severity "none" and stay out of the channel.
 */
export class DiscordAlertRoute extends Construct {
  constructor(scope: Construct, id: string, props: DiscordAlertRouteProps) {
    super(scope, id);
    const [key] = props.webhookSecret.keys;
    if (key === undefined) throw new Error(`${props.webhookSecret.name}: the webhook Secret names no key`);
    new AlertmanagerConfig(this, "config", {
      name: "discord",
      route: {
        receiver: "discord",
        matchers: [{ name: "severity", matchType: "=~", value: "warning|critical" }],
        groupBy: ["alertname", "server"],
        groupWait: "30s",
        groupInterval: "5m",
        repeatInterval: "4h",
      },
      discordReceivers: [
        {
          name: "discord",
          webhookSecret: { name: props.webhookSecret.name, key },
          title: TITLE,
          message: MESSAGE,
        },
      ],
    });
  }
}
