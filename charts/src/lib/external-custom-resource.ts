import { ApiObject, type ApiObjectMetadata } from "cdk8s";
import type { Construct } from "constructs";

export interface ExternalCustomResourceProps {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ApiObjectMetadata & { readonly name: string };
  readonly spec: Record<string, unknown>;
}

/**
 * A custom resource whose CRD is installed by another ArgoCD application (MetalLB, Longhorn, the
 * Prometheus Operator). On the first sync the CRD may not exist yet, and ArgoCD's dry run would fail
 * the whole app; SkipDryRunOnMissingResource lets the sync wave ordering do its job instead.
 */
export class ExternalCustomResource extends ApiObject {
  constructor(scope: Construct, id: string, props: ExternalCustomResourceProps) {
    super(scope, id, {
      apiVersion: props.apiVersion,
      kind: props.kind,
      metadata: {
        ...props.metadata,
        annotations: {
          ...props.metadata.annotations,
          "argocd.argoproj.io/sync-options": "SkipDryRunOnMissingResource=true",
        },
      },
      spec: props.spec,
    });
  }
}
