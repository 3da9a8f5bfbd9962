import { DEFAULT_REMOTE_CONFIG, type RemoteConfig, remoteConfigSchema } from "./remote-config.ts";
import type { StatusRecord } from "./status-record.ts";

/** KV keys: the durable status (written on change and heartbeat) and the operator's remote config. */
export const KV_KEYS = { status: "status", config: "config" } as const;

/**
 * The Cache API holds every minute's result without costing KV writes. It is per data centre and
 * may be evicted, so readers fall back to KV, whose `checkedAt` is at most one heartbeat old.
 */
const LATEST_URL = "https://status.cache.internal/latest";
const LATEST_TTL_SECONDS = 180;

export async function readStoredStatus(kv: KVNamespace): Promise<StatusRecord | null> {
  const record = await kv.get<StatusRecord>(KV_KEYS.status, "json");
  return record?.schema === 1 ? record : null;
}

export async function writeStoredStatus(kv: KVNamespace, record: StatusRecord): Promise<void> {
  await kv.put(KV_KEYS.status, JSON.stringify(record));
}

export async function readLatest(): Promise<StatusRecord | null> {
  const cached = await caches.default.match(LATEST_URL);
  if (!cached) return null;
  const record = (await cached.json()) as StatusRecord;
  return record.schema === 1 ? record : null;
}

/** Drops the per-minute copy, leaving KV as the only answer (tests start from a clean slate this way). */
export async function clearLatest(): Promise<void> {
  await caches.default.delete(LATEST_URL);
}

export async function writeLatest(record: StatusRecord): Promise<void> {
  await caches.default.put(
    LATEST_URL,
    new Response(JSON.stringify(record), {
      headers: { "content-type": "application/json", "cache-control": `max-age=${LATEST_TTL_SECONDS}` },
    }),
  );
}

/** The fresher of the durable record and the per-minute cache. */
export async function readCurrentStatus(kv: KVNamespace): Promise<StatusRecord | null> {
  const [stored, latest] = await Promise.all([readStoredStatus(kv), readLatest().catch(() => null)]);
  if (!latest) return stored;
  if (!stored) return latest;
  return Date.parse(latest.checkedAt) > Date.parse(stored.checkedAt) ? latest : stored;
}

export async function readRemoteConfig(kv: KVNamespace): Promise<RemoteConfig> {
  const stored = await kv.get(KV_KEYS.config, "json");
  const parsed = remoteConfigSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_REMOTE_CONFIG;
}

export async function writeRemoteConfig(kv: KVNamespace, config: RemoteConfig): Promise<void> {
  await kv.put(KV_KEYS.config, JSON.stringify(config));
}
