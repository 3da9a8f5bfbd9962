import { parseArgs } from "node:util";
import { runPrune } from "../backup/prune.ts";
import { UsageError } from "../lib/cli-runner.ts";
import { createS3Client } from "../lib/s3-client.ts";
import { s3SettingsFromEnv } from "../lib/s3-settings.ts";
import { type Command, positiveInteger, S3_ENV } from "./command.ts";

export const command: Command = {
  usage: `Usage: pnpm backup:prune --server <name>... [--keep-days <n>] [--dry-run] [--config <file>] [--env <name>]

Deletes backups older than --keep-days (default: backups.retentionDays of the network config), but
never a server's newest backup. Manifests go before archives, so no half-deleted backup is listed.
${S3_ENV}`,
  async run(args, { reporter }) {
    const { values } = parseArgs({
      args,
      options: {
        server: { type: "string", multiple: true, default: [] },
        "keep-days": { type: "string" },
        "dry-run": { type: "boolean", default: false },
        config: { type: "string" },
        env: { type: "string" },
      },
      strict: true,
    });
    if (values.server.length === 0) throw new UsageError("--server is required");
    const keepDays = values["keep-days"]
      ? positiveInteger(values["keep-days"], "--keep-days")
      : await configuredRetention(values.config, values.env);
    const settings = s3SettingsFromEnv();
    const client = createS3Client(settings);
    for (const server of values.server) {
      await runPrune({ server, keepDays, settings, client, reporter, dryRun: values["dry-run"] });
    }
    return 0;
  },
};

/** Loaded only when needed: the config package (zod, cron-parser, the config module) costs ~40 MB of memory. */
async function configuredRetention(configFile: string | undefined, environment: string | undefined) {
  const { loadNetwork } = await import("@mc-infra/config");
  return (await loadNetwork({ configFile, environment })).backups.retentionDays;
}
