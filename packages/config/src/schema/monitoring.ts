import * as z from "zod";
import { byteQuantity } from "./primitives.ts";

/** Prometheus's own footprint; the alert thresholds live in `alerts`. */
export const monitoringSchema = z.strictObject({
  /** How long Prometheus keeps samples, as Prometheus writes durations. */
  retention: z
    .string()
    .regex(/^[1-9][0-9]*(h|d|w|y)$/, "must be a Prometheus duration such as 15d or 4w")
    .default("15d"),
  /** Size of Prometheus's volume; keep it above what `retention` needs or Prometheus stops ingesting. */
  storage: byteQuantity.default("20Gi"),
});
