import { CORS_HEADERS, etagOf, matchesEtag } from "../http.ts";
import type { StatusView } from "../status-view.ts";

/** Clients may reuse an answer for 30 s: the data changes once a minute at most. */
export const STATUS_CACHE_CONTROL = "public, max-age=30";

const rendered = new WeakMap<StatusView, { readonly body: string; readonly etag: string }>();

/** `GET /api/status`: the view as JSON, cacheable, CORS-open, revalidated by ETag. */
export async function statusApi(request: Request, view: StatusView): Promise<Response> {
  let representation = rendered.get(view);
  if (!representation) {
    const body = JSON.stringify(view);
    representation = { body, etag: await etagOf(body) };
    rendered.set(view, representation);
  }
  const headers = new Headers({
    ...CORS_HEADERS,
    "content-type": "application/json; charset=utf-8",
    "cache-control": STATUS_CACHE_CONTROL,
    etag: representation.etag,
  });
  if (matchesEtag(request, representation.etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : representation.body, { headers });
}
