import { json, problem } from "../http.ts";
import { MAX_PACK_BYTES, ZIP_MAGIC } from "../limits.ts";
import { PackStore, tooLarge } from "../pack-store.ts";
import { publish } from "../publish.ts";

/**
 * Optional: the SHA-1 the uploader expects. It only picks where the bytes are written, so they need
 * no second copy; the Worker still hashes the body and stores nothing unless the two agree.
 */
export const DECLARED_SHA1_HEADER = "X-Pack-Sha1";

/** `PUT /api/pack` (admin): the body is the zip, hashed while it streams into R2. */
export async function uploadPack(request: Request, env: Env): Promise<Response> {
  const declared = request.headers.get("Content-Length");
  if (declared === null) {
    return problem(
      411,
      "Content-Length is required: R2 must know the size before the first byte (curl --upload-file sends it)",
    );
  }
  if (!/^\d{1,15}$/.test(declared)) return problem(400, "Content-Length must be a byte count");
  const size = Number(declared);
  if (size > MAX_PACK_BYTES) {
    const error = tooLarge(size);
    return problem(error.status, error.message);
  }
  if (size < ZIP_MAGIC.length || request.body === null) {
    return problem(415, "not a zip: a resource pack must start with the bytes PK\\x03\\x04");
  }
  const declaredSha1 = request.headers.get(DECLARED_SHA1_HEADER)?.trim().toLowerCase();
  if (declaredSha1 !== undefined && !/^[0-9a-f]{40}$/.test(declaredSha1)) {
    return problem(400, `${DECLARED_SHA1_HEADER} must be 40 hex digits (the SHA-1 of the body)`);
  }
  const stored = await new PackStore(env.PACKS).upload(request.body, size, declaredSha1);
  const record = await publish(env, stored);
  return json(record, stored.created ? 201 : 200);
}
