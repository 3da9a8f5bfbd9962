/** Reports how far a long transfer got. */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

const BAR_WIDTH = 30;

/**
 * A redrawn bar on a terminal; on anything else (CI logs, pipes) one line per quarter, so logs stay
 * readable and still show that the upload is moving.
 */
export function progress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const started = performance.now();
  let lastQuarter = -1;
  let lastDraw = 0;
  const line = (done: number) => {
    const fraction = total === 0 ? 1 : Math.min(done / total, 1);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds / 1e6 : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    return `${label} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${mb(done)}/${mb(total)} MB ${rate.toFixed(1)} MB/s`;
  };
  return {
    update(done) {
      if (stream.isTTY) {
        const now = performance.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        stream.write(`\r${line(done)}`);
        return;
      }
      const quarter = Math.floor((Math.min(done, total) / Math.max(total, 1)) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        stream.write(`${line(done)}\n`);
      }
    },
    finish() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
