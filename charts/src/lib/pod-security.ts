import type { k8s } from "cdk8s-plus-33";

/** A numeric user and group: `runAsNonRoot` can only be verified by the kubelet against numbers. */
export interface RunAs {
  readonly user: number;
  readonly group: number;
}

/**
 * Pod-level security every workload here uses; with {@link restrictedContainerSecurityContext} it is
 * what Pod Security Admission's `restricted` level asks for.
 * @param fsGroup group that owns mounted volumes, so a non-root process can write its PVC.
 */
export function restrictedPodSecurityContext(runAs: RunAs, fsGroup?: number): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: runAs.user,
    runAsGroup: runAs.group,
    ...(fsGroup === undefined
      ? {}
      : {
          fsGroup,
          // A world holds hundreds of thousands of files: re-chowning them on every mount would stall starts.
          fsGroupChangePolicy: "OnRootMismatch",
        }),
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/**
 * Container-level security: no privilege escalation, no capabilities, nothing written outside the
 * volumes the container declares. A container that runs as someone other than the pod passes `runAs`.
 */
export function restrictedContainerSecurityContext(runAs?: RunAs): k8s.SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    ...(runAs ? { runAsUser: runAs.user, runAsGroup: runAs.group } : {}),
    capabilities: { drop: ["ALL"] },
  };
}
