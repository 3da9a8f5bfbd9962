import { createHash, type Hash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

/**
 * Passes bytes through unchanged while counting them and hashing them with SHA-256, so an archive
 * is measured and fingerprinted on its way to S3 (or from it) without a second read.
 */
export class DigestStream extends Transform {
  bytes = 0;
  readonly #hash: Hash = createHash("sha256");
  readonly #onProgress: ((bytes: number) => void) | undefined;

  constructor(onProgress?: (bytes: number) => void) {
    super();
    this.#onProgress = onProgress;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.#hash.update(chunk);
    this.#onProgress?.(this.bytes);
    callback(null, chunk);
  }

  /** Hex SHA-256 of everything that passed; call once, after the stream ended. */
  sha256(): string {
    return this.#hash.digest("hex");
  }
}

/** Counts bytes without hashing: the uncompressed side of a pipeline, for progress. */
export class CountingStream extends Transform {
  bytes = 0;
  readonly #onProgress: (bytes: number) => void;

  constructor(onProgress: (bytes: number) => void) {
    super();
    this.#onProgress = onProgress;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.#onProgress(this.bytes);
    callback(null, chunk);
  }
}
