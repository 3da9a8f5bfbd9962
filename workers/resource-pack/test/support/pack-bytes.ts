/**
 * Deterministic stand-ins for resource packs: `PK\x03\x04` followed by xorshift32 output. The same
 * (size, seed) gives the same bytes in Node (expected hashes, the CLI, the benchmark) and in workerd
 * (the tests), so no large fixture is ever shipped or held in memory whole.
 */
const CHUNK_BYTES = 1 << 20;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

export function* packChunks(size: number, seed = 1): Generator<Uint8Array<ArrayBuffer>> {
  let state = seed >>> 0 || 1;
  for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
    const length = Math.min(CHUNK_BYTES, size - offset);
    const words = new Uint32Array(Math.ceil(length / 4));
    for (let index = 0; index < words.length; index++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      words[index] = state;
    }
    const chunk = new Uint8Array(words.buffer, 0, length);
    if (offset === 0) chunk.set(ZIP_MAGIC.slice(0, length));
    yield chunk;
  }
}

/** The pack as a byte stream, generated as it is read. */
export function packStream(size: number, seed = 1): ReadableStream<Uint8Array<ArrayBuffer>> {
  const chunks = packChunks(size, seed);
  return new ReadableStream({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}

/** Bytes `offset .. offset + length - 1` of the pack, for checking a ranged download. */
export function packSlice(size: number, offset: number, length: number, seed = 1): Uint8Array {
  const slice = new Uint8Array(length);
  let position = 0;
  for (const chunk of packChunks(size, seed)) {
    const start = Math.max(offset - position, 0);
    const end = Math.min(offset + length - position, chunk.length);
    if (start < end) slice.set(chunk.subarray(start, end), position + start - offset);
    position += chunk.length;
    if (position >= offset + length) break;
  }
  return slice;
}
