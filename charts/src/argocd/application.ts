import { ApiObject } from "cdk8s";
import type { Construct } from "constructs";

export interface ApplicationSource {
  readonly repoURL: string;
  readonly targetRevision: string;
  /** A folder of plain manifests in the repo. */
  readonly path?: string;
  /** A Helm chart from a chart repository. */
  readonly chart?: string;
  readonly helm?: { readonly releaseName?: string; readonly valuesObject?: Record<string, unknown> };
}

export interface ApplicationProps {
  readonly name: string;
  /** Namespace ArgoCD runs in. */
  readonly argocdNamespace: string;
  readonly project: string;
  readonly source: ApplicationSource;
  readonly destinationNamespace: string;
  /** Lower waves sync (and, with the Application health check, become healthy) first. */
  readonly syncWave: number;
  /** Extra sync options, e.g. ServerSideApply for charts whose CRDs outgrow the last-applied annotation. */
  readonly syncOptions?: readonly string[];
  /** Labels for a namespace ArgoCD creates (CreateNamespace=true), e.g. Pod Security Admission. */
  readonly managedNamespaceLabels?: Record<string, string>;
}

/** argoproj.io/v1alpha1 Application with automated, pruning, self-healing sync. */
export class Application extends ApiObject {
  constructor(scope: Construct, id: string, props: ApplicationProps) {
    const syncOptions = [...(props.syncOptions ?? [])];
    if (props.managedNamespaceLabels) syncOptions.unshift("CreateNamespace=true");
    super(scope, id, {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: {
        name: props.name,
        namespace: props.argocdNamespace,
        annotations: { "argocd.argoproj.io/sync-wave": String(props.syncWave) },
      },
      spec: {
        project: props.project,
        source: props.source,
        destination: { server: "https://kubernetes.default.svc", namespace: props.destinationNamespace },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          ...(props.managedNamespaceLabels
            ? { managedNamespaceMetadata: { labels: props.managedNamespaceLabels } }
            : {}),
          ...(syncOptions.length > 0 ? { syncOptions } : {}),
          retry: { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
        },
      },
    });
  }
}
