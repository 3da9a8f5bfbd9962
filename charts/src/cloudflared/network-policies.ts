import { type Network, PORTS } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { dnsEgress, podsInNamespace, publicInternet, tcp, udp } from "../lib/network-policy-rules.ts";
import { VELOCITY_SELECTOR } from "../minecraft/labels.ts";
import { CLOUDFLARED_SELECTOR } from "./labels.ts";

/** Cloudflare's tunnel edge port (QUIC over UDP, HTTP/2 over TCP). */
export const TUNNEL_EDGE_PORT = 7844;

export interface CloudflaredNetworkPoliciesProps {
  readonly network: Network;
}

/**
 * cloudflared only dials out: to Cloudflare's edge (7844 TCP/UDP; 443 for the API it reports to)
 * and to Velocity. Nothing may connect to it; the kubelet's probes are not subject to policy.
 */
export class CloudflaredNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: CloudflaredNetworkPoliciesProps) {
    super(scope, id);
    const { network } = props;
    const policy = (name: string, spec: k8s.NetworkPolicySpec) =>
      new k8s.KubeNetworkPolicy(this, name, { metadata: { name }, spec });

    policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    policy("allow-dns", { podSelector: {}, policyTypes: ["Egress"], egress: [dnsEgress()] });
    policy("cloudflared", {
      podSelector: { matchLabels: { ...CLOUDFLARED_SELECTOR } },
      policyTypes: ["Egress"],
      egress: [
        { to: [publicInternet()], ports: [tcp(TUNNEL_EDGE_PORT), udp(TUNNEL_EDGE_PORT), tcp(443)] },
        {
          to: [podsInNamespace(network.cluster.namespaces.minecraft, VELOCITY_SELECTOR)],
          ports: [tcp(PORTS.velocity)],
        },
      ],
    });
  }
}
