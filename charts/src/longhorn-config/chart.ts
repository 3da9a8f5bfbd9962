import { clusterSecrets, longhornBackupTargetUrl, type Network } from "@mc-infra/config";
import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { appLabels } from "../lib/labels.ts";
import { BackupTarget } from "./backup-target.ts";
import { RecurringJob } from "./recurring-job.ts";
import { ScratchStorageClass } from "./scratch-storage-class.ts";
import { WorldStorageClass } from "./world-storage-class.ts";

/** The recurring-job group the world volumes join through their StorageClass. */
export const WORLDS_JOB_GROUP = "minecraft-worlds";

/**
 * Longhorn's configuration for the worlds, in Longhorn's namespace (owned by the upstream app): the
 * StorageClass, hourly snapshots and daily backups to the R2 backups bucket. These are block-level and
 * crash-consistent; the app-consistent world archives are the backup jobs' in the Minecraft namespace.
 */
export class LonghornConfigChart extends Chart {
  constructor(scope: Construct, network: Network) {
    super(scope, "longhorn-config", {
      namespace: network.cluster.namespaces.longhorn,
      labels: appLabels(network, "longhorn-config"),
    });
    const { longhorn } = network.cluster;
    const schedule = network.backups.longhorn;

    new WorldStorageClass(this, "worlds", {
      name: longhorn.storageClassName,
      replicaCount: longhorn.replicaCount,
      dataLocality: longhorn.dataLocality,
      recurringJobGroups: [WORLDS_JOB_GROUP],
    });
    new ScratchStorageClass(this, "scratch", {
      name: longhorn.scratchStorageClassName,
      replicaCount: longhorn.replicaCount,
      dataLocality: longhorn.dataLocality,
    });
    new RecurringJob(this, "snapshot", {
      name: "worlds-snapshot",
      task: "snapshot",
      cron: schedule.snapshotSchedule,
      retain: schedule.snapshotRetain,
      groups: [WORLDS_JOB_GROUP],
    });
    new RecurringJob(this, "backup", {
      name: "worlds-backup",
      task: "backup",
      cron: schedule.backupSchedule,
      retain: schedule.backupRetain,
      groups: [WORLDS_JOB_GROUP],
    });
    new BackupTarget(this, "backup-target", {
      backupTargetUrl: longhornBackupTargetUrl(network),
      credentialSecret: clusterSecrets(network).longhornBackupTarget.name,
    });
  }
}
