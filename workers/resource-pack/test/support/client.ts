import { exports } from "cloudflare:workers";
import { ADMIN_TOKEN, ORIGIN } from "./sizes.ts";

/** Calls the Worker under test the way the edge would. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

export function asAdmin(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${ADMIN_TOKEN}`);
  return { ...init, headers };
}

/** A body of known length (so it carries Content-Length), fed from `source` as the Worker reads it. */
export function sized(source: ReadableStream<Uint8Array>, size: number): ReadableStream<Uint8Array> {
  const { readable, writable } = new FixedLengthStream(size);
  source.pipeTo(writable).catch(() => undefined);
  return readable;
}
