import { en } from "zod/locales";
import * as z from "zod/mini";
import { SlpError } from "./errors.ts";
import { type Motd, renderMotd } from "./motd.ts";

// zod/mini keeps a Worker's bundle small (the classic build brings every locale); English messages
// are what the error classes quote.
z.config(en());

const playerSample = z.object({ name: z.string(), id: z.string() });

/** What the client relies on in the status JSON; anything else (mod lists, secure-chat flags) is ignored. */
const statusJson = z.object({
  version: z.object({ name: z.string(), protocol: z.int() }),
  players: z.object({
    online: z.int(),
    max: z.int(),
    sample: z.nullish(z.array(playerSample)),
  }),
  description: z.optional(z.unknown()),
  favicon: z.nullish(z.string()),
});

export interface PlayerSample {
  readonly name: string;
  readonly id: string;
}

export interface ServerStatus {
  readonly version: { readonly name: string; readonly protocol: number };
  readonly players: {
    readonly online: number;
    readonly max: number;
    readonly sample: readonly PlayerSample[];
  };
  readonly motd: Motd;
  /** `data:image/png;base64,…` as the server sent it, or null when absent or not a PNG data URL. */
  readonly favicon: string | null;
}

/** Only a PNG data URL may reach an `<img src>`: a server must not make the page load another origin. */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

export function parseStatusJson(text: string): ServerStatus {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new SlpError("invalid-json", `status response is not JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = statusJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SlpError(
      "invalid-response",
      `status JSON ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
  }
  const { version, players, description, favicon } = parsed.data;
  // Older servers wrap the base64 at 76 columns.
  const icon = favicon?.replace(/\s+/g, "") ?? null;
  return {
    version: { name: version.name, protocol: version.protocol },
    players: {
      online: players.online,
      max: players.max,
      sample: (players.sample ?? []).map(({ name, id }) => ({ name, id })),
    },
    motd: renderMotd(description ?? ""),
    favicon: icon && PNG_DATA_URL.test(icon) ? icon : null,
  };
}
