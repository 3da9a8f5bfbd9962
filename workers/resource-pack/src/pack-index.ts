import { HISTORY_LIMIT } from "./limits.ts";
import type { PackRecord } from "./pack-record.ts";

const LATEST = "latest";
const HISTORY = "history";

/**
 * The published packs in KV: `latest` (what servers and players get) and `history`, newest first,
 * whose head is always `latest`. History is written before `latest`, so a failure between the two
 * writes leaves `latest` on the previous pack and a retry repairs the history.
 */
export class PackIndex {
  readonly #kv: KVNamespace;

  constructor(kv: KVNamespace) {
    this.#kv = kv;
  }

  latest(): Promise<PackRecord | null> {
    return this.#kv.get<PackRecord>(LATEST, "json");
  }

  async history(): Promise<PackRecord[]> {
    return (await this.#kv.get<PackRecord[]>(HISTORY, "json")) ?? [];
  }

  /** Makes `record` the latest pack. Publishing a pack that is already in the history moves it to the top. */
  async publish(record: PackRecord): Promise<void> {
    const history = (await this.history()).filter((entry) => entry.sha1 !== record.sha1);
    await this.#write([record, ...history].slice(0, HISTORY_LIMIT));
  }

  /** Drops the latest entry and makes the one before it latest; null when there is nothing before it. */
  async rollback(): Promise<{ latest: PackRecord; rolledBack: PackRecord } | null> {
    const [rolledBack, previous, ...older] = await this.history();
    if (!rolledBack || !previous) return null;
    await this.#write([previous, ...older]);
    return { latest: previous, rolledBack };
  }

  async #write(history: readonly PackRecord[]): Promise<void> {
    await this.#kv.put(HISTORY, JSON.stringify(history));
    await this.#kv.put(LATEST, JSON.stringify(history[0]));
  }
}
