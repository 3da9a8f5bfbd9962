import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import type { S3Settings } from "../../src/lib/s3-settings.ts";

/** s3rver's fixed credentials: anything else is refused with InvalidAccessKeyId, like a real S3. */
const ACCESS_KEY = "S3RVER";

export interface TestS3 {
  readonly endpoint: string;
  readonly settings: (bucket?: string) => S3Settings;
  /** The same settings as the environment a CLI child process reads. */
  readonly env: (bucket?: string) => Record<string, string>;
  close(): Promise<void>;
}

/** A real S3 API (s3rver) on loopback, storing into a temporary directory. */
export async function startS3(buckets: readonly string[] = ["backups", "logs"]): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const settings = (bucket = buckets[0]!): S3Settings => ({
    endpoint,
    bucket,
    region: "auto",
    accessKeyId: ACCESS_KEY,
    secretAccessKey: ACCESS_KEY,
  });
  return {
    endpoint,
    settings,
    env: (bucket = buckets[0]!) => ({
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      AWS_ACCESS_KEY_ID: ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: ACCESS_KEY,
    }),
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
