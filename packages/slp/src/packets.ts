import { encodeVarInt } from "./varint.ts";

/** Packet ids of the status state; both directions reuse 0x00 (request/response) and 0x01 (ping/pong). */
export const PACKET = {
  handshake: 0x00,
  statusRequest: 0x00,
  statusResponse: 0x00,
  ping: 0x01,
  pong: 0x01,
} as const;

/** The handshake's "next state": 1 asks for status, 2 would be login. */
const NEXT_STATE_STATUS = 1;

const utf8 = new TextEncoder();

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Length-prefixes a packet id and body, as every uncompressed packet is framed. */
function frame(packetId: number, ...body: Uint8Array[]): Uint8Array {
  const payload = concat([encodeVarInt(packetId), ...body]);
  return concat([encodeVarInt(payload.length), payload]);
}

function mcString(value: string): Uint8Array {
  const bytes = utf8.encode(value);
  return concat([encodeVarInt(bytes.length), bytes]);
}

function unsignedShort(value: number): Uint8Array {
  return Uint8Array.of((value >> 8) & 0xff, value & 0xff);
}

/** Handshake (next state: status) followed by the status request, sent as one write. */
export function encodeStatusRequest(host: string, port: number, protocolVersion: number): Uint8Array {
  return concat([
    frame(
      PACKET.handshake,
      encodeVarInt(protocolVersion),
      mcString(host),
      unsignedShort(port),
      encodeVarInt(NEXT_STATE_STATUS),
    ),
    frame(PACKET.statusRequest),
  ]);
}

/** Ping with an 8-byte payload the server must echo in its pong. */
export function encodePing(payload: Uint8Array): Uint8Array {
  return frame(PACKET.ping, payload);
}
