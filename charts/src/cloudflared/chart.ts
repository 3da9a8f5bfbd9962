import type { Network } from "@mc-infra/config";
import type { Construct } from "constructs";
import { AppChart } from "../lib/app-chart.ts";

/** cloudflared: the outbound-only connection from the cluster to the Cloudflare Tunnel. */
export class CloudflaredChart extends AppChart {
  constructor(scope: Construct, network: Network) {
    super(scope, { network, appName: "cloudflared", namespace: network.cluster.namespaces.cloudflared });
  }
}
