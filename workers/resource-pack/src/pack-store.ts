import { toHex } from "./digest.ts";
import { MAX_PACK_BYTES, packKey, STAGING_PREFIX, ZIP_MAGIC } from "./limits.ts";
import { PackError } from "./pack-error.ts";

/** A pack at its content address in R2. */
export interface StoredPack {
  readonly sha1: string;
  readonly size: number;
  readonly uploadedAt: string;
  /** False when the same bytes were already stored: nothing new was written. */
  readonly created: boolean;
}

/**
 * Packs in R2. Bytes land under the staging prefix first, because the content address is only known
 * once the last byte has been hashed, and R2 writes are atomic: a staged or content-addressed object
 * either exists whole or not at all. Only `packs/<sha1>.zip` is ever served.
 */
export class PackStore {
  readonly #bucket: R2Bucket;

  constructor(bucket: R2Bucket) {
    this.#bucket = bucket;
  }

  /**
   * Reads `body` once, feeding it to R2 and to SHA-1 in lock-step (memory stays one batch whatever the
   * size), and stores it at its content address.
   *
   * With `declaredSha1` (the publish CLI sends it) the bytes go straight to `packs/<sha1>.zip` in one
   * write: the last byte is held back until this Worker's own hash of the body equals the declaration,
   * so a wrong one aborts the write and nothing is stored (R2 checks the same SHA-1 again as it
   * commits). Without it the content address is unknown until the end, so the body is staged first and
   * copied to its address afterwards.
   */
  async upload(body: ReadableStream<Uint8Array>, size: number, declaredSha1?: string): Promise<StoredPack> {
    const reader = batchedReader(body);
    const first = await reader.read();
    if (!first || !startsWithZipMagic(first)) {
      await reader.cancel(notAZip());
      throw notAZip();
    }

    const key = declaredSha1 ? packKey(declaredSha1) : newStagingKey();
    // When the declared pack is already stored, the body is only hashed: a match proves it is those bytes.
    const existing = declaredSha1 ? await this.#bucket.head(key) : null;
    const hash = new crypto.DigestStream("SHA-1");
    const hashWriter = hash.getWriter();
    const store = existing ? null : new FixedLengthStream(size);
    const storeWriter = store?.writable.getWriter();
    const stored = store
      ? this.#bucket.put(key, store.readable, {
          httpMetadata: { contentType: "application/zip" },
          ...(declaredSha1 ? { sha1: declaredSha1 } : {}),
        })
      : Promise.resolve(existing);
    // Awaited below; a broken body rejects these too, and the failure is reported once, as a 4xx.
    for (const settled of [stored, hash.digest, hashWriter.closed, storeWriter?.closed]) {
      settled?.catch(() => undefined);
    }

    try {
      let received = 0;
      // Up to WRITES_IN_FLIGHT batches are written while the next one is read, so the network, the hash
      // and R2 overlap instead of taking turns; memory stays bounded by that many batches.
      const inFlight: Promise<unknown>[] = [];
      for (let chunk: Uint8Array | null = first; chunk; chunk = await reader.read()) {
        received += chunk.byteLength;
        if (received > size) {
          throw new PackError(400, `body is longer than its Content-Length of ${size} bytes`);
        }
        const batch = chunk;
        const written = Promise.all([hashWriter.write(batch), storeWriter?.write(batch)]).then(() =>
          reader.release(batch),
        );
        written.catch(() => undefined); // awaited below or abandoned by the catch, never unhandled
        inFlight.push(written);
        if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
      }
      await Promise.all(inFlight);
      if (received !== size) {
        throw new PackError(
          400,
          `body ended after ${received} of the ${size} bytes its Content-Length announced`,
        );
      }
      await hashWriter.close();
      const sha1 = toHex(await hash.digest);
      if (declaredSha1 && sha1 !== declaredSha1) {
        throw new PackError(
          422,
          `the body's SHA-1 is ${sha1}, not the declared ${declaredSha1}; nothing was stored`,
        );
      }
      await storeWriter?.close();
      const object = await stored;
      if (!declaredSha1) return await this.#promote(key, sha1);
      if (!object) throw new PackError(500, `R2 did not confirm the write of ${key}`);
      return { sha1, size: object.size, uploadedAt: object.uploaded.toISOString(), created: !existing };
    } catch (error) {
      await Promise.allSettled([
        reader.cancel(error),
        storeWriter?.abort(error),
        hashWriter.abort(error),
        stored,
      ]);
      // An aborted put writes nothing. Staged bytes are removed whatever happened; a content-addressed
      // object is never deleted here, as it may be a complete pack stored earlier.
      if (!declaredSha1) await this.#bucket.delete(key);
      if (error instanceof PackError) throw error;
      throw new PackError(400, `upload aborted before the last byte: ${describe(error)}`);
    }
  }

  /**
   * Hashes an object the publish CLI put under the staging prefix over the S3 API (packs too big for a
   * request body), then moves it to its content address. The client's idea of the hash is never asked.
   */
  async register(stagingKey: string): Promise<StoredPack> {
    if (!isStagingKey(stagingKey)) {
      throw new PackError(
        400,
        `key must name an object under ${STAGING_PREFIX}, e.g. ${STAGING_PREFIX}pack.zip`,
      );
    }
    const object = await this.#bucket.get(stagingKey);
    if (!object) throw new PackError(404, `no object ${stagingKey} in the bucket`);
    try {
      if (object.size > MAX_PACK_BYTES) throw tooLarge(object.size);
      const hash = new crypto.DigestStream("SHA-1");
      hash.digest.catch(() => undefined); // awaited below unless reading fails, which is thrown instead
      const hashWriter = hash.getWriter();
      const reader = object.body.getReader();
      const head = await readPrefix(reader, ZIP_MAGIC.length);
      if (!startsWithZipMagic(concat(head))) {
        await reader.cancel();
        throw notAZip();
      }
      for (const chunk of head) await hashWriter.write(chunk);
      hashWriter.releaseLock();
      reader.releaseLock();
      // The rest goes to the hash without passing through JavaScript.
      await object.body.pipeTo(hash);
      return await this.#promote(stagingKey, toHex(await hash.digest));
    } catch (error) {
      // A refused or half-read object must not stay behind to be registered by mistake later.
      await this.#bucket.delete(stagingKey);
      throw error;
    }
  }

  async #promote(stagingKey: string, sha1: string): Promise<StoredPack> {
    const key = packKey(sha1);
    try {
      const existing = await this.#bucket.head(key);
      if (existing)
        return { sha1, size: existing.size, uploadedAt: existing.uploaded.toISOString(), created: false };
      const staged = await this.#bucket.get(stagingKey);
      if (!staged) throw new PackError(409, `${stagingKey} vanished before it could be stored as ${key}`);
      // R2 checks the copy against the hash this Worker computed: a corrupted copy is refused, not served.
      const object = await this.#bucket.put(key, staged.body, {
        sha1,
        httpMetadata: { contentType: "application/zip" },
      });
      return { sha1, size: object.size, uploadedAt: object.uploaded.toISOString(), created: true };
    } finally {
      await this.#bucket.delete(stagingKey);
    }
  }
}

