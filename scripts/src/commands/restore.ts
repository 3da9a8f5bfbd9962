import { parseArgs } from "node:util";
import { runRestore } from "../backup/restore.ts";
import { s3SettingsFromEnv } from "../lib/s3-settings.ts";
import { type Command, required, S3_ENV } from "./command.ts";

export const command: Command = {
  usage: `Usage: pnpm restore --server <name> --to <dir> [--at <timestamp>|latest] [--force]

Downloads a backup, verifies its SHA-256 and extracts it into <dir>, which must be empty unless
--force (then its contents are replaced, but only after the download verified).
  --at   latest (default), a backup id such as 20250102T030405Z, or an ISO time: the newest backup
         taken at or before it
${S3_ENV}`,
  async run(args, { reporter, signal }) {
    const { values } = parseArgs({
      args,
      options: {
        server: { type: "string" },
        to: { type: "string" },
        at: { type: "string", default: "latest" },
        force: { type: "boolean", default: false },
      },
      strict: true,
    });
    await runRestore({
      server: required(values.server, "--server"),
      target: required(values.to, "--to"),
      at: values.at,
      force: values.force,
      settings: s3SettingsFromEnv(),
      reporter,
      signal,
    });
    return 0;
  },
};
