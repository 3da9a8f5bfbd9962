import { once } from "node:events";
import { createServer, type Server } from "minecraft-protocol";
import { freePort } from "./free-port.ts";

export interface MinecraftServerOptions {
  /** Legacy-formatted MOTD (§ codes), sent as `{ text }`, unless `motdComponent` is given. */
  readonly motd?: string;
  /** A JSON chat component sent as the description instead of `motd`. */
  readonly motdComponent?: unknown;
  readonly maxPlayers?: number;
  readonly onlinePlayers?: number;
  readonly sample?: readonly { readonly name: string; readonly id: string }[];
  /** `data:image/png;base64,…` */
  readonly favicon?: string;
  /** A Minecraft version minecraft-protocol knows. @default "1.21.4" */
  readonly version?: string;
  /** Reuse a port, e.g. to restart a stopped server where clients expect it. */
  readonly port?: number;
}

export interface RunningMinecraftServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * A real Minecraft protocol server (minecraft-protocol, as mineflayer's test servers are) on
 * loopback, answering the Server List Ping with the given MOTD, players and icon.
 */
export async function startMinecraftServer(
  options: MinecraftServerOptions = {},
): Promise<RunningMinecraftServer> {
  const port = options.port ?? (await freePort());
  const server: Server = createServer({
    host: "127.0.0.1",
    port,
    "online-mode": false,
    version: options.version ?? "1.21.4",
    motd: options.motd ?? "A Minecraft server",
    ...(options.motdComponent === undefined ? {} : { motdMsg: options.motdComponent }),
    maxPlayers: options.maxPlayers ?? 20,
    ...(options.favicon === undefined ? {} : { favicon: options.favicon }),
    hideErrors: true,
    beforePing: (response: { players: { online: number; sample: unknown[] } }) => {
      response.players.online = options.onlinePlayers ?? 0;
      response.players.sample = [...(options.sample ?? [])];
      return response;
    },
  } as Parameters<typeof createServer>[0]);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  return {
    host: "127.0.0.1",
    port,
    stop: async () => {
      const closed = once(server, "close");
      server.close(); // also ends connected clients, which would otherwise hold the port
      await closed;
    },
  };
}
