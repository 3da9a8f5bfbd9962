import { readFileSync } from "node:fs";
import { INGRESS_PORTS } from "@mc-infra/config";
import type { HealthAgentOptions } from "./health-agent.ts";

export interface AgentSettings {
  readonly port: number;
  readonly host: string;
  readonly agent: HealthAgentOptions;
}

/**
 * The agent's settings from its environment. Secrets come from files (systemd's `LoadCredential=`),
 * never from variables, which any process of the same user can read from /proc.
 */
export function agentSettingsFromEnv(env: NodeJS.ProcessEnv): AgentSettings {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const file = env[name];
    if (!file) return undefined;
    try {
      return readFileSync(file, "utf8").trim();
    } catch (error) {
      problems.push(`${name}: cannot read ${file}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const port = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65535)
      problems.push(`${name}: "${raw}" is not a port`);
    return value;
  };

  const gatewaySecret = read("GATEWAY_SECRET_FILE");
  if (!env.GATEWAY_SECRET_FILE)
    problems.push("GATEWAY_SECRET_FILE: must name the file holding the gateway secret");
  else if (gatewaySecret === "") problems.push("GATEWAY_SECRET_FILE: the file is empty");
  const cert = read("TLS_CERT_FILE");
  const key = read("TLS_KEY_FILE");
  if ((cert === undefined) !== (key === undefined))
    problems.push("TLS_CERT_FILE and TLS_KEY_FILE: set both or neither");
  const settings: AgentSettings = {
    port: port("HEALTH_PORT", 8443),
    host: env.HEALTH_HOST || "0.0.0.0",
    agent: {
      gatewaySecret: gatewaySecret ?? "",
      target: { host: env.RELAY_HOST || "127.0.0.1", port: port("RELAY_PORT", INGRESS_PORTS.minecraft) },
      ...(cert !== undefined && key !== undefined ? { tls: { cert, key } } : {}),
    },
  };
  if (problems.length > 0) throw new Error(`health agent: bad environment:\n  ${problems.join("\n  ")}`);
  return settings;
}
