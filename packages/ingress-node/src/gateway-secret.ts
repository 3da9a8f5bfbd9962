import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether a presented gateway secret is the expected one, in time independent of where they differ.
 * Both sides are hashed first: timingSafeEqual needs equal lengths, and comparing raw lengths would
 * leak the secret's length.
 */
export function gatewaySecretMatches(
  presented: string | readonly string[] | undefined,
  expected: string,
): boolean {
  if (typeof presented !== "string" || expected.length === 0) return false;
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
