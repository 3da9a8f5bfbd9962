import type { AddressInfo } from "node:net";
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
  const port = (server.socketServer.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.socketServer.once("close", () => resolve());
        server.close();
      }),
  };
}
