import { z } from "zod";
import { byteQuantity, cpuQuantity, dnsLabel, httpsUrl } from "./primitives.ts";
import { cpuSchema, memorySchema } from "./proxy.ts";

const plugin = z.union([
  z.strictObject({
    /** Modrinth project slug or id. */
    modrinth: z.string().regex(/^[a-zA-Z0-9_-]+$/, "must be a Modrinth project slug"),
    /** Modrinth version id or number: pinned, so a restart never upgrades a plugin behind your back. */
    version: z.string().min(1),
  }),
  z.strictObject({
    /** A direct download of a pinned jar. */
    url: httpsUrl,
  }),
]);

const serverProperties = z.strictObject({
  motd: z.string().max(256).default("A Minecraft server"),
  difficulty: z.enum(["peaceful", "easy", "normal", "hard"]).default("normal"),
  gamemode: z.enum(["survival", "creative", "adventure", "spectator"]).default("survival"),
  viewDistance: z.number().int().min(2).max(32).default(10),
  simulationDistance: z.number().int().min(2).max(32).default(8),
  maxPlayers: z.number().int().min(1).max(10000).default(50),
  pvp: z.boolean().default(true),
  /** World seed; empty lets the server pick one on first start. */
  seed: z.string().max(64).optional(),
});

export const serverSchema = z.strictObject({
  /** Also the StatefulSet, Service and Velocity server name. Never rename a server that has a world. */
  name: dnsLabel,
  /** Paper (Minecraft) version, pinned. */
  paperVersion: z.string().regex(/^\d+\.\d+(\.\d+)?$/, "must be a Minecraft version such as 1.21.4"),
  memory: memorySchema,
  cpu: cpuSchema.default({ request: "1", limit: "4" }),
  /** Size of the world volume. Longhorn can grow it later, never shrink it. */
  disk: byteQuantity,
  plugins: z.array(plugin).default([]),
  properties: serverProperties.default(() => serverProperties.parse({})),
  /**
   * The operator accepts the Minecraft EULA (https://aka.ms/MinecraftEULA). Never defaulted: the
   * server does not start without it, and accepting it is the operator's statement, not ours.
   */
  eula: z.literal(true, {
    error: "must be true: accept the Minecraft EULA (https://aka.ms/MinecraftEULA) explicitly",
  }),
  /** Seconds the image waits for the server to stop and save; the pod's grace period is derived from it. */
  stopDurationSeconds: z.number().int().min(10).max(900).default(60),
});

export const serversSchema = z.array(serverSchema).min(1, "needs at least one server");

export { byteQuantity, cpuQuantity };
