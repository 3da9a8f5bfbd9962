import type { ManifestObject } from "@mc-infra/charts";
import { renderNetwork } from "@mc-infra/charts";
import { loadNetwork, type Network } from "@mc-infra/config";
import { allRegistered, installEdgeMocks, type RecordedResource } from "../../pulumi/test/mocks.ts";
import type { CreatedSecret } from "./secret-references.ts";

export interface BothLayers {
  readonly network: Network;
  readonly objects: ManifestObject[];
  readonly resources: readonly RecordedResource[];
  readonly createdSecrets: CreatedSecret[];
}

/** Renders the manifests and runs the Pulumi program (under mocks) for one environment of the example network. */
export async function renderBothLayers(environment: string): Promise<BothLayers> {
  const configFile = "network.config.ts";
  const network = await loadNetwork({ configFile, environment });
  const objects = [...renderNetwork(network, { configFile, environment }).objects.values()].flat();
  // Mocks first, then the program: its top level registers every resource.
  const mocks = await installEdgeMocks(environment);
  const program = (await import("../../pulumi/index.ts")) as Record<string, unknown>;
  await allRegistered(program);
  const createdSecrets = mocks.resources
    .filter((resource) => resource.type === "kubernetes:core/v1:Secret")
    .map((resource) => {
      const inputs = resource.inputs as { metadata: { name: string; namespace: string }; stringData: object };
      return {
        namespace: inputs.metadata.namespace,
        name: inputs.metadata.name,
        keys: Object.keys(inputs.stringData),
      };
    });
  return { network, objects, resources: mocks.resources, createdSecrets };
}
