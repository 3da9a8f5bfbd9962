import type { Construct } from "constructs";
import { ExternalCustomResource } from "../lib/external-custom-resource.ts";

export type Severity = "critical" | "warning";

export interface AlertRule {
  /** CamelCase alert name; also the anchor of its section in docs/runbooks/alerts.md. */
  readonly alert: string;
  readonly expr: string;
  /** How long the expression must hold before the alert fires. @default fires on the first evaluation */
  readonly for?: string;
  readonly labels: { readonly severity: Severity } & Readonly<Record<string, string>>;
  readonly annotations: {
    readonly summary: string;
    readonly description: string;
    /** Where the on-call operator starts: a section of docs/runbooks/. */
    readonly runbook_url: string;
  };
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

export interface PrometheusRuleProps {
  readonly name: string;
  readonly groups: readonly RuleGroup[];
}

/** monitoring.coreos.com/v1 PrometheusRule: alerting rules Prometheus loads (spec.groups is a Prometheus rules file). */
export class PrometheusRule extends ExternalCustomResource {
  constructor(scope: Construct, id: string, props: PrometheusRuleProps) {
    super(scope, id, {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: { name: props.name },
      spec: {
        groups: props.groups.map((group) => ({
          name: group.name,
          rules: group.rules.map((rule) => ({
            alert: rule.alert,
            expr: rule.expr,
            ...(rule.for ? { for: rule.for } : {}),
            labels: { ...rule.labels },
            annotations: { ...rule.annotations },
          })),
        })),
      },
    });
  }
}
