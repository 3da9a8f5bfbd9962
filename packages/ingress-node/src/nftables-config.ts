import { INGRESS_PORTS } from "@mc-infra/config";

/** Default-deny inbound: SSH, Minecraft and the health agent only. The relay port stays on loopback. */
export function renderNftablesConfig(healthPort: number): string {
  return `#!/usr/sbin/nft -f
# Rendered from the network config by @mc-infra/ingress-node. Do not edit on the node.
flush ruleset

table inet filter {
    chain input {
        type filter hook input priority filter; policy drop;
        iif "lo" accept
        ct state established,related accept
        ct state invalid drop
        meta l4proto { icmp, ipv6-icmp } accept
        tcp dport { 22, ${INGRESS_PORTS.minecraft}, ${healthPort} } accept
    }
    chain forward {
        type filter hook forward priority filter; policy drop;
    }
    chain output {
        type filter hook output priority filter; policy accept;
    }
}
`;
}
