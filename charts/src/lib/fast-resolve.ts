import {
  type ApiObject,
  App,
  ImplicitTokenResolver,
  type IResolver,
  Lazy,
  LazyResolver,
  NumberStringUnionResolver,
  resolve,
} from "cdk8s";
import { type SanitizeOptions, sanitizeValue } from "cdk8s/lib/_util.js";

/**
 * What cdk8s computes as `sanitizeValue(resolve([], value, apiObject), options)` when an object is
 * serialized, in one pass. The bundled renderer calls this from cdk8s's own ApiObject and metadata
 * `toJson` (charts/bin/dependency-rewrites.js); the sources call cdk8s's functions unchanged.
 *
 * cdk8s resolves every node of every object with a context object, a copied key path and three
 * resolver calls, then copies the whole tree again to drop empty values and sort keys. For a
 * 100-server network that was 90 of the 144 MB a synth allocates. Here the three default resolvers'
 * checks are inlined, so a node costs no allocation beyond its output. Resolution still runs
 * depth-first in each object's own key order, as cdk8s's does, so lazy producers run in the same
 * order; keys are sorted after.
 *
 * An app with resolvers of its own gets cdk8s's functions, unchanged.
 */
export function resolveSanitized(
  value: unknown,
  apiObject: ApiObject,
  options: SanitizeOptions = {},
): unknown {
  if (!onlyDefaultResolvers(App.of(apiObject).resolvers)) {
    return sanitizeValue(resolve([], value, apiObject), options);
  }
  return resolveNode(value, options.sortKeys ?? true, options);
}

function onlyDefaultResolvers(resolvers: readonly IResolver[]): boolean {
  return (
    resolvers.length === 3 &&
    resolvers[0]?.constructor === LazyResolver &&
    resolvers[1]?.constructor === ImplicitTokenResolver &&
    resolvers[2]?.constructor === NumberStringUnionResolver
  );
}

interface Candidate {
  readonly constructor?: unknown;
  readonly value?: unknown;
  readonly resolve?: unknown;
}

/** The default resolvers in their order, each replacement resolved again, as cdk8s's `resolve` does. */
function applyDefaultResolvers(value: unknown): unknown {
  let current = value;
  while (current != null) {
    const candidate = current as Candidate;
    if (current instanceof Lazy) {
      current = current.produce();
    } else if (typeof candidate.resolve === "function") {
      current = (candidate as { resolve(): unknown }).resolve();
    } else if (
      candidate.constructor !== Object &&
      (typeof candidate.value === "number" || typeof candidate.value === "string")
    ) {
      current = { value: candidate.value };
    } else {
      break;
    }
  }
  return current;
}

function resolveNode(value: unknown, sortKeys: boolean, options: SanitizeOptions): unknown {
  const resolved = applyDefaultResolvers(value);
  if (resolved == null) return undefined;
  if (typeof resolved !== "object") return resolved;
  if (Array.isArray(resolved)) {
    if (options.filterEmptyArrays && resolved.length === 0) return undefined;
    return resolved.map((item) => resolveNode(item, sortKeys, options));
  }
  // cdk8s leaves anything but a plain object unresolved, and sanitizeValue then rejects it (or, for
  // an object from another realm, sanitizes it as it is): the same call gives the same answer.
  if (resolved.constructor !== Object) return sanitizeValue(resolved, options);

  // A `__proto__` key would differ (cdk8s's copy sets the prototype); no Kubernetes field has it.
  const source = resolved as Record<string, unknown>;
  const keys = Object.keys(source);
  const inOrder = !sortKeys || isSorted(keys);
  const staged: Record<string, unknown> = {};
  let kept = 0;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    const child = resolveNode(source[key], sortKeys, options);
    if (child == null) continue;
    staged[key] = child;
    kept++;
  }
  if (options.filterEmptyObjects && kept === 0) return undefined;
  if (inOrder) return staged;
  sortInPlace(keys);
  const sorted: Record<string, unknown> = {};
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    if (Object.hasOwn(staged, key)) sorted[key] = staged[key];
  }
  return sorted;
}

/** Whether `keys` is already in `Array.prototype.sort`'s order: three objects in five are. */
function isSorted(keys: readonly string[]): boolean {
  for (let index = 1; index < keys.length; index++) {
    if ((keys[index - 1] as string) > (keys[index] as string)) return false;
  }
  return true;
}

/**
 * `Array.prototype.sort`'s order for distinct strings (UTF-16 code units), by insertion: objects
 * have a few dozen keys at most, and the built-in sort's scratch copies were a tenth of the garbage.
 */
function sortInPlace(keys: string[]): void {
  for (let index = 1; index < keys.length; index++) {
    const key = keys[index] as string;
    let at = index - 1;
    while (at >= 0 && (keys[at] as string) > key) {
      keys[at + 1] = keys[at] as string;
      at--;
    }
    keys[at + 1] = key;
  }
}
