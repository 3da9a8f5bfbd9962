import {
  BACKUP_METRICS,
  backupStaleAfterSeconds,
  type Network,
  velocityService,
  worldClaimName,
} from "@mc-infra/config";
import type { AlertRule, RuleGroup } from "./prometheus-rule.ts";
import { headingAnchor, RUNBOOKS, runbookUrl } from "./runbooks.ts";

/**
 * How long each condition must hold before it pages. Short enough to catch a real outage, long
 * enough that a routine restart (Paper takes ~1 min to load a world) or one slow tick stays quiet.
 */
export const ALERT_FOR = {
  serverDown: "2m",
  tpsLow: "3m",
  memoryHigh: "5m",
  worldVolumeFull: "5m",
  backupStale: "5m",
  cloudflaredDown: "2m",
  velocityDown: "2m",
} as const;

/**
 * The alert rules for the network, with thresholds from `network.alerts`. Series carry a `server`
 * label: mc-monitor's from its ServiceMonitor, the Paper exporter's from its PodMonitor, the backup
 * metric's from the Pushgateway grouping key.
 */
export function minecraftAlertRules(network: Network): RuleGroup[] {
  const { alerts } = network;
  const minecraft = network.cluster.namespaces.minecraft;
  const cloudflared = network.cluster.namespaces.cloudflared;
  const velocity = velocityService(network).name;
  const staleAfter = backupStaleAfterSeconds(network);
  const runbook = (alert: string) => runbookUrl(network, RUNBOOKS.alerts, headingAnchor(alert));
  const rule = (
    alert: string,
    spec: Omit<AlertRule, "alert" | "annotations"> & { summary: string; description: string },
  ): AlertRule => ({
    alert,
    expr: spec.expr,
    ...(spec.for ? { for: spec.for } : {}),
    labels: spec.labels,
    annotations: { summary: spec.summary, description: spec.description, runbook_url: runbook(alert) },
  });

  const servers = network.servers.flatMap((server) => {
    const name = server.name;
    const healthy = `minecraft_status_healthy{server="${name}"}`;
    const claim = worldClaimName(server);
    const volume = (metric: string) =>
      `max(${metric}{namespace="${minecraft}", persistentvolumeclaim="${claim}"})`;
    const lastBackup = `${BACKUP_METRICS.lastSuccess}{server="${name}"}`;
    return [
      rule("MinecraftServerDown", {
        expr: `max(${healthy}) == 0 or absent(${healthy})`,
        for: ALERT_FOR.serverDown,
        labels: { severity: "critical", server: name },
        summary: `Minecraft server ${name} is down`,
        description: `${name} has not answered a Server List Ping for ${ALERT_FOR.serverDown} (or mc-monitor reports nothing for it). Players sent to ${name} cannot join.`,
      }),
      rule("MinecraftWorldVolumeFull", {
        expr: `${volume("kubelet_volume_stats_used_bytes")} / ${volume("kubelet_volume_stats_capacity_bytes")} > ${alerts.pvcPercent / 100}`,
        for: ALERT_FOR.worldVolumeFull,
        labels: { severity: "warning", server: name },
        summary: `World volume of ${name} is over ${alerts.pvcPercent}% full`,
        description: `${claim} is {{ $value | humanizePercentage }} full. A full volume corrupts the world on the next save; grow the PVC (Longhorn expands online) or prune.`,
      }),
      rule("MinecraftBackupStale", {
        expr: `time() - max(${lastBackup}) > ${staleAfter}`,
        for: ALERT_FOR.backupStale,
        labels: { severity: "warning", server: name },
        summary: `Newest backup of ${name} is older than ${formatDuration(staleAfter)}`,
        description: `The last complete backup of ${name} finished {{ $value | humanizeDuration }} ago, more than twice the backup schedule (${network.backups.schedule}). The RPO of one hour is not being met.`,
      }),
      rule("MinecraftBackupMissing", {
        expr: `absent(${lastBackup})`,
        for: formatDuration(staleAfter),
        labels: { severity: "warning", server: name },
        summary: `No backup of ${name} has been recorded for ${formatDuration(staleAfter)}`,
        description: `The Pushgateway holds no ${BACKUP_METRICS.lastSuccess} for ${name}: no backup has completed since the Pushgateway last started, for twice the backup schedule.`,
      }),
    ];
  });

  const tps = "max by (server) (mc_tps)";
  const workingSet = `max by (namespace, pod, container) (container_memory_working_set_bytes{namespace="${minecraft}", container!="", container!="POD"})`;
  const limit = `max by (namespace, pod, container) (kube_pod_container_resource_limits{namespace="${minecraft}", resource="memory"})`;
  const readyReplicas = (selector: string) =>
    `sum(kube_deployment_status_replicas_ready{${selector}}) == 0 or absent(kube_deployment_status_replicas_ready{${selector}})`;

  return [
    { name: "minecraft-servers", rules: servers },
    {
      name: "minecraft-performance",
      rules: [
        rule("MinecraftTpsLow", {
          expr: `${tps} < ${alerts.tpsBelow}`,
          for: ALERT_FOR.tpsLow,
          labels: { severity: "warning" },
          summary: "Minecraft server {{ $labels.server }} is lagging",
          description: `{{ $labels.server }} runs at {{ $value | printf "%.1f" }} TPS, below ${alerts.tpsBelow} for ${ALERT_FOR.tpsLow}. Players see rubber-banding and delayed blocks.`,
        }),
        rule("MinecraftMemoryHigh", {
          expr: `${workingSet} / on (namespace, pod, container) ${limit} > ${alerts.memoryPercent / 100}`,
          for: ALERT_FOR.memoryHigh,
          labels: { severity: "warning" },
          summary: "{{ $labels.pod }}/{{ $labels.container }} is close to its memory limit",
          description: `{{ $labels.container }} in {{ $labels.pod }} uses {{ $value | humanizePercentage }} of its memory limit (threshold ${alerts.memoryPercent}%) for ${ALERT_FOR.memoryHigh}. At the limit the kernel OOM-kills it mid-tick, losing everything since the last save.`,
        }),
      ],
    },
    {
      name: "minecraft-edge",
      rules: [
        rule("CloudflaredDown", {
          expr: readyReplicas(`namespace="${cloudflared}"`),
          for: ALERT_FOR.cloudflaredDown,
          labels: { severity: "critical" },
          summary: "No cloudflared replica is ready",
          description: `No cloudflared pod in ${cloudflared} has been ready for ${ALERT_FOR.cloudflaredDown}. The Tunnel has no connector: nobody outside the LAN can join.`,
        }),
        rule("VelocityDown", {
          expr: readyReplicas(`namespace="${minecraft}", deployment="${velocity}"`),
          for: ALERT_FOR.velocityDown,
          labels: { severity: "critical" },
          summary: "No Velocity proxy replica is ready",
          description: `The ${velocity} Deployment has had no ready replica for ${ALERT_FOR.velocityDown}. Every player is disconnected and nobody can join.`,
        }),
      ],
    },
  ];
}

/** 7200 → "2h", 5400 → "90m": the largest unit that divides exactly, as Prometheus writes durations. */
export function formatDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
