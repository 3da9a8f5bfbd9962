import { CronExpressionParser } from "cron-parser";
import type { Network } from "./define.ts";
import { paperService, type ServiceRef } from "./derived.ts";
import { PLUGINS } from "./images.ts";
import type { ServerSpec } from "./schema/network.ts";

/**
 * Monitoring facts two layers must agree on: what the Paper pods expose for Prometheus (the
 * minecraft chart declares it, the monitoring chart scrapes it), and the backup freshness metric
 * (the backup job pushes it, the alert rules read it).
 */

/**
 * The Prometheus exporter plugin every Paper server runs (sladkoff/minecraft-prometheus-exporter).
 * The minecraft chart adds `pluginUrl` to the server's plugins, sets `env` on the Paper container and
 * declares the container port `portName`/`port`; the monitoring PodMonitor scrapes exactly that port
 * name, so a pod without it is never a target.
 */
export const PAPER_METRICS = {
  port: 9940,
  /** Container port name (at most 15 characters, as Kubernetes requires). */
  portName: "paper-metrics",
  path: "/metrics",
  pluginUrl: `https://github.com/sladkoff/minecraft-prometheus-exporter/releases/download/v${PLUGINS.prometheusExporter}/minecraft-prometheus-exporter-${PLUGINS.prometheusExporter}.jar`,
  /**
   * The plugin's own config file (it reads no environment): it binds to `host` (default localhost)
   * and `port`, and Prometheus scrapes the pod IP, so the host must be every address.
   */
  config: {
    file: "plugins/PrometheusExporter/config.yml",
    values: { host: "0.0.0.0", port: 9940 },
  },
} as const;

/**
 * Labels of the monitoring pods that reach into the minecraft namespace. Its NetworkPolicy admits
 * exactly these, from the monitoring namespace: mc-monitor to Paper's game port (Server List Ping),
 * Prometheus to `PAPER_METRICS.port`.
 */
export const MONITORING_PODS = {
  /** mc-monitor, rendered by the monitoring app with these labels. */
  serverListPing: { "app.kubernetes.io/name": "mc-monitor" },
  /** Prometheus: the Prometheus Operator gives its pods this label. */
  prometheus: { "app.kubernetes.io/name": "prometheus" },
} as const;

/** Addresses mc-monitor pings with Server List Ping, one per Paper server. */
export function slpTargets(network: Network): { readonly server: string; readonly address: string }[] {
  return network.servers.map((server) => {
    const service = paperService(network, server);
    return { server: server.name, address: `${service.host}:${service.port}` };
  });
}

/** The Pushgateway batch jobs push their results to; Prometheus scrapes it with honor_labels. */
export function pushgatewayService(network: Network): ServiceRef {
  const namespace = network.cluster.namespaces.monitoring;
  return { name: "pushgateway", namespace, port: 9091, host: `pushgateway.${namespace}.svc.cluster.local` };
}

/**
 * The backup freshness contract. After a backup of a server is uploaded AND its manifest written,
 * the backup job PUTs `backupMetricsBody(...)` to `backupMetricsUrl(network, server)`. PUT replaces
 * the server's whole group, so a failed run never leaves a half-updated set. A failed backup pushes
 * nothing: the last success timestamp simply ages until the alert fires.
 */
export const BACKUP_METRICS = {
  /** The Pushgateway `job` grouping label (and the series' `job` label, kept by honor_labels). */
  job: "minecraft-backup",
  lastSuccess: "minecraft_backup_last_success_timestamp_seconds",
  sizeBytes: "minecraft_backup_last_size_bytes",
  durationSeconds: "minecraft_backup_last_duration_seconds",
} as const;

export function backupMetricsUrl(network: Network, server: Pick<ServerSpec, "name">): string {
  const gateway = pushgatewayService(network);
  return `http://${gateway.host}:${gateway.port}/metrics/job/${BACKUP_METRICS.job}/server/${encodeURIComponent(server.name)}`;
}

export interface BackupResult {
  /** When the upload (and manifest) completed. */
  readonly completedAt: Date;
  readonly sizeBytes: number;
  readonly durationSeconds: number;
}

