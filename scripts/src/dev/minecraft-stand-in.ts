import { once } from "node:events";
import minecraftProtocol from "minecraft-protocol";
import type { DevLog } from "./log.ts";
import { describeListenError, LOOPBACK } from "./ports.ts";

export interface StandInOptions {
  readonly port: number;
  /** The network's name, shown in the MOTD so a server list tells local from production. */
  readonly networkName: string;
  /** The Minecraft version to speak, the Paper version of the config's first server. */
  readonly version: string;
  /** @default 20 */
  readonly maxPlayers?: number;
  readonly log: DevLog;
}

export interface RunningStandIn {
  readonly host: string;
  readonly port: number;
  readonly motd: string;
  close(): Promise<void>;
}

export const STAND_IN_LABEL = "minecraft stand-in";

/** Why a player's login is refused: the stand-in answers the server list, nothing more. */
const LOGIN_REFUSED =
  "This is the development stand-in of pnpm dev, not a Minecraft server: it answers the server list only.";

/**
 * A development stand-in for the network's Minecraft entrance (Velocity in front of Paper): a real
 * Minecraft protocol server (minecraft-protocol) on loopback that answers Server List Ping like the
 * network does, and says in its MOTD, its version name and its log that it is a stand-in. It
 * refuses logins: there is no world behind it.
 */
export async function startMinecraftStandIn(options: StandInOptions): Promise<RunningStandIn> {
  const motd = `§6${options.networkName} §c§lDEVELOPMENT STAND-IN\n§7pnpm dev: answers the server list, refuses logins`;
  const server = minecraftProtocol.createServer({
    host: LOOPBACK,
    port: options.port,
    "online-mode": false,
    version: options.version,
    motd,
    maxPlayers: options.maxPlayers ?? 20,
    hideErrors: true,
    beforePing: (response: { version: { name: string } }) => {
      // Shown by a client whose version differs, and by the checks that print the version.
      response.version.name = `dev stand-in ${options.version}`;
      return response;
    },
    // Before "login success": the client still reads login-state packets and shows the reason.
    beforeLogin: (client: minecraftProtocol.Client) => {
      options.log(STAND_IN_LABEL, `refused the login of ${client.username}: stand-in, no world behind it`);
      client.end(LOGIN_REFUSED);
    },
  } as minecraftProtocol.ServerOptions);
  try {
    // `once` rejects when "error" comes first: EADDRINUSE and the like.
    await once(server, "listening");
  } catch (error) {
    throw describeListenError(STAND_IN_LABEL, options.port, error);
  }
  server.on("error", (error) => options.log(STAND_IN_LABEL, `error: ${error.message}`, "warn"));
  options.log(
    STAND_IN_LABEL,
    `development stand-in (not Velocity or Paper) listening on ${LOOPBACK}:${options.port}, Minecraft ${options.version}`,
  );
  return {
    host: LOOPBACK,
    port: options.port,
    motd,
    close: async () => {
      const closed = once(server, "close");
      server.close(); // also ends connected clients, which would otherwise hold the port
      await closed;
    },
  };
}
