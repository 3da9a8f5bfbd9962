import { IMAGES, type Network, OPS_POD_LABEL, pushgatewayService, standardLabels } from "@mc-infra/config";
import { ApiObject, Size } from "cdk8s";
import { Cpu, Deployment, ImagePullPolicy, Probe, Service } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { restrictedContainer } from "../lib/restricted-container.ts";
import { ServiceMonitor } from "./service-monitor.ts";

export interface PushgatewayProps {
  readonly network: Network;
}

const PORT_NAME = "http";

/**
 * The Prometheus Pushgateway: where the backup CronJobs leave their last success time (see
 * BACKUP_METRICS in @mc-infra/config). No persistence on purpose: after a restart the metric is
 * absent until the next backup pushes, and MinecraftBackupMissing only fires when that takes longer
 * than twice the backup schedule, so a restart never pages but a stopped backup does.
 * Only pods labelled as ops pods in the minecraft namespace may push, and only Prometheus scrapes.
 */
export class Pushgateway extends Construct {
  constructor(scope: Construct, id: string, props: PushgatewayProps) {
    super(scope, id);
    const { network } = props;
    const service = pushgatewayService(network);
    const labels = standardLabels(network, { name: "pushgateway", component: "metrics-gateway" });

    const deployment = new Deployment(this, "deployment", {
      metadata: { name: service.name, labels },
      podMetadata: { labels },
      replicas: 1,
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true, user: 65534, group: 65534 },
      containers: [
        {
          name: "pushgateway",
          image: IMAGES.pushgateway,
          ports: [{ name: PORT_NAME, number: service.port }],
          readiness: Probe.fromHttpGet("/-/ready", { port: service.port }),
          liveness: Probe.fromHttpGet("/-/healthy", { port: service.port }),
          imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
          securityContext: restrictedContainer(65534),
          resources: {
            cpu: { request: Cpu.millis(10), limit: Cpu.millis(200) },
            memory: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
          },
        },
      ],
    });

    new Service(this, "service", {
      metadata: { name: service.name, labels },
      selector: deployment,
      ports: [{ name: PORT_NAME, port: service.port, targetPort: service.port }],
    });

    new ServiceMonitor(this, "service-monitor", {
      name: service.name,
      selector: { "app.kubernetes.io/name": "pushgateway" },
      endpoints: [{ port: PORT_NAME, interval: "60s", honorLabels: true }],
    });

    // Without this anything in the cluster could overwrite a server's backup timestamp and silence the alert.
    new ApiObject(this, "network-policy", {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: service.name },
      spec: {
        podSelector: { matchLabels: { "app.kubernetes.io/name": "pushgateway" } },
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { "kubernetes.io/metadata.name": network.cluster.namespaces.minecraft },
                },
                podSelector: { matchLabels: { [OPS_POD_LABEL.key]: OPS_POD_LABEL.value } },
              },
              {
                namespaceSelector: {
                  matchLabels: { "kubernetes.io/metadata.name": network.cluster.namespaces.monitoring },
                },
              },
            ],
            ports: [{ protocol: "TCP", port: service.port }],
          },
        ],
      },
    });
  }
}
