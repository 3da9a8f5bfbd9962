import type { Motd, PingResult, PlayerSample, SlpErrorKind } from "@mc-infra/slp";
import { emptyHistory, recordMinute, type UptimeHistory } from "./uptime.ts";

/** Why the last check failed: the ping's error class, or `internal` for a bug on our side. */
export type CheckError = SlpErrorKind | "internal";

/**
 * What the cron keeps in KV. Server fields are from the last successful ping: after a failure they
 * stay as they were (the page shows them as stale) and `online`/`error` tell what happened since.
 */
export interface StatusRecord {
  readonly schema: 1;
  readonly online: boolean;
  readonly players: {
    readonly online: number;
    readonly max: number;
    readonly sample: readonly PlayerSample[];
  } | null;
  readonly version: { readonly name: string; readonly protocol: number } | null;
  readonly motd: Motd | null;
  readonly favicon: string | null;
  readonly latencyMs: number | null;
  /** ISO time of the check this record describes. */
  readonly checkedAt: string;
  readonly lastOnlineAt: string | null;
  readonly error: CheckError | null;
  readonly history: UptimeHistory;
  /** KV writes on `day` (UTC), for the daily cap. */
  readonly writes: { readonly day: string; readonly count: number };
  /** ISO time this record was last put into KV: the heartbeat clock. */
  readonly writtenAt: string;
}

export type CheckOutcome =
  | { readonly ok: true; readonly result: PingResult }
  | { readonly ok: false; readonly error: CheckError; readonly message: string };

/** Non-heartbeat changes (players coming and going) are written at most this often. */
export const CHANGE_WRITE_GAP_MINUTES = 5;
/**
 * Past this many writes in a UTC day only heartbeats are written, so a flapping server cannot push
 * the namespace over the Free plan's 1,000 writes a day and lose the writes that matter.
 */
export const DAILY_WRITE_CAP = 900;

export type WriteReason = "first" | "online-changed" | "changed" | "heartbeat";

const MINUTE_MS = 60_000;

/** The record after one check, before deciding whether it is worth a KV write. */
export function applyCheck(
  previous: StatusRecord | null,
  outcome: CheckOutcome,
  nowMs: number,
): StatusRecord {
  const checkedAt = new Date(nowMs).toISOString();
  const base = {
    schema: 1 as const,
    checkedAt,
    history: previous?.history ?? emptyHistory(),
    writes: previous?.writes ?? { day: checkedAt.slice(0, 10), count: 0 },
    writtenAt: previous?.writtenAt ?? checkedAt,
  };
  if (outcome.ok) {
    const { result } = outcome;
    return {
      ...base,
      online: true,
      players: { online: result.players.online, max: result.players.max, sample: result.players.sample },
      version: result.version,
      motd: result.motd,
      favicon: result.favicon,
      latencyMs: Math.round(result.latencyMs),
      lastOnlineAt: checkedAt,
      error: null,
    };
  }
  return {
    ...base,
    online: false,
    players: previous?.players ?? null,
    version: previous?.version ?? null,
    motd: previous?.motd ?? null,
    favicon: previous?.favicon ?? null,
    latencyMs: previous?.latencyMs ?? null,
    lastOnlineAt: previous?.lastOnlineAt ?? null,
    error: outcome.error,
  };
}

/** What a reader would notice; latency moves every minute and would defeat write-on-change. */
function fingerprint(record: StatusRecord): string {
  return JSON.stringify([
    record.online,
    record.error,
    record.players?.online,
    record.players?.max,
    record.players?.sample.map((player) => player.name),
    record.version,
    record.motd?.raw,
    record.favicon,
  ]);
}

/** Whether `next` must be written to KV now; null keeps KV as it is (the Cache API still gets it). */
export function writeReason(
  stored: StatusRecord | null,
  next: StatusRecord,
  nowMs: number,
  heartbeatMinutes: number,
): WriteReason | null {
  if (stored === null) return "first";
  const sinceWrite = (nowMs - Date.parse(stored.writtenAt)) / MINUTE_MS;
  if (sinceWrite >= heartbeatMinutes) return "heartbeat";
  const today = new Date(nowMs).toISOString().slice(0, 10);
  if (stored.writes.day === today && stored.writes.count >= DAILY_WRITE_CAP) return null;
  if (stored.online !== next.online) return "online-changed";
  if (sinceWrite >= CHANGE_WRITE_GAP_MINUTES && fingerprint(stored) !== fingerprint(next)) return "changed";
  return null;
}

/**
 * Stamps the record for a write: advances the uptime history to this minute and counts the write.
 * Minutes since the last write are carried at the last written state, for at most a heartbeat.
 */
export function prepareWrite(
  stored: StatusRecord | null,
  next: StatusRecord,
  nowMs: number,
  heartbeatMinutes: number,
): StatusRecord {
  const day = new Date(nowMs).toISOString().slice(0, 10);
  return {
    ...withHistory(stored, next, nowMs, heartbeatMinutes),
    writes: { day, count: next.writes.day === day ? next.writes.count + 1 : 1 },
    writtenAt: new Date(nowMs).toISOString(),
  };
}

/** `next` with this minute in its uptime history, as a write would store it. */
export function withHistory(
  stored: StatusRecord | null,
  next: StatusRecord,
  nowMs: number,
  heartbeatMinutes: number,
): StatusRecord {
  const minute = Math.floor(nowMs / MINUTE_MS);
  // The fill limit is the longest the cron goes without a write while it runs: one heartbeat.
  const carried = stored?.online ?? next.online;
  return { ...next, history: recordMinute(next.history, minute, next.online, carried, heartbeatMinutes + 1) };
}
