import { SlpError } from "./errors.ts";
import { MAX_VARINT_BYTES } from "./limits.ts";

/** Encodes a 32-bit signed integer as a Minecraft VarInt (negative numbers take all 5 bytes). */
export function encodeVarInt(value: number): Uint8Array {
  const bytes: number[] = [];
  let remaining = value >>> 0;
  do {
    let byte = remaining & 0x7f;
    remaining >>>= 7;
    if (remaining !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (remaining !== 0);
  return Uint8Array.from(bytes);
}

/**
 * Decodes a VarInt one byte at a time, so a peer trickling bytes or sending endless continuation
 * bits is stopped at the 5th byte rather than read forever. Returns the unsigned 32-bit value.
 */
export async function readVarInt(nextByte: () => Promise<number>): Promise<{ value: number; bytes: number }> {
  let value = 0;
  for (let index = 0; index < MAX_VARINT_BYTES; index++) {
    const byte = await nextByte();
    value += (byte & 0x7f) * 2 ** (7 * index);
    if ((byte & 0x80) === 0) return { value: value % 2 ** 32, bytes: index + 1 };
  }
  throw new SlpError("varint-too-long", `VarInt longer than ${MAX_VARINT_BYTES} bytes`);
}
