import { reset } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { bucketKeys, zipBytes } from "./support/bucket.ts";
import { call } from "./support/client.ts";
import { ADMIN_TOKEN } from "./support/sizes.ts";

const ADMIN_ROUTES = [
  { method: "PUT", path: "/api/pack", body: zipBytes("pack") },
  { method: "POST", path: "/api/pack/register", body: JSON.stringify({ key: "incoming/pack.zip" }) },
  { method: "POST", path: "/api/pack/rollback" },
  { method: "GET", path: "/api/pack/history" },
] as const;

const WRONG_CREDENTIALS: Record<string, Record<string, string>> = {
  "no Authorization header": {},
  "a wrong token of the same length": { Authorization: `Bearer ${"x".repeat(ADMIN_TOKEN.length)}` },
  "a prefix of the token": { Authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` },
  "the token in another scheme": { Authorization: `Basic ${ADMIN_TOKEN}` },
  "an empty bearer token": { Authorization: "Bearer " },
};

describe("admin routes", () => {
  beforeEach(() => reset());

  for (const route of ADMIN_ROUTES) {
    for (const [label, headers] of Object.entries(WRONG_CREDENTIALS)) {
      it(`refuse ${route.method} ${route.path} with 401 for ${label}`, async () => {
        const init: RequestInit = { method: route.method, headers };
        if ("body" in route) init.body = route.body;
        const response = await call(route.path, init);
        expect(response.status).toBe(401);
        expect(response.headers.get("WWW-Authenticate")).toContain("Bearer");
        expect(await response.json()).toEqual({ error: expect.stringContaining("ADMIN_TOKEN") });
      });
    }
  }

  it("store nothing when an upload is refused for its credentials", async () => {
    await call("/api/pack", { method: "PUT", body: zipBytes("sneaky") });
    expect(await bucketKeys()).toEqual([]);
  });

  it("accept the bearer token", async () => {
    const response = await call("/api/pack/history", { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ latest: null, history: [] });
  });
});
