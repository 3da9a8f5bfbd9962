import type { Network } from "@mc-infra/config";
import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { appLabels } from "../lib/labels.ts";
import { IpAddressPool } from "./ip-address-pool.ts";
import { L2Advertisement } from "./l2-advertisement.ts";

/** MetalLB's address pool and its L2 announcement, in MetalLB's namespace (owned by the upstream app). */
export class MetallbConfigChart extends Chart {
  constructor(scope: Construct, network: Network) {
    super(scope, "metallb-config", {
      namespace: network.cluster.namespaces.metallb,
      labels: appLabels(network, "metallb-config"),
    });
    const pool = new IpAddressPool(this, "pool", {
      name: "minecraft",
      addresses: network.cluster.metallb.addresses,
    });
    new L2Advertisement(this, "l2", { name: "minecraft", ipAddressPools: [pool.name] });
  }
}
