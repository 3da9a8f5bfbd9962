import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { WorkerWiring } from "@mc-infra/config";
import { parseStrict } from "../../scripts/edge-sync/wrangler-edit.ts";

export const WORKERS_DIR = join(import.meta.dirname, "../../workers");

type Json = Record<string, unknown>;

/**
 * What a binding is, named after wrangler's own config field: `kv_namespaces`, `r2_buckets`, `vars`,
 * `secrets`, or any other binding list a Worker might grow (`d1_databases`, `services`, …).
 */
export type BindingKind = string;

/** The wrangler.jsonc section edge:sync writes for an environment: the top level, or `env.<name>`. */
export function wranglerSection(text: string, section: readonly string[]): Json {
  let node: unknown = parseStrict(text);
  for (const key of section) node = (node as Json | undefined)?.[key];
  if (typeof node !== "object" || node === null)
    throw new Error(`wrangler.jsonc has no ${section.join(".")}`);
  return node as Json;
}

export function readWrangler(dir: string): string {
  return readFileSync(join(WORKERS_DIR, dir, "wrangler.jsonc"), "utf8");
}

/**
 * Every name a wrangler.jsonc section puts on `env`, with its kind. wrangler does not inherit
 * bindings or vars into `env.<name>`, so a section is complete on its own.
 */
export function wranglerBindings(section: Json): Map<string, BindingKind> {
  const bindings = new Map<string, BindingKind>();
  const add = (name: string, kind: BindingKind) => {
    const earlier = bindings.get(name);
    if (earlier) throw new Error(`binding ${name} is both ${earlier} and ${kind}`);
    bindings.set(name, kind);
  };
  for (const [field, value] of Object.entries(section)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      if (typeof item === "object" && item !== null && typeof (item as Json).binding === "string")
        add((item as Json).binding as string, field);
    }
  }
  const durableObjects = (section.durable_objects as { bindings?: { name: string }[] } | undefined)?.bindings;
  for (const binding of durableObjects ?? []) add(binding.name, "durable_objects");
  for (const name of Object.keys((section.vars as Json | undefined) ?? {})) add(name, "vars");
  for (const name of (section.secrets as { required?: string[] } | undefined)?.required ?? [])
    add(name, "secrets");
  return bindings;
}

/** The names the config package wires into a Worker, with the kind each must have in wrangler.jsonc. */
export function wiredBindings(wiring: WorkerWiring): Map<string, BindingKind> {
  return new Map<string, BindingKind>([
    ...Object.keys(wiring.kvNamespaces).map((name) => [name, "kv_namespaces"] as const),
    ...Object.keys(wiring.r2Buckets).map((name) => [name, "r2_buckets"] as const),
    ...Object.keys(wiring.vars).map((name) => [name, "vars"] as const),
    ...wiring.secrets.map((name) => [name, "secrets"] as const),
  ]);
}

/** The TypeScript type `wrangler types` gives each kind of binding. */
const GENERATED_TYPES: Readonly<Record<string, RegExp>> = {
  kv_namespaces: /^KVNamespace$/,
  r2_buckets: /^R2Bucket$/,
  // A literal union of the values across environments, or `string` with --strict-vars=false.
  vars: /^(string|"[^"]*"( \| "[^"]*")*)$/,
  secrets: /^string$/,
};

/**
 * The members of one interface of a generated worker-configuration.d.ts (`__BaseEnv_Env` for the top
 * level, `StagingEnv` for `env.staging`), as name → TypeScript type.
 */
export function generatedEnv(dts: string, interfaceName: string): Map<string, string> {
  const start = dts.search(new RegExp(`interface ${interfaceName} \\{`));
  if (start === -1) throw new Error(`worker-configuration.d.ts declares no ${interfaceName}`);
  const body = dts.slice(dts.indexOf("{", start) + 1, dts.indexOf("}", start));
  return new Map(
    body
      .split("\n")
      .map((line) => /^\s*(\w+)\??: (.+);$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1]!, match[2]!]),
  );
}

export function generatedTypeFits(kind: BindingKind, type: string): boolean {
  return GENERATED_TYPES[kind]?.test(type) ?? false;
}

/**
 * Where a wrangler.jsonc section and the wiring disagree: a wired name missing or of another kind,
 * or a binding the edge does not provision. Only plain vars may be the Worker's own (tuning values
 * edge:sync leaves alone).
 */
export function wiringMismatches(wiring: WorkerWiring, section: Json): string[] {
  const wired = wiredBindings(wiring);
  const bound = wranglerBindings(section);
  return [
    ...[...wired]
      .filter(([name, kind]) => bound.get(name) !== kind)
      .map(([name, kind]) => `${kind} ${name}: wrangler.jsonc has ${bound.get(name) ?? "nothing"}`),
    ...[...bound]
      .filter(([name, kind]) => kind !== "vars" && wired.get(name) !== kind)
      .map(([name, kind]) => `${kind} ${name}: not provisioned by the edge`),
  ];
}