/** The request body for `backupMetricsUrl`: Prometheus text exposition format. */
export function backupMetricsBody(result: BackupResult): string {
  const gauge = (name: string, help: string, value: number) =>
    `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${value}\n`;
  return (
    gauge(
      BACKUP_METRICS.lastSuccess,
      "Unix time the newest complete backup of this server finished.",
      Math.floor(result.completedAt.getTime() / 1000),
    ) +
    gauge(BACKUP_METRICS.sizeBytes, "Size of the newest complete backup archive.", result.sizeBytes) +
    gauge(BACKUP_METRICS.durationSeconds, "How long the newest complete backup took.", result.durationSeconds)
  );
}

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/**
 * The longest gap between two consecutive runs of a cron schedule, in seconds, in UTC over nine
 * years (every weekday and month length occur, and three leap days, so even "0 0 29 2 *" has a gap). "0 * * * *" → 3600; "0 2,14 * * *" →
 * 43200; "0 3 * * 1-5" → 259200 (Friday to Monday); "@yearly" → 366 days.
 *
 * Computed from the parsed fields rather than by stepping through runs: stepping an hourly schedule
 * through a year costs cron-parser's date arithmetic thousands of calls, a visible share of `pnpm synth`.
 */
const WINDOW_DAYS = 9 * 366;
/** Every server's alert rule asks for the same backup schedule; the answer never changes. */
const gapBySchedule = new Map<string, number>();

export function longestCronGapSeconds(schedule: string): number {
  let gap = gapBySchedule.get(schedule);
  if (gap === undefined) {
    gap = computeLongestCronGapSeconds(schedule);
    gapBySchedule.set(schedule, gap);
  }
  return gap;
}

function computeLongestCronGapSeconds(schedule: string): number {
  // Only the fields are read, and they do not depend on a time zone (naming one costs an ICU start-up).
  const { fields } = CronExpressionParser.parse(MACROS[schedule] ?? schedule);
  const minutes = fields.minute.values.map(Number);
  const hours = fields.hour.values.map(Number);
  const daysOfMonth = fields.dayOfMonth.values;
  const daysOfWeek = fields.dayOfWeek.values;
  if (![...daysOfMonth, ...daysOfWeek].every((value) => typeof value === "number")) {
    return longestCronGapByStepping(schedule); // L, W and # need cron-parser's own calendar logic
  }
  const times = hours.flatMap((hour) => minutes.map((minute) => hour * 60 + minute)).sort((a, b) => a - b);
  const monthSet = new Set(fields.month.values.map(Number));
  const domSet = new Set(daysOfMonth.map(Number));
  const dowSet = new Set(daysOfWeek.map((day) => Number(day) % 7));
  const domAny = fields.dayOfMonth.isWildcard;
  const dowAny = fields.dayOfWeek.isWildcard;
  const runsOn = (date: Date) => {
    if (!monthSet.has(date.getUTCMonth() + 1)) return false;
    const dom = domSet.has(date.getUTCDate());
    const dow = dowSet.has(date.getUTCDay());
    // Vixie cron: when both day fields are restricted, a day that matches either runs.
    return domAny && dowAny ? true : domAny ? dow : dowAny ? dom : dom || dow;
  };

  let longest = 0;
  for (let index = 1; index < times.length; index++)
    longest = Math.max(longest, times[index]! - times[index - 1]!);
  let previousDay: number | undefined;
  const start = Date.UTC(2024, 0, 1);
  for (let day = 0; day < WINDOW_DAYS; day++) {
    if (!runsOn(new Date(start + day * 86_400_000))) continue;
    if (previousDay !== undefined) {
      longest = Math.max(longest, (day - previousDay) * 1440 + times[0]! - times[times.length - 1]!);
    }
    previousDay = day;
  }
  return longest * 60;
}

function longestCronGapByStepping(schedule: string): number {
  const start = Date.UTC(2024, 0, 1);
  const end = start + WINDOW_DAYS * 86_400_000;
  const expression = CronExpressionParser.parse(schedule, { currentDate: new Date(start), tz: "UTC" });
  let previous = expression.next().getTime();
  let longest = 0;
  for (let runs = 0; previous < end && runs < 100_000; runs++) {
    const next = expression.next().getTime();
    longest = Math.max(longest, next - previous);
    previous = next;
  }
  return longest / 1000;
}

/** Seconds after which a server's newest backup counts as missing: twice the backup schedule's longest gap. */
export function backupStaleAfterSeconds(network: Network): number {
  return 2 * longestCronGapSeconds(network.backups.schedule);
}
