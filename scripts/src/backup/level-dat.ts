import { open } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import nbt from "prismarine-nbt";

/** A real level.dat is a few KiB; a cap keeps a hostile or corrupt file from taking the memory. */
const MAX_LEVEL_DAT_BYTES = 16 * 1024 * 1024;

export interface LevelInfo {
  readonly levelName: string | null;
  readonly minecraftVersion: string | null;
  readonly dataVersion: number | null;
}

/**
 * Parses level.dat the way the server does: gzip, then big-endian NBT with a `Data` compound.
 * Throws an Error saying what is wrong (not gzip, truncated, not NBT, no Data).
 */
export async function readLevelDat(path: string): Promise<LevelInfo> {
  const handle = await open(path, "r");
  let compressed: Buffer;
  try {
    const { size } = await handle.stat();
    if (size > MAX_LEVEL_DAT_BYTES) throw new Error(`is ${size} bytes, larger than any real level.dat`);
    compressed = Buffer.alloc(size);
    await handle.read(compressed, 0, size, 0);
  } finally {
    await handle.close();
  }
  if (compressed.length < 2 || compressed[0] !== 0x1f || compressed[1] !== 0x8b) {
    throw new Error("is not gzip-compressed");
  }
  let raw: Buffer;
  try {
    // gunzip checks the trailer's CRC and length: a truncated file fails here, not later.
    raw = gunzipSync(compressed, { maxOutputLength: 8 * MAX_LEVEL_DAT_BYTES });
  } catch (error) {
    throw new Error(`is not a complete gzip stream (${(error as Error).message})`);
  }
  let parsed: ReturnType<typeof nbt.parseUncompressed>;
  try {
    parsed = nbt.parseUncompressed(raw, "big");
  } catch (error) {
    throw new Error(`is not valid NBT (${(error as Error).message})`);
  }
  const data = parsed.value.Data;
  if (data?.type !== "compound") throw new Error("has no Data compound");
  const simple = nbt.simplify(data) as {
    LevelName?: unknown;
    DataVersion?: unknown;
    Version?: { Name?: unknown };
  };
  return {
    levelName: typeof simple.LevelName === "string" ? simple.LevelName : null,
    minecraftVersion: typeof simple.Version?.Name === "string" ? simple.Version.Name : null,
    dataVersion: typeof simple.DataVersion === "number" ? simple.DataVersion : null,
  };
}
