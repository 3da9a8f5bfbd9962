import { probe } from "./probe.ts";
import type { Settings } from "./settings.ts";
import { applyCheck, prepareWrite, type WriteReason, withHistory, writeReason } from "./status-record.ts";
import { readStoredStatus, writeLatest, writeStoredStatus } from "./store.ts";

export interface CheckReport {
  readonly online: boolean;
  readonly error: string | null;
  /** Why KV was written, or null when only the Cache API got this minute's result. */
  readonly wrote: WriteReason | null;
}

/**
 * One cron tick: ping, fold the outcome into the stored record, write KV only when the change or
 * the heartbeat calls for it, and always leave the minute's result in the Cache API.
 */
export async function runCheck(kv: KVNamespace, settings: Settings, nowMs: number): Promise<CheckReport> {
  const [stored, outcome] = await Promise.all([readStoredStatus(kv), probe(settings)]);
  const next = applyCheck(stored, outcome, nowMs);
  const reason = writeReason(stored, next, nowMs, settings.heartbeatMinutes);
  if (reason) {
    const written = prepareWrite(stored, next, nowMs, settings.heartbeatMinutes);
    await writeStoredStatus(kv, written);
    await writeLatest(written);
  } else {
    await writeLatest(withHistory(stored, next, nowMs, settings.heartbeatMinutes));
  }
  if (!outcome.ok) console.warn(`status check failed (${outcome.error}): ${outcome.message}`);
  return { online: next.online, error: next.error, wrote: reason };
}
