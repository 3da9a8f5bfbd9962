/** S3 and R2 allow at most 10 000 parts; the estimate keeps a margin for a world that grows while it is read. */
const MAX_PARTS = 9_000;
const MIB = 1024 * 1024;

/**
 * S3's and R2's smallest allowed part (the last one excepted). Small parts keep the buffers in
 * flight small: memory is about (queue + 2) parts. Worlds past ~44 GiB get larger parts.
 */
export const MIN_PART_SIZE = 5 * MIB;

/**
 * One part size for the whole upload: R2 refuses a multipart upload whose parts (all but the last)
 * differ in size, so it is fixed before the first byte, from the uncompressed size (an upper bound
 * of the archive, since compression never grows it by more than tar's 1 KiB per file).
 */
export function partSizeFor(estimatedArchiveBytes: number, minimum: number = MIN_PART_SIZE): number {
  const needed = Math.ceil(estimatedArchiveBytes / MAX_PARTS);
  return Math.max(minimum, Math.ceil(needed / MIB) * MIB);
}

/** Uncompressed tar size: 512-byte header and up to 511 bytes of padding per entry, plus the end blocks. */
export function estimateArchiveBytes(files: number, bytes: number): number {
  return bytes + files * 1024 + 1024 * 10;
}
