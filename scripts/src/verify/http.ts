import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** Responses larger than this are refused: a verification check never buffers a whole pack. */
export const MAX_JSON_BYTES = 1024 * 1024;

export interface FetchedText {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** GET (or another method) and read at most `maxBytes` of the body as text. */
export async function fetchText(
  url: string,
  init: RequestInit & { signal: AbortSignal },
  maxBytes = MAX_JSON_BYTES,
): Promise<FetchedText> {
  const response = await fetch(url, { redirect: "follow", ...init });
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        await response.body.cancel().catch(() => {});
        throw new Error(`${url}: response larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  }
  return { status: response.status, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") };
}

/** GET a JSON document; throws with the status or the parse error in the message. */
export async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetchText(url, { signal, headers: { accept: "application/json" } });
  if (response.status !== 200) throw new Error(`GET ${url} → ${response.status}`);
  try {
    return JSON.parse(response.text);
  } catch {
    throw new Error(`GET ${url}: body is not JSON`);
  }
}

export interface Digest {
  readonly sha1: string;
  readonly bytes: number;
}

/** Streams a download through SHA-1 in constant memory, up to `maxBytes`. */
export async function sha1OfDownload(url: string, signal: AbortSignal, maxBytes: number): Promise<Digest> {
  const response = await fetch(url, { signal, redirect: "follow" });
  if (response.status !== 200 || !response.body) throw new Error(`GET ${url} → ${response.status}`);
  const hash = createHash("sha1");
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw new Error(`GET ${url}: more than ${maxBytes} bytes`);
    }
    hash.update(chunk);
  }
  return { sha1: hash.digest("hex"), bytes };
}

/**
 * GET without verifying the TLS certificate, for the ingress nodes' health agents: they serve a
 * self-signed certificate, which the load balancer's monitor accepts too (allow_insecure). Plain
 * http: URLs work as well. Reads at most `maxBytes`.
 */
export function getWithoutCertificateCheck(
  url: string,
  options: { signal: AbortSignal; headers?: Record<string, string> },
  maxBytes = MAX_JSON_BYTES,
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      { method: "GET", headers: options.headers ?? {}, signal: options.signal, rejectUnauthorized: false },
      (response) => {
        const chunks: Buffer[] = [];
        let total = 0;
        response.on("data", (chunk: Buffer) => {
          total += chunk.length;
          if (total > maxBytes) {
            response.destroy(new Error(`${url}: response larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("error", reject);
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    request.on("error", reject);
    request.end();
  });
}
