import { PATCH_MODEL } from "./facts.ts";

/** Names in `env` that none of the given readers reads: each is a setting that silently does nothing. */
export function unreadVariables(
  env: readonly { readonly name: string }[],
  ...readers: readonly ReadonlySet<string>[]
): string[] {
  return env.map((variable) => variable.name).filter((name) => !readers.some((reader) => reader.has(name)));
}

/** What mc-image-helper would refuse in a PatchSet file, or skip silently; empty when it reads every patch. */
export function patchSetProblems(text: string): string[] {
  const model = PATCH_MODEL.value;
  const problems: string[] = [];
  const fields = (
    where: string,
    value: unknown,
    required: readonly string[],
    optional: readonly string[],
  ) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`${where}: not an object`);
      return;
    }
    for (const key of required) if (!(key in value)) problems.push(`${where}: missing required "${key}"`);
    for (const key of Object.keys(value))
      if (!required.includes(key) && !optional.includes(key))
        problems.push(`${where}: unknown field "${key}"`);
  };
  const set = JSON.parse(text) as { patches?: unknown[] };
  fields("PatchSet", set, model.patchSet, []);
  for (const [index, patch] of (set.patches ?? []).entries()) {
    const where = `patches[${index}]`;
    fields(where, patch, model.definition.required, model.definition.optional);
    for (const [opIndex, op] of ((patch as { ops?: unknown[] }).ops ?? []).entries()) {
      const [type, ...more] = Object.keys(op as object);
      const shape = type ? model.operations[type] : undefined;
      if (!shape || more.length > 0) {
        problems.push(`${where}.ops[${opIndex}]: not one of ${Object.keys(model.operations).join(", ")}`);
        continue;
      }
      fields(
        `${where}.ops[${opIndex}].${type}`,
        (op as Record<string, unknown>)[type!],
        shape.required,
        shape.optional,
      );
    }
  }
  return problems;
}

/** `$.proxies.velocity['online-mode']` → `proxies.velocity.online-mode`. */
export function dottedPath(jsonPath: string): string {
  return jsonPath
    .replace(/^\$\.?/, "")
    .replace(/\['([^']+)'\]/g, ".$1")
    .replace(/^\./, "");
}

/**
 * Leaves of a parsed config (dotted paths) that `keys` does not define. In the `open` tables (maps of
 * the operator's own names, like Velocity's [servers]) a key is a name unless `keys` defines it.
 */
export function undefinedKeys(
  value: unknown,
  keys: readonly string[],
  open: readonly string[] = [],
  prefix = "",
): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return keys.includes(prefix) ? [] : [prefix];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (open.includes(prefix) && !keys.includes(path)) return [];
    return undefinedKeys(child, keys, open, path);
  });
}
