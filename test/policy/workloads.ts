import type { Manifest } from "../support/validate-manifest.ts";

export interface Container {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  startupProbe?: unknown;
  restartPolicy?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  [key: string]: unknown;
}

export interface PodContainers {
  /** Containers that run for the life of the pod: main containers and native sidecars. */
  readonly longRunning: readonly Container[];
  /** Containers that run to completion: init containers and the containers of Jobs. */
  readonly runToCompletion: readonly Container[];
}

interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
}

/** The pod template of any workload kind, or undefined for objects that run no pods. */
export function podSpecOf<Spec = PodSpec>(manifest: { kind: string; spec?: unknown }): Spec | undefined {
  const spec = manifest.spec as
    | { template?: { spec?: Spec }; jobTemplate?: { spec?: { template?: { spec?: Spec } } } }
    | undefined;
  switch (manifest.kind) {
    case "Pod":
      return spec as Spec;
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "ReplicaSet":
    case "Job":
      return spec?.template?.spec;
    case "CronJob":
      return spec?.jobTemplate?.spec?.template?.spec;
    default:
      return undefined;
  }
}

export function containersOf(manifest: Manifest): PodContainers | undefined {
  const pod = podSpecOf(manifest);
  if (!pod) return undefined;
  const isBatch = manifest.kind === "Job" || manifest.kind === "CronJob";
  const main = pod.containers ?? [];
  const init = pod.initContainers ?? [];
  // A native sidecar (init container with restartPolicy Always) lives as long as the pod.
  const sidecars = init.filter((container) => container.restartPolicy === "Always");
  const oneShot = init.filter((container) => container.restartPolicy !== "Always");
  return isBatch
    ? { longRunning: [], runToCompletion: [...main, ...init] }
    : { longRunning: [...main, ...sidecars], runToCompletion: oneShot };
}

export function allContainers(manifest: Manifest): Container[] {
  const containers = containersOf(manifest);
  return containers ? [...containers.longRunning, ...containers.runToCompletion] : [];
}
