import { CORS_HEADERS, problem } from "../http.ts";
import { packKey } from "../limits.ts";

/** The bytes behind a sha1 never change, so every cache may keep them for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/** Request headers the cache evaluates; anything else (cookies, query strings) must not split the cache. */
const CONDITIONAL_HEADERS = ["Range", "If-None-Match", "If-Modified-Since"] as const;

export function packHeaders(sha1: string, size: number): Headers {
  return new Headers({
    ...CORS_HEADERS,
    "Content-Type": "application/zip",
    "Content-Length": String(size),
    ETag: `"${sha1}"`,
    "Cache-Control": IMMUTABLE,
    "Accept-Ranges": "bytes",
  });
}

/**
 * `GET|HEAD /packs/<sha1>.zip`. A miss fills the edge cache from R2 first and then answers from the
 * cache, which evaluates Range and If-None-Match itself; filling through `response.clone()` instead
 * would tee the body, and a tee buffers whatever the slower reader has not taken yet — up to the whole
 * 250 MiB against a 128 MB isolate. Where the Cache API does nothing (workers.dev), R2 answers directly.
 */
export async function servePack(request: Request, env: Env, sha1: string, cache: Cache | null): Promise<Response> {
  const key = packKey(sha1);
  if (request.method === "HEAD") {
    const object = await env.PACKS.head(key);
    return object ? new Response(null, { headers: packHeaders(sha1, object.size) }) : notFound(sha1);
  }

  const url = new URL(request.url);
  const canonical = `${url.origin}${url.pathname}`;
  const lookup = new Request(canonical, { headers: pick(request.headers, CONDITIONAL_HEADERS) });
  if (cache) {
    const hit = await cache.match(lookup);
    if (hit) return hit;
    const object = await env.PACKS.get(key);
    if (!object) return notFound(sha1);
    await cache.put(canonical, new Response(object.body, { headers: packHeaders(sha1, object.size) }));
    const filled = await cache.match(lookup);
    if (filled) return filled;
  }
  return serveFromR2(request, env, sha1);
}

async function serveFromR2(request: Request, env: Env, sha1: string): Promise<Response> {
  const key = packKey(sha1);
  if (matchesETag(request.headers.get("If-None-Match"), sha1)) {
    const object = await env.PACKS.head(key);
    if (!object) return notFound(sha1);
    const headers = packHeaders(sha1, object.size);
    headers.delete("Content-Length");
    return new Response(null, { status: 304, headers });
  }
  const range = request.headers.get("Range");
  let object: R2ObjectBody | R2Object | null;
  try {
    object = await env.PACKS.get(key, range ? { range: request.headers } : {});
  } catch {
    // R2 refuses ranges outside the object; the size tells the client what it may ask for.
    const head = await env.PACKS.head(key);
    if (!head) return notFound(sha1);
    return new Response(null, { status: 416, headers: { ...CORS_HEADERS, "Content-Range": `bytes */${head.size}` } });
  }
  if (!object || !("body" in object)) return notFound(sha1);
  const headers = packHeaders(sha1, object.size);
  const served = object.range as { offset?: number; length?: number; suffix?: number } | undefined;
  if (!range || !served) return new Response(object.body, { headers });
  const offset = served.suffix !== undefined ? object.size - served.suffix : (served.offset ?? 0);
  const length = served.suffix ?? served.length ?? object.size - offset;
  headers.set("Content-Length", String(length));
  headers.set("Content-Range", `bytes ${offset}-${offset + length - 1}/${object.size}`);
  return new Response(object.body, { status: 206, headers });
}

/** Whether an If-None-Match header names this pack (weak or strong tag, or `*`). */
export function matchesETag(header: string | null, sha1: string): boolean {
  if (header === null) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === `"${sha1}"`);
}

function pick(headers: Headers, names: readonly string[]): Headers {
  const picked = new Headers();
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) picked.set(name, value);
  }
  return picked;
}

function notFound(sha1: string): Response {
  return problem(404, `no pack with sha1 ${sha1}`, CORS_HEADERS);
}
