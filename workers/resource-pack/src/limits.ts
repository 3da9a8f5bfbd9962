/** The Java client refuses packs above 250 MiB, so a larger upload can only break joins. */
export const MAX_PACK_BYTES = 262_144_000;

/** Entries kept in the KV history: enough to roll back a bad week, small enough for one KV value. */
export const HISTORY_LIMIT = 20;

/** Every zip starts with a local file header: `PK\x03\x04`. */
export const ZIP_MAGIC = Uint8Array.of(0x50, 0x4b, 0x03, 0x04);

/** R2 keys: packs by content, uploads waiting to be hashed under their own prefix (never served). */
export const PACK_PREFIX = "packs/";
export const STAGING_PREFIX = "incoming/";

export function packKey(sha1: string): string {
  return `${PACK_PREFIX}${sha1}.zip`;
}
