import { CliError, errorCode, messageOf } from "./errors.ts";
import type { S3Settings } from "./s3-settings.ts";

/** Turns an SDK or network failure into a CliError that says what to fix. */
export function explainS3Error(error: unknown, settings: S3Settings, doing: string): CliError {
  if (error instanceof CliError) return error;
  const where = `${settings.endpoint}, bucket ${settings.bucket}`;
  const name = typeof error === "object" && error !== null && "name" in error ? String(error.name) : "";
  const status =
    typeof error === "object" && error !== null && "$metadata" in error
      ? (error.$metadata as { httpStatusCode?: number }).httpStatusCode
      : undefined;
  const code = errorCode(error);
  let message: string;
  if (["InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken"].includes(name)) {
    message = `S3 rejected the credentials (${name}) while ${doing} at ${where}: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`;
  } else if (name === "AccessDenied" || status === 403) {
    // HEAD responses carry no error body: a 403 there is all S3 says about bad credentials too.
    message = `S3 rejected the credentials or denied access (403) while ${doing} at ${where}: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY and their permission on this bucket`;
  } else if (name === "NoSuchBucket" || (name === "NotFound" && doing === "checking the bucket")) {
    message = `bucket ${settings.bucket} does not exist at ${settings.endpoint} (while ${doing}): check S3_BUCKET or create it (the Pulumi layer does)`;
  } else if (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "EAI_AGAIN" ||
    code === "ETIMEDOUT"
  ) {
    message = `cannot reach S3 at ${settings.endpoint} (${code}) while ${doing}: check S3_ENDPOINT and the network`;
  } else if (
    ["ECONNRESET", "EPIPE", "ECONNABORTED"].includes(code ?? "") ||
    name === "TimeoutError" ||
    /socket hang up/i.test(messageOf(error))
  ) {
    message = `the connection to S3 at ${settings.endpoint} broke while ${doing} (${code ?? name}: ${messageOf(error)}), after the SDK's retries: check the network`;
  } else {
    message = `S3 request failed while ${doing} at ${where}: ${name ? `${name}: ` : ""}${messageOf(error)}`;
  }
  return new CliError(message, { cause: error });
}
