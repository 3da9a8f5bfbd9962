import { k8s } from "cdk8s-plus-33";

export interface ComputeResources {
  readonly cpu: { readonly request: string; readonly limit: string };
  /**
   * Memory limit, and the request unless `request` is given. A JVM with `-XX:+AlwaysPreTouch` commits
   * its heap at start and never gives it back, so for the game containers request = limit.
   */
  readonly memory: { readonly limit: string; readonly request?: string };
}

/** Requests and limits for one container: every container here declares both. */
export function resources(compute: ComputeResources): k8s.ResourceRequirements {
  return {
    requests: {
      cpu: k8s.Quantity.fromString(compute.cpu.request),
      memory: k8s.Quantity.fromString(compute.memory.request ?? compute.memory.limit),
    },
    limits: {
      cpu: k8s.Quantity.fromString(compute.cpu.limit),
      memory: k8s.Quantity.fromString(compute.memory.limit),
    },
  };
}
