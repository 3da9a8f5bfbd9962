import type { Construct } from "constructs";
import { ExternalCustomResource } from "../lib/external-custom-resource.ts";

export interface L2AdvertisementProps {
  readonly name: string;
  /** Pools announced over ARP on the LAN. */
  readonly ipAddressPools: readonly string[];
}

/** metallb.io/v1beta1 L2Advertisement: answers ARP for the pool's addresses from one node at a time. */
export class L2Advertisement extends ExternalCustomResource {
  constructor(scope: Construct, id: string, props: L2AdvertisementProps) {
    super(scope, id, {
      apiVersion: "metallb.io/v1beta1",
      kind: "L2Advertisement",
      metadata: { name: props.name },
      spec: { ipAddressPools: [...props.ipAddressPools] },
    });
  }
}
