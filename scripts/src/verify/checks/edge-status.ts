import * as z from "zod";
import { type Check, fail, pass } from "../check.ts";
import { fetchText } from "../http.ts";

/** The status Worker's cron pings every minute; three minutes without a fresh result means the cron is stuck. */
export const MAX_STATUS_AGE_MS = 3 * 60_000;

const statusSchema = z.looseObject({
  online: z.boolean(),
  checkedAt: z.iso.datetime({ offset: true }),
});

/** `GET /api/status` is fresh (checked under 3 minutes ago) and reports the network online. */
export function edgeStatusCheck(baseUrl: string, now: () => number = Date.now): Check {
  return {
    name: "status: /api/status fresh and online",
    run: async (signal) => {
      const url = new URL("/api/status", baseUrl).href;
      const response = await fetchText(url, { signal, headers: { accept: "application/json" } });
      if (response.status !== 200) return fail(`GET ${url} → ${response.status}`);
      let body: unknown;
      try {
        body = JSON.parse(response.text);
      } catch {
        return fail(`GET ${url}: body is not JSON`);
      }
      const parsed = statusSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return fail(`status: ${issue.path.join(".") || "(body)"} ${issue.message}`);
      }
      const ageMs = now() - Date.parse(parsed.data.checkedAt);
      const age = `${Math.round(ageMs / 1000)} s ago`;
      if (ageMs > MAX_STATUS_AGE_MS) return fail(`last checked ${age}: the status cron is not running`);
      if (!parsed.data.online) return fail(`reports offline (checked ${age})`);
      return pass(`online, checked ${age}`);
    },
  };
}
