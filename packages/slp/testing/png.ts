import { crc32, deflateSync } from "node:zlib";

/**
 * A 64×64 PNG drawn in code (a grass block: green top, dirt below), so the server icon in tests is
 * generated rather than a binary fixture.
 */
export function serverIconPng(size = 64): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const grass = y < size / 4 + ((x * 7) % 5);
      const speck = (x * 13 + y * 7) % 11 === 0;
      const [r, g, b] = grass
        ? speck
          ? [76, 140, 48]
          : [98, 170, 62]
        : speck
          ? [110, 78, 50]
          : [134, 96, 67];
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export function serverIconDataUrl(size = 64): string {
  return `data:image/png;base64,${serverIconPng(size).toString("base64")}`;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
