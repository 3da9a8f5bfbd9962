import { parseArgs } from "node:util";
import { UsageError } from "../lib/cli-runner.ts";
import { s3SettingsFromEnv } from "../lib/s3-settings.ts";
import { type LogSource, shipLogs } from "../logs/ship.ts";
import type { Command } from "./command.ts";

export const command: Command = {
  usage: `Usage: pnpm logs:ship --server <name> --logs <dir> [--server <name> --logs <dir>]...

Uploads each server's rotated logs (<dir>/*.log.gz) to logs/<server>/<date>/<file> in the logs
bucket, gzipping finished uncompressed logs first. Files already there with the same size and
SHA-256 are skipped; <dir>/.shipped.json records what was shipped. latest.log is not shipped.
S3 settings come from the environment: S3_ENDPOINT, S3_BUCKET, S3_REGION (default auto),
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.`,
  async run(args, { reporter }) {
    const { values } = parseArgs({
      args,
      options: {
        server: { type: "string", multiple: true, default: [] },
        logs: { type: "string", multiple: true, default: [] },
      },
      strict: true,
    });
    if (values.server.length === 0) throw new UsageError("--server is required");
    if (values.server.length !== values.logs.length) {
      throw new UsageError("give one --logs <dir> per --server <name>, in the same order");
    }
    const sources: LogSource[] = values.server.map((server, index) => ({
      server,
      logsDir: values.logs[index]!,
    }));
    await shipLogs({ sources, settings: s3SettingsFromEnv(), reporter });
    return 0;
  },
};
