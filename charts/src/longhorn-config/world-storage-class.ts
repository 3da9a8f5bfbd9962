import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";

export type DataLocality = "disabled" | "best-effort" | "strict-local";

export interface WorldStorageClassProps {
  readonly name: string;
  /** Replicas of each volume, on different nodes. */
  readonly replicaCount: number;
  readonly dataLocality: DataLocality;
  /** Recurring-job groups every volume of this class joins (snapshots, backups). */
  readonly recurringJobGroups: readonly string[];
}

/**
 * The StorageClass of the worlds: Longhorn block volumes that outlive their claims (`Retain`: deleting
 * a StatefulSet or PVC by mistake leaves the world's volume to be re-bound), can be grown in place, and
 * join the recurring snapshot and backup jobs through their group.
 */
export class WorldStorageClass extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: WorldStorageClassProps) {
    super(scope, id);
    this.name = props.name;
    new k8s.KubeStorageClass(this, "storage-class", {
      metadata: {
        name: props.name,
        // Parameters are immutable: a changed replica count or locality needs the class deleted and
        // created again, which leaves existing volumes as they are (they keep their own settings).
        annotations: { "argocd.argoproj.io/sync-options": "Force=true,Replace=true" },
      },
      provisioner: "driver.longhorn.io",
      reclaimPolicy: "Retain",
      allowVolumeExpansion: true,
      // A strict-local volume must be created where its pod lands; the others may be placed first.
      volumeBindingMode: props.dataLocality === "strict-local" ? "WaitForFirstConsumer" : "Immediate",
      parameters: {
        numberOfReplicas: String(props.replicaCount),
        dataLocality: props.dataLocality,
        // Minutes a failed replica may stay before Longhorn rebuilds it elsewhere.
        staleReplicaTimeout: "30",
        fsType: "ext4",
        recurringJobSelector: JSON.stringify(
          props.recurringJobGroups.map((name) => ({ name, isGroup: true })),
        ),
      },
    });
  }
}
