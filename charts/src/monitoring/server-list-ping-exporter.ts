import { IMAGES, type Network, slpTargets, standardLabels } from "@mc-infra/config";
import { Size } from "cdk8s";
import { Cpu, Deployment, ImagePullPolicy, Probe, Service } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { restrictedContainer } from "../lib/restricted-container.ts";
import { ServiceMonitor } from "./service-monitor.ts";

export interface ServerListPingExporterProps {
  readonly network: Network;
  /**
   * Seconds mc-monitor waits for one server's answer. Servers are pinged one after another on every
   * scrape, so servers × timeout must stay below the scrape timeout.
   * @default 5
   */
  readonly pingTimeoutSeconds?: number;
}

const PORT = 8080;
const PORT_NAME = "metrics";

/**
 * mc-monitor's `export-for-prometheus`: on every scrape it pings each Paper server's Service with a
 * Server List Ping, as a player's client would, and reports `minecraft_status_healthy` and friends.
 * The ServiceMonitor turns mc-monitor's `server_host` (`lobby.minecraft.svc…`) into `server="lobby"`,
 * the label every Minecraft alert uses.
 */
export class ServerListPingExporter extends Construct {
  constructor(scope: Construct, id: string, props: ServerListPingExporterProps) {
    super(scope, id);
    const { network } = props;
    const timeout = props.pingTimeoutSeconds ?? 5;
    const labels = standardLabels(network, { name: "mc-monitor", component: "metrics-exporter" });
    const targets = slpTargets(network);

    const deployment = new Deployment(this, "deployment", {
      metadata: { name: "mc-monitor", labels },
      podMetadata: { labels },
      replicas: 1,
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true, user: 65534, group: 65534 },
      containers: [
        {
          name: "mc-monitor",
          image: IMAGES.mcMonitor,
          args: ["export-for-prometheus"],
          envVariables: {
            EXPORT_SERVERS: { value: targets.map((target) => target.address).join(",") },
            EXPORT_PORT: { value: String(PORT) },
            // Not EXPORT_TIMEOUT: the field's own `env:"TIMEOUT"` tag names it (docs/upstream-contracts.md).
            // Its default of 60 s outlasts the scrape timeout, and one hung server would fail the scrape.
            TIMEOUT: { value: `${timeout}s` },
          },
          ports: [{ name: PORT_NAME, number: PORT }],
          // A TCP check, not GET /metrics: every scrape pings all servers, and a down server must not
          // make the exporter that reports it look unhealthy.
          readiness: Probe.fromTcpSocket({ port: PORT }),
          liveness: Probe.fromTcpSocket({ port: PORT }),
          imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
          securityContext: restrictedContainer(65534),
          resources: {
            cpu: { request: Cpu.millis(10), limit: Cpu.millis(200) },
            memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) },
          },
        },
      ],
    });

    new Service(this, "service", {
      metadata: { name: "mc-monitor", labels },
      selector: deployment,
      ports: [{ name: PORT_NAME, port: PORT, targetPort: PORT }],
    });

    new ServiceMonitor(this, "service-monitor", {
      name: "mc-monitor",
      selector: { "app.kubernetes.io/name": "mc-monitor" },
      endpoints: [
        {
          port: PORT_NAME,
          interval: "30s",
          scrapeTimeout: `${Math.min(25, targets.length * timeout + 5)}s`,
          metricRelabelings: [
            {
              action: "replace",
              sourceLabels: ["server_host"],
              regex: "([^.]+)\\..*",
              targetLabel: "server",
            },
          ],
        },
      ],
    });
  }
}
