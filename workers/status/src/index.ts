import { runCheck } from "./cron.ts";
import { CORS_HEADERS, methodNotAllowed, problem } from "./http.ts";
import { badge } from "./routes/badge.ts";
import { getConfig, putConfig } from "./routes/config-api.ts";
import { statusApi } from "./routes/status-api.ts";
import { statusPage } from "./routes/status-page.ts";
import { readSettings } from "./settings.ts";
import { currentStatusView, forgetStatusView } from "./status-view.ts";

const READ_METHODS = ["GET", "HEAD"] as const;

function isRead(request: Request): boolean {
  return request.method === "GET" || request.method === "HEAD";
}

export default {
  async fetch(request, env): Promise<Response> {
    const { pathname } = new URL(request.url);
    switch (pathname) {
      case "/api/status":
        if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
        if (!isRead(request)) return methodNotAllowed([...READ_METHODS, "OPTIONS"]);
        return statusApi(request, await currentStatusView(env.STATUS_KV, readSettings(env)));
      case "/":
        if (!isRead(request)) return methodNotAllowed(READ_METHODS);
        return statusPage(await currentStatusView(env.STATUS_KV, readSettings(env)), Date.now());
      case "/badge.svg":
        if (!isRead(request)) return methodNotAllowed(READ_METHODS);
        return badge(await currentStatusView(env.STATUS_KV, readSettings(env)));
      case "/api/config": {
        if (request.method === "GET") return getConfig(request, env);
        if (request.method !== "PUT") return methodNotAllowed(["GET", "PUT"]);
        const response = await putConfig(request, env);
        if (response.ok) forgetStatusView();
        return response;
      }
      case "/healthz":
        // Constant answer: liveness for monitors, and the baseline the status benchmark compares with.
        return new Response("ok\n", {
          headers: { "content-type": "text/plain", "cache-control": "no-store" },
        });
      default:
        return problem(404, `no route for ${pathname}`);
    }
  },

  async scheduled(controller, env): Promise<void> {
    const report = await runCheck(env.STATUS_KV, readSettings(env), controller.scheduledTime);
    forgetStatusView();
    // Heartbeats are routine; a first write, a change or an outage is worth a log line.
    if (report.wrote && report.wrote !== "heartbeat") {
      console.log(
        `status: ${report.online ? "online" : `offline (${report.error})`}, KV written (${report.wrote})`,
      );
    }
  },
} satisfies ExportedHandler<Env>;
