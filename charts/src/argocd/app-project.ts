import { ApiObject } from "cdk8s";
import type { Construct } from "constructs";

export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

export interface AppProjectProps {
  readonly name: string;
  readonly argocdNamespace: string;
  readonly description: string;
  /** Exactly the repositories the applications pull from. */
  readonly sourceRepos: readonly string[];
  /** Exactly the namespaces the applications deploy into. */
  readonly namespaces: readonly string[];
  readonly clusterResources: readonly GroupKind[];
  readonly namespaceResources: readonly GroupKind[];
}

/** argoproj.io/v1alpha1 AppProject that allows only what this repository renders: no wildcards. */
export class AppProject extends ApiObject {
  constructor(scope: Construct, id: string, props: AppProjectProps) {
    super(scope, id, {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "AppProject",
      // Before the Applications that name it, should the root app ever have to create it again.
      metadata: {
        name: props.name,
        namespace: props.argocdNamespace,
        annotations: { "argocd.argoproj.io/sync-wave": "-1" },
      },
      spec: {
        description: props.description,
        sourceRepos: [...props.sourceRepos],
        destinations: props.namespaces.map((namespace) => ({
          server: "https://kubernetes.default.svc",
          namespace,
        })),
        clusterResourceWhitelist: [...props.clusterResources],
        namespaceResourceWhitelist: [...props.namespaceResources],
        orphanedResources: { warn: true },
      },
    });
  }
}
