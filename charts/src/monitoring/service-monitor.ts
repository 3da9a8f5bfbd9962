import type { Construct } from "constructs";
import { ExternalCustomResource } from "../lib/external-custom-resource.ts";
import type { RelabelConfig } from "./relabel.ts";

export interface ServiceMonitorEndpoint {
  /** Name of the Service port to scrape. */
  readonly port: string;
  /** @default "/metrics" */
  readonly path?: string;
  /** @default Prometheus's global scrape interval (30s in kube-prometheus-stack) */
  readonly interval?: string;
  readonly scrapeTimeout?: string;
  /**
   * Keep the labels the target reports instead of renaming clashes to `exported_*`: the
   * Pushgateway's `job` and `server` labels are the backup job's, not the Pushgateway's own.
   * @default false
   */
  readonly honorLabels?: boolean;
  /** Rewrites applied to every scraped sample (e.g. derive `server` from `server_host`). */
  readonly metricRelabelings?: readonly RelabelConfig[];
}

export interface ServiceMonitorProps {
  readonly name: string;
  /** Labels of the Services to scrape. */
  readonly selector: Record<string, string>;
  /** Namespaces the Services live in. @default the ServiceMonitor's own namespace */
  readonly namespaces?: readonly string[];
  readonly endpoints: readonly ServiceMonitorEndpoint[];
}

/** monitoring.coreos.com/v1 ServiceMonitor: Prometheus scrapes the endpoints of matching Services. */
export class ServiceMonitor extends ExternalCustomResource {
  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id, {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: { name: props.name },
      spec: {
        selector: { matchLabels: { ...props.selector } },
        ...(props.namespaces ? { namespaceSelector: { matchNames: [...props.namespaces] } } : {}),
        endpoints: props.endpoints.map((endpoint) => ({
          port: endpoint.port,
          path: endpoint.path ?? "/metrics",
          ...(endpoint.interval ? { interval: endpoint.interval } : {}),
          ...(endpoint.scrapeTimeout ? { scrapeTimeout: endpoint.scrapeTimeout } : {}),
          ...(endpoint.honorLabels ? { honorLabels: true } : {}),
          ...(endpoint.metricRelabelings
            ? { metricRelabelings: endpoint.metricRelabelings.map(toSpec) }
            : {}),
        })),
      },
    });
  }
}

function toSpec(config: RelabelConfig): Record<string, unknown> {
  return { ...config, ...(config.sourceLabels ? { sourceLabels: [...config.sourceLabels] } : {}) };
}
