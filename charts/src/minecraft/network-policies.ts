import { MONITORING_PODS, type Network, OPS_POD_LABEL, PAPER_METRICS, PORTS } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { CLOUDFLARED_SELECTOR } from "../cloudflared/labels.ts";
import { dnsEgress, podsInNamespace, publicInternet, tcp } from "../lib/network-policy-rules.ts";
import { ALL_PAPER_SELECTOR, VELOCITY_SELECTOR } from "./labels.ts";

/** The port the Skript repository is fetched over: the URL's own, else https or ssh's default. */
export function skriptGitPort(repo: string): number {
  const url = new URL(repo);
  if (url.port) return Number(url.port);
  return url.protocol === "ssh:" ? 22 : 443;
}

export interface MinecraftNetworkPoliciesProps {
  readonly network: Network;
}

/**
 * Default deny in the Minecraft namespace, then exactly the paths the network needs:
 *
 * - players reach Velocity from cloudflared (the tunnel) and from the LAN (the MetalLB VIP);
 * - Velocity reaches the Paper servers' game port; nothing else does;
 * - RCON is reachable only from pods labelled `OPS_POD_LABEL` (backups, restores) in this namespace;
 * - from the monitoring namespace, mc-monitor pings Paper's game port and Prometheus scrapes the
 *   exporter plugin's port (`MONITORING_PODS`, `PAPER_METRICS`);
 *   the Skript reload speaks RCON over localhost, inside the server's own pod;
 * - everything resolves names through the cluster DNS;
 * - Velocity (Mojang session server, the PaperMC download API) and the Paper pods (Paper, Mojang's
 *   server jar, Modrinth and plugin downloads, the default config files, the Skript repository) may
 *   open HTTPS to public addresses only. NetworkPolicy cannot name hosts; the README lists them.
 */
export class MinecraftNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: MinecraftNetworkPoliciesProps) {
    super(scope, id);
    const { network } = props;
    const policy = (name: string, spec: k8s.NetworkPolicySpec) =>
      new k8s.KubeNetworkPolicy(this, name, { metadata: { name }, spec });
    const velocityPods: k8s.NetworkPolicyPeer = { podSelector: { matchLabels: { ...VELOCITY_SELECTOR } } };
    const paperPods: k8s.NetworkPolicyPeer = { podSelector: { matchLabels: { ...ALL_PAPER_SELECTOR } } };
    const opsPods: k8s.NetworkPolicyPeer = {
      podSelector: { matchLabels: { [OPS_POD_LABEL.key]: OPS_POD_LABEL.value } },
    };
    const lanPort = network.proxy.proxyProtocol ? PORTS.velocityLan : PORTS.velocity;

    policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    policy("allow-dns", { podSelector: {}, policyTypes: ["Egress"], egress: [dnsEgress()] });

    policy("velocity", {
      podSelector: { matchLabels: { ...VELOCITY_SELECTOR } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        {
          from: [podsInNamespace(network.cluster.namespaces.cloudflared, CLOUDFLARED_SELECTOR)],
          ports: [tcp(PORTS.velocity)],
        },
        // With PROXY protocol on, LAN players reach only the relay, which cannot be handed a forged header.
        { from: [{ ipBlock: { cidr: network.cluster.lanCidr } }], ports: [tcp(lanPort)] },
      ],
      egress: [
        { to: [paperPods], ports: [tcp(PORTS.paper)] },
        { to: [publicInternet()], ports: [tcp(443)] },
      ],
    });

    const downloadPorts = [...new Set([443, skriptGitPort(network.skript.repo)])].map(tcp);
    policy("paper", {
      podSelector: { matchLabels: { ...ALL_PAPER_SELECTOR } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        { from: [velocityPods], ports: [tcp(PORTS.paper)] },
        { from: [opsPods], ports: [tcp(PORTS.rcon)] },
        {
          from: [podsInNamespace(network.cluster.namespaces.monitoring, MONITORING_PODS.serverListPing)],
          ports: [tcp(PORTS.paper)],
        },
        {
          from: [podsInNamespace(network.cluster.namespaces.monitoring, MONITORING_PODS.prometheus)],
          ports: [tcp(PAPER_METRICS.port)],
        },
      ],
      egress: [{ to: [publicInternet()], ports: downloadPorts }],
    });

    policy("ops-rcon", {
      podSelector: { matchLabels: { [OPS_POD_LABEL.key]: OPS_POD_LABEL.value } },
      policyTypes: ["Egress"],
      egress: [{ to: [paperPods], ports: [tcp(PORTS.rcon)] }],
    });
  }
}
