import { escapeHtml } from "@mc-infra/slp";
import type { StatusView } from "../status-view.ts";

const COLORS = { online: "#4c1", offline: "#e05d44", maintenance: "#fe7d37", unknown: "#9f9f9f" } as const;

/** Approximate Verdana 11px advance widths, enough to size the two halves like shields.io does. */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[il.,:;|!'1]/.test(char) ? 3.5 : /[mwMW@%]/.test(char) ? 10 : 7;
  return Math.ceil(width);
}

export function badgeText(view: StatusView): { readonly label: string; readonly message: string } {
  if (view.state === "maintenance") return { label: "status", message: "maintenance" };
  if (view.state === "online" && view.players) {
    return { label: "players", message: `${view.players.online}/${view.players.max}` };
  }
  return { label: "status", message: view.state === "unknown" ? "unknown" : "offline" };
}

/** `GET /badge.svg`: "players 12/100", "status offline" or "status maintenance", for READMEs and forums. */
export function badge(view: StatusView): Response {
  const { label, message } = badgeText(view);
  const labelWidth = textWidth(label) + 12;
  const messageWidth = textWidth(message) + 12;
  const width = labelWidth + messageWidth;
  const color = COLORS[view.state];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escapeHtml(`${label}: ${message}`)}">
<title>${escapeHtml(`${label}: ${message}`)}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${messageWidth}" height="20" fill="${color}"/><rect width="${width}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${labelWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${escapeHtml(label)}</text><text x="${labelWidth / 2}" y="14">${escapeHtml(label)}</text>
<text x="${labelWidth + messageWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${escapeHtml(message)}</text><text x="${labelWidth + messageWidth / 2}" y="14">${escapeHtml(message)}</text>
</g></svg>`;
  return new Response(svg, {
    headers: {
      "content-type": "image/svg+xml; charset=utf-8",
      // GitHub's image proxy honours this; a minute matches the cron.
      "cache-control": "public, max-age=60",
      "access-control-allow-origin": "*",
    },
  });
}
