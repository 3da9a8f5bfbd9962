import { json, problem } from "../http.ts";
import { MAX_PACK_BYTES, ZIP_MAGIC } from "../limits.ts";
import { PackStore, tooLarge } from "../pack-store.ts";
import { publish } from "../publish.ts";

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
  const stored = await new PackStore(env.PACKS).upload(request.body, size);
  const record = await publish(env, stored);
  return json(record, stored.created ? 201 : 200);
}
