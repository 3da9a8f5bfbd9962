import { isAdmin } from "./auth.ts";
import { CORS_HEADERS, methodNotAllowed, problem } from "./http.ts";
import { PackError } from "./pack-error.ts";
import { servePack } from "./routes/download.ts";
import { latestPack, packHistory, rollbackPack } from "./routes/index-routes.ts";
import { registerPack } from "./routes/register.ts";
import { uploadPack } from "./routes/upload.ts";

const PACK_PATH = /^\/packs\/([0-9a-f]{40})\.zip$/;

export default {
  async fetch(request, env): Promise<Response> {
    try {
      return await route(request, env);
    } catch (error) {
      if (error instanceof PackError) return problem(error.status, error.message);
      console.error("resource-pack: unhandled error", error);
      return problem(500, "internal error");
    }
  },
} satisfies ExportedHandler<Env>;

async function route(request: Request, env: Env): Promise<Response> {
  const { pathname } = new URL(request.url);
  const method = request.method;
  if (method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });

  const pack = PACK_PATH.exec(pathname);
  if (pack) {
    if (method !== "GET" && method !== "HEAD") return methodNotAllowed(["GET", "HEAD"]);
    return servePack(request, env, pack[1]!, caches.default);
  }

  switch (pathname) {
    case "/api/pack/latest":
      if (method !== "GET" && method !== "HEAD") return methodNotAllowed(["GET", "HEAD"]);
      return latestPack(env);
    case "/api/pack":
      return admin(request, env, "PUT", () => uploadPack(request, env));
    case "/api/pack/register":
      return admin(request, env, "POST", () => registerPack(request, env));
    case "/api/pack/rollback":
      return admin(request, env, "POST", () => rollbackPack(env));
    case "/api/pack/history":
      return admin(request, env, "GET", () => packHistory(env));
    default:
      return problem(404, `no route ${method} ${pathname}`);
  }
}

async function admin(
  request: Request,
  env: Env,
  method: string,
  handler: () => Promise<Response>,
): Promise<Response> {
  if (request.method !== method) return methodNotAllowed([method]);
  if (!(await isAdmin(request, env.ADMIN_TOKEN))) {
    // Drain nothing: an unauthenticated 250 MiB body is refused before a byte of it is read.
    return problem(401, "admin route: send Authorization: Bearer <ADMIN_TOKEN>", {
      "WWW-Authenticate": 'Bearer realm="resource-pack"',
    });
  }
  return handler();
}
