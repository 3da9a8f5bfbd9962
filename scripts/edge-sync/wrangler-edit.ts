import type { WorkerSyncEntry } from "@mc-infra/config";
import {
  applyEdits,
  type FormattingOptions,
  type JSONPath,
  modify,
  type ParseError,
  parse,
  printParseErrorCode,
} from "jsonc-parser";

type Json = Record<string, unknown>;

/**
 * Applies an entry to wrangler.jsonc text, changing only what the edge owns and keeping comments,
 * order and everything else:
 * - `kv_namespaces` / `r2_buckets`: the entry with the same `binding` gets the id / bucket name
 *   (other fields of it stay); a binding not there yet is appended; other bindings are left alone.
 * - `vars`: each key is set; other vars are left alone.
 * - `routes`: replaced whole (the hostnames come only from the network config).
 * `section` is `[]` for the top level or `["env", "<name>"]` for a wrangler environment.
 * Running it twice changes nothing the second time.
 */
export function applyWorkerEntry(
  text: string,
  entry: WorkerSyncEntry,
  section: readonly string[] = [],
): string {
  const formatting = detectFormatting(text);
  let current = text;
  const set = (path: JSONPath, value: unknown, isArrayInsertion = false) => {
    current = applyEdits(
      current,
      modify(current, path, value, { formattingOptions: formatting, isArrayInsertion }),
    );
  };
  const read = (): Json => parseStrict(current);
  const at = (path: readonly (string | number)[]): unknown =>
    path.reduce<unknown>(
      (node, key) => (node as Record<string | number, unknown> | undefined)?.[key],
      read(),
    );

  const upsertBindings = (field: string, items: readonly Json[], valueKey: string) => {
    const existing = at([...section, field]);
    if (!Array.isArray(existing)) {
      if (items.length > 0) set([...section, field], items);
      return;
    }
    for (const item of items) {
      const list = at([...section, field]) as Json[];
      const index = list.findIndex((candidate) => candidate.binding === item.binding);
      if (index === -1) set([...section, field, list.length], item, true);
      else if (list[index]?.[valueKey] !== item[valueKey])
        set([...section, field, index, valueKey], item[valueKey]);
    }
  };

  upsertBindings("kv_namespaces", entry.kv_namespaces as unknown as Json[], "id");
  upsertBindings("r2_buckets", entry.r2_buckets as unknown as Json[], "bucket_name");
  for (const [key, value] of Object.entries(entry.vars)) {
    if (at([...section, "vars", key]) !== value) set([...section, "vars", key], value);
  }
  if (JSON.stringify(at([...section, "routes"])) !== JSON.stringify(entry.routes))
    set([...section, "routes"], entry.routes);
  return current;
}

/** Parses JSONC, refusing broken input instead of editing around it. */
export function parseStrict(text: string): Json {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new Error(`not valid JSONC: ${printParseErrorCode(first.error)} at offset ${first.offset}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("not a JSON object");
  return value as Json;
}

function detectFormatting(text: string): FormattingOptions {
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? "  ";
  return {
    insertSpaces: !indent.startsWith("\t"),
    tabSize: indent.startsWith("\t") ? 1 : indent.length,
    eol: text.includes("\r\n") ? "\r\n" : "\n",
  };
}

export type { WorkerSyncEntry };
