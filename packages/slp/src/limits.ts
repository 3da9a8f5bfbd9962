/**
 * Protocol limits, from the Java Edition protocol. A peer that exceeds one is hostile or broken,
 * and the client stops reading instead of buffering what it announces.
 */

/** A VarInt is at most 5 bytes (32 bits in 7-bit groups). */
export const MAX_VARINT_BYTES = 5;

/** Packet lengths are a 3-byte VarInt on the wire: 2^21 - 1 bytes. */
export const MAX_PACKET_BYTES = 2_097_151;

/** The status response is a String(32767): at most 32,767 UTF-16 units... */
export const MAX_STATUS_JSON_CHARS = 32_767;

/** ...each at most 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 units), so the byte prefix is bounded too. */
export const MAX_STATUS_JSON_BYTES = MAX_STATUS_JSON_CHARS * 3;

/** Handshake protocol version -1: "whatever you speak", the convention for status-only clients. */
export const STATUS_PROTOCOL_VERSION = -1;

/** @default 5 seconds for the whole exchange: connect, handshake, status, ping. */
export const DEFAULT_TIMEOUT_MS = 5_000;
