import * as z from "zod/mini";

/** Limits keep an admin typo (a pasted log) from becoming a 1 MB banner. */
const MAX_MESSAGE_CHARS = 500;
const MAX_MOTD_CHARS = 256;

/** Operator settings kept in KV and changed with `PUT /api/config`, no redeploy needed. */
export const remoteConfigSchema = z.strictObject({
  maintenance: z.strictObject({
    enabled: z.boolean(),
    message: z.string().check(z.maxLength(MAX_MESSAGE_CHARS)),
  }),
  /** Replaces the server's MOTD in the API and on the page; § codes allowed; null for the server's own. */
  customMotd: z.nullable(z.string().check(z.maxLength(MAX_MOTD_CHARS))),
});

export type RemoteConfig = z.infer<typeof remoteConfigSchema>;

export const DEFAULT_REMOTE_CONFIG: RemoteConfig = {
  maintenance: { enabled: false, message: "" },
  customMotd: null,
};

/**
 * The body of `PUT /api/config`: the fields it names are set, the others keep their value, so
 * toggling maintenance does not clear the custom MOTD.
 */
export const remoteConfigUpdateSchema = z.strictObject({
  maintenance: z.optional(
    z.strictObject({
      enabled: z.boolean(),
      message: z.optional(z.string().check(z.trim(), z.maxLength(MAX_MESSAGE_CHARS))),
    }),
  ),
  customMotd: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_MOTD_CHARS)))),
});

export type RemoteConfigUpdate = z.infer<typeof remoteConfigUpdateSchema>;

export function applyConfigUpdate(current: RemoteConfig, update: RemoteConfigUpdate): RemoteConfig {
  return {
    maintenance: update.maintenance
      ? {
          enabled: update.maintenance.enabled,
          message: update.maintenance.message ?? current.maintenance.message,
        }
      : current.maintenance,
    customMotd: update.customMotd === undefined ? current.customMotd : update.customMotd,
  };
}
