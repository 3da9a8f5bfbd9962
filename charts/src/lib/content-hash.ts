import { createHash } from "node:crypto";

/**
 * A short digest of configuration a pod reads from a ConfigMap, stamped on the pod template: a change
 * to the file then rolls the pods, which otherwise would keep running the old config until restarted.
 */
export function contentHash(...parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 16);
}
