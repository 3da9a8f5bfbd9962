import { loadDefinition, type Network, type NetworkOverride, resolveNetwork } from "@mc-infra/config";

/** The example network (network.config.ts at the root), optionally with overrides for one test. */
export async function exampleNetwork(
  override: NetworkOverride = {},
  environment = "production",
): Promise<Network> {
  const definition = await loadDefinition(new URL("../../network.config.ts", import.meta.url).pathname);
  return resolveNetwork({
    ...definition,
    environments: {
      ...definition.environments,
      test: mergeOverride(definition.environments[environment] ?? {}, override),
    },
    defaultEnvironment: "test",
  });
}

function mergeOverride(base: NetworkOverride, override: NetworkOverride): NetworkOverride {
  return { ...base, ...override } as NetworkOverride;
}
