import * as z from "zod";
import { cronExpression, hostname } from "./primitives.ts";

export const skriptSchema = z.strictObject({
  /** Git repository holding the Skript scripts (minecraft-project-skript). */
  repo: z.url({ protocol: /^(https|ssh)$/, error: "must be an https:// or ssh:// git URL" }),
  branch: z.string().min(1).default("main"),
  /** Seconds between git-sync polls. */
  periodSeconds: z.number().int().min(10).max(3600).default(60),
  /** Secret holding git credentials for a private repository; omit for a public one. */
  credentialsSecret: z.string().min(1).optional(),
});

export const backupsSchema = z.strictObject({
  /** World backup schedule. Hourly meets the RPO of one hour. */
  schedule: cronExpression.default("0 * * * *"),
  retentionDays: z.number().int().min(1).max(3650).default(30),
  pruneSchedule: cronExpression.default("30 3 * * *"),
  verifySchedule: cronExpression.default("0 5 * * 0"),
  /** Longhorn block-level layer: snapshots and backups to the backup target. */
  longhorn: z
    .strictObject({
      snapshotSchedule: cronExpression.default("0 * * * *"),
      snapshotRetain: z.number().int().min(1).max(250).default(24),
      backupSchedule: cronExpression.default("0 2 * * *"),
      backupRetain: z.number().int().min(1).max(250).default(14),
    })
    .default(() => ({
      snapshotSchedule: "0 * * * *",
      snapshotRetain: 24,
      backupSchedule: "0 2 * * *",
      backupRetain: 14,
    })),
});

export const logsSchema = z.strictObject({
  /** Hourly by default: each rotated log reaches R2 within the hour. */
  schedule: cronExpression.default("15 * * * *"),
  retentionDays: z.number().int().min(1).max(3650).default(90),
});

export const alertsSchema = z.strictObject({
  tpsBelow: z.number().min(1).max(20).default(18),
  memoryPercent: z.number().min(50).max(100).default(90),
  pvcPercent: z.number().min(50).max(100).default(85),
  /** Send alerts to Discord; the webhook URL lives in a Secret Pulumi writes, never in git. */
  discord: z.boolean().default(true),
});

export const argocdSchema = z.strictObject({
  namespace: z.string().min(1).default("argocd"),
  project: z.string().min(1).default("minecraft"),
  /** The git repository ArgoCD syncs (this repository). */
  repoURL: z.url({ protocol: /^(https|ssh)$/, error: "must be an https:// or ssh:// git URL" }),
  targetRevision: z.string().min(1).default("main"),
});

export { hostname };
