import type { Transform } from "node:stream";
import * as zlib from "node:zlib";
import type { Compression } from "./keys.ts";

/**
 * zstd (built into Node 22.15+) compresses region files' sector padding as well as gzip at several
 * times the speed; gzip stays available for a Node without it and for operators who want `tar xzf`.
 */
export function zstdAvailable(): boolean {
  return typeof zlib.createZstdCompress === "function";
}

export function defaultCompression(): Compression {
  return zstdAvailable() ? "zstd" : "gzip";
}

export function compressor(compression: Compression): Transform {
  if (compression === "zstd") {
    // Level 3 is zstd's default: the upload, not the CPU, should be the bottleneck on a home uplink.
    return zlib.createZstdCompress({ params: { [zlib.constants.ZSTD_c_compressionLevel]: 3 } });
  }
  // Level 6 is gzip's default trade-off; most of a world is already-compressed chunk data anyway.
  return zlib.createGzip({ level: 6 });
}

export function decompressor(compression: Compression): Transform {
  return compression === "zstd" ? zlib.createZstdDecompress() : zlib.createGunzip();
}
