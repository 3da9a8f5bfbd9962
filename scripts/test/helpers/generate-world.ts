import { randomFillSync, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import nbt from "prismarine-nbt";

const SECTOR = 4096;
const MIB = 1024 * 1024;

export interface WorldShape {
  /** Total bytes to write, roughly. */
  readonly bytes: number;
  /** Small per-player files (playerdata, stats, advancements: three per player). @default 300 */
  readonly players?: number;
  /** Size of each region file. @default 4 MiB */
  readonly regionBytes?: number;
  /** @default "1.21.4" */
  readonly minecraftVersion?: string;
}

export interface GeneratedWorld {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
}

/**
 * A Paper server data directory shaped like the real thing, generated fast: server.properties,
 * world/level.dat as gzip NBT, region/entities/poi files with valid Anvil headers whose chunks are
 * random bytes (compressed chunk data is incompressible too) padded to 4 KiB sectors, the nether and
 * the end, and many small per-player files. ~1 s per 300 MB on one core.
 */
export async function generateWorld(dir: string, shape: WorldShape): Promise<GeneratedWorld> {
  let files = 0;
  let bytes = 0;
  const write = async (path: string, data: Buffer | string) => {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
    files += 1;
    bytes += Buffer.byteLength(data);
  };

  await write("server.properties", "level-name=world\nmotd=test\nenable-rcon=true\n");
  await write("world/level.dat", levelDat("world", shape.minecraftVersion ?? "1.21.4"));
  await write("world_nether/level.dat", levelDat("world_nether", shape.minecraftVersion ?? "1.21.4"));
  await write("world_the_end/level.dat", levelDat("world_the_end", shape.minecraftVersion ?? "1.21.4"));
  await write("world/session.lock", "☃");
  for (let player = 0; player < (shape.players ?? 300); player++) {
    const uuid = randomUUID();
    await write(`world/playerdata/${uuid}.dat`, gzipSync(randomBytes(2048 + (player % 7) * 512)));
    await write(
      `world/stats/${uuid}.json`,
      JSON.stringify({ stats: { "minecraft:custom": { jumps: player } } }),
    );
    await write(
      `world/advancements/${uuid}.json`,
      JSON.stringify({ "minecraft:story/root": { done: true } }),
    );
  }
  await write("world/data/raids.dat", gzipSync(Buffer.from("raids")));
  await write("plugins/LuckPerms/luckperms-h2-v2.mv.db", randomBytes(MIB));
  await mkdir(join(dir, "world/datapacks"), { recursive: true });

  const regionBytes = shape.regionBytes ?? 4 * MIB;
  const folders = [
    "world/region",
    "world/entities",
    "world/poi",
    "world_nether/DIM-1/region",
    "world_the_end/DIM1/region",
  ];
  for (let index = 0; bytes < shape.bytes; index++) {
    // Most regions are overworld terrain; every fifth file goes to entities, poi, the nether or the end.
    const folder = folders[index % 5 === 4 ? 1 + (Math.floor(index / 5) % 4) : 0]!;
    const size = Math.min(
      regionBytes,
      Math.max(2 * SECTOR, Math.ceil((shape.bytes - bytes) / SECTOR) * SECTOR),
    );
    await write(`${folder}/r.${index % 16}.${Math.floor(index / 16)}.mca`, regionFile(size));
  }
  return { dir, files, bytes };
}

/** level.dat as the server writes it: gzip of big-endian NBT with a Data compound. */
export function levelDat(levelName: string, version: string): Buffer {
  const data = nbt.comp({
    Data: nbt.comp({
      LevelName: nbt.string(levelName),
      DataVersion: nbt.int(4189),
      Version: nbt.comp({ Name: nbt.string(version), Id: nbt.int(4189), Snapshot: nbt.byte(0) }),
      GameType: nbt.int(0),
      hardcore: nbt.byte(0),
    }),
  });
  return gzipSync(nbt.writeUncompressed({ ...data, name: "" } as nbt.NBT));
}

/** An Anvil region file of `size` bytes: 8 KiB header, then chunks of 1–4 sectors each. */
export function regionFile(size: number): Buffer {
  const file = Buffer.alloc(size);
  const sectors = size / SECTOR;
  let sector = 2;
  for (let index = 0; index < 1024 && sector < sectors; index++) {
    const count = Math.min(1 + (index % 4), sectors - sector);
    // Chunk data fills 60–100% of its sectors, the rest is zero padding, as on a real server.
    const length = Math.max(2, Math.floor(count * SECTOR * (0.6 + ((index * 37) % 40) / 100)) - 4);
    file.writeUInt32BE((sector << 8) | count, index * 4);
    file.writeUInt32BE(Math.floor(Date.now() / 1000), SECTOR + index * 4);
    const start = sector * SECTOR;
    file.writeUInt32BE(length, start);
    file[start + 4] = 2; // zlib
    randomFillSync(file, start + 5, length - 1);
    sector += count;
  }
  return file;
}

function randomBytes(length: number): Buffer {
  return randomFillSync(Buffer.alloc(length));
}
