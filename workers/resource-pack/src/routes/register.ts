import { json, problem } from "../http.ts";
import { PackStore } from "../pack-store.ts";
import { publish } from "../publish.ts";

/** A `{ "key": "incoming/…" }` body is a few dozen bytes; anything much larger is not one. */
const MAX_BODY_BYTES = 4096;

/**
 * `POST /api/pack/register` (admin) with `{ "key": "incoming/<name>.zip" }`: for packs uploaded
 * straight to R2 over the S3 API. The Worker hashes the object itself and stores it by content.
 */
export async function registerPack(request: Request, env: Env): Promise<Response> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return problem(413, `body must be at most ${MAX_BODY_BYTES} bytes`);
  let key: unknown;
  try {
    key = (JSON.parse(text) as { key?: unknown }).key;
  } catch {
    return problem(400, 'body must be JSON: { "key": "incoming/<name>.zip" }');
  }
  if (typeof key !== "string") return problem(400, 'key: must be a string such as "incoming/pack.zip"');
  const stored = await new PackStore(env.PACKS).register(key);
  const record = await publish(env, stored);
  return json(record, stored.created ? 201 : 200);
}
