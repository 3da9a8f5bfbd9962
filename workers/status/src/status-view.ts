import { type Motd, renderMotd } from "@mc-infra/slp";
import type { RemoteConfig } from "./remote-config.ts";
import type { Settings } from "./settings.ts";
import type { CheckError, StatusRecord } from "./status-record.ts";
import { readCurrentStatus, readRemoteConfig } from "./store.ts";
import { uptimePercent } from "./uptime.ts";

/** What `GET /api/status` returns, and what the page and the badge are drawn from. */
export interface StatusView {
  /** The address pinged, `host:port`. */
  readonly target: string;
  /** `maintenance` whenever the operator says so, whatever the ping saw. */
  readonly state: "online" | "offline" | "maintenance" | "unknown";
  readonly online: boolean;
  readonly players: StatusRecord["players"];
  readonly version: StatusRecord["version"];
  /** The custom MOTD when one is set, else the server's. */
  readonly motd: Motd | null;
  readonly favicon: string | null;
  readonly latencyMs: number | null;
  readonly checkedAt: string | null;
  readonly lastOnlineAt: string | null;
  /** True when the server fields are not from a check that just succeeded. */
  readonly stale: boolean;
  readonly error: CheckError | null;
  readonly maintenance: RemoteConfig["maintenance"];
  /** Percentage of observed minutes up in the last 24 hours; null before the first check. */
  readonly uptime24h: number | null;
}

/** Beyond a heartbeat and two minutes without a write, the cron is not running. */
const CRON_SILENCE_GRACE_MINUTES = 2;

export function buildStatusView(
  record: StatusRecord | null,
  config: RemoteConfig,
  settings: Settings,
  nowMs: number,
): StatusView {
  const target = `${settings.target.hostname}:${settings.target.port}`;
  const customMotd = config.customMotd === null ? null : renderMotd(config.customMotd);
  const maintenance = config.maintenance.enabled;
  if (!record) {
    return {
      target,
      state: maintenance ? "maintenance" : "unknown",
      online: false,
      players: null,
      version: null,
      motd: customMotd,
      favicon: null,
      latencyMs: null,
      checkedAt: null,
      lastOnlineAt: null,
      stale: true,
      error: null,
      maintenance: config.maintenance,
      uptime24h: null,
    };
  }
  const ageMinutes = (nowMs - Date.parse(record.checkedAt)) / 60_000;
  const cronSilent = ageMinutes > settings.heartbeatMinutes + CRON_SILENCE_GRACE_MINUTES;
  return {
    target,
    state: maintenance ? "maintenance" : record.online ? "online" : "offline",
    online: record.online,
    players: record.players,
    version: record.version,
    motd: customMotd ?? record.motd,
    favicon: record.favicon,
    latencyMs: record.latencyMs,
    checkedAt: record.checkedAt,
    lastOnlineAt: record.lastOnlineAt,
    stale: !record.online || cronSilent,
    error: record.error,
    maintenance: config.maintenance,
    uptime24h: uptimePercent(record.history, Math.floor(nowMs / 60_000)),
  };
}

/**
 * Launchers and pages poll the status far more often than it changes. An isolate answers from
 * memory for a few seconds, which spares two KV reads and a cache lookup per request; the cron and
 * config writes in the same isolate clear it at once, other isolates catch up within the TTL.
 */
const MEMO_TTL_MS = 5_000;
let memo: { readonly view: StatusView; readonly expires: number } | undefined;

export async function currentStatusView(kv: KVNamespace, settings: Settings): Promise<StatusView> {
  const now = Date.now();
  if (memo && memo.expires > now) return memo.view;
  const [record, config] = await Promise.all([readCurrentStatus(kv), readRemoteConfig(kv)]);
  const view = buildStatusView(record, config, settings, now);
  memo = { view, expires: now + MEMO_TTL_MS };
  return view;
}

export function forgetStatusView(): void {
  memo = undefined;
}
