import type { Construct } from "constructs";
import { ExternalCustomResource } from "../lib/external-custom-resource.ts";

export interface BackupTargetProps {
  /**
   * Longhorn uses the target named `default` for recurring backups; others must be chosen per volume.
   * @default "default"
   */
  readonly name?: string;
  /** `s3://<bucket>@<region>/<path>/`. */
  readonly backupTargetUrl: string;
  /** Secret in Longhorn's namespace with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_ENDPOINTS. */
  readonly credentialSecret: string;
  /**
   * How often Longhorn lists the target for backups made elsewhere (e.g. by another cluster).
   * @default "5m0s"
   */
  readonly pollInterval?: string;
}

/**
 * longhorn.io/v1beta2 BackupTarget (Longhorn ≥ 1.8 keeps the backup target in this resource rather
 * than in the `backup-target` settings; schema: Longhorn's CRD, no published TypeScript model).
 */
export class BackupTarget extends ExternalCustomResource {
  constructor(scope: Construct, id: string, props: BackupTargetProps) {
    super(scope, id, {
      apiVersion: "longhorn.io/v1beta2",
      kind: "BackupTarget",
      metadata: { name: props.name ?? "default" },
      spec: {
        backupTargetURL: props.backupTargetUrl,
        credentialSecret: props.credentialSecret,
        pollInterval: props.pollInterval ?? "5m0s",
      },
    });
  }
}
