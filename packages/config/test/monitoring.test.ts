import { describe, expect, it } from "vitest";
import {
  BACKUP_METRICS,
  backupMetricsBody,
  backupMetricsUrl,
  backupStaleAfterSeconds,
  ConfigError,
  defineNetwork,
  loadDefinition,
  longestCronGapSeconds,
  PAPER_METRICS,
  PLUGINS,
  resolveNetwork,
} from "../src/index.ts";

describe("the backup freshness contract", () => {
  it("pushes to the Pushgateway under the server's own group, so one server never overwrites another", async () => {
    const network = resolveNetwork(await loadDefinition("network.config.ts"));
    expect(backupMetricsUrl(network, { name: "survival" })).toBe(
      "http://pushgateway.monitoring.svc.cluster.local:9091/metrics/job/minecraft-backup/server/survival",
    );
  });

  it("writes a text exposition body with the success time in whole Unix seconds", () => {
    const body = backupMetricsBody({
      completedAt: new Date("2025-01-02T03:04:05.678Z"),
      sizeBytes: 123_456,
      durationSeconds: 42.5,
    });
    expect(body).toContain(
      `# TYPE ${BACKUP_METRICS.lastSuccess} gauge\n${BACKUP_METRICS.lastSuccess} 1735787045\n`,
    );
    expect(body).toContain(`${BACKUP_METRICS.sizeBytes} 123456\n`);
    expect(body).toContain(`${BACKUP_METRICS.durationSeconds} 42.5\n`);
    expect(body.endsWith("\n")).toBe(true);
  });

  it("counts a backup as stale after twice the longest gap of its schedule", async () => {
    const network = resolveNetwork(await loadDefinition("network.config.ts"));
    expect(backupStaleAfterSeconds(network)).toBe(7200);
    expect(longestCronGapSeconds("@hourly")).toBe(3600);
    expect(longestCronGapSeconds("*/15 * * * *")).toBe(900);
    expect(longestCronGapSeconds("@yearly")).toBe(366 * 86_400);
    expect(longestCronGapSeconds("0 0 29 2 *")).toBe((4 * 365 + 1) * 86_400);
    // Both day fields restricted: a day matching either runs (the 1st, the 15th, or any Monday).
    expect(longestCronGapSeconds("0 0 1,15 * 1")).toBe(7 * 86_400);
    // L needs cron-parser's own calendar: the longest month-end to month-end gap is 31 days.
    expect(longestCronGapSeconds("0 5 L * *")).toBe(31 * 86_400);
    expect(longestCronGapSeconds("0 2,14 * * *")).toBe(43_200);
    // Weekdays only: Friday 03:00 to Monday 03:00.
    expect(longestCronGapSeconds("0 3 * * 1-5")).toBe(259_200);
  });
});

describe("the Paper exporter", () => {
  it("is pinned in one place the update bot reads, and its URL follows the pin", () => {
    expect(PAPER_METRICS.pluginUrl).toContain(`/v${PLUGINS.prometheusExporter}/`);
    expect(PAPER_METRICS.pluginUrl.endsWith(`-${PLUGINS.prometheusExporter}.jar`)).toBe(true);
    expect(PAPER_METRICS.config.values.port).toBe(PAPER_METRICS.port);
  });
});

describe("the monitoring section", () => {
  it("defaults Prometheus's retention and volume", async () => {
    const network = resolveNetwork(await loadDefinition("network.config.ts"));
    expect(network.monitoring).toEqual({ retention: "15d", storage: "20Gi" });
  });

  it("names the field when a value is wrong", async () => {
    const definition = await loadDefinition("network.config.ts");
    const broken = defineNetwork({
      base: { ...definition.base, monitoring: { retention: "15 days", storage: "20G" } },
      environments: { production: {} },
      defaultEnvironment: "production",
    });
    try {
      resolveNetwork(broken);
      expect.unreachable("an invalid monitoring section was accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const paths = (error as ConfigError).problems.map((problem) => problem.path);
      expect(paths).toEqual(["monitoring.retention", "monitoring.storage"]);
    }
  });
});
