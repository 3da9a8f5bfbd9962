import { clusterSecrets, type Network, standardLabels, worldClaimName } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { cronSpec } from "./backup-cronjobs.ts";
import { besidePaper, opsPodLabels, opsPodSpec } from "./ops-pod.ts";
import { DATA_DIR } from "./paper-server.ts";

export interface LogShipCronJobsProps {
  readonly network: Network;
}

/**
 * Per server, hourly (config: logs.schedule): rotated logs from the world volume's logs/ folder to
 * the logs bucket, from the Paper pod's node (docs/adr/0007-world-backups-beside-paper.md). The volume is
 * mounted read-write because finished logs the server left uncompressed are gzipped in place and the
 * state file lives beside them. Not as a `subPath: logs` mount: before Paper's first start the
 * kubelet would create that folder owned by root, and Paper could then never write its logs.
 */
export class LogShipCronJobs extends Construct {
  constructor(scope: Construct, id: string, props: LogShipCronJobsProps) {
    super(scope, id);
    const { network } = props;
    for (const server of network.servers) {
      const component = { name: "log-ship", instance: `log-ship-${server.name}`, component: "logs" };
      new k8s.KubeCronJob(this, server.name, {
        metadata: { name: `logs-${server.name}`, labels: standardLabels(network, component) },
        spec: cronSpec(network.logs.schedule, {
          activeDeadlineSeconds: 45 * 60,
          backoffLimit: 1,
          template: {
            metadata: { labels: opsPodLabels(network, component, false) },
            spec: opsPodSpec({
              network,
              name: "ship",
              args: ["logs:ship", "--server", server.name, "--logs", `${DATA_DIR}/logs`],
              storage: clusterSecrets(network).logStorage,
              affinity: besidePaper(server),
              resources: {
                requestCpu: "50m",
                requestMemory: "192Mi",
                limitCpu: "500m",
                limitMemory: "384Mi",
              },
              volumes: [{ name: "world", persistentVolumeClaim: { claimName: worldClaimName(server) } }],
              volumeMounts: [{ name: "world", mountPath: DATA_DIR }],
            }),
          },
        }),
      });
    }
  }
}
