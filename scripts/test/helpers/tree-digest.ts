import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { pipeline } from "node:stream/promises";

/** Relative path → SHA-256 of every file under `dir` (directories as "dir"): two equal maps mean bit-identical trees. */
export async function treeDigest(
  dir: string,
  ignore: (path: string) => boolean = () => false,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const name = relative(dir, path);
    if (ignore(name)) continue;
    if (entry.isDirectory()) out.set(name, "dir");
    else if (entry.isFile()) {
      const hash = createHash("sha256");
      await pipeline(createReadStream(path), hash);
      out.set(name, hash.digest("hex"));
    }
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}
