export {
  defineNetwork,
  type Network,
  type NetworkDefinition,
  type NetworkOverride,
  resolveNetwork,
} from "./define.ts";
export {
  type BucketKey,
  bucketKeyOf,
  bucketNames,
  clusterSecrets,
  LONGHORN_BACKUP_PREFIX,
  longhornBackupTargetUrl,
  OPS_POD_LABEL,
  PORTS,
  PUBLIC_MINECRAFT_PORT,
  paperService,
  RESOURCE_PACK_PREFIXES,
  resourcePackWorker,
  type SecretRef,
  type ServiceRef,
  SKRIPT_GIT_SECRET_KEYS,
  skriptGitSecretKeys,
  standardLabels,
  velocityLanService,
  velocityService,
  WORLD_VOLUME,
  worldClaimName,
} from "./derived.ts";
export {
  ABORT_MULTIPART_AFTER_DAYS,
  BUCKET_PREFIXES,
  GATEWAY_SECRET_HEADER,
  INGRESS_PORTS,
  type KvNamespaceKey,
  kvNamespaceTitles,
  NEVER_EXPIRE_PREFIXES,
  r2Endpoint,
  type WorkerName,
  type WorkerSyncEntry,
  type WorkerWiring,
  workerSyncEntry,
  workerWiring,
} from "./edge-facts.ts";
export { deployedEnvironments, LOCAL_ENVIRONMENT } from "./environments.ts";
export { ConfigError, type ConfigProblem, formatPath } from "./errors.ts";
export { HELM_CHARTS, type HelmChartPin, IMAGES, PLUGINS } from "./images.ts";
export {
  type ConfigImporter,
  DEFAULT_CONFIG_FILE,
  type LoadOptions,
  loadDefinition,
  loadNetwork,
} from "./load.ts";
export {
  BACKUP_METRICS,
  type BackupResult,
  backupMetricsBody,
  backupMetricsUrl,
  backupStaleAfterSeconds,
  longestCronGapSeconds,
  MONITORING_PODS,
  PAPER_METRICS,
  pushgatewayService,
  slpTargets,
} from "./monitoring.ts";
export { heapBytes, quantityBytes } from "./quantity.ts";
export type { NetworkInput, NetworkSpec, ServerSpec } from "./schema/network.ts";
export { networkSchema } from "./schema/network.ts";
export { MAX_HEAP_FRACTION } from "./semantic.ts";
