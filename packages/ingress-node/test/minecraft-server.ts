import type { AddressInfo, Server as NetServer } from "node:net";
import mc from "minecraft-protocol";

/** A real Minecraft server implementation on loopback (minecraft-protocol), answering Server List Pings. */
export async function startMinecraftServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = mc.createServer({
    "online-mode": false,
    host: "127.0.0.1",
    port: 0,
    version: "1.21.4",
    motd: "ingress test",
    maxPlayers: 20,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  // The listening socket is public at runtime but missing from minecraft-protocol's typings.
  const { socketServer } = server as unknown as { socketServer: NetServer };
  const port = (socketServer.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        socketServer.once("close", () => resolve());
        server.close();
      }),
  };
}
