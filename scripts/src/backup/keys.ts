// The light subpath: the full config package costs the CLI ~40 MB of memory it needs for the upload.
import { BUCKET_PREFIXES } from "@mc-infra/config/edge-facts";
import { CliError } from "../lib/errors.ts";

/**
 * The object layout of world backups in the backups bucket:
 *
 *   backups/<server>/<id>.tar.zst        the archive (or .tar.gz)
 *   backups/<server>/<id>.manifest.json  written last: a backup exists only once this does
 *
 * `<id>` is the UTC start time, `20250102T030405Z`: fixed width, so lexical order is time order and
 * a plain S3 listing comes back oldest first.
 */
export type BackupId = string;

const ID_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SERVER_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const MANIFEST_SUFFIX = ".manifest.json";

export type Compression = "zstd" | "gzip";
export const ARCHIVE_EXTENSIONS: Readonly<Record<Compression, string>> = {
  zstd: ".tar.zst",
  gzip: ".tar.gz",
};

export function backupIdFor(date: Date): BackupId {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

export function isBackupId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** The instant a backup id names. */
export function backupTime(id: BackupId): Date {
  const match = ID_PATTERN.exec(id);
  if (!match) throw new CliError(`"${id}" is not a backup timestamp (expected e.g. 20250102T030405Z)`);
  const [, year, month, day, hour, minute, second] = match;
  return new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
}

export function assertServerName(server: string): void {
  if (!SERVER_PATTERN.test(server) || server.length > 63) {
    throw new CliError(`"${server}" is not a server name (a DNS label such as "survival")`);
  }
}

export function serverPrefix(server: string): string {
  assertServerName(server);
  return `${BUCKET_PREFIXES.worldBackups}${server}/`;
}

export function archiveKey(server: string, id: BackupId, compression: Compression): string {
  return `${serverPrefix(server)}${id}${ARCHIVE_EXTENSIONS[compression]}`;
}

export function manifestKey(server: string, id: BackupId): string {
  return `${serverPrefix(server)}${id}${MANIFEST_SUFFIX}`;
}

/** What a key under a server's prefix is, or undefined for anything we did not write. */
export function classifyKey(
  server: string,
  key: string,
): { kind: "manifest" | "archive"; id: BackupId } | undefined {
  const prefix = serverPrefix(server);
  if (!key.startsWith(prefix)) return undefined;
  const name = key.slice(prefix.length);
  const id = name.slice(0, 16);
  if (!isBackupId(id)) return undefined;
  const rest = name.slice(16);
  if (rest === MANIFEST_SUFFIX) return { kind: "manifest", id };
  if (Object.values(ARCHIVE_EXTENSIONS).includes(rest)) return { kind: "archive", id };
  return undefined;
}
