import { isIPv4 } from "node:net";
import { CronExpressionParser } from "cron-parser";
import * as z from "zod";

/** RFC 1123 label: what Kubernetes accepts as a resource name and DNS accepts as one label. */
export const dnsLabel = z
  .string()
  .max(63, "must be at most 63 characters (a DNS label)")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a DNS label: lower-case letters, digits and '-'");

export const hostname = z
  .string()
  .max(253, "must be at most 253 characters")
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/,
    "must be a lower-case fully qualified hostname such as play.example.net",
  );

export const ipv4 = z.string().refine((value) => isIPv4(value), "must be an IPv4 address");

/** A Kubernetes binary quantity for memory and disk. Decimal suffixes are refused: "4G" next to "4Gi" is a classic off-by-7% mistake. */
export const byteQuantity = z
  .string()
  .regex(/^[1-9][0-9]*(Ki|Mi|Gi|Ti)$/, "must be a binary quantity such as 512Mi, 4Gi or 1Ti");

/** A JVM heap size as -Xmx takes it: M or G, powers of 1024. */
export const heapSize = z.string().regex(/^[1-9][0-9]*[MG]$/, "must be a JVM heap size such as 768M or 3G");

export const cpuQuantity = z
  .string()
  .regex(/^([1-9][0-9]*m|[0-9]+(\.[0-9]+)?)$/, "must be a CPU quantity such as 500m or 2");

/** Five-field cron as Kubernetes CronJobs take it (no seconds field), or one of its @macros. */
export const cronExpression = z.string().superRefine((value, ctx) => {
  const macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
  if (macros.includes(value)) return;
  if (value.trim().split(/\s+/).length !== 5) {
    ctx.addIssue({ code: "custom", message: `must be a five-field cron expression, got "${value}"` });
    return;
  }
  try {
    CronExpressionParser.parse(value, { strict: false });
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `is not a valid cron expression: ${(error as Error).message}` });
  }
});

/** A container image pinned to a tag (and optionally a digest); `latest` and untagged images are refused. */
export const pinnedImage = z
  .string()
  .regex(
    /^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)+:[A-Za-z0-9._-]+(@sha256:[a-f0-9]{64})?$|^[a-z0-9._-]+(\/[a-z0-9._-]+)*:[A-Za-z0-9._-]+(@sha256:[a-f0-9]{64})?$/,
    "must be an image pinned to a tag, e.g. itzg/minecraft-server:2025.6.2-java21",
  )
  .refine((value) => !/:latest(@|$)/.test(value), "must not use the mutable 'latest' tag");

export const port = z.number().int().min(1).max(65535);

export const httpsUrl = z.url({ protocol: /^https$/, error: "must be an https:// URL" });
