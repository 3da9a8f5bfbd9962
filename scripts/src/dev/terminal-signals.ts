import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** Ctrl-C, `kill`, and the terminal closing: each stops the stack the same way. */
export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Makes `onSignal` the only answer to the stop signals, now and for listeners libraries add later:
 * Miniflare's exit hook answers SIGINT by killing workerd and calling `process.exit(130)` at once,
 * before anything else can close, while `pnpm dev` closes everything itself and exits 0.
 * (Miniflare's "exit" listener stays: if the process dies some other way, workerd goes with it.)
 */
export function answerStopSignals(onSignal: (signal: NodeJS.Signals) => void): void {
  const isStopSignal = (event: string | symbol): event is (typeof STOP_SIGNALS)[number] =>
    (STOP_SIGNALS as readonly (string | symbol)[]).includes(event);
  process.on("newListener", (event, listener) => {
    // "newListener" comes before the listener is added: remove it once it is there.
    if (isStopSignal(event) && listener !== onSignal) {
      queueMicrotask(() => process.removeListener(event, listener));
    }
  });
  for (const signal of STOP_SIGNALS) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, onSignal);
  }
}

/**
 * Has Miniflare start workerd through workerd-ignoring-sigint.sh, so the SIGINT a terminal sends
 * to the whole process group reaches this process only. Must run before the first Worker starts.
 */
export function shieldWorkerdFromTerminalSigint(env: NodeJS.ProcessEnv = process.env): void {
  if (process.platform === "win32") return; // no process groups to share a Ctrl-C with
  env.DEV_WORKERD_PATH ??= env.MINIFLARE_WORKERD_PATH ?? workerdBinary();
  env.MINIFLARE_WORKERD_PATH = fileURLToPath(new URL("./workerd-ignoring-sigint.sh", import.meta.url));
}

/** The workerd binary Miniflare would run: the `workerd` package next to wrangler's Miniflare. */
function workerdBinary(): string {
  const fromWrangler = createRequire(import.meta.resolve("wrangler"));
  const fromMiniflare = createRequire(fromWrangler.resolve("miniflare"));
  return (fromMiniflare("workerd") as { default: string }).default;
}
