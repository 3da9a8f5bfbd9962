import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { applyWorkerEntry, type WorkerSyncEntry } from "./wrangler-edit.ts";

/** The part of `pulumi stack output --json` the sync reads. */
export interface EdgeOutputs {
  readonly environment: string;
  readonly workers: Readonly<Record<string, WorkerSyncEntry>>;
}

export type SyncResult = {
  readonly worker: string;
  readonly file: string;
  readonly status: "updated" | "unchanged" | "missing";
};

export interface SyncOptions {
  readonly outputs: EdgeOutputs;
  /** Folder holding `<worker>/wrangler.jsonc`. */
  readonly workersDir: string;
  /** The environment rendered at the top level of wrangler.jsonc; others go under `env.<name>`. */
  readonly defaultEnvironment: string;
  /** Report what would change without writing. */
  readonly check?: boolean;
}

export function validateOutputs(value: unknown): EdgeOutputs {
  const outputs = value as Partial<EdgeOutputs> | null;
  if (
    typeof outputs?.environment !== "string" ||
    typeof outputs.workers !== "object" ||
    outputs.workers === null
  ) {
    throw new Error(
      "the stack outputs have no `environment` and `workers`: run `pulumi up` for this stack first",
    );
  }
  return outputs as EdgeOutputs;
}

/** Writes each Worker's entry into its wrangler.jsonc; Workers without one are reported, not created. */
export async function syncWorkers(options: SyncOptions): Promise<SyncResult[]> {
  const section =
    options.outputs.environment === options.defaultEnvironment ? [] : ["env", options.outputs.environment];
  const results: SyncResult[] = [];
  for (const [worker, entry] of Object.entries(options.outputs.workers).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const file = join(options.workersDir, worker, "wrangler.jsonc");
    if (!existsSync(file)) {
      results.push({ worker, file, status: "missing" });
      continue;
    }
    const before = await readFile(file, "utf8");
    let after: string;
    try {
      after = applyWorkerEntry(before, entry, section);
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
    if (after === before) {
      results.push({ worker, file, status: "unchanged" });
      continue;
    }
    if (!options.check) {
      // Write beside, then rename: an interrupted sync never leaves half a config.
      await writeFile(`${file}.tmp`, after);
      await rename(`${file}.tmp`, file);
    }
    results.push({ worker, file, status: "updated" });
  }
  return results;
}