function newStagingKey(): string {
  return `${STAGING_PREFIX}${crypto.randomUUID()}.zip`;
}

function isStagingKey(key: string): boolean {
  return key.startsWith(STAGING_PREFIX) && /^[A-Za-z0-9._\-/]{1,512}$/.test(key) && !key.includes("..");
}

export function tooLarge(size: number): PackError {
  return new PackError(
    413,
    `pack is ${size} bytes; the Minecraft client refuses packs above ${MAX_PACK_BYTES} bytes (250 MiB)`,
  );
}

function notAZip(): PackError {
  return new PackError(415, "not a zip: a resource pack must start with the bytes PK\\x03\\x04");
}

/** Reads until at least `length` bytes arrived (or the stream ended) and returns the chunks as read. */
async function readPrefix(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  length: number,
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < length) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  return chunks;
}

function startsWithZipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= ZIP_MAGIC.length && ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Bytes per read of an upload. workerd hands request bodies over in 4 KiB pieces; at that size the
 * JavaScript around each write would cost more than the hash itself. */
const BATCH_BYTES = 1 << 20;
const WRITES_IN_FLIGHT = 3;

interface BatchedReader {
  /** The next batch (at least 4 bytes unless the stream ends first), or null at the end. */
  read(): Promise<Uint8Array | null>;
  /** Hands a batch's memory back once every sink has taken its bytes, to be read into again. */
  release(batch: Uint8Array): void;
  cancel(reason: unknown): Promise<void>;
}

/** Reads a byte stream in batches of about BATCH_BYTES (workerd's `readAtLeast`), or chunk by chunk
 * where the stream cannot be read into a caller's buffer (streams made in JavaScript). */
function batchedReader(stream: ReadableStream<Uint8Array>): BatchedReader {
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = stream.getReader({ mode: "byob" });
  } catch {
    const reader = stream.getReader();
    // A failing stream rejects `closed` too; the failure is reported once, through read().
    reader.closed.catch(() => undefined);
    return {
      async read() {
        const head = await readPrefix(reader, ZIP_MAGIC.length);
        return head.length === 0 ? null : concat(head);
      },
      release: () => undefined,
      cancel: (reason) => reader.cancel(reason),
    };
  }
  const reader = byob;
  reader.closed.catch(() => undefined);
  // Batches are reused rather than left to the garbage collector, which lets a few hundred
  // megabytes of spent buffers pile up before it runs: memory stays flat as packs grow.
  const free: ArrayBuffer[] = [];
  return {
    async read() {
      for (;;) {
        const buffer = free.pop() ?? new ArrayBuffer(BATCH_BYTES);
        const { done, value } = await reader.readAtLeast(BATCH_BYTES, new Uint8Array(buffer));
        if (value && value.byteLength > 0) return value;
        if (value?.buffer instanceof ArrayBuffer) free.push(value.buffer);
        if (done) return null;
      }
    },
    release(batch) {
      const { buffer } = batch;
      if (buffer instanceof ArrayBuffer && buffer.byteLength === BATCH_BYTES && !buffer.detached)
        free.push(buffer);
    },
    cancel: (reason) => reader.cancel(reason),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
