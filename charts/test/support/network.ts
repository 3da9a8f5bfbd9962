import { type Network, type NetworkOverride, resolveNetwork } from "@mc-infra/config";
import definition from "../../../network.config.ts";

/** The example network (network.config.ts), production, optionally with an override merged over it. */
export function exampleNetwork(override: NetworkOverride = {}): Network {
  return resolveNetwork(
    { ...definition, environments: { ...definition.environments, test: override } },
    "test",
  );
}
