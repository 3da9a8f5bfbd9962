/** A Secret or ConfigMap a pod cannot start without, and where the pod spec names it. */
export interface PodReference {
  readonly kind: "Secret" | "ConfigMap";
  readonly name: string;
  readonly field: string;
}

interface Ref {
  readonly name?: string;
  readonly secretName?: string;
  readonly optional?: boolean;
}
interface Container {
  readonly name?: string;
  readonly env?: readonly {
    readonly name?: string;
    readonly valueFrom?: { readonly secretKeyRef?: Ref; readonly configMapKeyRef?: Ref };
  }[];
  readonly envFrom?: readonly { readonly secretRef?: Ref; readonly configMapRef?: Ref }[];
}
interface Volume {
  readonly name?: string;
  readonly secret?: Ref;
  readonly configMap?: Ref;
  readonly projected?: { readonly sources?: readonly { readonly secret?: Ref; readonly configMap?: Ref }[] };
}
export interface PodSpec {
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly volumes?: readonly Volume[];
  readonly imagePullSecrets?: readonly Ref[];
}
/**
 * Every non-optional Secret and ConfigMap the kubelet must find before it starts the pod's
 * containers: env `valueFrom`, `envFrom`, `secret`/`configMap` volumes and projected sources, and
 * image pull Secrets. An optional reference never holds a pod back.
 */
export function podReferences(pod: PodSpec): PodReference[] {
  const found: PodReference[] = [];
  const add = (kind: PodReference["kind"], ref: Ref | undefined, field: string, name = ref?.name) => {
    if (name && ref?.optional !== true) found.push({ kind, name, field });
  };
  const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  for (const container of containers) {
    for (const env of container.env ?? []) {
      add("Secret", env.valueFrom?.secretKeyRef, `${container.name}.env.${env.name}`);
      add("ConfigMap", env.valueFrom?.configMapKeyRef, `${container.name}.env.${env.name}`);
    }
    for (const from of container.envFrom ?? []) {
      add("Secret", from.secretRef, `${container.name}.envFrom`);
      add("ConfigMap", from.configMapRef, `${container.name}.envFrom`);
    }
  }
  for (const volume of pod.volumes ?? []) {
    add("Secret", volume.secret, `volumes.${volume.name}`, volume.secret?.secretName);
    add("ConfigMap", volume.configMap, `volumes.${volume.name}`);
    for (const source of volume.projected?.sources ?? []) {
      add("Secret", source.secret, `volumes.${volume.name}`);
      add("ConfigMap", source.configMap, `volumes.${volume.name}`);
    }
  }
  for (const pull of pod.imagePullSecrets ?? []) add("Secret", pull, "imagePullSecrets");
  return found;
}
