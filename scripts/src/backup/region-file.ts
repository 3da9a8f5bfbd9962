import { open } from "node:fs/promises";

const SECTOR = 4096;
const CHUNKS = 1024;
/** Compression ids a chunk may use (gzip, zlib, none, lz4, custom), optionally flagged 128 for an external .mcc file. */
const COMPRESSION_TYPES = new Set([1, 2, 3, 4, 127]);
/** Enough to locate the damage; a wholly corrupt file would otherwise print a thousand lines. */
const MAX_PROBLEMS_PER_FILE = 5;

/**
 * Checks an Anvil region file (`.mca` in region/, entities/, poi/) the way the server reads it: an
 * 8 KiB header whose 1024 location entries point at sectors inside the file, and at each of those a
 * chunk header with a plausible length and a known compression type. The server drops (and
 * regenerates!) a chunk whose entry fails these checks, so a backup with such a file is not loadable
 * as it was. Empty files are valid: the server creates them for regions it has not written yet.
 */
export async function checkRegionFile(path: string): Promise<string[]> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size === 0) return [];
    if (size < 2 * SECTOR) return [`${size} bytes: shorter than the 8 KiB region header`];
    const header = Buffer.alloc(SECTOR);
    await handle.read(header, 0, SECTOR, 0);
    const sectors = Math.ceil(size / SECTOR);
    const problems: string[] = [];
    const chunkHeader = Buffer.alloc(5);
    for (let index = 0; index < CHUNKS && problems.length < MAX_PROBLEMS_PER_FILE; index++) {
      const entry = header.readUInt32BE(index * 4);
      if (entry === 0) continue;
      const offset = entry >>> 8;
      const count = entry & 0xff;
      const where = `chunk ${index % 32},${Math.floor(index / 32)}`;
      if (offset < 2 || count === 0) {
        problems.push(`${where}: location entry points into the header (sector ${offset}, ${count} sectors)`);
        continue;
      }
      if (offset + count > sectors) {
        problems.push(
          `${where}: sectors ${offset}..${offset + count - 1} lie past the end of the file (${sectors} sectors)`,
        );
        continue;
      }
      const { bytesRead } = await handle.read(chunkHeader, 0, 5, offset * SECTOR);
      const length = chunkHeader.readUInt32BE(0);
      const compression = chunkHeader[4]! & 0x7f;
      if (bytesRead < 5 || length === 0 || length > count * SECTOR - 4) {
        problems.push(`${where}: chunk length ${length} does not fit its ${count} sectors`);
      } else if (!COMPRESSION_TYPES.has(compression) && !COMPRESSION_TYPES.has(chunkHeader[4]!)) {
        problems.push(`${where}: unknown compression type ${chunkHeader[4]}`);
      }
    }
    return problems;
  } finally {
    await handle.close();
  }
}
