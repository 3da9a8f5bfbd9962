import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";

/**
 * Writes the rendered tree atomically per managed folder: everything is written to a temporary
 * folder beside the output first, then each managed folder is swapped in with a rename. A crash or
 * error before the swap leaves the previous render untouched; files from earlier renders that are
 * no longer produced disappear with the old folder.
 *
 * Synchronous inside, each folder created once: awaiting a mkdir and a write per file sent every one
 * of hundreds of small files through libuv's thread pool and back, and nothing else runs meanwhile.
 * Output that is already current is left untouched, and otherwise a file whose content is unchanged
 * is hard-linked from the current render instead of written: creating hundreds of new files is most
 * of a large synth's system time on a slow disk, and a re-render usually changes a handful.
 * Returns what differed from the output before: what was written.
 */
export async function writeTree(
  outDir: string,
  files: ReadonlyMap<string, string>,
  managedDirs: readonly string[],
): Promise<TreeDiff> {
  const diff = await diffTree(outDir, files, managedDirs);
  if (diff.changed.length + diff.missing.length + diff.extra.length === 0) return diff;
  const rewrite = new Set([...diff.changed, ...diff.missing]);

  mkdirSync(outDir, { recursive: true });
  const staging = mkdtempSync(join(outDir, ".synth-"));
  try {
    const fresh = join(staging, "new");
    const created = new Set<string>();
    for (const [path, content] of files) {
      const target = join(fresh, path);
      const folder = dirname(target);
      if (!created.has(folder)) {
        mkdirSync(folder, { recursive: true });
        created.add(folder);
      }
      if (rewrite.has(path) || !linked(join(outDir, path), target)) writeFileSync(target, content);
    }
    for (const dir of managedDirs) {
      const current = join(outDir, dir);
      const next = join(fresh, dir);
      if (!existsSync(next)) mkdirSync(next, { recursive: true });
      if (existsSync(current)) renameSync(current, join(staging, `old-${dir}`));
      renameSync(next, current);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return diff;
}

/** Hard-links `current` to `target`; false on a file system without hard links. */
function linked(current: string, target: string): boolean {
  try {
    linkSync(current, target);
    return true;
  } catch {
    return false;
  }
}

export interface TreeDiff {
  readonly changed: readonly string[];
  readonly missing: readonly string[];
  readonly extra: readonly string[];
}

/**
 * Compares the rendered tree with what is on disk in the managed folders. Synchronous inside for the
 * same reason as writeTree: hundreds of awaited reads wait on the thread pool one by one.
 */
export async function diffTree(
  outDir: string,
  files: ReadonlyMap<string, string>,
  managedDirs: readonly string[],
): Promise<TreeDiff> {
  const onDisk = new Set<string>();
  for (const dir of managedDirs) listFiles(outDir, dir, onDisk);
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [path, content] of files) {
    if (!onDisk.has(path)) missing.push(path);
    else if (readFileSync(join(outDir, path), "utf8") !== content) changed.push(path);
    onDisk.delete(path);
  }
  return { changed, missing, extra: [...onDisk].sort() };
}

/**
 * Files under `root/dir`, as `dir/...` paths with forward slashes like the rendered tree's. Walked
 * by hand: Node's `recursive` option costs twice as much for the same few folders.
 */
function listFiles(root: string, dir: string, into: Set<string>): void {
  const absolute = join(root, dir);
  if (!existsSync(absolute)) return;
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) listFiles(root, path, into);
    else if (entry.isFile()) into.add(path);
  }
}
