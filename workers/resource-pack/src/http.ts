/** Anyone may read the public routes from a browser (launchers, status pages, `pnpm verify`). */
export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Range, If-None-Match",
  "Access-Control-Expose-Headers": "ETag, Content-Length, Content-Range",
} as const;

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** A JSON error `{ error }`: admins read these from `curl` and the publish CLI prints them as they are. */
export function problem(status: number, error: string, headers: HeadersInit = {}): Response {
  return json({ error }, status, headers);
}

export function methodNotAllowed(allow: readonly string[]): Response {
  return problem(405, `method not allowed; use ${allow.join(", ")}`, { Allow: allow.join(", ") });
}
