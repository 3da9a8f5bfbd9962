const encoder = new TextEncoder();

/**
 * True when the request carries `Authorization: Bearer <ADMIN_TOKEN>`. Both sides are hashed first,
 * so the constant-time compare sees equal lengths and the token's length does not leak either.
 * An unset or empty token refuses everyone.
 */
export async function isAdmin(request: Request, adminToken: string | undefined): Promise<boolean> {
  if (!adminToken) return false;
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const presented = match?.[1] ?? "";
  const [expected, actual] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(adminToken)),
    crypto.subtle.digest("SHA-256", encoder.encode(presented)),
  ]);
  return crypto.subtle.timingSafeEqual(expected, actual) && presented.length > 0;
}
