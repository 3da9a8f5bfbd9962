import { INGRESS_PORTS } from "@mc-infra/config";

export const NODE_PATHS = {
  agent: "/opt/mc-ingress/health-agent.mjs",
  accessTokenEnv: "/etc/mc-ingress/access-token.env",
  gatewaySecret: "/etc/mc-ingress/gateway-secret",
  tlsCert: "/etc/mc-ingress/tls.crt",
  tlsKey: "/etc/mc-ingress/tls.key",
} as const;

/**
 * `cloudflared access tcp`: the relay from loopback into the Tunnel. The Access service token comes
 * from an EnvironmentFile (cloudflared reads TUNNEL_SERVICE_TOKEN_ID/SECRET), never the command line,
 * which every user on the node can read in `ps`.
 */
export function renderCloudflaredAccessUnit(tunnelHostname: string): string {
  return `[Unit]
Description=Cloudflare Access TCP relay to the Minecraft tunnel (${tunnelHostname})
Wants=network-online.target
After=network-online.target

[Service]
EnvironmentFile=${NODE_PATHS.accessTokenEnv}
ExecStart=/usr/bin/cloudflared access tcp --hostname ${tunnelHostname} --url 127.0.0.1:${INGRESS_PORTS.relay} --loglevel info
Restart=always
RestartSec=2
DynamicUser=yes
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes

[Install]
WantedBy=multi-user.target
`;
}

/** The health agent: secrets handed over with LoadCredential, readable only by this service. */
export function renderHealthAgentUnit(healthPort: number): string {
  return `[Unit]
Description=Minecraft ingress health agent (load balancer monitor target)
Wants=network-online.target haproxy.service cloudflared-access.service
After=network-online.target

[Service]
ExecStart=/usr/bin/node ${NODE_PATHS.agent}
Environment=HEALTH_PORT=${healthPort}
Environment=RELAY_HOST=127.0.0.1
Environment=RELAY_PORT=${INGRESS_PORTS.minecraft}
LoadCredential=gateway-secret:${NODE_PATHS.gatewaySecret}
LoadCredential=tls.crt:${NODE_PATHS.tlsCert}
LoadCredential=tls.key:${NODE_PATHS.tlsKey}
Environment=GATEWAY_SECRET_FILE=%d/gateway-secret
Environment=TLS_CERT_FILE=%d/tls.crt
Environment=TLS_KEY_FILE=%d/tls.key
Restart=always
RestartSec=2
DynamicUser=yes
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
MemoryMax=128M

[Install]
WantedBy=multi-user.target
`;
}
