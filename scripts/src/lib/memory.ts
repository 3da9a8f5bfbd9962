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
  }
  const gc = collect;
  return () => {
    if (process.memoryUsage().arrayBuffers > budgetBytes) gc();
  };
}
