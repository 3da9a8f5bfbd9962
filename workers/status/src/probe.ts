import { connect } from "cloudflare:sockets";
import { isSlpError, ping } from "@mc-infra/slp";
import type { Settings } from "./settings.ts";
import type { CheckOutcome } from "./status-record.ts";

/** One Server List Ping to the target over a Workers TCP socket. Never throws. */
export async function probe(settings: Settings): Promise<CheckOutcome> {
  try {
    const result = await ping({
      hostname: settings.target.hostname,
      port: settings.target.port,
      timeoutMs: settings.pingTimeoutMs,
      dial: (address) => connect({ hostname: address.hostname, port: address.port }),
    });
    return { ok: true, result };
  } catch (error) {
    if (isSlpError(error)) return { ok: false, error: error.kind, message: error.message };
    return { ok: false, error: "internal", message: error instanceof Error ? error.message : String(error) };
  }
}
