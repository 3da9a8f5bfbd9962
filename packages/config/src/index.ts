export {
  defineNetwork,
  type Network,
  type NetworkDefinition,
  type NetworkOverride,
  resolveNetwork,
} from "./define.ts";
export {
  bucketNames,
  clusterSecrets,
  OPS_POD_LABEL,
  PORTS,
  PUBLIC_MINECRAFT_PORT,
  paperService,
  type SecretRef,
  type ServiceRef,
  standardLabels,
  velocityService,
  WORLD_VOLUME,
  worldClaimName,
} from "./derived.ts";
export { ConfigError, type ConfigProblem, formatPath } from "./errors.ts";
export { HELM_CHARTS, type HelmChartPin, IMAGES } from "./images.ts";
export { DEFAULT_CONFIG_FILE, type LoadOptions, loadDefinition, loadNetwork } from "./load.ts";
export { heapBytes, quantityBytes } from "./quantity.ts";
export type { NetworkInput, NetworkSpec, ServerSpec } from "./schema/network.ts";
export { networkSchema } from "./schema/network.ts";
export { MAX_HEAP_FRACTION } from "./semantic.ts";
