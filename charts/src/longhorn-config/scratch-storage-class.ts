import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import type { DataLocality } from "./world-storage-class.ts";

export interface ScratchStorageClassProps {
  readonly name: string;
  /** Replicas of each volume, on different nodes. */
  readonly replicaCount: number;
  readonly dataLocality: DataLocality;
}

/**
 * The StorageClass of everything that is not a world: Prometheus's and Alertmanager's volumes and
 * the weekly verify's scratch restore. `Delete`, because a volume follows its class's reclaim
 * policy, not its claim: on the worlds' `Retain` class every verify run left a Released volume
 * holding two restored worlds. No recurring-job selector, because Longhorn puts every volume of a
 * class into the class's groups, and the TSDB would be snapshotted and backed up like a world.
 */
export class ScratchStorageClass extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: ScratchStorageClassProps) {
    super(scope, id);
    this.name = props.name;
    new k8s.KubeStorageClass(this, "storage-class", {
      metadata: {
        name: props.name,
        // Parameters are immutable: a change needs the class deleted and created again.
        annotations: { "argocd.argoproj.io/sync-options": "Force=true,Replace=true" },
      },
      provisioner: "driver.longhorn.io",
      reclaimPolicy: "Delete",
      allowVolumeExpansion: true,
      volumeBindingMode: props.dataLocality === "strict-local" ? "WaitForFirstConsumer" : "Immediate",
      parameters: {
        numberOfReplicas: String(props.replicaCount),
        dataLocality: props.dataLocality,
        staleReplicaTimeout: "30",
        fsType: "ext4",
      },
    });
  }
}
