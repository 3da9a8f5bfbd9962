import type { NetworkDefinition, NetworkInput } from "@mc-infra/config";
import example from "../../network.config.ts";

/**
 * The example network grown to `servers` Paper servers (survival-1 … survival-N), for the synth
 * benchmark and for tests that need more than two servers. Plain data, so it can also be written to a
 * config module with no imports.
 */
export function generatedNetwork(servers: number): NetworkDefinition {
  const base = structuredClone(example.base) as NetworkInput;
  const template = base.servers[1]!;
  base.servers = [
    base.servers[0]!,
    ...Array.from({ length: servers - 1 }, (_, index) => ({
      ...structuredClone(template),
      name: `survival-${index + 1}`,
    })),
  ];
  base.proxy.forcedHosts = { "survival.example.net": ["survival-1"] };
  return {
    kind: "network-definition",
    base,
    environments: { production: {} },
    defaultEnvironment: "production",
  };
}

/** A config module with no imports (the same object `defineNetwork` returns), for `pnpm synth --config`. */
export function configModule(definition: NetworkDefinition): string {
  return `export default ${JSON.stringify(definition, null, 2)};\n`;
}
