import type { IPodSpec } from "kubernetes-models/v1/PodSpec";

const RESTRICTED_VOLUME_TYPES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);

/**
 * What Pod Security Admission's `restricted` profile (latest) would refuse in a pod spec: the checks
 * of the Kubernetes Pod Security Standards, so a namespace labelled `restricted` can admit the pod.
 */
export function restrictedViolations(spec: IPodSpec): string[] {
  const problems: string[] = [];
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) problems.push("host namespaces");
  for (const volume of spec.volumes ?? []) {
    const type = Object.keys(volume).find((key) => key !== "name");
    if (!type || !RESTRICTED_VOLUME_TYPES.has(type)) problems.push(`volume ${volume.name} of type ${type}`);
  }
  const podNonRoot = spec.securityContext?.runAsNonRoot === true;
  const podSeccomp = spec.securityContext?.seccompProfile?.type;
  if (spec.securityContext?.runAsUser === 0) problems.push("pod runs as uid 0");
  for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
    const context = container.securityContext ?? {};
    const name = `container ${container.name}`;
    if (context.privileged) problems.push(`${name} is privileged`);
    if (context.allowPrivilegeEscalation !== false) problems.push(`${name} may escalate privileges`);
    if (!(context.runAsNonRoot ?? podNonRoot)) problems.push(`${name} may run as root`);
    if (context.runAsUser === 0) problems.push(`${name} runs as uid 0`);
    const seccomp = context.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost")
      problems.push(`${name} has no seccomp profile`);
    if (!context.capabilities?.drop?.includes("ALL")) problems.push(`${name} keeps its capabilities`);
    const added = (context.capabilities?.add ?? []).filter((capability) => capability !== "NET_BIND_SERVICE");
    if (added.length > 0) problems.push(`${name} adds ${added.join(", ")}`);
    if (container.ports?.some((port) => port.hostPort)) problems.push(`${name} uses a host port`);
  }
  return problems;
}
