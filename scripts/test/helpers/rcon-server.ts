import { createServer, type Server, type Socket } from "node:net";

/** What the fake server saw, in order, with when each command arrived and was answered. */
export interface RconCall {
  readonly command: string;
  readonly receivedAt: number;
  answeredAt?: number;
}

export interface TestRcon {
  readonly port: number;
  readonly calls: RconCall[];
  readonly commands: () => string[];
  close(): Promise<void>;
}

export interface RconServerOptions {
  readonly password: string;
  /** How long `save-all flush` takes, like a server writing its chunks. @default 200 */
  readonly flushDelayMs?: number;
}

const AUTH = 3;
const EXEC = 2;
const AUTH_RESPONSE = 2;
const RESPONSE_VALUE = 0;

/**
 * A small real RCON server on loopback speaking the Source RCON protocol as Minecraft does: login,
 * then commands answered with the text a vanilla/Paper server sends. It records every command so
 * tests can assert the save-off / save-all flush / save-on sequence.
 */
export async function startRcon(options: RconServerOptions): Promise<TestRcon> {
  const calls: RconCall[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let buffer = Buffer.alloc(0);
    let authenticated = false;
    socket.on("data", (data) => {
      buffer = Buffer.concat([buffer, data]);
      while (buffer.length >= 4) {
        const length = buffer.readInt32LE(0);
        if (buffer.length < 4 + length) break;
        const id = buffer.readInt32LE(4);
        const type = buffer.readInt32LE(8);
        const payload = buffer.subarray(12, 4 + length - 2).toString("utf8");
        buffer = buffer.subarray(4 + length);
        if (type === AUTH) {
          authenticated = payload === options.password;
          socket.write(packet(authenticated ? id : -1, AUTH_RESPONSE, ""));
        } else if (type === EXEC && authenticated) {
          const call: RconCall = { command: payload, receivedAt: Date.now() };
          calls.push(call);
          const answer = () => {
            call.answeredAt = Date.now();
            if (!socket.destroyed) socket.write(packet(id, RESPONSE_VALUE, reply(payload)));
          };
          if (payload === "save-all flush") setTimeout(answer, options.flushDelayMs ?? 200);
          else answer();
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("RCON test server has no address");
  return {
    port: address.port,
    calls,
    commands: () => calls.map((call) => call.command),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reply(command: string): string {
  switch (command) {
    case "save-off":
      return "Automatic saving is now disabled";
    case "save-all flush":
      return "Saving the game (this may take a moment!)Saved the game";
    case "save-on":
      return "Automatic saving is now enabled";
    default:
      return `Unknown or incomplete command, see below for error${command}<--[HERE]`;
  }
}

function packet(id: number, type: number, body: string): Buffer {
  const payload = Buffer.from(body, "utf8");
  const out = Buffer.alloc(14 + payload.length);
  out.writeInt32LE(10 + payload.length, 0);
  out.writeInt32LE(id, 4);
  out.writeInt32LE(type, 8);
  payload.copy(out, 12);
  return out;
}
