import * as z from "zod";

/**
 * What a backup is, written as `<id>.manifest.json` after the archive upload completed. Listing,
 * restore and prune read manifests only, so an archive without one (an interrupted backup) is never
 * offered for restore.
 */
export const manifestSchema = z.strictObject({
  format: z.literal(1),
  server: z.string(),
  id: z.string(),
  /** When the backup started (saving was turned off), ISO 8601 UTC. */
  createdAt: z.iso.datetime(),
  archive: z.strictObject({
    key: z.string(),
    compression: z.enum(["zstd", "gzip"]),
    /** Bytes of the compressed archive as stored. */
    size: z.number().int().nonnegative(),
    /** SHA-256 of the compressed archive, hex; restore refuses an archive that does not match. */
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    /** Every multipart part but the last has this size (R2 requires equal parts). */
    partSize: z.number().int().positive(),
  }),
  world: z.strictObject({
    /** `LevelName` from level.dat, or the directory name when there is none. */
    name: z.string(),
    /** `Version.Name` from level.dat, e.g. "1.21.4"; null when level.dat does not say. */
    minecraftVersion: z.string().nullable(),
    dataVersion: z.number().int().nullable(),
    files: z.number().int().nonnegative(),
    /** Bytes of the files archived, uncompressed: what a restore needs on disk. */
    bytes: z.number().int().nonnegative(),
  }),
  /** Whether saving was paused over RCON while the files were read (false: the world was offline or RCON not given). */
  savesPaused: z.boolean(),
  durationSeconds: z.number().nonnegative(),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
