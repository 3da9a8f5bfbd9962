import { parseArgs } from "node:util";
import { ConfigError, DEFAULT_CONFIG_FILE, LOCAL_ENVIRONMENT } from "@mc-infra/config";
import { consoleLog } from "./log.ts";
import { type DevStack, startDevStack } from "./stack.ts";
import { DEFAULT_STATE_DIR } from "./stack-file.ts";
import { formatSummary } from "./summary.ts";
import { answerStopSignals, shieldWorkerdFromTerminalSigint } from "./terminal-signals.ts";

const usage = `Usage: pnpm dev [--env <name>] [--config <file>] [--state-dir <dir>] [--random-ports]

Runs the network on this machine, loopback only: both Workers in local workerd, a Minecraft
development stand-in, the ingress health agents, and s3rver for the buckets. Prints the URLs and
this run's credentials; Ctrl-C stops everything. Check it with \`pnpm verify --local\`.
  --env <name>         environment of the config to take names from (default: ${LOCAL_ENVIRONMENT})
  --config <file>      network config module (default: ${DEFAULT_CONFIG_FILE})
  --state-dir <dir>    local KV, R2 and S3 data and stack.json (default: ${DEFAULT_STATE_DIR})
  --random-ports       free ports instead of the fixed ones (Minecraft 25565, Workers 8787/8788,
                       S3 4568, health agents from the config's healthPort)`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let values: { env?: string; config: string; "state-dir": string; "random-ports": boolean; help: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        env: { type: "string" },
        config: { type: "string", default: DEFAULT_CONFIG_FILE },
        "state-dir": { type: "string", default: DEFAULT_STATE_DIR },
        "random-ports": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }

  const log = consoleLog(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  // Answered from the start, so a signal that arrives while the stack is still starting stops it
  // too instead of leaving half of it running.
  let signalled: NodeJS.Signals | undefined;
  const stopped = new Promise<void>((resolve) => {
    answerStopSignals((signal) => {
      if (signalled) {
        log("dev", `${signal} again: exiting without waiting`, "warn");
        process.exit(1);
      }
      signalled = signal;
      log("dev", `${signal}: stopping…`);
      resolve();
    });
  });
  shieldWorkerdFromTerminalSigint();

  log(
    "dev",
    `starting the local stack (${values.env ?? LOCAL_ENVIRONMENT} environment of ${values.config})…`,
  );
  const starting = startDevStack({
    configFile: values.config,
    environment: values.env ?? LOCAL_ENVIRONMENT,
    stateDir: values["state-dir"],
    ports: values["random-ports"] ? "random" : "fixed",
    log,
  });
  let stack: DevStack | undefined = await Promise.race([starting, stopped.then(() => undefined)]);
  if (!stack) {
    // Signalled while starting: let the start finish (or fail), then stop what it started.
    stack = await starting.catch(() => undefined);
  } else {
    console.log(`\n${formatSummary(stack.description, stack.stackFile)}\n`);
    await stopped;
  }
  await stack?.stop();
  log("dev", "stopped");
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
  else console.error(`pnpm dev: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  // Everything is closed by now; should a library still hold a handle, Ctrl-C must not seem to hang.
  setTimeout(() => process.exit(), 3000).unref();
}
