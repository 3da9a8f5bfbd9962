import { SlpError } from "./errors.ts";
import {
  DEFAULT_TIMEOUT_MS,
  MAX_PACKET_BYTES,
  MAX_STATUS_JSON_BYTES,
  MAX_STATUS_JSON_CHARS,
  STATUS_PROTOCOL_VERSION,
} from "./limits.ts";
import { encodePing, encodeStatusRequest, PACKET } from "./packets.ts";
import { parseStatusJson, type ServerStatus } from "./status-response.ts";
import { StreamReader } from "./stream-reader.ts";
import { readVarInt } from "./varint.ts";

/**
 * A connected byte stream: the shape of `cloudflare:sockets`' Socket, which a Node socket is adapted
 * to in `./node.ts`. The client never opens connections itself, so the same code runs in both.
 */
export interface ByteStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  /** Settles when the connection is up; rejects when it cannot be made. */
  readonly opened: Promise<unknown>;
  close(): unknown;
}

export interface Address {
  readonly hostname: string;
  readonly port: number;
}

export type Dial = (address: Address) => ByteStream;

export interface PingOptions {
  /** Host written into the handshake (virtual-host routing in Velocity reads it) and dialled. */
  readonly hostname: string;
  /** @default 25565 */
  readonly port?: number;
  readonly dial: Dial;
  /** Deadline for the whole exchange, connect included. @default 5000 */
  readonly timeoutMs?: number;
  /** @default -1 (status-only clients announce no particular version) */
  readonly protocolVersion?: number;
  /** Clock for the latency figure. @default performance.now */
  readonly now?: () => number;
}

export interface PingResult extends ServerStatus {
  /** Ping-to-pong round trip, in milliseconds. */
  readonly latencyMs: number;
}

/**
 * Server List Ping: handshake (next state: status), status request, response JSON, then ping/pong
 * for the latency. Whatever the peer does, it settles within `timeoutMs` with a result or an
 * {@link SlpError}, and buffers at most one status string's worth of bytes.
 */
export async function ping(options: PingOptions): Promise<PingResult> {
  const port = options.port ?? 25565;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());

  let socket: ByteStream;
  try {
    socket = options.dial({ hostname: options.hostname, port });
  } catch (cause) {
    // Workers' connect() throws at once for addresses it refuses (private ranges, port 25).
    throw new SlpError(
      "connect",
      `cannot connect to ${options.hostname}:${port}: ${(cause as Error)?.message ?? cause}`,
      {
        cause,
      },
    );
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new SlpError(
            "timeout",
            `no complete answer from ${options.hostname}:${port} within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
  });
  const exchange = converse(
    socket,
    options.hostname,
    port,
    options.protocolVersion ?? STATUS_PROTOCOL_VERSION,
    now,
  );
  // Whichever loses the race must not surface later as an unhandled rejection.
  exchange.catch(() => {});
  try {
    return await Promise.race([exchange, deadline]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    try {
      await Promise.resolve(socket.close()).catch(() => {});
    } catch {
      // Closing an already broken socket may throw synchronously; the outcome is decided above.
    }
  }
}

async function converse(
  socket: ByteStream,
  hostname: string,
  port: number,
  protocolVersion: number,
  now: () => number,
): Promise<PingResult> {
  try {
    await socket.opened;
  } catch (cause) {
    throw new SlpError(
      "connect",
      `cannot connect to ${hostname}:${port}: ${(cause as Error)?.message ?? cause}`,
      {
        cause,
      },
    );
  }
  const writer = socket.writable.getWriter();
  const reader = new StreamReader(socket.readable);
  try {
    await write(writer, encodeStatusRequest(hostname, port, protocolVersion));
    const status = parseStatusJson(await readStatusResponse(reader));

    // Any value the server echoes will do (the vanilla client sends a timestamp); it only has to
    // tell this pong from a stale one, so no cryptographic randomness is spent on it.
    const payload = new Uint8Array(8);
    new DataView(payload.buffer).setFloat64(0, Math.random());
    const sentAt = now();
    await write(writer, encodePing(payload));
    await readPong(reader, payload);
    const latencyMs = Math.max(0, now() - sentAt);
    return { ...status, latencyMs };
  } finally {
    reader.release();
    writer.releaseLock();
  }
}

async function write(writer: WritableStreamDefaultWriter<Uint8Array>, bytes: Uint8Array): Promise<void> {
  try {
    await writer.write(bytes);
  } catch (cause) {
    throw new SlpError("reset", `connection broke while sending: ${(cause as Error)?.message ?? cause}`, {
      cause,
    });
  }
}

/** Reads a packet's length and id; the caller reads the rest within `length - idBytes`. */
async function readPacketHeader(
  reader: StreamReader,
  expectedId: number,
  what: string,
): Promise<{ bodyBytes: number }> {
  const next = () => reader.byte();
  const length = await readVarInt(next);
  if (length.value > MAX_PACKET_BYTES) {
    throw new SlpError(
      "packet-too-large",
      `${what} declares ${length.value} bytes, over the protocol limit of ${MAX_PACKET_BYTES}`,
    );
  }
  if (length.value === 0) throw new SlpError("invalid-response", `${what} is an empty packet`);
  const id = await readVarInt(next);
  if (id.value !== expectedId) {
    throw new SlpError(
      "unexpected-packet",
      `expected ${what} (packet 0x${expectedId.toString(16).padStart(2, "0")}), got packet 0x${id.value.toString(16).padStart(2, "0")}`,
    );
  }
  if (id.bytes > length.value)
    throw new SlpError("invalid-response", `${what}'s packet id overruns its length`);
  return { bodyBytes: length.value - id.bytes };
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

async function readStatusResponse(reader: StreamReader): Promise<string> {
  const { bodyBytes } = await readPacketHeader(reader, PACKET.statusResponse, "status response");
  const stringLength = await readVarInt(() => reader.byte());
  if (stringLength.value > MAX_STATUS_JSON_BYTES) {
    throw new SlpError(
      "response-too-large",
      `status JSON declares ${stringLength.value} bytes, over the ${MAX_STATUS_JSON_CHARS}-character limit`,
    );
  }
  if (stringLength.bytes + stringLength.value !== bodyBytes) {
    throw new SlpError(
      "invalid-response",
      `status JSON of ${stringLength.value} bytes does not fill its packet of ${bodyBytes} bytes`,
    );
  }
  const bytes = await reader.bytes(stringLength.value);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new SlpError("invalid-json", "status response is not valid UTF-8", { cause });
  }
  if (text.length > MAX_STATUS_JSON_CHARS) {
    throw new SlpError(
      "response-too-large",
      `status JSON has ${text.length} characters, over the limit of ${MAX_STATUS_JSON_CHARS}`,
    );
  }
  return text;
}

async function readPong(reader: StreamReader, payload: Uint8Array): Promise<void> {
  const { bodyBytes } = await readPacketHeader(reader, PACKET.pong, "pong");
  if (bodyBytes !== payload.length) {
    throw new SlpError("invalid-response", `pong carries ${bodyBytes} bytes, expected ${payload.length}`);
  }
  const echoed = await reader.bytes(payload.length);
  if (!echoed.every((byte, index) => byte === payload[index])) {
    throw new SlpError("unexpected-packet", "pong payload does not match the ping");
  }
}
