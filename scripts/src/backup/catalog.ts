import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { CliError } from "../lib/errors.ts";
import { explainS3Error } from "../lib/s3-errors.ts";
import type { S3Settings } from "../lib/s3-settings.ts";
import { type BackupId, backupTime, classifyKey, isBackupId, manifestKey, serverPrefix } from "./keys.ts";
import { type BackupManifest, manifestSchema } from "./manifest.ts";

/** Manifests are a few hundred bytes; anything far larger is not ours and is not buffered. */
const MAX_MANIFEST_BYTES = 64 * 1024;

export interface StoredObject {
  readonly key: string;
  readonly size: number;
}

/** Everything under a server's prefix, grouped by backup id, oldest first. */
export interface ServerListing {
  readonly manifests: ReadonlyMap<BackupId, StoredObject>;
  readonly archives: ReadonlyMap<BackupId, StoredObject>;
}

export class BackupCatalog {
  readonly #client: S3Client;
  readonly #settings: S3Settings;

  constructor(client: S3Client, settings: S3Settings) {
    this.#client = client;
    this.#settings = settings;
  }

  get bucket(): string {
    return this.#settings.bucket;
  }

  async listServer(server: string): Promise<ServerListing> {
    const manifests = new Map<BackupId, StoredObject>();
    const archives = new Map<BackupId, StoredObject>();
    let token: string | undefined;
    do {
      const page = await this.#send("listing backups", () =>
        this.#client.send(
          new ListObjectsV2Command({
            Bucket: this.#settings.bucket,
            Prefix: serverPrefix(server),
            ContinuationToken: token,
          }),
        ),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        const kind = classifyKey(server, object.Key);
        if (!kind) continue;
        (kind.kind === "manifest" ? manifests : archives).set(kind.id, {
          key: object.Key,
          size: object.Size ?? 0,
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    const sorted = <T>(map: Map<BackupId, T>) => new Map([...map].sort(([a], [b]) => a.localeCompare(b)));
    return { manifests: sorted(manifests), archives: sorted(archives) };
  }

  /** Complete backups of a server, oldest first. */
  async list(server: string): Promise<BackupManifest[]> {
    const { manifests } = await this.listServer(server);
    const out: BackupManifest[] = [];
    for (const id of manifests.keys()) out.push(await this.read(server, id));
    return out;
  }

  async read(server: string, id: BackupId): Promise<BackupManifest> {
    const key = manifestKey(server, id);
    const response = await this.#send(`reading ${key}`, () =>
      this.#client.send(new GetObjectCommand({ Bucket: this.#settings.bucket, Key: key })),
    );
    if ((response.ContentLength ?? 0) > MAX_MANIFEST_BYTES) {
      throw new CliError(`${key} is ${response.ContentLength} bytes: not a backup manifest`);
    }
    const text = (await response.Body?.transformToString("utf8")) ?? "";
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CliError(`${key} is not valid JSON: the manifest is damaged`);
    }
    const parsed = manifestSchema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new CliError(`${key} is not a valid manifest: ${first?.path.join(".")}: ${first?.message}`);
    }
    return parsed.data;
  }

  async write(manifest: BackupManifest): Promise<void> {
    const key = manifestKey(manifest.server, manifest.id);
    await this.#send(`writing ${key}`, () =>
      this.#client.send(
        new PutObjectCommand({
          Bucket: this.#settings.bucket,
          Key: key,
          Body: `${JSON.stringify(manifest, null, 2)}\n`,
          ContentType: "application/json",
        }),
      ),
    );
  }

  /**
   * The backup `at` names: `latest`, an exact id (`20250102T030405Z`), or any ISO time / date, which
   * picks the newest backup taken at or before it ("the last backup before the griefing").
   */
  async resolve(server: string, at: string): Promise<BackupManifest> {
    const { manifests } = await this.listServer(server);
    const ids = [...manifests.keys()];
    if (ids.length === 0) {
      throw new CliError(`no backups of ${server} in bucket ${this.#settings.bucket}`);
    }
    let chosen: BackupId | undefined;
    if (at === "latest") {
      chosen = ids.at(-1);
    } else if (isBackupId(at)) {
      if (!manifests.has(at)) {
        throw new CliError(
          `no backup ${at} of ${server}; the newest are: ${ids.slice(-5).reverse().join(", ")}`,
        );
      }
      chosen = at;
    } else {
      const limit = Date.parse(at);
      if (Number.isNaN(limit)) {
        throw new CliError(
          `--at "${at}" is neither "latest", a backup id like 20250102T030405Z nor an ISO time`,
        );
      }
      chosen = ids.filter((id) => backupTime(id).getTime() <= limit).at(-1);
      if (!chosen)
        throw new CliError(`no backup of ${server} was taken at or before ${at}; the oldest is ${ids[0]}`);
    }
    return this.read(server, chosen!);
  }

  async #send<T>(doing: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw explainS3Error(error, this.#settings, doing);
    }
  }
}
