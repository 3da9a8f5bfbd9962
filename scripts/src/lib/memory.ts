import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined;

/**
 * Returns a check to call after each chunk of work (an uploaded part): when Buffers' memory exceeds
 * `budgetBytes`, it runs a full garbage collection.
 *
 * Why: streamed data passes through buffers that live just long enough (a part waits for its
 * upload) to be promoted to V8's old generation, and V8 collects those only once another 64 MiB of
 * external memory has been allocated. For a streaming backup that floating garbage is a third of
 * the process's memory. A full GC of this small heap takes a few milliseconds, once per part at most.
 * (The same exposure of `gc` is what jest's leak detector does.)
 */
export function releaseDeadBuffers(budgetBytes: number): () => void {
  if (!collect) {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
    // V8 weighs Buffers' memory against a full-GC limit it derives from the small JS heap (~20 MB
    // here): streaming a 1 GiB world set off ~140 full GCs whose marking (main thread + V8's helper
    // threads) was over a third of the backup's CPU (--trace-gc, per-thread CPU from /proc). With room
    // to triple, V8's own trigger rarely fires and the budget check below paces collection instead:
    // ~45 GCs per GiB, exactly when dead buffers pile up (benchmark: 11.2 s → 8.6 s CPU, same peak RSS).
    setFlagsFromString("--heap-growing-percent=200");
  }
  const gc = collect;
  return () => {
    if (process.memoryUsage().arrayBuffers > budgetBytes) gc();
  };
}
