import minecraftProtocol from "minecraft-protocol";
import { status } from "minecraft-server-util";
import { afterEach, describe, expect, it } from "vitest";
import { memoryLog } from "../../src/dev/log.ts";
import { type RunningStandIn, startMinecraftStandIn } from "../../src/dev/minecraft-stand-in.ts";
import { randomPorts } from "../../src/dev/ports.ts";

let standIn: RunningStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function start(log = memoryLog()) {
  const { minecraft: port } = await randomPorts();
  standIn = await startMinecraftStandIn({ port, networkName: "craftnet-local", version: "1.21.4", log });
  return { port, log };
}

describe("the Minecraft stand-in of pnpm dev", () => {
  it("says it is a development stand-in wherever a player or an operator looks", async () => {
    const { port, log } = await start();
    const response = await status("127.0.0.1", port, { enableSRV: false, timeout: 5000 });
    expect(response.motd.clean).toContain("craftnet-local DEVELOPMENT STAND-IN");
    expect(response.version.name).toBe("dev stand-in 1.21.4");
    expect(log.lines.join("\n")).toMatch(/development stand-in \(not Velocity or Paper\)/);
  });

  it("refuses a login with a message a client shows, before the login succeeds", async () => {
    const { port, log } = await start();
    const client = minecraftProtocol.createClient({
      host: "127.0.0.1",
      port,
      username: "Steve",
      version: "1.21.4",
      auth: "offline",
    });
    const outcome = await new Promise<string>((resolve) => {
      client.once("disconnect", (packet: { reason: string }) => resolve(`disconnect ${packet.reason}`));
      client.once("login", () => resolve("logged in"));
      client.once("end", (reason: string) => resolve(`end ${reason}`));
    });
    client.end();
    expect(outcome).toMatch(/^disconnect .*development stand-in of pnpm dev, not a Minecraft server/);
    expect(log.lines).toContainEqual(expect.stringMatching(/refused the login of Steve/));
  });

  it("names the port and the way out when the port is taken", async () => {
    const { port } = await start();
    await expect(
      startMinecraftStandIn({ port, networkName: "x", version: "1.21.4", log: memoryLog() }),
    ).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
  });
});
