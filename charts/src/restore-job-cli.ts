import { parseArgs } from "node:util";
import { ConfigError, DEFAULT_CONFIG_FILE, loadNetwork } from "@mc-infra/config";
import { renderRestoreJob } from "./minecraft/restore-job.ts";

const usage = `Usage: pnpm restore:job --server <name> --at <timestamp>|latest [--env <name>] [--config <file>]

Prints a one-off Job that restores a backup into the server's world volume, for kubectl:
  pnpm --silent restore:job --server survival --at 20250102T030405Z | kubectl apply -f -
Follow the runbook in the README ("Restoring a world in the cluster"): pause ArgoCD's auto-sync and
scale the server's StatefulSet to 0 first. --at takes an id from \`pnpm backup:list\`, latest, or an
ISO time (the newest backup taken at or before it).`;

try {
  const { values } = parseArgs({
    options: {
      server: { type: "string" },
      at: { type: "string" },
      env: { type: "string" },
      config: { type: "string", default: DEFAULT_CONFIG_FILE },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
  } else if (!values.server || !values.at) {
    process.stderr.write(`error: --server and --at are required\n\n${usage}\n`);
    process.exitCode = 1;
  } else {
    const network = await loadNetwork({ configFile: values.config, environment: values.env });
    process.stdout.write(renderRestoreJob(network, values.server, values.at));
  }
} catch (error) {
  const expected = error instanceof ConfigError || error instanceof Error;
  process.stderr.write(`error: ${expected ? (error as Error).message : String(error)}\n`);
  process.exitCode = 1;
}
