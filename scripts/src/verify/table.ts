import type { CheckResult, CheckStatus } from "./check.ts";

const MARK: Record<CheckStatus, string> = { pass: "✓", fail: "✗", skip: "–" };
const COLOUR: Record<CheckStatus, string> = { pass: "\u001b[32m", fail: "\u001b[31m", skip: "\u001b[33m" };
const RESET = "\u001b[0m";

export interface TableOptions {
  /** ANSI colours for a terminal. @default false */
  readonly colour?: boolean;
}

/**
 * The results as a table, one row per check: mark, name, time, detail; then a summary line in the
 * "N passed, N failed, N skipped" form CI logs recognise.
 */
export function formatTable(results: readonly CheckResult[], options: TableOptions = {}): string {
  const nameWidth = Math.max(5, ...results.map((result) => result.name.length));
  const timeWidth = Math.max(4, ...results.map((result) => formatDuration(result.durationMs).length));
  const paint = (status: CheckStatus, text: string) =>
    options.colour ? `${COLOUR[status]}${text}${RESET}` : text;
  const lines = [`   ${"check".padEnd(nameWidth)}  ${"time".padStart(timeWidth)}  detail`];
  for (const result of results) {
    lines.push(
      `${paint(result.status, MARK[result.status])}  ${result.name.padEnd(nameWidth)}  ${formatDuration(result.durationMs).padStart(timeWidth)}  ${result.detail}`,
    );
  }
  const count = (status: CheckStatus) => results.filter((result) => result.status === status).length;
  lines.push("", `verify: ${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`);
  return lines.join("\n");
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
