import { INGRESS_PORTS } from "@mc-infra/config";

/**
 * HAProxy on :25565 in front of the local `cloudflared access tcp` listener. `send-proxy-v2` writes
 * the PROXY header Velocity reads (proxy-protocol = true): without it every player is 127.0.0.1.
 */
export function renderHaproxyConfig(): string {
  return `# Rendered from the network config by @mc-infra/ingress-node. Do not edit on the node.
global
    log /dev/log local0
    maxconn 4096
    user haproxy
    group haproxy
    daemon

defaults
    mode tcp
    log global
    option tcplog
    timeout connect 5s
    # Minecraft keep-alives come every 15 s; a minute of silence is a dead connection.
    timeout client 60s
    timeout server 60s

frontend minecraft
    bind :${INGRESS_PORTS.minecraft}
    default_backend tunnel_relay

backend tunnel_relay
    server relay 127.0.0.1:${INGRESS_PORTS.relay} send-proxy-v2
`;
}
