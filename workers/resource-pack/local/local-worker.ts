import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_readConfig } from "wrangler";

const WORKER_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface LocalWorkerOptions {
  /** The admin bearer token the Worker accepts. */
  readonly adminToken: string;
  /**
   * Module to run instead of `src/index.ts`, e.g. one that wraps the Worker with an extra route.
   * @default the Worker's own entry point
   */
  readonly entry?: string;
}

/** The part of the R2 binding the harness's users need, as Miniflare exposes it to Node. */
export interface LocalBucket {
  put(key: string, value: Uint8Array | string): Promise<unknown>;
  head(key: string): Promise<{ size: number } | null>;
}

export interface LocalWorker {
  /** Where the Worker listens on loopback. */
  readonly url: URL;
  /** The simulated R2 bucket behind the `PACKS` binding (as the S3 API would see the same bucket). */
  readonly packs: LocalBucket;
  /** Pid of the workerd process serving the Worker, for measuring its memory. */
  readonly workerdPid: number | undefined;
  dispose(): Promise<void>;
}

/**
 * The resource-pack Worker in local workerd (Miniflare), configured from its own wrangler.jsonc and
 * listening on loopback: for the publish CLI's tests and the benchmark, which drive it over HTTP.
 */
export async function startLocalWorker(options: LocalWorkerOptions): Promise<LocalWorker> {
  const config = unstable_readConfig({ config: join(WORKER_DIR, "wrangler.jsonc"), env: "" });
  const bundle = await build({
    // `main` comes back absolute from the config reader.
    entryPoints: [options.entry ?? config.main ?? join(WORKER_DIR, "src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2024",
    write: false,
    logLevel: "silent",
  });
  const children = await childPids();
  // Miniflare 5 takes a new native shape; the v4 shape is still the shortest way to say this.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: [{ type: "ESModule", path: "index.js", contents: bundle.outputFiles[0]!.text }],
      compatibilityDate: config.compatibility_date,
      host: "127.0.0.1",
      port: 0,
      bindings: { ...(config.vars as Record<string, string>), ADMIN_TOKEN: options.adminToken },
      r2Buckets: config.r2_buckets.map((bucket: { binding: string }) => bucket.binding),
      kvNamespaces: config.kv_namespaces.map((namespace: { binding: string }) => namespace.binding),
    }),
  );
  const url = await mf.ready;
  const workerdPid = (await childPids()).find((pid) => !children.includes(pid));
  return {
    url,
    packs: (await mf.getR2Bucket("PACKS")) as unknown as LocalBucket,
    workerdPid,
    dispose: () => mf.dispose(),
  };
}

/** Children of this process named workerd (Miniflare starts one per instance). */
async function childPids(): Promise<number[]> {
  const raw = await readFile(`/proc/${process.pid}/task/${process.pid}/children`, "utf8").catch(() => "");
  const pids = raw.split(/\s+/).filter(Boolean).map(Number);
  const workerd: number[] = [];
  for (const pid of pids) {
    const name = await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "");
    if (name.trim() === "workerd") workerd.push(pid);
  }
  return workerd;
}

/** Peak resident memory (VmHWM) of a process, in bytes; Linux only. */
export async function peakResidentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
