import { env } from "cloudflare:workers";
import type { HostileBehaviour } from "@mc-infra/slp/testing";
import { HOSTILE_PEER_ERRORS } from "@mc-infra/slp/testing/hostile-peer-errors";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { SERVER_FIXTURE } from "./fixtures.ts";
import { countingPuts, freshState, getStatus, MINUTE, minuteAt, runCron, storedRecord } from "./helpers.ts";

beforeEach(freshState);

describe("the cron against a real Minecraft server", () => {
  it("stores what minecraft-server-util reads from the same server", async () => {
    const reference = inject("reference");
    const scheduledTime = minuteAt(Date.now());
    await runCron(scheduledTime);

    const record = await storedRecord();
    expect(record).not.toBeNull();
    expect(record!.online).toBe(true);
    expect(record!.error).toBeNull();
    expect(record!.version).toEqual(reference.version);
    expect(record!.players).toEqual(reference.players);
    expect(record!.players?.online).toBe(SERVER_FIXTURE.onlinePlayers);
    expect(record!.players?.max).toBe(SERVER_FIXTURE.maxPlayers);
    expect(record!.motd?.raw).toBe(reference.motd.raw);
    expect(record!.motd?.clean).toBe(reference.motd.clean);
    expect(record!.motd?.clean).toBe("CraftNet — Survival & Creative");
    expect(record!.favicon).toBe(reference.favicon);
    expect(record!.favicon).toMatch(/^data:image\/png;base64,/);
    expect(record!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(record!.checkedAt).toBe(new Date(scheduledTime).toISOString());
    expect(record!.lastOnlineAt).toBe(record!.checkedAt);
  });

  it("reports a stopped server offline and stale, keeping its last good data", async () => {
    const stoppable = inject("stoppable");
    const target = { STATUS_TARGET: `${stoppable.host}:${stoppable.port}` };
    const control = inject("controlUrl");
    const upAt = minuteAt(Date.now()) - 2 * MINUTE;
    await runCron(upAt, target);
    const before = await storedRecord();
    expect(before?.online).toBe(true);

    expect((await fetch(`${control}/stoppable/stop`, { method: "POST" })).status).toBe(204);
    try {
      await runCron(upAt + MINUTE, target);
      const after = await storedRecord();
      expect(after?.online).toBe(false);
      expect(after?.error).toBe("connect");
      expect(after?.lastOnlineAt).toBe(new Date(upAt).toISOString());
      expect(after?.players).toEqual(before?.players);
      expect(after?.motd).toEqual(before?.motd);
      expect(after?.version).toEqual(before?.version);
      expect(after?.favicon).toBe(before?.favicon);

      const view = await getStatus(target);
      expect(view).toMatchObject({ online: false, state: "offline", stale: true, error: "connect" });
      expect(view.players).toEqual({ online: 1, max: 5, sample: [] });
      expect(view.motd?.clean).toBe("Stoppable");
      expect(view.uptime24h).toBe(50);
    } finally {
      await fetch(`${control}/stoppable/start`, { method: "POST" });
    }
    await runCron(upAt + 2 * MINUTE, target);
    expect(await getStatus(target)).toMatchObject({ online: true, stale: false, error: null });
  });
});

describe("the cron against hostile peers", () => {
  const deadlineMs = Number(env.PING_TIMEOUT_MS);

  it.each(Object.keys(HOSTILE_PEER_ERRORS) as HostileBehaviour[])(
    "a peer that %s ends within the deadline as offline with its error class",
    async (behaviour) => {
      const port = inject("hostilePorts")[behaviour];
      const started = Date.now();
      await runCron(minuteAt(started), { STATUS_TARGET: `127.0.0.1:${port}` });
      expect(Date.now() - started).toBeLessThan(deadlineMs + 1_500);
      const record = await storedRecord();
      expect(record).toMatchObject({ online: false, error: HOSTILE_PEER_ERRORS[behaviour] });
    },
    15_000,
  );
});

describe("the KV write budget", () => {
  it("stays under 200 writes over a day of minutely checks of a stable server", async () => {
    const { kv, puts } = countingPuts(env.STATUS_KV);
    const start = minuteAt(Date.now()) - 1440 * MINUTE;
    for (let minute = 0; minute < 1440; minute++) {
      await runCron(start + minute * MINUTE, { STATUS_KV: kv });
    }
    // One first write, then a heartbeat every HEARTBEAT_MINUTES (15): 96 a day.
    expect(puts()).toBeLessThanOrEqual(200);
    expect(puts()).toBe(1 + Math.floor(1439 / Number(env.HEARTBEAT_MINUTES)));
    const view = await getStatus();
    expect(view.uptime24h).toBe(100);
    expect(view.stale).toBe(false);
  }, 180_000);
});
