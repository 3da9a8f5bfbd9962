import { createServer, type Socket } from "node:net";
import { encodeVarInt } from "../src/varint.ts";

/**
 * Broken or hostile Server List Ping peers, one tiny TCP server each. Every one answers only after
 * the client's handshake arrives, as a real server would, and stops on its own: the trickle ends
 * after its bounded response, the flood after its bounded junk.
 */
export const HOSTILE_BEHAVIOURS = {
  /** Length prefix with the continuation bit set on every byte. */
  "varint-too-long": "sends a VarInt of ten 0xFF bytes",
  /** A packet announcing 256 MiB, then junk. */
  "length-over-limit": "declares a packet over the 2 MiB protocol limit",
  /** Well-framed status JSON of 40,000 characters. */
  "json-too-long": "sends status JSON over 32,767 characters",
  /** A status string announcing 200,000 bytes (more than 32,767 characters can take), then junk. */
  "json-length-over-limit": "declares status JSON longer than 32,767 characters can be",
  "invalid-json": "sends a status string that is not JSON",
  silent: "accepts the connection and never answers",
  /** A valid response, one byte every 250 ms: each read makes progress, the whole never arrives in time. */
  trickle: "sends a valid answer one byte at a time",
  reset: "resets the connection after the handshake",
  "closes-early": "closes the connection without answering",
  "wrong-packet-id": "answers the status request with packet 0x05",
  "wrong-pong": "answers the ping with another payload",
} as const;

export type HostileBehaviour = keyof typeof HOSTILE_BEHAVIOURS;

export interface HostilePeer {
  readonly behaviour: HostileBehaviour;
  readonly port: number;
  close(): Promise<void>;
}

const TRICKLE_INTERVAL_MS = 250;
const FLOOD_BYTES = 1024 * 1024;

function frame(packetId: number, body: Uint8Array): Buffer {
  const payload = Buffer.concat([encodeVarInt(packetId), body]);
  return Buffer.concat([encodeVarInt(payload.length), payload]);
}

function mcString(text: string): Buffer {
  const bytes = Buffer.from(text, "utf8");
  return Buffer.concat([encodeVarInt(bytes.length), bytes]);
}

const VALID_JSON = JSON.stringify({
  version: { name: "1.21.4", protocol: 769 },
  players: { online: 1, max: 10 },
  description: { text: "hostile" },
});

function statusResponse(json: string, packetId = 0x00): Buffer {
  return frame(packetId, mcString(json));
}

function behave(behaviour: HostileBehaviour, socket: Socket, timers: Set<NodeJS.Timeout>): void {
  switch (behaviour) {
    case "varint-too-long":
      socket.end(Buffer.alloc(10, 0xff));
      return;
    case "length-over-limit":
      socket.write(Buffer.from(encodeVarInt(256 * 1024 * 1024)));
      socket.end(Buffer.alloc(FLOOD_BYTES, 0x41));
      return;
    case "json-too-long":
      socket.write(
        statusResponse(JSON.stringify({ ...JSON.parse(VALID_JSON), description: "x".repeat(40_000) })),
      );
      return;
    case "json-length-over-limit": {
      const declared = 200_000;
      const body = Buffer.concat([encodeVarInt(0x00), encodeVarInt(declared)]);
      socket.write(Buffer.concat([encodeVarInt(body.length + declared), body]));
      socket.end(Buffer.alloc(FLOOD_BYTES, 0x7b));
      return;
    }
    case "invalid-json":
      socket.write(statusResponse("{ this is not json"));
      return;
    case "silent":
      return;
    case "trickle": {
      const bytes = statusResponse(VALID_JSON);
      let index = 0;
      const timer = setInterval(() => {
        if (index >= bytes.length || socket.destroyed) {
          clearInterval(timer);
          timers.delete(timer);
          return;
        }
        socket.write(bytes.subarray(index, index + 1));
        index++;
      }, TRICKLE_INTERVAL_MS);
      timers.add(timer);
      return;
    }
    case "reset":
      socket.resetAndDestroy();
      return;
    case "closes-early":
      socket.end();
      return;
    case "wrong-packet-id":
      socket.write(statusResponse(VALID_JSON, 0x05));
      return;
    case "wrong-pong":
      socket.write(statusResponse(VALID_JSON));
      // Answer the ping (whatever arrives next) with a pong for a different payload.
      socket.once("data", () => socket.end(frame(0x01, Buffer.alloc(8, 0x2a))));
      return;
  }
}

export async function startHostilePeer(behaviour: HostileBehaviour): Promise<HostilePeer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    // The handshake and status request arrive in one write; misbehave after the first bytes.
    socket.once("data", () => behave(behaviour, socket, timers));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("hostile peer has no TCP address");
  return {
    behaviour,
    port: address.port,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One peer per behaviour, for suites that try them all. */
export async function startHostilePeers(): Promise<Map<HostileBehaviour, HostilePeer>> {
  const behaviours = Object.keys(HOSTILE_BEHAVIOURS) as HostileBehaviour[];
  const peers = await Promise.all(behaviours.map((behaviour) => startHostilePeer(behaviour)));
  return new Map(peers.map((peer) => [peer.behaviour, peer]));
}
