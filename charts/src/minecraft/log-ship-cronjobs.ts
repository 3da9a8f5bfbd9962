import { clusterSecrets, type Network, standardLabels, worldClaimName } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { cronSpec } from "./backup-cronjobs.ts";
import { besidePaper, opsPodLabels, opsPodSpec } from "./ops-pod.ts";

export interface LogShipCronJobsProps {
  readonly network: Network;
}

/**
 * Per server, hourly (config: logs.schedule): rotated logs from the world volume's logs/ folder to
 * the logs bucket. The pod mounts only that folder (subPath), read-write because finished logs the
 * server left uncompressed are gzipped in place and the state file lives beside them.
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
              args: ["logs:ship", "--server", server.name, "--logs", "/logs"],
              storage: clusterSecrets(network).logStorage,
              affinity: besidePaper(server),
              resources: {
                requestCpu: "50m",
                requestMemory: "192Mi",
                limitCpu: "500m",
                limitMemory: "384Mi",
              },
              volumes: [{ name: "world", persistentVolumeClaim: { claimName: worldClaimName(server) } }],
              volumeMounts: [{ name: "world", mountPath: "/logs", subPath: "logs" }],
            }),
          },
        }),
      });
    }
  }
}
