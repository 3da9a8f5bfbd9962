import { readdir } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { readLevelDat } from "./level-dat.ts";
import { checkRegionFile } from "./region-file.ts";

export interface WorldCheck {
  readonly levelDats: number;
  readonly regionFiles: number;
  readonly problems: readonly string[];
}

const REGION_FOLDERS = new Set(["region", "entities", "poi"]);

/**
 * Is this a world the server would load? Every level.dat (the directory's own, or one per world
 * folder in a server data directory) must parse as gzip NBT, and every region file must have a
 * valid header. At least one level.dat must exist.
 */
export async function checkWorld(dir: string): Promise<WorldCheck> {
  const problems: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const levelDats = entries
    .filter((entry) => entry.isFile() && entry.name === "level.dat")
    .map((entry) => join(entry.parentPath, entry.name))
    // The world's own or one folder down (world/, world_nether/…): deeper ones are plugin data.
    .filter((path) => relative(dir, path).split("/").length <= 2);
  if (levelDats.length === 0) problems.push("no level.dat: this is not a world (or a server data directory)");
  for (const path of levelDats) {
    try {
      await readLevelDat(path);
    } catch (error) {
      problems.push(`${relative(dir, path)} ${(error as Error).message}`);
    }
  }
  const regions = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".mca"))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => REGION_FOLDERS.has(basename(dirname(path))));
  for (const path of regions) {
    for (const problem of await checkRegionFile(path)) problems.push(`${relative(dir, path)}: ${problem}`);
  }
  return { levelDats: levelDats.length, regionFiles: regions.length, problems };
}
