import type { Construct } from "constructs";
import { ExternalCustomResource } from "../lib/external-custom-resource.ts";

export interface IpAddressPoolProps {
  readonly name: string;
  /** Ranges (`a-b`) or CIDRs MetalLB may assign. */
  readonly addresses: readonly string[];
  /**
   * Hand addresses out to any LoadBalancer Service that does not ask for one.
   * @default false: only Services that name an address (the Velocity VIP) get one, so a stray Service never takes the VIP.
   */
  readonly autoAssign?: boolean;
}

/** metallb.io/v1beta1 IPAddressPool (schema: MetalLB's CRD; no published TypeScript model). */
export class IpAddressPool extends ExternalCustomResource {
  constructor(scope: Construct, id: string, props: IpAddressPoolProps) {
    super(scope, id, {
      apiVersion: "metallb.io/v1beta1",
      kind: "IPAddressPool",
      metadata: { name: props.name },
      spec: { addresses: [...props.addresses], autoAssign: props.autoAssign ?? false },
    });
  }
}
