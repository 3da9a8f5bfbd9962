import { env } from "cloudflare:test";

/** Every key in the simulated R2 bucket, to prove what an operation left behind. */
export async function bucketKeys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.PACKS.list({ cursor });
    keys.push(...page.objects.map((object) => object.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys.sort();
}

export async function sha1Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** A small zip-looking body: the magic bytes, then `text`. */
export function zipBytes(text: string): Uint8Array<ArrayBuffer> {
  const tail = new TextEncoder().encode(text);
  const bytes = new Uint8Array(4 + tail.length);
  bytes.set([0x50, 0x4b, 0x03, 0x04]);
  bytes.set(tail, 4);
  return bytes;
}
