import type { DevLog } from "./log.ts";

export interface CronTriggerOptions {
  /** The Worker, with `/__scheduled` enabled (wrangler's `testScheduled`). */
  readonly workerUrl: URL;
  /** The Worker's `triggers.crons`. */
  readonly crons: readonly string[];
  readonly label: string;
  readonly log: DevLog;
  /** How often `* * * * *` fires, at multiples of it on the clock. @default 60000 */
  readonly periodMs?: number;
}

export interface CronTrigger {
  /** Fires every cron once now; resolves when the Worker has run them. */
  fireNow(): Promise<void>;
  /** Stops the timer and waits for a run in flight. */
  stop(): Promise<void>;
}

/** The only schedule the local stack repeats; anything else fires once at start and on demand. */
export const EVERY_MINUTE = "* * * * *";

/**
 * Fires a Worker's cron triggers locally, which `wrangler dev` never does by itself: once at start
 * and then at the top of every minute for `* * * * *`, as Cloudflare would, through the same
 * `/__scheduled` route a developer can `curl`.
 */
export function startCronTrigger(options: CronTriggerOptions): CronTrigger {
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;

  const fire = async (crons: readonly string[]) => {
    await Promise.all(
      crons.map(async (cron) => {
        const url = new URL(`/__scheduled?cron=${encodeURIComponent(cron)}`, options.workerUrl);
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
          await response.arrayBuffer();
          if (!response.ok) options.log(options.label, `cron "${cron}" → HTTP ${response.status}`, "warn");
        } catch (error) {
          if (!stopped)
            options.log(options.label, `cron "${cron}" failed: ${(error as Error).message}`, "warn");
        }
      }),
    );
  };
  const run = (crons: readonly string[]) => {
    inFlight = inFlight.then(() => fire(crons));
    return inFlight;
  };
  const schedule = () => {
    if (stopped || !options.crons.includes(EVERY_MINUTE)) return;
    const period = options.periodMs ?? 60_000;
    timer = setTimeout(
      () => {
        void run([EVERY_MINUTE]);
        schedule();
      },
      period - (Date.now() % period),
    );
    // The stack's servers keep the process alive; the timer alone must not.
    timer.unref();
  };
  schedule();

  return {
    fireNow: () => run(options.crons),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
