import { Presets, SingleBar } from "cli-progress";
import { formatBytes } from "./format.ts";

/** A byte counter for one long step (upload, download). */
export interface ProgressBar {
  update(doneBytes: number): void;
  stop(): void;
}

/**
 * How a CLI reports what it does. On a terminal, long steps draw a progress bar; anywhere else (a
 * CronJob's log) every step is one timestamped line and nothing else, so logs stay greppable.
 */
export interface Reporter {
  step(message: string): void;
  warn(message: string): void;
  bar(label: string, totalBytes: number): ProgressBar;
}

export interface ReporterOptions {
  readonly stream?: NodeJS.WriteStream;
  /** @default whether the stream is a terminal */
  readonly interactive?: boolean;
}

export function createReporter(options: ReporterOptions = {}): Reporter {
  const stream = options.stream ?? process.stderr;
  const interactive = options.interactive ?? Boolean(stream.isTTY);
  let active: SingleBar | undefined;
  const line = (text: string) => {
    // A bar owns the last terminal line; printing over it would leave a torn bar behind.
    if (active) stream.write("\n");
    stream.write(interactive ? `${text}\n` : `${new Date().toISOString()} ${text}\n`);
  };
  return {
    step: (message) => line(message),
    warn: (message) => line(`warning: ${message}`),
    bar(label, totalBytes) {
      if (!interactive) return { update() {}, stop() {} };
      const bar = new SingleBar(
        {
          stream,
          // {value}/{total} are cli-progress's own raw numbers; ours are named differently.
          format: `${label} [{bar}] {percentage}% {doneBytes} / {totalBytes} {speed}`,
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 50,
        },
        Presets.shades_classic,
      );
      const started = Date.now();
      const payload = (done: number) => ({
        doneBytes: formatBytes(done),
        totalBytes: formatBytes(totalBytes),
        speed: `${formatBytes((done * 1000) / Math.max(1, Date.now() - started))}/s`,
      });
      bar.start(Math.max(totalBytes, 1), 0, payload(0));
      active = bar;
      return {
        update(done) {
          bar.update(Math.min(done, Math.max(totalBytes, 1)), payload(done));
        },
        stop() {
          bar.stop();
          if (active === bar) active = undefined;
        },
      };
    },
  };
}

/** Reports nothing: for library callers (tests, the benchmark) that only want the result. */
export const silentReporter: Reporter = {
  step() {},
  warn() {},
  bar: () => ({ update() {}, stop() {} }),
};
