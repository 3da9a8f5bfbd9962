/** What one benchmark prints: measured figures, then ratios against a baseline measured in the same run. */
export interface BenchReport {
  readonly title: string;
  readonly figures: readonly { readonly label: string; readonly value: number; readonly unit: string }[];
  readonly ratios: readonly {
    readonly label: string;
    readonly value: number;
    /** The goal, e.g. `<= 0.2` or `>= 0.9`. */
    readonly goal: { readonly op: "<=" | ">="; readonly value: number };
  }[];
}

export type Bench = () => Promise<BenchReport>;

export function formatReport(report: BenchReport): string {
  const lines = [`## ${report.title}`];
  const width = Math.max(...[...report.figures, ...report.ratios].map((row) => row.label.length), 10);
  for (const figure of report.figures) {
    lines.push(`  ${figure.label.padEnd(width)}  ${format(figure.value)} ${figure.unit}`);
  }
  for (const ratio of report.ratios) {
    const met = ratio.goal.op === "<=" ? ratio.value <= ratio.goal.value : ratio.value >= ratio.goal.value;
    lines.push(
      `  ${ratio.label.padEnd(width)}  ${ratio.value.toFixed(3)}×  (goal ${ratio.goal.op} ${ratio.goal.value}: ${met ? "met" : "NOT met"})`,
    );
  }
  return lines.join("\n");
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** Median of repeated measurements: one slow outlier (GC, a cold cache) does not move it. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
