import { parseArgs } from "node:util";
import { BackupCatalog } from "../backup/catalog.ts";
import type { BackupManifest } from "../backup/manifest.ts";
import { formatBytes } from "../lib/format.ts";
import { createS3Client } from "../lib/s3-client.ts";
import { s3SettingsFromEnv } from "../lib/s3-settings.ts";
import { type Command, required, S3_ENV } from "./command.ts";

export const command: Command = {
  usage: `Usage: pnpm backup:list --server <name> [--json]

Lists a server's complete backups, oldest first (an interrupted backup has no manifest and is not listed).
${S3_ENV}`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { server: { type: "string" }, json: { type: "boolean", default: false } },
      strict: true,
    });
    const server = required(values.server, "--server");
    const settings = s3SettingsFromEnv();
    const manifests = await new BackupCatalog(createS3Client(settings), settings).list(server);
    if (values.json) process.stdout.write(`${JSON.stringify(manifests, null, 2)}\n`);
    else if (manifests.length === 0) process.stdout.write(`no backups of ${server} in ${settings.bucket}\n`);
    else process.stdout.write(table(manifests));
    return 0;
  },
};

function table(manifests: readonly BackupManifest[]): string {
  const header = ["BACKUP", "ARCHIVE", "WORLD", "FILES", "VERSION", "PAUSED", "SHA256"];
  const rows = manifests.map((m) => [
    m.id,
    formatBytes(m.archive.size),
    formatBytes(m.world.bytes),
    String(m.world.files),
    m.world.minecraftVersion ?? "?",
    m.savesPaused ? "yes" : "no",
    m.archive.sha256.slice(0, 12),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  return [header, ...rows]
    .map(
      (row) =>
        `${row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join("  ")
          .trimEnd()}\n`,
    )
    .join("");
}
