import { createServer } from "node:http";
import {
  type HostileBehaviour,
  type RunningMinecraftServer,
  serverIconDataUrl,
  startHostilePeers,
  startMinecraftServer,
} from "@mc-infra/slp/testing";
import { status } from "minecraft-server-util";
import type { TestProject } from "vitest/node";
import { SERVER_FIXTURE } from "./fixtures.ts";

/**
 * Runs in Node before the workerd tests: a real Minecraft server (minecraft-protocol), a second one
 * the tests may stop, the hostile peers, and a loopback control endpoint for stopping. Their ports
 * reach the Worker as bindings through `provide`; workerd's connect() may dial loopback because
 * Miniflare's outbound network allows private and local addresses.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const favicon = serverIconDataUrl();
  const [minecraft, hostile] = await Promise.all([
    startMinecraftServer({ ...SERVER_FIXTURE, sample: [...SERVER_FIXTURE.sample], favicon }),
    startHostilePeers(),
  ]);
  const stoppableOptions = { motd: "§eStoppable", maxPlayers: 5, onlinePlayers: 1, favicon };
  let stoppable: RunningMinecraftServer | null = await startMinecraftServer(stoppableOptions);
  const stoppablePort = stoppable.port;

  const control = createServer(async (request, response) => {
    try {
      if (request.method === "POST" && request.url === "/stoppable/stop") {
        await stoppable?.stop();
        stoppable = null;
      } else if (request.method === "POST" && request.url === "/stoppable/start") {
        stoppable ??= await startMinecraftServer({ ...stoppableOptions, port: stoppablePort });
      } else {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(204).end();
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
  const controlAddress = control.address();
  if (controlAddress === null || typeof controlAddress === "string")
    throw new Error("control server has no port");

  const reference = await status(minecraft.host, minecraft.port, { enableSRV: false, timeout: 5000 });

  project.provide("minecraft", { host: minecraft.host, port: minecraft.port });
  project.provide("stoppable", { host: "127.0.0.1", port: stoppablePort });
  project.provide("controlUrl", `http://127.0.0.1:${controlAddress.port}`);
  project.provide(
    "hostilePorts",
    Object.fromEntries([...hostile].map(([behaviour, peer]) => [behaviour, peer.port])) as Record<
      HostileBehaviour,
      number
    >,
  );
  project.provide("reference", {
    version: reference.version,
    players: { ...reference.players, sample: reference.players.sample ?? [] },
    motd: reference.motd,
    favicon: reference.favicon,
  });

  return async () => {
    await Promise.all([
      minecraft.stop(),
      stoppable?.stop(),
      ...[...hostile.values()].map((peer) => peer.close()),
      new Promise<void>((resolve) => control.close(() => resolve())),
    ]);
  };
}
