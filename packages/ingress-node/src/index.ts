export { bundleHealthAgent } from "./agent-bundle.ts";
export { type AgentSettings, agentSettingsFromEnv } from "./agent-env.ts";
export {
  type CloudInitProps,
  type IngressRole,
  type NodeCredentials,
  renderCloudInit,
} from "./cloud-init.ts";
export { gatewaySecretMatches } from "./gateway-secret.ts";
export { renderHaproxyConfig } from "./haproxy-config.ts";
export { createHealthAgent, type HealthAgentOptions } from "./health-agent.ts";
export { renderNftablesConfig } from "./nftables-config.ts";
export { NODE_PATHS, renderCloudflaredAccessUnit, renderHealthAgentUnit } from "./systemd-units.ts";
