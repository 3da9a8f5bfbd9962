import { BlockList, isIPv4 } from "node:net";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { ManifestObject } from "../../src/lib/kinds.ts";

/**
 * A small model of Kubernetes NetworkPolicy semantics, enough to ask "may A open a connection to B
 * on this port?" of the rendered policies: a pod is isolated for a direction as soon as one policy
 * selects it for that direction, and then only a matching rule of such a policy allows traffic.
 * A connection needs the source's egress and the destination's ingress.
 */
export type Endpoint =
  | { readonly pod: { readonly namespace: string; readonly labels: Readonly<Record<string, string>> } }
  | { readonly ip: string };

export interface Connection {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol?: "TCP" | "UDP";
}

type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  if (selector.matchExpressions?.length) throw new Error("matchExpressions are not modelled");
  return Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

function namespaceLabels(namespace: string): Record<string, string> {
  return { "kubernetes.io/metadata.name": namespace };
}

type Peer = NonNullable<NonNullable<INetworkPolicy["spec"]>["ingress"]>[number]["from"] extends
  | (infer P)[]
  | undefined
  ? P
  : never;

function peerMatches(peer: Peer, policyNamespace: string, endpoint: Endpoint): boolean {
  if (peer.ipBlock) {
    // Pod traffic is matched by ipBlock only through its IP; the model's pods have none.
    if (!("ip" in endpoint) || !isIPv4(endpoint.ip)) return false;
    const [network, prefix] = peer.ipBlock.cidr.split("/");
    const block = new BlockList();
    block.addSubnet(network!, Number(prefix), "ipv4");
    const except = new BlockList();
    for (const cidr of peer.ipBlock.except ?? []) {
      const [n, p] = cidr.split("/");
      except.addSubnet(n!, Number(p), "ipv4");
    }
    return block.check(endpoint.ip, "ipv4") && !except.check(endpoint.ip, "ipv4");
  }
  if (!("pod" in endpoint)) return false;
  const inNamespace = peer.namespaceSelector
    ? selects(peer.namespaceSelector, namespaceLabels(endpoint.pod.namespace))
    : endpoint.pod.namespace === policyNamespace;
  return inNamespace && selects(peer.podSelector, endpoint.pod.labels);
}

function portMatches(
  ports: readonly { port?: number | string; protocol?: string; endPort?: number }[] | undefined,
  port: number,
  protocol: string,
): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((rule) => {
    if ((rule.protocol ?? "TCP") !== protocol) return false;
    if (rule.port === undefined) return true;
    if (typeof rule.port === "string") throw new Error("named ports are not modelled");
    return rule.endPort === undefined ? rule.port === port : port >= rule.port && port <= rule.endPort;
  });
}

function policiesOf(objects: readonly ManifestObject[]): INetworkPolicy[] {
  return objects.filter((object) => object.kind === "NetworkPolicy") as unknown as INetworkPolicy[];
}

function allowed(
  policies: readonly INetworkPolicy[],
  direction: "Ingress" | "Egress",
  self: Endpoint,
  peer: Endpoint,
  port: number,
  protocol: string,
): boolean {
  // Traffic from or to an address outside the cluster is not subject to that side's policies.
  if (!("pod" in self)) return true;
  const selecting = policies.filter(
    (policy) =>
      policy.metadata?.namespace === self.pod.namespace &&
      selects(policy.spec?.podSelector, self.pod.labels) &&
      (policy.spec?.policyTypes ?? ["Ingress"]).includes(direction),
  );
  if (selecting.length === 0) return true;
  return selecting.some((policy) => {
    const rules = direction === "Ingress" ? (policy.spec?.ingress ?? []) : (policy.spec?.egress ?? []);
    return rules.some((rule) => {
      const peers = direction === "Ingress" ? (rule as { from?: Peer[] }).from : (rule as { to?: Peer[] }).to;
      const peerOk =
        !peers || peers.length === 0 || peers.some((p) => peerMatches(p, self.pod.namespace, peer));
      return peerOk && portMatches(rule.ports as never, port, protocol);
    });
  });
}

/** Whether the rendered policies (of every namespace involved) let this connection through. */
export function connectionAllowed(objects: readonly ManifestObject[], connection: Connection): boolean {
  const policies = policiesOf(objects);
  const protocol = connection.protocol ?? "TCP";
  return (
    allowed(policies, "Egress", connection.from, connection.to, connection.port, protocol) &&
    allowed(policies, "Ingress", connection.to, connection.from, connection.port, protocol)
  );
}
