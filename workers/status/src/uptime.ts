/**
 * The last 24 hours as two 1,440-bit rings, one bit per minute: was the minute observed, and was
 * the server up. 360 bytes in all, kept inside the status record, so history costs no extra KV
 * writes: the cron only advances it when it writes anyway.
 */
export const MINUTES_PER_DAY = 1440;
const BYTES = MINUTES_PER_DAY / 8;

export interface UptimeHistory {
  /** Epoch minute of the newest bit. */
  readonly lastMinute: number;
  /** base64 of 180 bytes; bit `minute % 1440`. */
  readonly observed: string;
  readonly online: string;
}

export function emptyHistory(): UptimeHistory {
  const zeros = encode(new Uint8Array(BYTES));
  return { lastMinute: 0, observed: zeros, online: zeros };
}

/**
 * Records `minute` as up or down. Minutes since the previous record are filled with `carried`
 * (the state the cron last wrote: any change of it would have been written at once), but only for
 * `fillLimit` minutes, the longest the cron may run without writing; beyond that it did not run,
 * and those minutes stay unobserved.
 */
export function recordMinute(
  history: UptimeHistory,
  minute: number,
  online: boolean,
  carried: boolean,
  fillLimit: number,
): UptimeHistory {
  if (minute < history.lastMinute) return history;
  const observed = decode(history.observed);
  const up = decode(history.online);
  // Only the last day matters: an older gap's bits are about to be overwritten anyway.
  for (
    let filled = Math.max(history.lastMinute + 1, minute - MINUTES_PER_DAY + 1);
    filled < minute;
    filled++
  ) {
    const known = history.lastMinute !== 0 && filled - history.lastMinute <= fillLimit;
    set(observed, filled, known);
    set(up, filled, known && carried);
  }
  set(observed, minute, true);
  set(up, minute, online);
  return { lastMinute: minute, observed: encode(observed), online: encode(up) };
}

/** Percentage of observed minutes in the 24 hours up to `nowMinute` that were up; null before any. */
export function uptimePercent(history: UptimeHistory, nowMinute: number): number | null {
  const observed = decode(history.observed);
  const up = decode(history.online);
  let seen = 0;
  let upCount = 0;
  const oldest = Math.max(nowMinute - MINUTES_PER_DAY + 1, history.lastMinute - MINUTES_PER_DAY + 1);
  for (let minute = oldest; minute <= Math.min(history.lastMinute, nowMinute); minute++) {
    if (!get(observed, minute)) continue;
    seen++;
    if (get(up, minute)) upCount++;
  }
  return seen === 0 ? null : Math.round((upCount / seen) * 10_000) / 100;
}

function set(bits: Uint8Array, minute: number, value: boolean): void {
  const index = ((minute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const mask = 1 << (index % 8);
  bits[index >> 3] = value ? bits[index >> 3]! | mask : bits[index >> 3]! & ~mask;
}

function get(bits: Uint8Array, minute: number): boolean {
  const index = ((minute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return (bits[index >> 3]! & (1 << (index % 8))) !== 0;
}

function encode(bits: Uint8Array): string {
  return btoa(String.fromCharCode(...bits));
}

function decode(text: string): Uint8Array {
  const binary = atob(text);
  const bits = new Uint8Array(BYTES);
  for (let index = 0; index < Math.min(binary.length, BYTES); index++) bits[index] = binary.charCodeAt(index);
  return bits;
}
