import { isAdmin } from "../auth.ts";
import { json, problem } from "../http.ts";
import { applyConfigUpdate, remoteConfigUpdateSchema } from "../remote-config.ts";
import { readRemoteConfig, writeRemoteConfig } from "../store.ts";

/** Bodies are a few hundred bytes; anything near this is not a config. */
const MAX_BODY_BYTES = 8 * 1024;

function unauthorized(): Response {
  const response = problem(401, "admin token required: Authorization: Bearer <ADMIN_TOKEN>");
  response.headers.set("www-authenticate", 'Bearer realm="status-admin"');
  return response;
}

/** `GET /api/config`: the remote config, for admins. */
export async function getConfig(request: Request, env: Env): Promise<Response> {
  if (!(await isAdmin(request, env.ADMIN_TOKEN))) return unauthorized();
  return json(await readRemoteConfig(env.STATUS_KV), { headers: { "cache-control": "no-store" } });
}

/**
 * `PUT /api/config`: sets the fields the body names (`maintenance`, `customMotd`), keeps the rest,
 * and answers with the whole config. A body that does not fit the schema is refused with the field.
 */
export async function putConfig(request: Request, env: Env): Promise<Response> {
  if (!(await isAdmin(request, env.ADMIN_TOKEN))) return unauthorized();
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return problem(413, `body over ${MAX_BODY_BYTES} bytes`);
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return problem(413, `body over ${MAX_BODY_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return problem(400, "body is not JSON");
  }
  const parsed = remoteConfigUpdateSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const paths =
        issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      return { field: paths.map((path) => path.join(".") || "(body)").join(", "), message: issue.message };
    });
    return problem(400, issues.map((issue) => `${issue.field}: ${issue.message}`).join("; "), { issues });
  }
  const next = applyConfigUpdate(await readRemoteConfig(env.STATUS_KV), parsed.data);
  await writeRemoteConfig(env.STATUS_KV, next);
  return json(next, { headers: { "cache-control": "no-store" } });
}
