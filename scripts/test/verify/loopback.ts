import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import minecraftProtocol from "minecraft-protocol";

export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A plain node:http server on loopback that answers the way the verify framework's HTTP checks
 * expect an origin to (or deliberately does not). It is a stand-in for exercising the checks' own
 * logic — status codes, headers, JSON shape, hashing — and implements none of the real services
 * (the health agent, the Workers); those are tested against their real implementations elsewhere.
 */
export async function startHttpStandIn(
  handler: (request: IncomingMessage, response: ServerResponse, base: string) => void,
): Promise<Running> {
  let base = "";
  const server = createServer((request, response) => handler(request, response, base));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RunningMinecraft {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A real Minecraft server implementation (minecraft-protocol) on loopback, answering Server List Ping. */
export async function startMinecraftServer(options: {
  motd: string;
  maxPlayers: number;
}): Promise<RunningMinecraft> {
  const server = minecraftProtocol.createServer({
    host: "127.0.0.1",
    port: 0,
    "online-mode": false,
    motd: options.motd,
    maxPlayers: options.maxPlayers,
    version: "1.21.4",
  });
  await once(server, "listening");
  // The listening net.Server is not in minecraft-protocol's typings, but it is how port 0 is resolved.
  const { socketServer } = server as unknown as { socketServer: { address(): AddressInfo } };
  const port = socketServer.address().port;
  return {
    host: "127.0.0.1",
    port,
    close: async () => {
      server.close();
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
