import { type Network, OPS_POD_LABEL, pushgatewayService } from "@mc-infra/config";
import { k8s } from "cdk8s-plus-33";
import { Construct } from "constructs";
import { podsInNamespace, publicInternet, tcp } from "../lib/network-policy-rules.ts";
import { OBJECT_STORAGE_LABEL } from "./ops-pod.ts";

export interface OpsNetworkPoliciesProps {
  readonly network: Network;
}

/**
 * The ops pods' way out of the namespace's default deny (network-policies.ts admits their RCON):
 * HTTPS to public addresses for R2 (NetworkPolicy cannot name hosts: the S3 endpoint is
 * `<account>.r2.cloudflarestorage.com`), and for the backup pods the Pushgateway, where they report
 * each completed backup (docs/adr/0004).
 */
export class OpsNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: OpsNetworkPoliciesProps) {
    super(scope, id);
    const { network } = props;
    new k8s.KubeNetworkPolicy(this, "object-storage", {
      metadata: { name: "ops-object-storage" },
      spec: {
        podSelector: { matchLabels: { [OBJECT_STORAGE_LABEL.key]: OBJECT_STORAGE_LABEL.value } },
        policyTypes: ["Egress"],
        egress: [{ to: [publicInternet()], ports: [tcp(443)] }],
      },
    });
    new k8s.KubeNetworkPolicy(this, "pushgateway", {
      metadata: { name: "ops-pushgateway" },
      spec: {
        podSelector: { matchLabels: { [OPS_POD_LABEL.key]: OPS_POD_LABEL.value } },
        policyTypes: ["Egress"],
        egress: [
          {
            to: [
              podsInNamespace(network.cluster.namespaces.monitoring, {
                "app.kubernetes.io/name": "pushgateway",
              }),
            ],
            ports: [tcp(pushgatewayService(network).port)],
          },
        ],
      },
    });
  }
}
