import type { Construct } from "constructs";
import { ExternalCustomResource } from "../lib/external-custom-resource.ts";
import type { RelabelConfig } from "./relabel.ts";

export interface PodMetricsEndpoint {
  /** Name of the container port to scrape; containers without a port of this name are never targets. */
  readonly port: string;
  /** @default "/metrics" */
  readonly path?: string;
  /** @default Prometheus's global scrape interval */
  readonly interval?: string;
  /** Rewrites applied to the target before scraping (e.g. derive `server` from the pod's owner). */
  readonly relabelings?: readonly RelabelConfig[];
}

export interface PodMonitorProps {
  readonly name: string;
  /**
   * Labels of the pods to scrape.
   * @default {} every pod in `namespaces`; the endpoint's port name does the narrowing
   */
  readonly selector?: Record<string, string>;
  /** Namespaces the pods live in. */
  readonly namespaces: readonly string[];
  readonly endpoints: readonly PodMetricsEndpoint[];
}

/** monitoring.coreos.com/v1 PodMonitor: Prometheus scrapes matching pods directly, no Service needed. */
export class PodMonitor extends ExternalCustomResource {
  constructor(scope: Construct, id: string, props: PodMonitorProps) {
    super(scope, id, {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PodMonitor",
      metadata: { name: props.name },
      spec: {
        selector: { matchLabels: { ...props.selector } },
        namespaceSelector: { matchNames: [...props.namespaces] },
        podMetricsEndpoints: props.endpoints.map((endpoint) => ({
          port: endpoint.port,
          path: endpoint.path ?? "/metrics",
          ...(endpoint.interval ? { interval: endpoint.interval } : {}),
          ...(endpoint.relabelings
            ? {
                relabelings: endpoint.relabelings.map((config) => ({
                  ...config,
                  ...(config.sourceLabels ? { sourceLabels: [...config.sourceLabels] } : {}),
                })),
              }
            : {}),
        })),
      },
    });
  }
}
