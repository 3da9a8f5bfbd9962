import { CORS_HEADERS, json, problem } from "../http.ts";
import { PackIndex } from "../pack-index.ts";

/** Short enough that a fresh upload reaches new pods within a minute, long enough to absorb a restart storm. */
const LATEST_MAX_AGE_SECONDS = 60;

/** `GET /api/pack/latest`: public, what Paper's init container and launchers read. */
export async function latestPack(env: Env): Promise<Response> {
  const latest = await new PackIndex(env.PACK_INDEX).latest();
  if (!latest) return problem(404, "no pack has been published yet", CORS_HEADERS);
  return json(latest, 200, { ...CORS_HEADERS, "Cache-Control": `public, max-age=${LATEST_MAX_AGE_SECONDS}` });
}

/** `GET /api/pack/history` (admin): the latest pack and the ones a rollback can return to. */
export async function packHistory(env: Env): Promise<Response> {
  const index = new PackIndex(env.PACK_INDEX);
  const [latest, history] = await Promise.all([index.latest(), index.history()]);
  return json({ latest, history });
}

/** `POST /api/pack/rollback` (admin): `latest` back to the previous entry of the history. */
export async function rollbackPack(env: Env): Promise<Response> {
  const result = await new PackIndex(env.PACK_INDEX).rollback();
  if (!result) return problem(409, "nothing to roll back to: the history holds fewer than two packs");
  return json(result);
}
