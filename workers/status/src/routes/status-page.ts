import { escapeHtml } from "@mc-infra/slp";
import type { StatusView } from "../status-view.ts";

/** Shown when the server sent no icon: the grey "unknown server" block of the client's list. */
const PLACEHOLDER_ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#6b6b6b"/><rect x="1" y="1" width="6" height="6" fill="#8b8b8b"/><rect x="3" y="2" width="2" height="3" fill="#c6c6c6"/><rect x="3" y="6" width="2" height="1" fill="#c6c6c6"/></svg>',
)}`;

const STATE_LABEL = {
  online: "Online",
  offline: "Offline",
  maintenance: "Maintenance",
  unknown: "Not checked yet",
} as const;

/** The MOTD, names and banners are inserted as escaped text; only our own markup and inline styles run. */
export const PAGE_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

function ago(iso: string | null, nowMs: number): string {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

function fact(label: string, value: string, testId: string): string {
  return `<div><dt>${label}</dt><dd data-testid="${testId}">${value}</dd></div>`;
}

/** `GET /`: the server as the client's server list shows it, plus the facts the list hides. */
export function renderStatusPage(view: StatusView, nowMs: number): string {
  const host = view.target.replace(/:25565$/, "");
  const players = view.players ? `${view.players.online}/${view.players.max}` : "–";
  const staleNote = view.stale && view.checkedAt ? ' <span class="stale">(last known)</span>' : "";
  const sample = view.players?.sample ?? [];
  const banner = view.maintenance.enabled
    ? `<div class="banner" role="status" data-testid="maintenance"><strong>Maintenance</strong>${
        view.maintenance.message ? ` — ${escapeHtml(view.maintenance.message)}` : ""
      }</div>`
    : "";
  const offlineNote =
    view.state === "offline"
      ? `<p class="note">Unreachable since the check ${ago(view.checkedAt, nowMs)}${
          view.error ? ` (${escapeHtml(view.error)})` : ""
        }; last online ${ago(view.lastOnlineAt, nowMs)}.</p>`
      : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark">
<title>${escapeHtml(host)} — ${STATE_LABEL[view.state]}</title>
<style>
  :root { --bg: #17171b; --panel: #000000cc; --line: #ffffff26; --text: #e8e8e8; --muted: #a0a0a0; }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; background: var(--bg) linear-gradient(180deg, #2b2b33, var(--bg) 320px) no-repeat;
    color: var(--text); font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  main { max-width: 760px; margin: 0 auto; padding: 24px 16px 40px; }
  .banner { background: #fe7d37; color: #1a1a1a; border-radius: 8px; padding: 12px 16px; margin-bottom: 16px; font-weight: 500; }
  .entry { display: grid; grid-template-columns: 64px 1fr auto; gap: 4px 14px; align-items: start; background: var(--panel);
    border: 2px solid var(--line); border-radius: 6px; padding: 10px 12px; }
  .icon { width: 64px; height: 64px; image-rendering: pixelated; grid-row: span 2; border-radius: 2px; }
  h1 { margin: 0; font-size: 18px; font-weight: 600; overflow-wrap: anywhere; }
  .count { font-variant-numeric: tabular-nums; color: var(--muted); white-space: nowrap; }
  .motd { grid-column: 2 / 4; color: #aaaaaa; font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace;
    font-size: 15px; white-space: pre-wrap; overflow-wrap: anywhere; min-height: 2.9em; }
  .mc-obfuscated { filter: blur(2px); }
  .pill { display: inline-block; margin-top: 16px; padding: 2px 10px; border-radius: 999px; font-size: 14px; font-weight: 600; }
  .online { background: #2e7d32; } .offline { background: #b3261e; } .maintenance { background: #c25a00; } .unknown { background: #555; }
  dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 16px 0 0; }
  dl div { background: #ffffff0d; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
  dt { color: var(--muted); font-size: 13px; } dd { margin: 2px 0 0; font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
  .stale { color: var(--muted); font-weight: 400; font-size: 13px; }
  .note { color: #ffb4a9; margin: 12px 0 0; }
  ul.sample { list-style: none; padding: 0; margin: 16px 0 0; display: flex; flex-wrap: wrap; gap: 6px; }
  ul.sample li { background: #ffffff14; border-radius: 4px; padding: 2px 8px; font-size: 14px; }
  footer { margin-top: 28px; color: var(--muted); font-size: 13px; }
  footer a { color: #8ab4f8; }
  @media (max-width: 480px) { .entry { grid-template-columns: 48px 1fr; } .icon { width: 48px; height: 48px; }
    .count { grid-column: 2; } .motd { grid-column: 1 / 3; } }
</style>
</head>
<body>
<main>
${banner}
<section class="entry" aria-label="Server">
  <img class="icon" src="${escapeHtml(view.favicon ?? PLACEHOLDER_ICON)}" width="64" height="64" alt="Server icon">
  <h1>${escapeHtml(host)}</h1>
  <div class="count" data-testid="players">${players}</div>
  <div class="motd" data-testid="motd">${view.motd?.html ?? ""}</div>
</section>
<span class="pill ${view.state}" data-testid="state">${STATE_LABEL[view.state]}</span>
${offlineNote}
<dl>
  ${fact("Players", `${players}${staleNote}`, "players-fact")}
  ${fact("Version", view.version ? escapeHtml(view.version.name) : "–", "version")}
  ${fact("Latency", view.latencyMs === null ? "–" : `${view.latencyMs} ms${staleNote}`, "latency")}
  ${fact("Uptime (24 h)", view.uptime24h === null ? "–" : `${view.uptime24h.toFixed(2)} %`, "uptime")}
  ${fact("Checked", `<time datetime="${escapeHtml(view.checkedAt ?? "")}">${ago(view.checkedAt, nowMs)}</time>`, "checked")}
</dl>
${sample.length > 0 ? `<ul class="sample" aria-label="Players online">${sample.map((player) => `<li>${escapeHtml(player.name)}</li>`).join("")}</ul>` : ""}
<footer>Updated every minute from the edge · <a href="/api/status">JSON</a> · <a href="/badge.svg">badge</a></footer>
</main>
</body>
</html>
`;
}

export function statusPage(view: StatusView, nowMs: number): Response {
  return new Response(renderStatusPage(view, nowMs), {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "public, max-age=30",
      "content-security-policy": PAGE_CSP,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  });
}
