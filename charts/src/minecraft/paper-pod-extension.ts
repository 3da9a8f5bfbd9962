import type { k8s } from "cdk8s-plus-33";

/**
 * What another concern adds to a Paper server's pod: the Skript sync, a resource-pack init step,
 * a metrics exporter. PaperServer merges every extension into the one pod and refuses clashing
 * names, so two features can never silently overwrite each other's container, variable or volume.
 */
export interface PaperPodExtension {
  /** Shown in clash errors. */
  readonly name: string;
  /**
   * Run to completion, in order, before the server starts (after the ones of earlier extensions).
   * They may mount the world volume (`WORLD_VOLUME` at `/data`); the image's start script then
   * rewrites the server.properties keys it manages from its environment, and leaves the others.
   */
  readonly initContainers?: readonly k8s.Container[];
  /** Containers beside the server for the pod's life. Each needs its own resources and probes. */
  readonly sidecars?: readonly k8s.Container[];
  /** More environment for the Paper container, e.g. the image's RESOURCE_PACK settings. */
  readonly env?: readonly k8s.EnvVar[];
  /** More mounts on the Paper container. */
  readonly volumeMounts?: readonly k8s.VolumeMount[];
  /** Volumes for any of the above (the world volume is already there). */
  readonly volumes?: readonly k8s.Volume[];
  /** More ports on the server's ClusterIP Service, e.g. a sidecar's metrics port. */
  readonly servicePorts?: readonly k8s.ServicePort[];
  /** Pod template annotations, e.g. a digest that rolls the pod when the extension's config changes. */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

export interface MergedPaperPod {
  readonly initContainers: k8s.Container[];
  readonly sidecars: k8s.Container[];
  readonly env: k8s.EnvVar[];
  readonly volumeMounts: k8s.VolumeMount[];
  readonly volumes: k8s.Volume[];
  readonly servicePorts: k8s.ServicePort[];
  readonly podAnnotations: Record<string, string>;
}

/**
 * Merges the server's own pod parts (`base`, named "paper") with the extensions, in order.
 * @throws Error naming both owners when two of them use the same container, variable, mount path,
 *   volume, Service port or annotation.
 */
export function mergePaperPod(
  base: PaperPodExtension,
  extensions: readonly PaperPodExtension[],
): MergedPaperPod {
  const owners = {
    container: new Map<string, string>(),
    env: new Map<string, string>(),
    mountPath: new Map<string, string>(),
    volume: new Map<string, string>(),
    servicePort: new Map<string, string>(),
    annotation: new Map<string, string>(),
  };
  const claim = (kind: keyof typeof owners, key: string, owner: string) => {
    const earlier = owners[kind].get(key);
    if (earlier !== undefined) {
      throw new Error(`Paper pod: ${kind} "${key}" of extension "${owner}" is already used by "${earlier}"`);
    }
    owners[kind].set(key, owner);
  };

  const merged: MergedPaperPod = {
    initContainers: [],
    sidecars: [],
    env: [],
    volumeMounts: [],
    volumes: [],
    servicePorts: [],
    podAnnotations: {},
  };
  claim("container", "paper", base.name);
  for (const part of [base, ...extensions]) {
    for (const container of [...(part.initContainers ?? []), ...(part.sidecars ?? [])]) {
      claim("container", container.name, part.name);
    }
    for (const variable of part.env ?? []) claim("env", variable.name, part.name);
    for (const mount of part.volumeMounts ?? []) claim("mountPath", mount.mountPath, part.name);
    for (const volume of part.volumes ?? []) claim("volume", volume.name, part.name);
    for (const port of part.servicePorts ?? [])
      claim("servicePort", port.name ?? String(port.port), part.name);
    for (const key of Object.keys(part.podAnnotations ?? {})) claim("annotation", key, part.name);

    merged.initContainers.push(...(part.initContainers ?? []));
    merged.sidecars.push(...(part.sidecars ?? []));
    merged.env.push(...(part.env ?? []));
    merged.volumeMounts.push(...(part.volumeMounts ?? []));
    merged.volumes.push(...(part.volumes ?? []));
    merged.servicePorts.push(...(part.servicePorts ?? []));
    Object.assign(merged.podAnnotations, part.podAnnotations);
  }
  return merged;
}
