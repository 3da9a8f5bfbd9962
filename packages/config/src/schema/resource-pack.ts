import * as z from "zod";

/**
 * How Paper servers offer the network's resource pack (the pack itself is published to the
 * resource-pack Worker; its URL, SHA-1 and id reach `server.properties` at pod start).
 */
export const resourcePackSchema = z.strictObject({
  /**
   * Players who decline the pack are disconnected (`require-resource-pack`).
   * @default false: a declined pack only costs the player the custom textures.
   */
  required: z.boolean().default(false),
  /**
   * Text of the client's download prompt (`resource-pack-prompt`), e.g. why the pack is needed.
   * @default the client's own wording
   */
  prompt: z.string().min(1).max(256).optional(),
});
