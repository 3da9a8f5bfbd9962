/**
 * Whether the request carries `Authorization: Bearer <ADMIN_TOKEN>`. Both sides are hashed before the
 * constant-time compare, so neither the token's content nor its length leaks through timing.
 */
export async function isAdmin(request: Request, adminToken: string | undefined): Promise<boolean> {
  // An unset secret must lock the admin routes, not open them to an empty bearer token.
  if (!adminToken) return false;
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match) return false;
  const encoder = new TextEncoder();
  const [given, expected] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(match[1]!.trim())),
    crypto.subtle.digest("SHA-256", encoder.encode(adminToken)),
  ]);
  return crypto.subtle.timingSafeEqual(given, expected);
}
