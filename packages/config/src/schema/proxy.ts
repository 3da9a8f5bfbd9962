import * as z from "zod";
import { byteQuantity, cpuQuantity, dnsLabel, heapSize, hostname } from "./primitives.ts";

export const memorySchema = z.strictObject({
  /** Container memory limit (and request: the JVM does not give memory back, so requests = limits). */
  limit: byteQuantity,
  /** JVM heap (-Xms/-Xmx); at most 80% of `limit`, the rest is metaspace, threads, direct buffers. */
  heap: heapSize,
});

export const cpuSchema = z.strictObject({
  request: cpuQuantity,
  /** CPU limit. Throttling a server thread costs ticks, so keep it generous. */
  limit: cpuQuantity,
});

export const proxySchema = z.strictObject({
  /** Velocity version the image downloads, pinned. */
  velocityVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+(-SNAPSHOT)?$/, "must be a Velocity version such as 3.4.0-SNAPSHOT"),
  /**
   * PaperMC's build number within `velocityVersion` (the image's VELOCITY_BUILD_ID). Without it every
   * pod start downloads the newest build of a SNAPSHOT line, so two replicas can run different code.
   */
  velocityBuild: z.number().int().positive(),
  replicas: z.number().int().min(1).max(10),
  memory: memorySchema,
  cpu: cpuSchema,
  /** Hostname → server names tried in order, for players who join through that name. */
  forcedHosts: z.record(hostname, z.array(dnsLabel).min(1)).default({}),
  /** Servers a player is sent to on join, in order. */
  try: z.array(dnsLabel).min(1, "needs at least one server"),
  /**
   * Players arrive through the VPS relay, which writes PROXY v2 headers so Velocity sees real client IPs.
   * @default true
   */
  proxyProtocol: z.boolean().default(true),
  motd: z.string().max(256).default("A Minecraft network"),
  showMaxPlayers: z.number().int().min(0).max(100000).default(100),
});
