import { once } from "node:events";
import { createHealthAgent } from "@mc-infra/ingress-node";
import type { DevLog } from "./log.ts";
import { describeListenError, LOOPBACK } from "./ports.ts";

export interface HealthAgentsOptions {
  /** One agent per ingress node of the config, each on its own port. */
  readonly nodes: readonly { readonly name: string; readonly port: number }[];
  readonly gatewaySecret: string;
  /** Where the agents' Server List Ping goes: the stand-in (in production, the node's own HAProxy). */
  readonly target: { readonly host: string; readonly port: number };
  readonly log: DevLog;
}

export interface RunningHealthAgent {
  readonly name: string;
  readonly healthUrl: string;
}

export interface RunningHealthAgents {
  readonly agents: readonly RunningHealthAgent[];
  close(): Promise<void>;
}

/**
 * The ingress nodes' health agent (packages/ingress-node, the code the VPSes run) once per node of
 * the config, pointed at the stand-in. Plain HTTP on loopback: in production it serves HTTPS with a
 * self-signed certificate, which the checks do not verify either way.
 */
export async function startHealthAgents(options: HealthAgentsOptions): Promise<RunningHealthAgents> {
  const servers: ReturnType<typeof createHealthAgent>[] = [];
  const close = async () => {
    await Promise.all(
      servers.map(async (server) => {
        if (!server.listening) return;
        const closed = once(server, "close");
        server.close();
        server.closeAllConnections();
        await closed;
      }),
    );
  };
  const agents: RunningHealthAgent[] = [];
  try {
    for (const node of options.nodes) {
      const label = `ingress ${node.name}`;
      const server = createHealthAgent({
        gatewaySecret: options.gatewaySecret,
        target: options.target,
        onChange: (healthy, detail) =>
          options.log(label, `${healthy ? "healthy" : "unhealthy"}: ${detail}`, healthy ? "info" : "warn"),
      });
      servers.push(server);
      try {
        server.listen(node.port, LOOPBACK);
        await once(server, "listening");
      } catch (error) {
        throw describeListenError(`health agent ${node.name}`, node.port, error);
      }
      const healthUrl = `http://${LOOPBACK}:${node.port}/health`;
      options.log(
        label,
        `health agent on ${healthUrl}, pinging ${options.target.host}:${options.target.port}`,
      );
      agents.push({ name: node.name, healthUrl });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { agents, close };
}
