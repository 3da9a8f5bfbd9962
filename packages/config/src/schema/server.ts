import * as z from "zod";
import { byteQuantity, cpuQuantity, dnsLabel, httpsUrl } from "./primitives.ts";
import { cpuSchema, memorySchema } from "./proxy.ts";

/** A plugin from Modrinth (pinned version) or a pinned jar URL; exactly one of the two. */
const plugin = z
  .strictObject({
    /** Modrinth project slug or id. */
    modrinth: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/, "must be a Modrinth project slug")
      .optional(),
    /** Modrinth version id or number: pinned, so a restart never upgrades a plugin behind your back. */
    version: z.string().min(1).optional(),
    /** A direct download of a pinned jar. */
    url: httpsUrl.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.url !== undefined && (value.modrinth !== undefined || value.version !== undefined)) {
      ctx.addIssue({ code: "custom", message: "set either url, or modrinth with version, not both" });
    } else if (value.url === undefined && value.modrinth === undefined) {
      ctx.addIssue({ code: "custom", message: "needs modrinth (with version) or url" });
    } else if (value.modrinth !== undefined && value.version === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["version"],
        message: `must pin a version of "${value.modrinth}"`,
      });
    }
  })
  // The checks above guarantee one of the two shapes; say so in the type renderers see.
  .transform((value) => value as PluginSource);

export type PluginSource = { readonly modrinth: string; readonly version: string } | { readonly url: string };

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
