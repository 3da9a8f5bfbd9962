import { CliError } from "./errors.ts";

/** Where a CLI stores or reads objects: R2 (or any S3 API), from the environment the Secret fills. */
export interface S3Settings {
  /** e.g. `https://<account>.r2.cloudflarestorage.com`. */
  readonly endpoint: string;
  readonly bucket: string;
  /** R2 takes `auto`. */
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * Reads S3_ENDPOINT, S3_BUCKET, S3_REGION (default `auto`), AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY. Every missing or malformed variable is named in one error, before any
 * request is made; the values themselves are never printed.
 */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv = process.env): S3Settings {
  const problems: string[] = [];
  const read = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set`);
    return value ?? "";
  };
  const endpoint = read("S3_ENDPOINT");
  const bucket = read("S3_BUCKET");
  const accessKeyId = read("AWS_ACCESS_KEY_ID");
  const secretAccessKey = read("AWS_SECRET_ACCESS_KEY");
  const region = env.S3_REGION?.trim() || "auto";
  if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    problems.push("S3_ENDPOINT must be an http(s) URL such as https://<account>.r2.cloudflarestorage.com");
  }
  if (bucket && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    problems.push(`S3_BUCKET "${bucket}" is not a valid bucket name`);
  }
  if (problems.length > 0) {
    throw new CliError(`S3 settings are incomplete:\n  ${problems.join("\n  ")}`);
  }
  return { endpoint, bucket, region, accessKeyId, secretAccessKey };
}
