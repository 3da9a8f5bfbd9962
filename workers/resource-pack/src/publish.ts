import { packId } from "./digest.ts";
import { PackIndex } from "./pack-index.ts";
import type { PackRecord } from "./pack-record.ts";
import type { StoredPack } from "./pack-store.ts";

/** Records a stored pack as the latest one and returns what `/api/pack/latest` will now say. */
export async function publish(env: Env, stored: StoredPack): Promise<PackRecord> {
  const record: PackRecord = {
    sha1: stored.sha1,
    size: stored.size,
    url: `${env.PUBLIC_ORIGIN}/packs/${stored.sha1}.zip`,
    id: await packId(stored.sha1),
    uploadedAt: stored.uploadedAt,
  };
  await new PackIndex(env.PACK_INDEX).publish(record);
  return record;
}
