import { describe, expect, it } from "vitest";
import { SlpError } from "../src/errors.ts";
import { encodeVarInt, readVarInt } from "../src/varint.ts";

function bytesOf(bytes: Iterable<number>): () => Promise<number> {
  const iterator = bytes[Symbol.iterator]();
  return async () => {
    const next = iterator.next();
    if (next.done) throw new Error("ran out of bytes");
    return next.value;
  };
}

describe("VarInt", () => {
  it.each([
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [25565, [0xdd, 0xc7, 0x01]],
    [2_097_151, [0xff, 0xff, 0x7f]],
    [-1, [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])("encodes %i as the protocol's bytes", (value, bytes) => {
    expect([...encodeVarInt(value)]).toEqual(bytes);
  });

  it("reads back what it writes", async () => {
    for (const value of [0, 1, 300, 32_767, 2_097_151, 2 ** 31 - 1]) {
      await expect(readVarInt(bytesOf(encodeVarInt(value)))).resolves.toEqual({
        value,
        bytes: encodeVarInt(value).length,
      });
    }
  });

  it("stops at the fifth byte when every byte says more follow", async () => {
    let pulled = 0;
    const endless = async () => {
      pulled++;
      return 0xff;
    };
    const error = await readVarInt(endless).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlpError);
    expect((error as SlpError).kind).toBe("varint-too-long");
    expect(pulled).toBe(5);
  });
});
