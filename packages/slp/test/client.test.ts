import { status as referenceStatus } from "minecraft-server-util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ByteStream, type Dial, ping, SlpError } from "../src/index.ts";
import { dialNode } from "../src/node.ts";
import { HOSTILE_PEER_ERRORS } from "../testing/hostile-peer-errors.ts";
import {
  freePort,
  HOSTILE_BEHAVIOURS,
  type HostileBehaviour,
  type HostilePeer,
  type RunningMinecraftServer,
  serverIconDataUrl,
  startHostilePeers,
  startMinecraftServer,
} from "../testing/index.ts";

const sample = [
  { name: "Alex", id: "ec561538-f3fd-461d-aff5-086b22154bce" },
  { name: "Steve", id: "8667ba71-b85a-4004-af54-457a9734eed7" },
];

describe("Server List Ping against a real Minecraft server", () => {
  let server: RunningMinecraftServer;
  let componentServer: RunningMinecraftServer;

  beforeAll(async () => {
    [server, componentServer] = await Promise.all([
      startMinecraftServer({
        motd: "§aCraft§b§lNet §7— §eSurvival",
        maxPlayers: 100,
        onlinePlayers: 12,
        sample,
        favicon: serverIconDataUrl(),
      }),
      startMinecraftServer({
        motdComponent: {
          text: "",
          extra: [
            { text: "Sky", color: "gold", bold: true },
            { text: "Block ", color: "aqua" },
            { text: "<open>", color: "red", italic: true },
          ],
        },
        maxPlayers: 8,
      }),
    ]);
  });
  afterAll(async () => Promise.all([server?.stop(), componentServer?.stop()]));

  it("reads the same status as minecraft-server-util", async () => {
    const [ours, reference] = await Promise.all([
      ping({ hostname: server.host, port: server.port, dial: dialNode }),
      referenceStatus(server.host, server.port, { enableSRV: false, timeout: 5000 }),
    ]);
    expect(ours.version).toEqual(reference.version);
    expect(ours.players.online).toBe(12);
    expect(ours.players).toEqual({ ...reference.players, sample: reference.players.sample ?? [] });
    expect(ours.motd.clean).toBe(reference.motd.clean);
    expect(ours.motd.raw).toBe(reference.motd.raw);
    expect(ours.favicon).toBe(reference.favicon);
    expect(ours.favicon).toMatch(/^data:image\/png;base64,/);
    expect(ours.latencyMs).toBeGreaterThanOrEqual(0);
    expect(ours.latencyMs).toBeLessThan(5000);
  });

  it("reads a JSON chat component MOTD as minecraft-server-util does", async () => {
    const [ours, reference] = await Promise.all([
      ping({ hostname: componentServer.host, port: componentServer.port, dial: dialNode }),
      referenceStatus(componentServer.host, componentServer.port, { enableSRV: false }),
    ]);
    expect(ours.motd.clean).toBe("SkyBlock <open>");
    expect(ours.motd.clean).toBe(reference.motd.clean);
    expect(ours.motd.raw).toBe(reference.motd.raw);
    expect(ours.motd.html).toContain("&lt;open&gt;");
    expect(ours.players).toEqual({ online: 0, max: 8, sample: [] });
  });

  it("fails with a connect error when nothing listens", async () => {
    const port = await freePort();
    const error = await ping({ hostname: "127.0.0.1", port, dial: dialNode }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SlpError);
    expect((error as SlpError).kind).toBe("connect");
  });
});

/** Wraps a dial to count the bytes the client actually pulled from the connection. */
function counting(dial: Dial): { dial: Dial; pulled: () => number } {
  let pulled = 0;
  return {
    pulled: () => pulled,
    dial: (address): ByteStream => {
      const socket = dial(address);
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          pulled += chunk.length;
          controller.enqueue(chunk);
        },
      });
      return { ...socket, readable: socket.readable.pipeThrough(counter), close: () => socket.close() };
    },
  };
}

describe("Server List Ping against hostile peers", () => {
  const timeoutMs = 1500;
  let peers: Map<HostileBehaviour, HostilePeer>;

  beforeAll(async () => {
    peers = await startHostilePeers();
  });
  afterAll(async () => Promise.all([...(peers?.values() ?? [])].map((peer) => peer.close())));

  it.concurrent.each(Object.entries(HOSTILE_BEHAVIOURS) as [HostileBehaviour, string][])(
    "a peer that %s… fails with its own error class within the deadline (%s)",
    async (behaviour) => {
      const peer = peers.get(behaviour)!;
      const started = performance.now();
      const error = await ping({ hostname: "127.0.0.1", port: peer.port, dial: dialNode, timeoutMs }).catch(
        (caught: unknown) => caught,
      );
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(SlpError);
      expect((error as SlpError).kind).toBe(HOSTILE_PEER_ERRORS[behaviour]);
      // The deadline plus scheduling slack on a busy machine; without the deadline these never end.
      expect(elapsed).toBeLessThan(timeoutMs + 1_000);
    },
  );

  it("takes no more than a socket read's worth from a peer announcing 256 MiB", async () => {
    const { dial, pulled } = counting(dialNode);
    const peer = peers.get("length-over-limit")!;
    await expect(ping({ hostname: "127.0.0.1", port: peer.port, dial, timeoutMs })).rejects.toMatchObject({
      kind: "packet-too-large",
    });
    expect(pulled()).toBeLessThan(128 * 1024);
  });

  it("gives up on a silent peer at the default deadline of 5 seconds", async () => {
    const peer = peers.get("silent")!;
    const started = performance.now();
    await expect(ping({ hostname: "127.0.0.1", port: peer.port, dial: dialNode })).rejects.toMatchObject({
      kind: "timeout",
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(4900);
    expect(performance.now() - started).toBeLessThan(6_000);
  }, 10_000);
});
