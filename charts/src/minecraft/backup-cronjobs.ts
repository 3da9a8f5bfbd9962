import {
  backupMetricsUrl,
  clusterSecrets,
  type Network,
  PORTS,
  paperService,
  quantityBytes,
  type ServerSpec,
  standardLabels,
  worldClaimName,
} from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { besidePaper, opsPodLabels, opsPodSpec } from "./ops-pod.ts";
import { DATA_DIR } from "./paper-server.ts";

/**
 * What a backup of itzg's /data leaves out: everything the image downloads again on start (the
 * server jar, libraries, pinned plugin jars), logs (shipped on their own) and the rcon-cli config,
 * which holds the RCON password in clear. (lost+found is always left out by the CLI itself.)
 */
export const BACKUP_EXCLUDES = [
  "cache",
  "libraries",
  "versions",
  "logs",
  "*.jar",
  "plugins/*.jar",
  "plugins/.paper-remapped",
  ".rcon-cli.env",
  ".rcon-cli.yaml",
] as const;

const HOUR = 3600;
const DAY = 24 * HOUR;

export interface BackupCronJobsProps {
  readonly network: Network;
}

/**
 * The world backups to R2: per server an hourly (config: backups.schedule) backup that pauses saving
 * over RCON and streams the world into a multipart upload; a daily prune applying
 * backups.retentionDays; a weekly verify that restores every server's newest backup and checks it.
 */
export class BackupCronJobs extends Construct {
  constructor(scope: Construct, id: string, props: BackupCronJobsProps) {
    super(scope, id);
    const { network } = props;
    for (const server of network.servers) this.#backup(network, server);
    this.#prune(network);
    this.#verify(network);
  }

  #backup(network: Network, server: ServerSpec): void {
    const component = { name: "world-backup", instance: `world-backup-${server.name}`, component: "backup" };
    const rcon = `${paperService(network, server).host}:${PORTS.rcon}`;
    new k8s.KubeCronJob(this, `backup-${server.name}`, {
      metadata: { name: `backup-${server.name}`, labels: standardLabels(network, component) },
      spec: cronSpec(network.backups.schedule, {
        // An hourly backup that runs past the hour is replaced by the next one, not stacked on it.
        activeDeadlineSeconds: 50 * 60,
        backoffLimit: 1,
        template: {
          metadata: { labels: opsPodLabels(network, component, true) },
          spec: opsPodSpec({
            network,
            name: "backup",
            args: [
              "backup",
              "--server",
              server.name,
              "--world",
              DATA_DIR,
              "--rcon",
              rcon,
              "--metrics-url",
              backupMetricsUrl(network, server),
              ...BACKUP_EXCLUDES.flatMap((pattern) => ["--exclude", pattern]),
            ],
            storage: clusterSecrets(network).backupStorage,
            rcon: true,
            affinity: besidePaper(server),
            volumes: [
              { name: "world", persistentVolumeClaim: { claimName: worldClaimName(server), readOnly: true } },
            ],
            volumeMounts: [{ name: "world", mountPath: DATA_DIR, readOnly: true }],
          }),
        },
      }),
    });
  }

  #prune(network: Network): void {
    const component = { name: "backup-prune", component: "backup" };
    new k8s.KubeCronJob(this, "prune", {
      metadata: { name: "backup-prune", labels: standardLabels(network, component) },
      spec: cronSpec(network.backups.pruneSchedule, {
        activeDeadlineSeconds: HOUR,
        backoffLimit: 2,
        template: {
          metadata: { labels: opsPodLabels(network, component, false) },
          spec: opsPodSpec({
            network,
            name: "prune",
            args: [
              "backup:prune",
              ...network.servers.flatMap((server) => ["--server", server.name]),
              "--keep-days",
              String(network.backups.retentionDays),
            ],
            storage: clusterSecrets(network).backupStorage,
          }),
        },
      }),
    });
  }

  #verify(network: Network): void {
    const component = { name: "backup-verify", component: "backup" };
    // The scratch restore needs room for the largest world: a volume of the largest world's size,
    // created for the pod and deleted with it, on the scratch class (node ephemeral storage is rarely that large).
    const largest = network.servers.reduce((max, server) =>
      quantityBytes(server.disk) > quantityBytes(max.disk) ? server : max,
    );
    new k8s.KubeCronJob(this, "verify", {
      metadata: { name: "backup-verify", labels: standardLabels(network, component) },
      spec: cronSpec(network.backups.verifySchedule, {
        activeDeadlineSeconds: 6 * HOUR,
        backoffLimit: 0,
        template: {
          metadata: { labels: opsPodLabels(network, component, false) },
          spec: opsPodSpec({
            network,
            name: "verify",
            args: [
              "backup:verify",
              ...network.servers.flatMap((server) => ["--server", server.name]),
              "--scratch",
              "/scratch",
            ],
            storage: clusterSecrets(network).backupStorage,
            fsGroup: true,
            volumes: [
              {
                name: "scratch",
                ephemeral: {
                  volumeClaimTemplate: {
                    spec: {
                      accessModes: ["ReadWriteOnce"],
                      // Deleted with the pod's claim: on the worlds' Retain class every run leaked a volume.
                      storageClassName: network.cluster.longhorn.scratchStorageClassName,
                      resources: { requests: { storage: k8s.Quantity.fromString(largest.disk) } },
                    },
                  },
                },
              },
            ],
            volumeMounts: [{ name: "scratch", mountPath: "/scratch" }],
          }),
        },
      }),
    });
  }
}

/** The CronJob settings every ops job shares; the Job spec varies. */
export function cronSpec(schedule: string, job: k8s.JobSpec): k8s.CronJobSpec {
  return {
    schedule,
    // Schedules in the config are UTC, like the backup timestamps, whatever the nodes' zone.
    timeZone: "Etc/UTC",
    concurrencyPolicy: "Forbid",
    // A run missed by more than 10 minutes (controller down) is skipped, not replayed late.
    startingDeadlineSeconds: 600,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 3,
    jobTemplate: { spec: { ttlSecondsAfterFinished: DAY, ...job } },
  };
}
