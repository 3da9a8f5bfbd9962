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
   * Reads `body` once, feeding every chunk to R2 and to SHA-1 in lock-step (memory stays one chunk
   * whatever the size), then moves the bytes to their content address.
   */
  async upload(body: ReadableStream<Uint8Array>, size: number): Promise<StoredPack> {
    const reader = body.getReader();
    const head = await readPrefix(reader, ZIP_MAGIC.length);
    if (!startsWithZipMagic(head)) {
      await reader.cancel().catch(() => undefined);
      throw notAZip();
    }

    const stagingKey = newStagingKey();
    const hash = new crypto.DigestStream("SHA-1");
    const store = new FixedLengthStream(size);
    const stored = this.#bucket.put(stagingKey, store.readable);
    // Awaited below; without this a failed put would also surface as an unhandled rejection.
    stored.catch(() => undefined);
    const hashWriter = hash.getWriter();
    const storeWriter = store.writable.getWriter();
    // A broken body rejects these too; the loop below reports the failure once, as a 400.
    for (const settled of [reader.closed, hashWriter.closed, storeWriter.closed])
      settled.catch(() => undefined);
    try {
      let received = 0;
      const feed = async (chunk: Uint8Array) => {
        received += chunk.byteLength;
        if (received > size)
          throw new PackError(400, `body is longer than its Content-Length of ${size} bytes`);
        await Promise.all([hashWriter.write(chunk), storeWriter.write(chunk)]);
      };
      for (const chunk of head) await feed(chunk);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await feed(value);
      }
      if (received !== size) {
        throw new PackError(
          400,
          `body ended after ${received} of the ${size} bytes its Content-Length announced`,
        );
      }
      await Promise.all([hashWriter.close(), storeWriter.close()]);
      await stored;
    } catch (error) {
      await Promise.allSettled([
        reader.cancel(error),
        storeWriter.abort(error),
        hashWriter.abort(error),
        stored,
      ]);
      // The aborted put wrote nothing; the delete covers a put that committed before a later failure.
      await this.#bucket.delete(stagingKey);
      if (error instanceof PackError) throw error;
      throw new PackError(400, `upload aborted before the last byte: ${describe(error)}`);
    }
    const sha1 = toHex(await hash.digest);
    return this.#promote(stagingKey, sha1, size);
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
      const hashWriter = hash.getWriter();
      const reader = object.body.getReader();
      const head = await readPrefix(reader, ZIP_MAGIC.length);
      if (!startsWithZipMagic(head)) {
        await reader.cancel();
        throw notAZip();
      }
      for (const chunk of head) await hashWriter.write(chunk);
      hashWriter.releaseLock();
      reader.releaseLock();
      await object.body.pipeTo(hash);
      return await this.#promote(stagingKey, toHex(await hash.digest), object.size);
    } catch (error) {
      // A refused or half-read object must not stay behind to be registered by mistake later.
      await this.#bucket.delete(stagingKey);
      throw error;
    }
  }

  async #promote(stagingKey: string, sha1: string, size: number): Promise<StoredPack> {
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

function startsWithZipMagic(chunks: readonly Uint8Array[]): boolean {
  let index = 0;
  for (const chunk of chunks) {
    for (const byte of chunk) {
      if (byte !== ZIP_MAGIC[index]) return false;
      if (++index === ZIP_MAGIC.length) return true;
    }
  }
  return false;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
