import { CliError, messageOf } from "./errors.ts";
import { createReporter, type Reporter } from "./progress.ts";

export interface CommandContext {
  readonly reporter: Reporter;
  /** Aborted on SIGINT/SIGTERM (a Job's deadline, Ctrl-C): commands clean up (save-on, abort the upload) and return. */
  readonly signal: AbortSignal;
}

/** Thrown by argument parsing; printed with the command's usage. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Runs one command: errors the operator can act on are printed as one line, anything else with its
 * stack; every failure exits non-zero. The first SIGINT/SIGTERM asks the command to stop cleanly, a
 * second one exits at once.
 */
export async function runCli(
  usage: string,
  command: (context: CommandContext) => Promise<number | undefined>,
): Promise<void> {
  const reporter = createReporter();
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === "SIGINT" ? 130 : 143);
    reporter.warn(`received ${signal}: stopping cleanly (send it again to exit at once)`);
    controller.abort(new CliError(`interrupted by ${signal}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    process.exitCode = (await command({ reporter, signal: controller.signal })) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${usage}\n`);
    } else if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
    } else if (isParseArgsError(error)) {
      process.stderr.write(`error: ${messageOf(error)}\n\n${usage}\n`);
    } else {
      process.stderr.write(
        `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exitCode = 1;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}
