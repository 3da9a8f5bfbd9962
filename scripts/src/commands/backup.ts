import { parseArgs } from "node:util";
import { runBackup } from "../backup/backup.ts";
import { defaultCompression, zstdAvailable } from "../backup/compression.ts";
import type { Compression } from "../backup/keys.ts";
import { parseRconAddress } from "../backup/rcon-session.ts";
import { UsageError } from "../lib/cli-runner.ts";
import { CliError } from "../lib/errors.ts";
import { s3SettingsFromEnv } from "../lib/s3-settings.ts";
import { type Command, required, S3_ENV } from "./command.ts";

export const command: Command = {
  usage: `Usage: pnpm backup --server <name> --world <dir> [--rcon host:port] [--exclude <glob>]...
                   [--compression zstd|gzip] [--metrics-url <url>]

Archives the world directory as a compressed tar streamed straight into a multipart upload to
backups/<server>/<UTC timestamp>.tar.zst, then writes its manifest. With --rcon (password from
RCON_PASSWORD) saving is paused (save-off, save-all flush) while the files are read and resumed
(save-on) afterwards, also when the backup fails. Without --rcon the world must not be running.
  --exclude <glob>     leave out paths matching the glob, relative to --world (repeatable)
  --metrics-url <url>  after success, PUT the freshness metric to this Pushgateway URL
${S3_ENV}`,
  async run(args, { reporter, signal }) {
    const { values } = parseArgs({
      args,
      options: {
        server: { type: "string" },
        world: { type: "string" },
        rcon: { type: "string" },
        exclude: { type: "string", multiple: true, default: [] },
        compression: { type: "string" },
        "metrics-url": { type: "string" },
      },
      strict: true,
    });
    const server = required(values.server, "--server");
    const worldDir = required(values.world, "--world");
    const compression = parseCompression(values.compression);
    const settings = s3SettingsFromEnv();
    const rcon = values.rcon ? parseRconAddress(values.rcon, process.env.RCON_PASSWORD) : undefined;
    await runBackup({
      server,
      worldDir,
      settings,
      compression,
      rcon,
      exclude: values.exclude,
      metricsUrl: values["metrics-url"],
      reporter,
      signal,
    });
    return 0;
  },
};

function parseCompression(value: string | undefined): Compression {
  if (value === undefined) return defaultCompression();
  if (value !== "zstd" && value !== "gzip")
    throw new UsageError(`--compression must be zstd or gzip, not "${value}"`);
  if (value === "zstd" && !zstdAvailable()) {
    throw new CliError("this Node has no zstd (it needs 22.15 or newer): use --compression gzip");
  }
  return value;
}
