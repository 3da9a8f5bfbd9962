/** What `/api/pack/latest` returns and Paper's init container writes into `server.properties`. */
export interface PackRecord {
  /** Lower-case hex SHA-1 of the zip, computed by this Worker. */
  readonly sha1: string;
  readonly size: number;
  /** Download URL: `<origin>/packs/<sha1>.zip`. */
  readonly url: string;
  /** Stable UUID of this pack (the same bytes always get the same id): 1.20.3+ clients' `resource-pack-id`. */
  readonly id: string;
  /** When these bytes first reached R2 (ISO 8601). */
  readonly uploadedAt: string;
}
