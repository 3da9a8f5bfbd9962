import { type Network, velocityService } from "@mc-infra/config";

export interface TunnelIngressRule {
  readonly hostname?: string;
  readonly service: string;
}

/** cloudflared's required last rule: anything no hostname matched gets a 404, never a default origin. */
export const CATCH_ALL_RULE: TunnelIngressRule = { service: "http_status:404" };

/**
 * The Tunnel's ingress, in order: the Minecraft relay hostname to the Velocity Service over raw TCP,
 * the HTTP routes the config declares, and the catch-all, which cloudflared requires last.
 */
export function tunnelIngressRules(network: Network): TunnelIngressRule[] {
  const velocity = velocityService(network);
  return [
    { hostname: network.edge.tunnelHostname, service: `tcp://${velocity.host}:${velocity.port}` },
    ...network.tunnel.httpRoutes.map((route) => ({ hostname: route.hostname, service: route.service })),
    CATCH_ALL_RULE,
  ];
}
