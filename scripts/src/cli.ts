import type { Command } from "./commands/command.ts";
import { runCli } from "./lib/cli-runner.ts";

/**
 * The ops CLI, one entry for every operation so the ops image has one entrypoint:
 * `node scripts/src/cli.ts <command> [flags]` (the root package.json maps `pnpm backup` etc. here).
 * Commands load lazily: a CronJob's memory limit pays only for the modules its command uses.
 */
const COMMANDS: Readonly<Record<string, () => Promise<{ command: Command }>>> = {
  backup: () => import("./commands/backup.ts"),
  "backup:prune": () => import("./commands/backup-prune.ts"),
  "backup:list": () => import("./commands/backup-list.ts"),
  "backup:verify": () => import("./commands/backup-verify.ts"),
  restore: () => import("./commands/restore.ts"),
  "logs:ship": () => import("./commands/logs-ship.ts"),
};

const usage = `Usage: node scripts/src/cli.ts <command> [flags]   (or: pnpm <command> [flags])

Commands: ${Object.keys(COMMANDS).join(", ")}. Add --help to a command for its flags.`;

const [name, ...args] = process.argv.slice(2);
const load = name ? COMMANDS[name] : undefined;
if (!load) {
  process.stderr.write(`${name && name !== "--help" ? `unknown command "${name}"\n\n` : ""}${usage}\n`);
  process.exitCode = name === "--help" ? 0 : 1;
} else {
  const { command } = await load();
  if (args.includes("--help")) process.stdout.write(`${command.usage}\n`);
  else await runCli(command.usage, (context) => command.run(args, context));
}
