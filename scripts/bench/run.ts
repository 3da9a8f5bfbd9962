import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Bench, formatReport } from "./report.ts";

/**
 * `pnpm bench [filter]`: runs every `scripts/bench/*.bench.ts` (or those whose name contains the
 * filter) one after another, so no two compete for the two cores, and prints their reports.
 */
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? "";
const files = (await readdir(here))
  .filter((file) => file.endsWith(".bench.ts") && file.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches "${filter}"`);
  process.exit(1);
}
for (const file of files) {
  const bench = (await import(pathToFileURL(join(here, file)).href)).default as Bench;
  console.log(formatReport(await bench()));
  console.log();
}
