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
export async function servePack(
  request: Request,
  env: Env,
  sha1: string,
  cache: Cache | null,
): Promise<Response> {
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
  const head = await env.PACKS.head(key);
  if (!head) return notFound(sha1);
  const headers = packHeaders(sha1, head.size);
  if (matchesETag(request.headers.get("If-None-Match"), sha1)) {
    headers.delete("Content-Length");
    return new Response(null, { status: 304, headers });
  }
  const range = parseRange(request.headers.get("Range"), head.size);
  if (range === "unsatisfiable") {
    return new Response(null, {
      status: 416,
      headers: { ...CORS_HEADERS, "Content-Range": `bytes */${head.size}` },
    });
  }
  const object = await env.PACKS.get(key, range ? { range } : {});
  if (!object) return notFound(sha1);
  if (!range) return new Response(object.body, { headers });
  headers.set("Content-Length", String(range.length));
  headers.set("Content-Range", `bytes ${range.offset}-${range.offset + range.length - 1}/${head.size}`);
  return new Response(object.body, { status: 206, headers });
}

/**
 * One `bytes=` range of an object of `size` bytes, as R2 takes it. Several ranges, or a header that
 * is not a byte range, are answered with the whole pack (RFC 9110 lets a server ignore Range).
 */
export function parseRange(
  header: string | null,
  size: number,
): { offset: number; length: number } | "unsatisfiable" | null {
  const match = header === null ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") {
    const suffix = Math.min(Number(match[2]), size);
    return suffix === 0 ? "unsatisfiable" : { offset: size - suffix, length: suffix };
  }
  const offset = Number(match[1]);
  const last = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (offset >= size || last < offset) return "unsatisfiable";
  return { offset, length: last - offset + 1 };
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
