import { parseArgs } from "node:util";
import { ConfigError, DEFAULT_CONFIG_FILE, loadNetwork } from "@mc-infra/config";
import { verifyPlan } from "./plan.ts";
import { exitCode, runChecks } from "./run-checks.ts";
import { formatTable } from "./table.ts";
import { targetsFromNetwork, VERIFY_ENV } from "./targets.ts";

const usage = `Usage: pnpm verify [--env <name>] [--config <file>] [--only <text>] [--timeout <seconds>]

Checks a deployed network end to end and prints one row per check (✓ pass, ✗ fail, – skipped);
exits 1 if any check fails.
  --env <name>         environment from the config (default: the config's defaultEnvironment)
  --config <file>      network config module (default: ${DEFAULT_CONFIG_FILE})
  --only <text>        run only the checks whose name contains <text>
  --timeout <seconds>  deadline per check (default: 30)

Environment:
${Object.entries(VERIFY_ENV)
  .map(([name, what]) => `  ${name.padEnd(27)}${what}`)
  .join("\n")}`;

/** A mistake in how the command was called: printed with the usage. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: "string" },
      config: { type: "string", default: DEFAULT_CONFIG_FILE },
      only: { type: "string" },
      timeout: { type: "string", default: "30" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new UsageError(`--timeout must be a positive number of seconds, got "${values.timeout}"`);
  }

  const network = await loadNetwork({
    configFile: values.config,
    ...(values.env ? { environment: values.env } : {}),
  });
  const targets = targetsFromNetwork(network, process.env);
  const checks = verifyPlan(targets).filter((check) => !values.only || check.name.includes(values.only));
  if (checks.length === 0) throw new UsageError(`no check matches --only "${values.only}"`);

  console.log(`Verifying ${network.name} (${network.environment}): ${checks.length} checks…\n`);
  const results = await runChecks(checks, { timeoutMs: timeoutSeconds * 1000 });
  console.log(formatTable(results, { colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
  return exitCode(results);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof UsageError || (error instanceof TypeError && "code" in error))
    console.error(`${error.message}\n\n${usage}`);
  else
    console.error(
      `verify failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  process.exitCode = 2;
}
