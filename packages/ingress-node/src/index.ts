export { type AgentSettings, agentSettingsFromEnv } from "./agent-env.ts";
export { gatewaySecretMatches } from "./gateway-secret.ts";
export { createHealthAgent, type HealthAgentOptions } from "./health-agent.ts";
