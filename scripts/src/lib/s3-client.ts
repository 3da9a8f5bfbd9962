import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { explainS3Error } from "./s3-errors.ts";
import type { S3Settings } from "./s3-settings.ts";

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // R2 serves path-style URLs on the account endpoint; virtual-hosted names would need a DNS name per bucket.
    forcePathStyle: true,
    // The SDK's default CRC32 trailers (aws-chunked uploads) are not understood by every S3 API
    // (R2's docs ask for WHEN_REQUIRED); our own SHA-256 covers integrity end to end.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 5,
  });
}

/**
 * Fails fast, before anything is paused or written, when the credentials are wrong or the bucket is
 * missing: a backup that can only fail at its first part should not have turned saving off.
 */
export async function assertBucketReachable(client: S3Client, settings: S3Settings): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: settings.bucket }));
  } catch (error) {
    throw explainS3Error(error, settings, "checking the bucket");
  }
}
