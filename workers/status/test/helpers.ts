import {
  createExecutionContext,
  createScheduledController,
  reset,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../src/index.ts";
import type { StatusRecord } from "../src/status-record.ts";
import type { StatusView } from "../src/status-view.ts";
import { forgetStatusView } from "../src/status-view.ts";
import { clearLatest, KV_KEYS } from "../src/store.ts";
import { ADMIN_TOKEN_FOR_TESTS } from "./fixtures.ts";

export const ORIGIN = "https://status.example.net";

/** Called as the runtime calls it: through the ExportedHandler signature, with an execution context. */
const handler: ExportedHandler<Env> = worker;

/** KV, the per-minute cache and the isolate's memo all emptied: each test starts before any check. */
export async function freshState(): Promise<void> {
  await reset();
  await clearLatest();
  forgetStatusView();
}

/** Runs the Worker's scheduled handler as the cron would at `scheduledTime`. */
export async function runCron(scheduledTime: number, overrides: Partial<Env> = {}): Promise<void> {
  const ctx = createExecutionContext();
  await handler.scheduled!(
    createScheduledController({ scheduledTime, cron: "* * * * *" }),
    { ...env, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

export async function request(
  path: string,
  init: RequestInit<IncomingRequestCfProperties> = {},
  overrides: Partial<Env> = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const incoming = new Request<unknown, IncomingRequestCfProperties>(`${ORIGIN}${path}`, init);
  const response = await handler.fetch!(incoming, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

export async function getStatus(overrides: Partial<Env> = {}): Promise<StatusView> {
  const response = await request("/api/status", {}, overrides);
  if (response.status !== 200) throw new Error(`GET /api/status answered ${response.status}`);
  return response.json<StatusView>();
}

export async function storedRecord(): Promise<StatusRecord | null> {
  return env.STATUS_KV.get<StatusRecord>(KV_KEYS.status, "json");
}

export function putConfig(body: unknown, token: string | null = ADMIN_TOKEN_FOR_TESTS): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return request("/api/config", {
    method: "PUT",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The KV binding with its puts counted: the real namespace underneath, nothing stubbed. */
export function countingPuts(kv: KVNamespace): { kv: KVNamespace; puts: () => number } {
  let puts = 0;
  const counted = new Proxy(kv, {
    get(target, property) {
      if (property === "put") {
        return (...args: Parameters<KVNamespace["put"]>) => {
          puts++;
          return target.put(...args);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { kv: counted, puts: () => puts };
}

export const MINUTE = 60_000;

/** A minute boundary, as cron scheduled times are. */
export function minuteAt(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}
