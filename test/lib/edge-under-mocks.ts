import type { ManifestObject } from "@mc-infra/charts";
import { renderNetwork } from "@mc-infra/charts";
import { loadNetwork, type Network, type WorkerName, type WorkerSyncEntry } from "@mc-infra/config";
import type { Output } from "@pulumi/pulumi";
import { allRegistered, installEdgeMocks, type RecordedResource, settle } from "../../pulumi/test/mocks.ts";
import type { CreatedSecret } from "./secret-references.ts";

export interface BothLayers {
  readonly network: Network;
  readonly objects: ManifestObject[];
  readonly resources: readonly RecordedResource[];
  readonly createdSecrets: CreatedSecret[];
  /** The program's `workers` output: what `pnpm edge:sync` reads from `pulumi stack output`. */
  readonly workers: Record<WorkerName, WorkerSyncEntry>;
}

export interface StackOptions {
  /** The network config, relative to the repository root. @default "network.config.ts" */
  readonly configFile?: string;
  /** More stack config (`minecraft-edge:<key>`), e.g. an operator-given credential. */
  readonly stackConfig?: Readonly<Record<string, string>>;
  /** Keys of `stackConfig` set with `--secret`. */
  readonly secretConfigKeys?: readonly string[];
}

/** Renders the manifests and runs the Pulumi program (under mocks) for one environment of a network. */
export async function renderBothLayers(environment: string, options: StackOptions = {}): Promise<BothLayers> {
  const configFile = options.configFile ?? "network.config.ts";
  const network = await loadNetwork({ configFile, environment });
  const objects = [...renderNetwork(network, { configFile, environment }).objects.values()].flat();
  // Mocks first, then the program: its top level registers every resource. The program reads its
  // configFile relative to pulumi/.
  const mocks = await installEdgeMocks(
    environment,
    undefined,
    { ...(options.configFile ? { configFile: `../${options.configFile}` } : {}), ...options.stackConfig },
    options.secretConfigKeys,
  );
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
  const { value: workers } = await settle(program.workers as Output<Record<WorkerName, WorkerSyncEntry>>);
  return { network, objects, resources: mocks.resources, createdSecrets, workers };
}
