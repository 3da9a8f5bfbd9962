import {
  clusterSecrets,
  type Network,
  OPS_POD_LABEL,
  type SecretRef,
  type ServerSpec,
  standardLabels,
} from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { PAPER_USER } from "./paper-server.ts";

/**
 * The pod every ops Job runs (backup, prune, verify, log shipping, restore): the ops image's CLI,
 * restricted Pod Security (non-root, no privilege escalation, no capabilities, read-only root),
 * no service-account token, S3 credentials from the Secret Pulumi writes.
 */

/** Every ops pod talks to R2; the ops NetworkPolicy lets pods with this label out on HTTPS. */
export const OBJECT_STORAGE_LABEL = { key: "minecraft-infra/object-storage", value: "true" } as const;

/** The StatefulSet pod holding a server's world (one replica, so always `-0`; see worldClaimName). */
export function paperPodName(server: Pick<ServerSpec, "name">): string {
  return `${server.name}-0`;
}

/**
 * Labels of an ops pod's template: OBJECT_STORAGE_LABEL always; `rcon` adds OPS_POD_LABEL, the
 * label the NetworkPolicies admit to RCON and to the Pushgateway.
 */
export function opsPodLabels(
  network: Network,
  component: { name: string; instance?: string; component: string },
  rcon: boolean,
): Record<string, string> {
  return {
    ...standardLabels(network, component),
    [OBJECT_STORAGE_LABEL.key]: OBJECT_STORAGE_LABEL.value,
    ...(rcon ? { [OPS_POD_LABEL.key]: OPS_POD_LABEL.value } : {}),
  };
}

/**
 * Schedules the pod onto the node where the server's Paper pod runs. A Longhorn RWO volume is
 * attached to one node, and any pod on that node may mount it (see docs/adr/0007-…); elsewhere the
 * mount fails with a Multi-Attach error. If Paper is not running the pod stays Pending until the
 * Job's deadline: an offline world is not changing, so nothing is missed.
 */
export function besidePaper(server: Pick<ServerSpec, "name">): k8s.Affinity {
  return {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          labelSelector: { matchLabels: { "statefulset.kubernetes.io/pod-name": paperPodName(server) } },
          topologyKey: "kubernetes.io/hostname",
        },
      ],
    },
  };
}

/**
 * The opposite, for the restore Job: never on Paper's node. With Paper stopped (the runbook) this
 * constrains nothing; with Paper still running the Job can neither land beside it nor attach its
 * volume elsewhere, so a restore can never overwrite a live world.
 */
export function awayFromPaper(server: Pick<ServerSpec, "name">): k8s.Affinity {
  return {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          labelSelector: { matchLabels: { "statefulset.kubernetes.io/pod-name": paperPodName(server) } },
          topologyKey: "kubernetes.io/hostname",
        },
      ],
    },
  };
}

export interface OpsPodProps {
  readonly network: Network;
  /** Container name, also what the logs show. */
  readonly name: string;
  /** The CLI command and its flags: `["backup", "--server", "lobby", …]`. */
  readonly args: readonly string[];
  /** Secret with the S3 settings (clusterSecrets().backupStorage or .logStorage). */
  readonly storage: SecretRef;
  /** Add RCON_PASSWORD from the RCON Secret. @default false */
  readonly rcon?: boolean;
  readonly volumes?: readonly k8s.Volume[];
  readonly volumeMounts?: readonly k8s.VolumeMount[];
  readonly affinity?: k8s.Affinity;
  /** Give the pod's volumes this group (fresh volumes are root-owned). @default no fsGroup */
  readonly fsGroup?: boolean;
  /** @default { cpu: "100m", memory: "256Mi" } requested, { cpu: "1", memory: "512Mi" } limit */
  readonly resources?: {
    readonly requestCpu: string;
    readonly requestMemory: string;
    readonly limitCpu: string;
    readonly limitMemory: string;
  };
}

export function opsPodSpec(props: OpsPodProps): k8s.PodSpec {
  const resources = props.resources ?? {
    requestCpu: "100m",
    requestMemory: "256Mi",
    limitCpu: "1",
    limitMemory: "512Mi",
  };
  const fromSecret = (secret: SecretRef, key: string, env = key): k8s.EnvVar => ({
    name: env,
    valueFrom: { secretKeyRef: { name: secret.name, key } },
  });
  return {
    restartPolicy: "Never",
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: PAPER_USER.user,
      runAsGroup: PAPER_USER.group,
      seccompProfile: { type: "RuntimeDefault" },
      // OnRootMismatch: a recursive chown of a whole world on every start would take minutes.
      ...(props.fsGroup ? { fsGroup: PAPER_USER.group, fsGroupChangePolicy: "OnRootMismatch" } : {}),
    },
    ...(props.affinity ? { affinity: props.affinity } : {}),
    containers: [
      {
        name: props.name,
        image: props.network.ops.image,
        args: [...props.args],
        env: [
          ...props.storage.keys.map((key) => fromSecret(props.storage, key)),
          ...(props.rcon
            ? [fromSecret(clusterSecrets(props.network).rcon, "password", "RCON_PASSWORD")]
            : []),
        ],
        resources: {
          requests: {
            cpu: k8s.Quantity.fromString(resources.requestCpu),
            memory: k8s.Quantity.fromString(resources.requestMemory),
          },
          limits: {
            cpu: k8s.Quantity.fromString(resources.limitCpu),
            memory: k8s.Quantity.fromString(resources.limitMemory),
          },
        },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }, ...(props.volumeMounts ?? [])],
      },
    ],
    volumes: [
      { name: "tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("64Mi") } },
      ...(props.volumes ?? []),
    ],
  };
}
