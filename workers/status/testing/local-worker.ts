import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestHarness, type WorkerHandle } from "wrangler";

export const WORKER_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface LocalStatusWorker {
  /** Where workerd listens on loopback, for a browser or a load generator. */
  readonly url: URL;
  readonly worker: WorkerHandle;
  /** Runs the cron handler once, as the minutely trigger would. */
  check(scheduledTime?: Date): Promise<void>;
  close(): Promise<void>;
}

/**
 * The status Worker in local workerd, built from wrangler.jsonc as `wrangler dev` would build it,
 * pointed at `statusTarget` and reachable over real HTTP.
 */
export async function startLocalStatusWorker(options: {
  readonly statusTarget: string;
  readonly adminToken: string;
}): Promise<LocalStatusWorker> {
  // Miniflare otherwise downloads a sample `Request.cf` object from Cloudflare on first start;
  // tests and benchmarks reach nothing beyond loopback.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
  const server = createTestHarness({
    root: WORKER_DIR,
    workers: [
      {
        configPath: "./wrangler.jsonc",
        env: "",
        vars: { STATUS_TARGET: options.statusTarget },
        secrets: { ADMIN_TOKEN: options.adminToken },
      },
    ],
  });
  const { url } = await server.listen();
  const worker = server.getWorker();
  return {
    url,
    worker,
    check: async (scheduledTime = new Date()) => {
      const result = await worker.scheduled({ cron: "* * * * *", scheduledTime });
      if (result.outcome !== "ok") throw new Error(`scheduled handler ended with ${result.outcome}`);
    },
    close: () => server.close(),
  };
}
