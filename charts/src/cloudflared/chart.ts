import type { Network } from "@mc-infra/config";
import type { Construct } from "constructs";
import { AppChart } from "../lib/app-chart.ts";
import { CloudflaredTunnel } from "./cloudflared-tunnel.ts";
import { CloudflaredNetworkPolicies } from "./network-policies.ts";

/**
 * cloudflared: the outbound-only connection from the cluster to the Cloudflare Tunnel.
 * Pod Security `restricted`: the connector runs as the image's non-root user, read-only.
 */
export class CloudflaredChart extends AppChart {
  constructor(scope: Construct, network: Network) {
    super(scope, { network, appName: "cloudflared", namespace: network.cluster.namespaces.cloudflared });
    new CloudflaredTunnel(this, "tunnel", { network });
    new CloudflaredNetworkPolicies(this, "network-policies", { network });
  }
}
