import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { GATEWAY_SECRET_HEADER } from "@mc-infra/config";
// The one entry point we use: the package index drags in LAN scan, Bedrock and vote code (~200 KB) too.
import { status } from "minecraft-server-util/dist/status.js";
import { gatewaySecretMatches } from "./gateway-secret.ts";

export interface HealthAgentOptions {
  /** The secret the load balancer's monitor sends in `X-Gateway-Secret`. */
  readonly gatewaySecret: string;
  /**
   * Where the Server List Ping goes: the node's own HAProxy frontend, so the check crosses HAProxy,
   * `cloudflared access tcp`, the Tunnel and Velocity exactly as a player's connection does.
   */
  readonly target: { readonly host: string; readonly port: number };
  /**
   * Deadline of one Server List Ping.
   * @default 3000
   */
  readonly pingTimeoutMs?: number;
  /**
   * How long one ping's result answers further requests. Monitors probe from many regions at once;
   * this bounds the pings a burst of probes causes to one per window.
   * @default 2000
   */
  readonly resultTtlMs?: number;
  /** Serve HTTPS with this certificate (self-signed is fine: the monitor runs with allow_insecure). */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Told when health changes, for the journal. */
  readonly onChange?: (healthy: boolean, detail: string) => void;
}

interface PingResult {
  readonly healthy: boolean;
  readonly detail: string;
  readonly at: number;
}

/** The agent the Cloudflare load balancer monitors: `GET /health` → 200 `ok` only when the relay answers a ping. */
export function createHealthAgent(options: HealthAgentOptions): Server {
  const timeout = options.pingTimeoutMs ?? 3000;
  const ttl = options.resultTtlMs ?? 2000;
  let last: PingResult | undefined;
  let inFlight: Promise<PingResult> | undefined;

  const ping = async (): Promise<PingResult> => {
    try {
      const response = await status(options.target.host, options.target.port, { timeout, enableSRV: false });
      return {
        healthy: true,
        detail: `${response.players.online} players, ${response.version.name}`,
        at: Date.now(),
      };
    } catch (error) {
      return { healthy: false, detail: (error as Error).message, at: Date.now() };
    }
  };

  // Single flight: concurrent probes share one ping; a result younger than the TTL is reused.
  const check = async (): Promise<PingResult> => {
    if (last && Date.now() - last.at < ttl) return last;
    inFlight ??= ping().then((result) => {
      if (last?.healthy !== result.healthy) options.onChange?.(result.healthy, result.detail);
      last = result;
      inFlight = undefined;
      return result;
    });
    return inFlight;
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://agent").pathname;
    if (path !== "/health") return reply(response, 404, "not found");
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("Allow", "GET, HEAD");
      return reply(response, 405, "method not allowed");
    }
    // Refused before any ping: without the secret the agent can't be made to dial the relay.
    const presented = request.headers[GATEWAY_SECRET_HEADER.toLowerCase()];
    if (!gatewaySecretMatches(presented, options.gatewaySecret)) return reply(response, 403, "forbidden");
    check().then(
      (result) => reply(response, result.healthy ? 200 : 503, result.healthy ? "ok" : "unavailable"),
      () => reply(response, 503, "unavailable"),
    );
  };

  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handle)
    : createHttpServer(handle);
  // A monitor's request is tiny and quick; anything slower is a slowloris, not a monitor.
  server.headersTimeout = 5000;
  server.requestTimeout = 10_000;
  server.maxHeadersCount = 50;
  server.maxConnections = 256;
  return server;
}

function reply(response: ServerResponse, code: number, body: string): void {
  response.writeHead(code, {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(body),
  });
  response.end(body);
}
