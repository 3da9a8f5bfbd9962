import { status } from "minecraft-server-util";
import { type Check, fail, pass } from "../check.ts";

export interface MinecraftTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * Server List Ping through the public hostname, as a player's client does before joining: proves
 * DNS → load balancer → ingress node → Tunnel → Velocity answers. SRV lookup stays off: players
 * connect to the hostname and port the config names.
 */
export function serverListPingCheck(target: MinecraftTarget, timeoutMs = 10_000): Check {
  return {
    name: `Server List Ping ${target.host}:${target.port}`,
    run: async () => {
      const response = await status(target.host, target.port, { timeout: timeoutMs, enableSRV: false });
      if (response.players.max <= 0) {
        return fail(`answered but reports max players ${response.players.max} (still starting?)`);
      }
      return pass(
        `${response.version.name}, ${response.players.online}/${response.players.max} players, ${response.roundTripLatency} ms`,
      );
    },
  };
}
