/** What one verification check concluded. `skip` is for checks whose subject is not reachable from here (no kubeconfig, no secret). */
export type CheckStatus = "pass" | "fail" | "skip";

export interface CheckOutcome {
  readonly status: CheckStatus;
  /** One line for the table: what was seen, or what was wrong. */
  readonly detail: string;
}

export interface Check {
  /** The table row's name, e.g. "ingress vps-primary /health with secret → 200 ok". */
  readonly name: string;
  /** Resolves with the outcome; throwing counts as a failure with the error's message. Stop when `signal` aborts. */
  readonly run: (signal: AbortSignal) => Promise<CheckOutcome>;
}

export interface CheckResult extends CheckOutcome {
  readonly name: string;
  readonly durationMs: number;
}

export const pass = (detail: string): CheckOutcome => ({ status: "pass", detail });
export const fail = (detail: string): CheckOutcome => ({ status: "fail", detail });
export const skip = (detail: string): CheckOutcome => ({ status: "skip", detail });
