import type { Network } from "@mc-infra/config";
import { Chart } from "cdk8s";
import { Namespace } from "cdk8s-plus-33";
import type { Construct } from "constructs";
import { appLabels } from "./labels.ts";

export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

export interface AppChartProps {
  readonly network: Network;
  /** The ArgoCD application and the `apps/<name>/` folder this chart renders. */
  readonly appName: string;
  readonly namespace: string;
  /**
   * Pod Security Admission level enforced on the namespace.
   * @default "restricted"
   */
  readonly podSecurity?: PodSecurityLevel;
  /** Why the namespace cannot be `restricted`; required for anything weaker, rendered as an annotation. */
  readonly podSecurityReason?: string;
}

/**
 * The chart behind one ArgoCD application: one namespace, which it owns and labels for Pod Security
 * Admission, and the standard labels on every object it renders.
 */
export class AppChart extends Chart {
  readonly network: Network;
  readonly appName: string;

  constructor(scope: Construct, props: AppChartProps) {
    super(scope, props.appName, {
      namespace: props.namespace,
      labels: appLabels(props.network, props.appName),
    });
    this.network = props.network;
    this.appName = props.appName;

    const level = props.podSecurity ?? "restricted";
    if (level !== "restricted" && !props.podSecurityReason) {
      throw new Error(`${props.appName}: a pod security level weaker than restricted needs a reason`);
    }
    new Namespace(this, "namespace", {
      metadata: {
        name: props.namespace,
        labels: {
          "pod-security.kubernetes.io/enforce": level,
          "pod-security.kubernetes.io/enforce-version": "latest",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
        },
        ...(props.podSecurityReason
          ? { annotations: { "minecraft-infra/pod-security-reason": props.podSecurityReason } }
          : {}),
      },
    });
  }
}
