import * as z from "zod";
import { dnsLabel, hostname, ipv4, port } from "./primitives.ts";

export const edgeSchema = z.strictObject({
  /** What players type into the client; answered by the Cloudflare load balancer (DNS-only). */
  minecraftHostname: hostname,
  /** Routed by the Tunnel to Velocity; only the ingress nodes (Access service token) may use it. */
  tunnelHostname: hostname,
  /** The resource-pack Worker. */
  resourcePackHostname: hostname,
  /** The status / MOTD Worker. */
  statusHostname: hostname,
});

const ingressNode = z.strictObject({
  name: dnsLabel,
  /** The VPS's public IPv4 address. */
  publicIp: ipv4,
});

export const ingressNodesSchema = z.strictObject({
  primary: ingressNode,
  standby: ingressNode,
  /** Port of the health agent the load balancer monitors. */
  healthPort: port.default(8443),
});
