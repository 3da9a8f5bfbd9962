import type { Transform } from "node:stream";
import * as zlib from "node:zlib";
import type { Compression } from "./keys.ts";

/**
 * zstd (built into Node 22.15+) compresses region files' sector padding as well as gzip at several
 * times the speed; gzip stays available for a Node without it and for operators who want `tar xzf`.
 */
const CHUNK = 1024 * 1024;

export function zstdAvailable(): boolean {
  return typeof zlib.createZstdCompress === "function";
}

export function defaultCompression(): Compression {
  return zstdAvailable() ? "zstd" : "gzip";
}

export function compressor(compression: Compression): Transform {
  if (compression === "zstd") {
    // Level 1: most of a world is chunk data the server already compressed, so higher levels buy
    // almost nothing beyond squeezing out the sector padding, at half the speed (see the benchmark).
    // 1 MiB output chunks: 64× fewer pieces for the hash, the stream machinery and the part buffers.
    return zlib.createZstdCompress({
      chunkSize: CHUNK,
      params: { [zlib.constants.ZSTD_c_compressionLevel]: 1 },
    });
  }
  // Level 6 is gzip's default trade-off, for operators who chose gzip for its ubiquity, not speed.
  return zlib.createGzip({ level: 6, chunkSize: CHUNK });
}

export function decompressor(compression: Compression): Transform {
  return compression === "zstd"
    ? zlib.createZstdDecompress({ chunkSize: CHUNK })
    : zlib.createGunzip({ chunkSize: CHUNK });
}
