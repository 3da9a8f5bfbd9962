import worker from "../src/index.ts";

/**
 * The resource-pack Worker plus one route the benchmark compares it with: the same body streamed
 * into R2 by a plain `put`, unhashed. Only ever bundled by local/local-worker.ts, never deployed.
 */
export default {
  async fetch(request, env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/__bench/plain-put" && request.method === "PUT" && request.body) {
      await env.PACKS.put(`bench/${crypto.randomUUID()}.zip`, request.body);
      return new Response(null, { status: 204 });
    }
    return worker.fetch(request, env);
  },
} satisfies ExportedHandler<Env>;
