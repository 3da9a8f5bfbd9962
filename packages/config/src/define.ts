import { ConfigError } from "./errors.ts";
import { type NetworkInput, type NetworkSpec, networkSchema } from "./schema/network.ts";

/** Fields an environment may change. Objects merge field by field; arrays and scalars are replaced whole. */
export type NetworkOverride = DeepPartial<NetworkInput>;
type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export interface NetworkDefinition<E extends string = string> {
  readonly kind: "network-definition";
  readonly base: NetworkInput;
  readonly environments: Readonly<Record<E, NetworkOverride>>;
  /** The environment `pnpm synth` renders into the committed `apps/` and `argocd/`. */
  readonly defaultEnvironment: E;
}

/** A resolved, validated network: what charts, Pulumi and the Workers' config read. */
export type Network = NetworkSpec & { readonly environment: string };

export function defineNetwork<const E extends string>(definition: {
  base: NetworkInput;
  environments: Record<E, NetworkOverride>;
  defaultEnvironment: NoInfer<E>;
}): NetworkDefinition<E> {
  return { kind: "network-definition", ...definition };
}

/** Merges an environment over the base and validates the result; throws ConfigError listing every problem. */
export function resolveNetwork(
  definition: NetworkDefinition,
  environment?: string,
  source?: string,
): Network {
  const name = environment ?? definition.defaultEnvironment;
  const override = definition.environments[name];
  if (override === undefined) {
    const known = Object.keys(definition.environments).join(", ");
    throw new ConfigError(
      [{ path: "(environment)", message: `unknown environment "${name}"; known: ${known}` }],
      source,
    );
  }
  const merged = deepMerge(definition.base, override);
  // Parsed once per process: compiling zod's eval'd fast paths costs more than they save (~half).
  const result = networkSchema.safeParse(merged, { jitless: true });
  if (!result.success) throw ConfigError.fromZod(result.error, source);
  return deepFreeze({ ...result.data, environment: name });
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
