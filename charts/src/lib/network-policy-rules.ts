import { k8s } from "cdk8s-plus-33";

/**
 * Address ranges that are never "the internet": RFC 1918, carrier-grade NAT (RFC 6598, also used by
 * Tailscale and some CNIs), link-local (cloud metadata endpoints). Excluding them from internet
 * egress keeps a compromised pod from reaching the LAN, the nodes or other pods by address.
 */
export const NON_PUBLIC_RANGES = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  "169.254.0.0/16",
] as const;

export function tcp(port: number): k8s.NetworkPolicyPort {
  return { protocol: "TCP", port: k8s.IntOrString.fromNumber(port) };
}

export function udp(port: number): k8s.NetworkPolicyPort {
  return { protocol: "UDP", port: k8s.IntOrString.fromNumber(port) };
}

/** Pods with these labels in the named namespace (matched by the namespace's automatic name label). */
export function podsInNamespace(namespace: string, labels: Record<string, string>): k8s.NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
    podSelector: { matchLabels: labels },
  };
}

/** Public IPv4 addresses only. NetworkPolicy cannot name hosts; README lists the hosts this is for. */
export function publicInternet(): k8s.NetworkPolicyPeer {
  return { ipBlock: { cidr: "0.0.0.0/0", except: [...NON_PUBLIC_RANGES] } };
}

/**
 * Name resolution through the cluster DNS (CoreDNS carries `k8s-app: kube-dns` in kubeadm, k3s and
 * RKE2 alike). Without it every other egress rule is useless: Services are reached by name.
 */
export function dnsEgress(): k8s.NetworkPolicyEgressRule {
  return {
    to: [podsInNamespace("kube-system", { "k8s-app": "kube-dns" })],
    ports: [udp(53), tcp(53)],
  };
}
