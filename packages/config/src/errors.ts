import type { z } from "zod";

export interface ConfigProblem {
  /** Where the problem is, as the operator would write it: `servers[1].memory.heap`. */
  readonly path: string;
  readonly message: string;
}

/** Thrown for an invalid network config; carries every problem, not just the first. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], source?: string) {
    const where = source ? ` in ${source}` : "";
    const list = problems.map((problem) => `  ${problem.path}: ${problem.message}`).join("\n");
    super(
      `invalid network config${where} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${list}`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }

  static fromZod(error: z.ZodError, source?: string): ConfigError {
    const problems = error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
    problems.sort((a, b) => a.path.localeCompare(b.path));
    return new ConfigError(problems, source);
  }
}

/** `["servers", 1, "memory"]` → `servers[1].memory`; keys that are not identifiers are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
