import { Capability, type ContainerSecurityContextProps, SeccompProfileType } from "cdk8s-plus-33";

/**
 * A container security context the `restricted` Pod Security Standard admits, for images that run
 * as an unprivileged uid. The uid is explicit: images whose USER is a name (nobody) fail
 * runAsNonRoot's check, which needs a number.
 */
export function restrictedContainer(uid: number): ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    user: uid,
    group: uid,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: [Capability.ALL] },
    seccompProfile: { type: SeccompProfileType.RUNTIME_DEFAULT },
  };
}
