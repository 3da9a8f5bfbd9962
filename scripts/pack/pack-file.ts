import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";

/** The Java client refuses packs above 250 MiB; the Worker enforces the same limit. */
export const MAX_PACK_BYTES = 262_144_000;

export interface PackFile {
  readonly path: string;
  readonly size: number;
  /** SHA-1 computed here: sent as a declaration the Worker checks, and compared with its answer. */
  readonly sha1: string;
}

/** Checks that `path` is a zip within the client's limit and hashes it; throws a message fit for the operator. */
export async function inspectPack(path: string): Promise<PackFile> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${path}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  if (info.size > MAX_PACK_BYTES) {
    throw new Error(
      `${path} is ${info.size} bytes; Minecraft clients refuse packs above ${MAX_PACK_BYTES} (250 MiB)`,
    );
  }
  const magic = Buffer.alloc(4);
  const file = await open(path);
  try {
    await file.read(magic, 0, 4, 0);
  } finally {
    await file.close();
  }
  if (!magic.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw new Error(`${path} is not a zip (it does not start with PK\\x03\\x04); zip the pack folder first`);
  }
  const hash = createHash("sha1");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { path, size: info.size, sha1: hash.digest("hex") };
}
