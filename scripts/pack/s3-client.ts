import { S3Client } from "@aws-sdk/client-s3";

export interface S3Settings {
  /** R2's S3 endpoint, https://<account-id>.r2.cloudflarestorage.com. */
  readonly endpoint: string;
  /** @default "auto", the region R2 expects */
  readonly region?: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** An S3 client as R2 (and a local S3 server) want it: path-style, checksums only where required. */
export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region ?? "auto",
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    forcePathStyle: true,
    // The SDK's default CRC32 trailers are not understood by every S3-compatible server.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
}

/** The S3 settings from the environment, or undefined when none are set (small packs need none). */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv): S3Settings | undefined {
  const names = ["S3_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] as const;
  const missing = names.filter((name) => !env[name]);
  if (missing.length === names.length) return undefined;
  if (missing.length > 0) throw new Error(`set ${missing.join(", ")} too, or none of the S3 variables`);
  return {
    endpoint: env.S3_ENDPOINT!,
    region: env.S3_REGION || "auto",
    accessKeyId: env.AWS_ACCESS_KEY_ID!,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
  };
}
