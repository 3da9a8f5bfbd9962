import * as z from "zod";
import { type Check, fail, pass } from "../check.ts";
import { fetchText, sha1OfDownload } from "../http.ts";

/** The Java client refuses packs above 250 MiB; nothing larger can be a valid pack. */
export const MAX_PACK_BYTES = 262_144_000;

/** `GET /api/pack/latest` as the resource-pack Worker promises it. */
export const latestPackSchema = z.object({
  sha1: z.string().regex(/^[0-9a-f]{40}$/, "must be 40 lower-case hex digits"),
  size: z.number().int().positive(),
  url: z.url({ protocol: /^https?$/ }),
  id: z.uuid(),
  uploadedAt: z.iso.datetime({ offset: true }),
});

/**
 * The newest pack is advertised, downloadable, and its bytes hash to the advertised SHA-1 (what the
 * client checks before applying it; a mismatch makes every player's download fail).
 */
export function resourcePackCheck(baseUrl: string): Check {
  return {
    name: "resource pack: latest downloads with its SHA-1",
    run: async (signal) => {
      const url = new URL("/api/pack/latest", baseUrl).href;
      const response = await fetchText(url, { signal, headers: { accept: "application/json" } });
      if (response.status === 404) return fail(`GET ${url} → 404: no pack has been published`);
      if (response.status !== 200) return fail(`GET ${url} → ${response.status}`);
      const parsed = latestPackSchema.safeParse(safeJson(response.text));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return fail(`latest: ${issue.path.join(".") || "(body)"} ${issue.message}`);
      }
      const latest = parsed.data;
      const download = await sha1OfDownload(new URL(latest.url, baseUrl).href, signal, MAX_PACK_BYTES);
      if (download.sha1 !== latest.sha1) {
        return fail(`bytes hash to ${download.sha1}, latest advertises ${latest.sha1}`);
      }
      if (download.bytes !== latest.size) {
        return fail(`downloaded ${download.bytes} bytes, latest advertises ${latest.size}`);
      }
      return pass(`${latest.sha1.slice(0, 12)}…, ${formatBytes(download.bytes)}`);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`;
}
