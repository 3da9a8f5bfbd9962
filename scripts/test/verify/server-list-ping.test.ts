import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverListPingCheck } from "../../src/verify/checks/server-list-ping.ts";
import { closedPort, type RunningMinecraft, startMinecraftServer } from "./loopback.ts";

describe("the Server List Ping check", () => {
  let server: RunningMinecraft;
  beforeAll(async () => {
    server = await startMinecraftServer({ motd: "verify stand-in", maxPlayers: 42 });
  });
  afterAll(() => server.close());

  it("passes against a real Minecraft server and reports its version and players", async () => {
    const outcome = await serverListPingCheck({ host: server.host, port: server.port }).run(
      AbortSignal.timeout(10_000),
    );
    expect(outcome.status).toBe("pass");
    expect(outcome.detail).toMatch(/^1\.21\.4, 0\/42 players, \d+ ms$/);
  });

  it("fails when nothing listens at the address", async () => {
    const port = await closedPort();
    await expect(
      serverListPingCheck({ host: "127.0.0.1", port }, 2000).run(AbortSignal.timeout(5000)),
    ).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
