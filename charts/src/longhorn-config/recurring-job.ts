import type { Construct } from "constructs";
import { ExternalCustomResource } from "../lib/external-custom-resource.ts";

/** What a recurring job does (longhorn.io/v1beta2 RecurringJob `spec.task`). */
export type RecurringJobTask =
  | "snapshot"
  | "snapshot-force-create"
  | "snapshot-cleanup"
  | "snapshot-delete"
  | "backup"
  | "backup-force-create"
  | "filesystem-trim";

export interface RecurringJobProps {
  readonly name: string;
  readonly task: RecurringJobTask;
  /** Five-field cron, in the Longhorn manager's time zone (UTC unless changed). */
  readonly cron: string;
  /** Snapshots or backups of this job kept per volume; older ones are removed. */
  readonly retain: number;
  /** Volumes that carry one of these groups (e.g. through their StorageClass) run the job. */
  readonly groups: readonly string[];
  /**
   * Volumes processed at the same time.
   * @default 1: one volume at a time keeps the disks and the uplink free for the game.
   */
  readonly concurrency?: number;
  /** Labels put on the snapshots or backups the job creates. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** longhorn.io/v1beta2 RecurringJob (schema: Longhorn's CRD; no published TypeScript model). */
export class RecurringJob extends ExternalCustomResource {
  constructor(scope: Construct, id: string, props: RecurringJobProps) {
    super(scope, id, {
      apiVersion: "longhorn.io/v1beta2",
      kind: "RecurringJob",
      metadata: { name: props.name },
      spec: {
        name: props.name,
        task: props.task,
        cron: props.cron,
        retain: props.retain,
        concurrency: props.concurrency ?? 1,
        groups: [...props.groups],
        ...(props.labels ? { labels: { ...props.labels } } : {}),
      },
    });
  }
}
