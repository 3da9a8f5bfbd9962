import { beforeEach, describe, expect, it } from "vitest";
import { SERVER_FIXTURE } from "./fixtures.ts";
import { freshState, getStatus, MINUTE, minuteAt, request, runCron } from "./helpers.ts";

beforeEach(freshState);

describe("GET /api/status", () => {
  it("answers JSON that any site may fetch and cache for 30 seconds", async () => {
    await runCron(minuteAt(Date.now()));
    const response = await request("/api/status");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=30");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = await response.json<Record<string, unknown>>();
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining([
        "online",
        "players",
        "version",
        "motd",
        "favicon",
        "latencyMs",
        "checkedAt",
        "lastOnlineAt",
        "maintenance",
        "uptime24h",
        "stale",
      ]),
    );
    expect(body).toMatchObject({
      online: true,
      state: "online",
      stale: false,
      players: { online: SERVER_FIXTURE.onlinePlayers, max: SERVER_FIXTURE.maxPlayers },
      maintenance: { enabled: false, message: "" },
      uptime24h: 100,
    });
  });

  it("revalidates with its ETag and changes the tag when the status changes", async () => {
    const first = minuteAt(Date.now()) - MINUTE;
    await runCron(first);
    const response = await request("/api/status");
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const revalidated = await request("/api/status", { headers: { "if-none-match": etag! } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("etag")).toBe(etag);
    expect(await revalidated.text()).toBe("");

    await runCron(first + MINUTE);
    const changed = await request("/api/status", { headers: { "if-none-match": etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("answers HEAD with the headers and no body", async () => {
    await runCron(minuteAt(Date.now()));
    const response = await request("/api/status", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await response.text()).toBe("");
  });

  it("answers a CORS preflight and refuses writes", async () => {
    const preflight = await request("/api/status", { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect((await request("/api/status", { method: "POST" })).status).toBe(405);
  });

  it("says unknown and stale before the first check", async () => {
    expect(await getStatus()).toMatchObject({
      state: "unknown",
      online: false,
      stale: true,
      checkedAt: null,
    });
  });

  it("serves every minute's check from the cache while KV waits for its heartbeat", async () => {
    const start = minuteAt(Date.now()) - 3 * MINUTE;
    for (let minute = 0; minute < 3; minute++) await runCron(start + minute * MINUTE);
    const view = await getStatus();
    expect(view.checkedAt).toBe(new Date(start + 2 * MINUTE).toISOString());
  });

  it("marks the status stale when the cron has not written for longer than a heartbeat", async () => {
    await runCron(minuteAt(Date.now()) - 30 * MINUTE);
    const view = await getStatus();
    expect(view).toMatchObject({ online: true, stale: true });
  });
});

describe("GET /", () => {
  it("renders the server as the client's list does, safe to embed", async () => {
    await runCron(minuteAt(Date.now()));
    const response = await request("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<img class="icon" src="data:image/png;base64,');
    expect(html).toContain('<span style="color:#FFAA00;font-weight:bold">Craft</span>');
    expect(html).toContain(`>${SERVER_FIXTURE.onlinePlayers}/${SERVER_FIXTURE.maxPlayers}<`);
    expect(html).toContain(">1.21.4<");
    expect(html).toContain("100.00 %");
    expect(html).not.toContain('data-testid="maintenance"');
  });
});

describe("GET /badge.svg", () => {
  it("shows players online out of max", async () => {
    await runCron(minuteAt(Date.now()));
    const response = await request("/badge.svg");
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    const svg = await response.text();
    expect(svg).toContain("<title>players: 12/100</title>");
    expect(svg).toContain('fill="#4c1"');
  });

  it("shows offline when the server does not answer", async () => {
    await runCron(minuteAt(Date.now()), { STATUS_TARGET: "127.0.0.1:1" });
    expect(await (await request("/badge.svg")).text()).toContain("<title>status: offline</title>");
  });
});

describe("routing", () => {
  it("answers unknown paths with 404 and /healthz with a constant", async () => {
    expect((await request("/nope")).status).toBe(404);
    const health = await request("/healthz");
    expect(await health.text()).toBe("ok\n");
  });
});
