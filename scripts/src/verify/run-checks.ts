import type { Check, CheckResult } from "./check.ts";

export interface RunOptions {
  /** Per-check deadline. @default 30000 */
  readonly timeoutMs?: number;
}

/**
 * Runs every check concurrently (they are independent, and one slow origin must not delay the
 * rest), each with its own deadline, and returns the results in the checks' order. A check that
 * throws or overruns its deadline fails with the reason; nothing here throws.
 */
export async function runChecks(checks: readonly Check[], options: RunOptions = {}): Promise<CheckResult[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      const started = performance.now();
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort(new Error(`timed out after ${formatSeconds(timeoutMs)}`));
          reject(controller.signal.reason);
        }, timeoutMs);
      });
      try {
        const outcome = await Promise.race([check.run(controller.signal), deadline]);
        return { name: check.name, ...outcome, durationMs: performance.now() - started };
      } catch (error) {
        const reason = controller.signal.aborted ? controller.signal.reason : error;
        return {
          name: check.name,
          status: "fail",
          detail: describe(reason),
          durationMs: performance.now() - started,
        };
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
    }),
  );
}

/** Exit code for a set of results: non-zero on any failure; skips do not fail a run. */
export function exitCode(results: readonly CheckResult[]): number {
  return results.some((result) => result.status === "fail") ? 1 : 0;
}

/** fetch reports "fetch failed" and hides the reason (ECONNREFUSED, a TLS error) in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s`;
}
