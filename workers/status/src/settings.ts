import { DEFAULT_TIMEOUT_MS } from "@mc-infra/slp";

/** The Worker's vars, parsed once per invocation; a bad value fails loudly rather than pinging nowhere. */
export interface Settings {
  readonly target: { readonly hostname: string; readonly port: number };
  /** KV is rewritten at least this often while nothing changes. @default 15 */
  readonly heartbeatMinutes: number;
  /** @default 5000 */
  readonly pingTimeoutMs: number;
}

export const DEFAULT_HEARTBEAT_MINUTES = 15;

export function readSettings(
  env: Pick<Env, "STATUS_TARGET" | "HEARTBEAT_MINUTES" | "PING_TIMEOUT_MS">,
): Settings {
  return {
    target: parseTarget(env.STATUS_TARGET),
    heartbeatMinutes: positiveInteger("HEARTBEAT_MINUTES", env.HEARTBEAT_MINUTES, DEFAULT_HEARTBEAT_MINUTES),
    pingTimeoutMs: positiveInteger("PING_TIMEOUT_MS", env.PING_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
  };
}

/** `host:port`, `host` (port 25565) or `[v6]:port`. */
export function parseTarget(value: string | undefined): Settings["target"] {
  const text = value?.trim() ?? "";
  const match = /^(?:\[(?<v6>[0-9a-fA-F:.]+)\]|(?<host>[^:\s]+))(?::(?<port>\d{1,5}))?$/.exec(text);
  const port = Number(match?.groups?.port ?? 25565);
  if (!match || port < 1 || port > 65_535) {
    throw new Error(`STATUS_TARGET must be host:port (e.g. play.example.net:25565), got "${text}"`);
  }
  return { hostname: match.groups?.v6 ?? match.groups?.host ?? "", port };
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`${name} must be a positive integer, got "${value}"`);
  return parsed;
}
