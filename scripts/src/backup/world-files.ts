import type { Dirent } from "node:fs";
import { lstat, readdir, readFile } from "node:fs/promises";
import { basename, join, matchesGlob } from "node:path";
import { CliError, errorCode } from "../lib/errors.ts";
import { type LevelInfo, readLevelDat } from "./level-dat.ts";

/** The file system's own folder at a volume's root: root-only, never world data. */
export const ALWAYS_EXCLUDED = ["lost+found"];

/**
 * Glob patterns, relative to the world directory, of what a backup leaves out. An excluded directory
 * is skipped whole. The same function decides for the size scan and for the archiver, so the
 * progress total and the archive agree.
 */
export function excludeFilter(patterns: readonly string[]): (relativePath: string) => boolean {
  const cleaned = [...ALWAYS_EXCLUDED, ...patterns].map((pattern) =>
    pattern.replace(/^\.\//, "").replace(/\/+$/, ""),
  );
  return (relativePath) => {
    const path = relativePath.replace(/^\.\//, "");
    return cleaned.some((pattern) => matchesGlob(path, pattern));
  };
}

export interface WorldScan {
  readonly files: number;
  readonly bytes: number;
}

/** Counts what the archive will hold, so progress has a total and the part size fits the 10 000-part limit. */
export async function scanWorld(dir: string, isExcluded: (path: string) => boolean): Promise<WorldScan> {
  let files = 0;
  let bytes = 0;
  const visit = async (relative: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(join(dir, relative), { withFileTypes: true });
    } catch (error) {
      if (relative === "" && errorCode(error) === "ENOENT")
        throw new CliError(`world directory ${dir} does not exist`);
      if (relative === "" && errorCode(error) === "ENOTDIR") throw new CliError(`${dir} is not a directory`);
      throw error;
    }
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (isExcluded(path)) continue;
      if (entry.isDirectory()) await visit(path);
      else {
        files += 1;
        if (entry.isFile()) bytes += (await lstat(join(dir, path))).size;
      }
    }
  };
  await visit("");
  return { files, bytes };
}

export interface WorldIdentity extends LevelInfo {
  /** The world's name: level.dat's LevelName, else the folder name. */
  readonly name: string;
  /** level.dat of the main world, relative to the backed-up directory; null when none was found. */
  readonly levelDat: string | null;
  /** Why level.dat could not be read, when it exists but is damaged: the backup goes on and says so. */
  readonly problem?: string;
}

/**
 * Finds the main world's level.dat in either layout: the world folder itself, or a server's data
 * directory (itzg's /data) whose server.properties names the world (`level-name`, default "world").
 */
export async function identifyWorld(dir: string): Promise<WorldIdentity> {
  const candidates = ["level.dat"];
  const levelName = await serverLevelName(dir);
  candidates.push(`${levelName ?? "world"}/level.dat`);
  for (const candidate of candidates) {
    try {
      const info = await readLevelDat(join(dir, candidate));
      const folder = candidate === "level.dat" ? basename(dir) : candidate.split("/")[0]!;
      return { ...info, name: info.levelName ?? folder, levelDat: candidate };
    } catch (error) {
      if (errorCode(error) === "ENOENT") continue;
      const folder = candidate === "level.dat" ? basename(dir) : candidate.split("/")[0]!;
      return {
        levelName: null,
        minecraftVersion: null,
        dataVersion: null,
        name: folder,
        levelDat: candidate,
        problem: `${join(dir, candidate)} ${(error as Error).message}`,
      };
    }
  }
  return { levelName: null, minecraftVersion: null, dataVersion: null, name: basename(dir), levelDat: null };
}

async function serverLevelName(dir: string): Promise<string | undefined> {
  try {
    const properties = await readFile(join(dir, "server.properties"), "utf8");
    const match = /^level-name=(.+)$/m.exec(properties);
    return match?.[1]?.trim() || undefined;
  } catch {
    return undefined;
  }
}
