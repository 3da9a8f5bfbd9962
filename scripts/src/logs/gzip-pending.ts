import { createReadStream, createWriteStream } from "node:fs";
import { readdir, rename, rm, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

/** Files the server is writing right now: never touched. */
const ACTIVE_LOGS = new Set(["latest.log", "debug.log"]);

/**
 * Compresses finished logs the server left uncompressed (a crash during rotation, plugins that log
 * on their own) to `<name>.gz`, keeping the modification time, so they ship like rotated ones.
 * A log modified in the last `quietMs` may still be written to and is left for the next run.
 * Returns the names of the new .gz files.
 */
export async function gzipPending(dir: string, now: Date, quietMs: number): Promise<string[]> {
  const created: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith(".log") || ACTIVE_LOGS.has(name)) continue;
    const source = join(dir, name);
    const info = await stat(source);
    if (!info.isFile() || now.getTime() - info.mtimeMs < quietMs) continue;
    const target = `${source}.gz`;
    const partial = `${target}.partial`;
    try {
      await pipeline(createReadStream(source), createGzip({ level: 9 }), createWriteStream(partial));
      await utimes(partial, info.atime, info.mtime);
      // Rename before unlink: a crash in between leaves both, and the next run only re-gzips.
      await rename(partial, target);
      await rm(source);
    } finally {
      await rm(partial, { force: true });
    }
    created.push(`${name}.gz`);
  }
  return created;
}
