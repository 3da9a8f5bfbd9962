import { createRequire } from "node:module";
import { join } from "node:path";
import { unstable_readConfig, unstable_startWorker } from "wrangler";
import type { DevLog } from "./log.ts";
import { LOOPBACK } from "./ports.ts";

export interface WorkerConfigFacts {
  /** The Worker's name from wrangler.jsonc. */
  readonly name: string;
  readonly vars: Readonly<Record<string, unknown>>;
  /** Its cron triggers (`triggers.crons`). */
  readonly crons: readonly string[];
  readonly configPath: string;
}

/** What `wrangler dev` would read from the Worker's wrangler.jsonc (top level: the production shape). */
export function readWorkerConfig(workerDir: string): WorkerConfigFacts {
  const configPath = join(workerDir, "wrangler.jsonc");
  const config = unstable_readConfig({ config: configPath });
  return {
    name: config.name ?? workerDir,
    vars: config.vars ?? {},
    crons: config.triggers?.crons ?? [],
    configPath,
  };
}

export interface DevWorkerOptions {
  readonly config: WorkerConfigFacts;
  /** Label of its log lines. */
  readonly label: string;
  readonly port: number;
  /** Plain vars that replace the config's. */
  readonly vars: Readonly<Record<string, string>>;
  /** Secrets the config requires (`secrets.required`), given for this run. */
  readonly secrets: Readonly<Record<string, string>>;
  /**
   * Folder for its local KV, R2 and cache: one per Worker, as `wrangler dev` keeps one per project
   * (two workerd processes on one folder collide on its SQLite files).
   */
  readonly persistTo: string;
  readonly log: DevLog;
}

export interface RunningDevWorker {
  readonly url: URL;
  close(): Promise<void>;
}

/**
 * One Worker in local workerd through wrangler's own dev server (`unstable_startWorker`, what
 * `wrangler dev` runs): built from its wrangler.jsonc with the bindings named there, KV and R2
 * persisted under `persistTo`, `/__scheduled` enabled, no inspector, no file watching.
 */
export async function startDevWorker(options: DevWorkerOptions): Promise<RunningDevWorker> {
  // Miniflare otherwise downloads a sample `Request.cf` object from Cloudflare at start.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
  process.env.WRANGLER_SEND_METRICS ??= "false";
  const bindings: Record<string, { type: "plain_text" | "secret_text"; value: string }> = {};
  for (const [name, value] of Object.entries(options.vars)) bindings[name] = { type: "plain_text", value };
  for (const [name, value] of Object.entries(options.secrets))
    bindings[name] = { type: "secret_text", value };

  const worker = await unstable_startWorker({
    config: options.config.configPath,
    bindings,
    dev: {
      server: { hostname: LOOPBACK, port: options.port },
      inspector: false,
      watch: false,
      persist: options.persistTo,
      testScheduled: true,
      // Requests keep their loopback URL instead of taking the production route's hostname.
      inferOriginFromRoutes: false,
      // wrangler's own lines carry no Worker name; with two Workers, only its warnings are worth it.
      logLevel: "warn",
      structuredLogsHandler: (entry: { level: string; message: string }) =>
        options.log(options.label, entry.message, levelOf(entry.level)),
    },
    // The input type lives in a package wrangler bundles without its typings.
  } as Parameters<typeof unstable_startWorker>[0]);
  try {
    await worker.ready;
    const url = await worker.url;
    options.log(options.label, `${options.config.name} in local workerd on ${url.origin}`);
    return { url, close: () => worker.dispose() };
  } catch (error) {
    await worker.dispose().catch(() => {});
    throw error;
  }
}

function levelOf(level: string): "info" | "warn" | "error" {
  return level === "error" ? "error" : level === "warn" ? "warn" : "info";
}

/**
 * wrangler bundles with esbuild, whose service process outlives every Worker it built until the
 * Node process exits. A stack started inside a longer-lived process (a test) stops it so nothing
 * it started is left running; the next bundle starts a new one.
 */
export async function stopWranglerBundler(): Promise<void> {
  const fromWrangler = createRequire(import.meta.resolve("wrangler"));
  const esbuild = fromWrangler("esbuild") as { stop(): void | Promise<void> };
  await esbuild.stop();
}
