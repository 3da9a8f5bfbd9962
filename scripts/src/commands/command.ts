import type { CommandContext } from "../lib/cli-runner.ts";
import { UsageError } from "../lib/cli-runner.ts";

export interface Command {
  readonly usage: string;
  run(args: string[], context: CommandContext): Promise<number | undefined>;
}

export const S3_ENV = `S3 settings come from the environment: S3_ENDPOINT, S3_BUCKET, S3_REGION (default auto),
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.`;

export function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required`);
  return value;
}

export function positiveInteger(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`${flag} must be a positive whole number, not "${value}"`);
  return number;
}
