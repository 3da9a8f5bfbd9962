import { readFile, rename, writeFile } from "node:fs/promises";
import * as z from "zod";

const entrySchema = z.strictObject({
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  sha256: z.string(),
  key: z.string(),
  shippedAt: z.string(),
});
const stateSchema = z.strictObject({ version: z.literal(1), files: z.record(z.string(), entrySchema) });

export type ShippedFile = z.infer<typeof entrySchema>;

/**
 * What has reached the bucket, by file name: lets an hourly run skip everything it shipped before
 * without a request per file. It is a cache, not the truth: a lost or corrupt state file only costs
 * one HEAD per file, because the bucket is checked before anything is uploaded again.
 */
export class ShipState {
  readonly #path: string;
  readonly #files: Map<string, ShippedFile>;

  private constructor(path: string, files: Map<string, ShippedFile>) {
    this.#path = path;
    this.#files = files;
  }

  static async load(path: string, warn: (message: string) => void): Promise<ShipState> {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch {
      return new ShipState(path, new Map());
    }
    const parsed = stateSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      warn(`${path} is not a valid state file; starting afresh (the bucket is checked before any upload)`);
      return new ShipState(path, new Map());
    }
    return new ShipState(path, new Map(Object.entries(parsed.data.files)));
  }

  /** Shipped before, and the file has not changed since. */
  isShipped(name: string, size: number, mtimeMs: number): boolean {
    const entry = this.#files.get(name);
    return entry !== undefined && entry.size === size && entry.mtimeMs === mtimeMs;
  }

  /** Records one file and saves at once, so a run that dies later loses nothing. */
  async record(name: string, entry: ShippedFile): Promise<void> {
    this.#files.set(name, entry);
    await this.#save();
  }

  /** Forgets files no longer on disk (deleted by hand or by a log cleaner), so the state stays small. */
  async forgetMissing(present: ReadonlySet<string>): Promise<void> {
    const stale = [...this.#files.keys()].filter((name) => !present.has(name));
    if (stale.length === 0) return;
    for (const name of stale) this.#files.delete(name);
    await this.#save();
  }

  /** Write-then-rename: a crash mid-write leaves the previous state, never half a file. */
  async #save(): Promise<void> {
    const files = Object.fromEntries([...this.#files].sort(([a], [b]) => a.localeCompare(b)));
    const partial = `${this.#path}.partial`;
    await writeFile(partial, `${JSON.stringify({ version: 1, files }, null, 2)}\n`);
    await rename(partial, this.#path);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
