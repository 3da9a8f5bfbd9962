export function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Namespace of pack ids (a fixed random UUID): ids of packs are UUIDv5(PACK_ID_NAMESPACE, sha1). */
const PACK_ID_NAMESPACE = "6f1d3b7e-2c4a-4e8b-9a51-0d6c2f9e8b13";

/**
 * The pack's `resource-pack-id`: a name-based UUID (RFC 9562 v5) of its SHA-1, so the same bytes get
 * the same id on every upload, every region and after a rollback, and clients keep their cached copy.
 */
export async function packId(sha1: string): Promise<string> {
  const namespace = Uint8Array.from(PACK_ID_NAMESPACE.replaceAll("-", "").match(/../g)!, (pair) =>
    Number.parseInt(pair, 16),
  );
  const name = new TextEncoder().encode(sha1);
  const input = new Uint8Array(namespace.length + name.length);
  input.set(namespace);
  input.set(name, namespace.length);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-1", input)).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = toHex(hash.buffer);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
