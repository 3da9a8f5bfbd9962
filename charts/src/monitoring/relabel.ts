/** A Prometheus relabel rule as the Prometheus Operator's CRDs spell it (camelCase). */
export interface RelabelConfig {
  readonly action: "replace" | "keep" | "drop" | "labeldrop" | "labelkeep";
  readonly sourceLabels?: readonly string[];
  /** RE2, anchored at both ends by Prometheus. */
  readonly regex?: string;
  readonly targetLabel?: string;
  readonly replacement?: string;
  readonly separator?: string;
}
