import type { PingResult } from "@mc-infra/slp";
import { describe, expect, it } from "vitest";
import {
  applyCheck,
  CHANGE_WRITE_GAP_MINUTES,
  type CheckOutcome,
  DAILY_WRITE_CAP,
  prepareWrite,
  type StatusRecord,
  writeReason,
} from "../src/status-record.ts";
import { emptyHistory, recordMinute, uptimePercent } from "../src/uptime.ts";

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 1, 12, 0);
const HEARTBEAT = 15;

function up(players = 3): CheckOutcome {
  const result: PingResult = {
    version: { name: "Velocity 3.4.0", protocol: 769 },
    players: { online: players, max: 100, sample: [] },
    motd: { raw: "§aHi", clean: "Hi", html: "" },
    favicon: null,
    latencyMs: 12.4,
  };
  return { ok: true, result };
}
const down: CheckOutcome = { ok: false, error: "timeout", message: "no answer" };

function written(previous: StatusRecord | null, outcome: CheckOutcome, now: number): StatusRecord {
  return prepareWrite(previous, applyCheck(previous, outcome, now), now, HEARTBEAT);
}

describe("when the cron writes KV", () => {
  it("writes the first check, then nothing while a stable server stays the same", () => {
    expect(writeReason(null, applyCheck(null, up(), T0), T0, HEARTBEAT)).toBe("first");
    const stored = written(null, up(), T0);
    for (let minute = 1; minute < HEARTBEAT; minute++) {
      const now = T0 + minute * MINUTE;
      expect(writeReason(stored, applyCheck(stored, up(), now), now, HEARTBEAT)).toBeNull();
    }
    const heartbeat = T0 + HEARTBEAT * MINUTE;
    expect(writeReason(stored, applyCheck(stored, up(), heartbeat), heartbeat, HEARTBEAT)).toBe("heartbeat");
  });

  it("writes at once when the server goes down or comes back", () => {
    const stored = written(null, up(), T0);
    expect(writeReason(stored, applyCheck(stored, down, T0 + MINUTE), T0 + MINUTE, HEARTBEAT)).toBe(
      "online-changed",
    );
  });

  it("coalesces player-count changes to one write per few minutes", () => {
    const stored = written(null, up(3), T0);
    const soon = T0 + MINUTE;
    expect(writeReason(stored, applyCheck(stored, up(4), soon), soon, HEARTBEAT)).toBeNull();
    const later = T0 + CHANGE_WRITE_GAP_MINUTES * MINUTE;
    expect(writeReason(stored, applyCheck(stored, up(4), later), later, HEARTBEAT)).toBe("changed");
  });

  it("stops writing anything but heartbeats once the daily cap is reached", () => {
    const stored: StatusRecord = {
      ...written(null, up(), T0),
      writes: { day: "2026-11-01", count: DAILY_WRITE_CAP },
    };
    const now = T0 + MINUTE;
    expect(writeReason(stored, applyCheck(stored, down, now), now, HEARTBEAT)).toBeNull();
  });

  it("keeps the last good server data after a failed check", () => {
    const stored = written(null, up(7), T0);
    const failed = applyCheck(stored, down, T0 + MINUTE);
    expect(failed).toMatchObject({
      online: false,
      error: "timeout",
      players: { online: 7 },
      lastOnlineAt: stored.checkedAt,
    });
  });
});

describe("the 24-hour uptime history", () => {
  const minute0 = Math.floor(T0 / MINUTE);

  it("counts minutes carried between writes as the state last written", () => {
    let history = recordMinute(emptyHistory(), minute0, true, true, 16);
    history = recordMinute(history, minute0 + 15, false, true, 16);
    // 15 minutes up (the first and 14 carried), then one down.
    expect(uptimePercent(history, minute0 + 15)).toBe(93.75);
  });

  it("leaves minutes unobserved when the cron was silent longer than a heartbeat", () => {
    let history = recordMinute(emptyHistory(), minute0, false, false, 16);
    history = recordMinute(history, minute0 + 100, true, false, 16);
    // 1 + 16 carried down minutes, then 1 up; the 83 minutes between are unknown.
    expect(uptimePercent(history, minute0 + 100)).toBe(Math.round((1 / 18) * 10_000) / 100);
  });

  it("forgets minutes older than a day", () => {
    let history = recordMinute(emptyHistory(), minute0, false, false, 16);
    history = recordMinute(history, minute0 + 1500, true, false, 16);
    expect(uptimePercent(history, minute0 + 1500)).toBe(100);
  });

  it("fits in 480 characters of the stored record", () => {
    const history = recordMinute(emptyHistory(), minute0, true, true, 16);
    expect(history.observed.length + history.online.length).toBe(480);
  });
});
