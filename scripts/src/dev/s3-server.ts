import { once } from "node:events";
import { createServer } from "node:http";
import S3rver from "s3rver";
import type { DevLog } from "./log.ts";
import { describeListenError, LOOPBACK } from "./ports.ts";

export interface S3ServerOptions {
  readonly port: number;
  /** Where objects are kept between runs. */
  readonly directory: string;
  /** Created when missing: the network's buckets (backups, logs, assets). */
  readonly buckets: readonly string[];
  readonly log: DevLog;
}

export interface RunningS3Server {
  readonly endpoint: string;
  /** s3rver accepts these and no others; they protect nothing and are printed as they are. */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  close(): Promise<void>;
}

export const S3_LABEL = "s3";

/** s3rver's fixed credentials. */
const S3RVER_KEY = "S3RVER";

/**
 * A local S3 server (s3rver) standing in for R2's S3 API: the buckets the backups, logs and
 * operators' tools write to. Served by our own node:http server around s3rver's handler, because
 * s3rver's `run()` leaves a failed listen (port in use) as an unhandled "error" event.
 */
export async function startS3Server(options: S3ServerOptions): Promise<RunningS3Server> {
  const s3rver = new S3rver({
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  await s3rver.configureBuckets();
  const server = createServer(s3rver.callback());
  try {
    server.listen(options.port, LOOPBACK);
    await once(server, "listening");
  } catch (error) {
    throw describeListenError("S3 server", options.port, error);
  }
  const endpoint = `http://${LOOPBACK}:${options.port}`;
  options.log(
    S3_LABEL,
    `s3rver on ${endpoint}, buckets ${options.buckets.join(", ")} in ${options.directory}`,
  );
  return {
    endpoint,
    accessKeyId: S3RVER_KEY,
    secretAccessKey: S3RVER_KEY,
    close: async () => {
      const closed = once(server, "close");
      // An S3 client's idle keep-alive connection would otherwise hold the server open.
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
