/** One line of output from a part of the local stack; `label` says which part, e.g. "status". */
export type DevLog = (label: string, line: string, level?: "info" | "warn" | "error") => void;

const LABEL_WIDTH = 18;

/**
 * Lines prefixed with the part they come from, so the output of five services in one terminal stays
 * readable. Warnings and errors go to stderr.
 */
export function consoleLog(colour: boolean): DevLog {
  const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  return (label, line, level = "info") => {
    const prefix = paint(
      level === "error" ? 31 : level === "warn" ? 33 : 36,
      `[${label}]`.padEnd(LABEL_WIDTH),
    );
    for (const part of line.split("\n")) {
      (level === "info" ? process.stdout : process.stderr).write(`${prefix} ${part}\n`);
    }
  };
}

/** Keeps the lines in memory instead (for tests and for callers that print their own summary). */
export function memoryLog(): DevLog & { readonly lines: string[] } {
  const lines: string[] = [];
  const log = (label: string, line: string, level = "info") => {
    lines.push(`${level} [${label}] ${line}`);
  };
  return Object.assign(log, { lines });
}
