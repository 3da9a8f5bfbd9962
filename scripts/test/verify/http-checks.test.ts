import { createHash, randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { adminAuthCheck } from "../../src/verify/checks/admin-auth.ts";
import { edgeStatusCheck } from "../../src/verify/checks/edge-status.ts";
import { ingressHealthChecks } from "../../src/verify/checks/ingress-health.ts";
import { resourcePackCheck } from "../../src/verify/checks/resource-pack.ts";
import { type Running, startHttpStandIn } from "./loopback.ts";

// Loopback node:http stand-ins exercise the checks' own HTTP logic. They are not the health agent or
// the Workers: each answers exactly what one case needs, including the wrong answers a check must catch.

const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});
async function standIn(handler: Parameters<typeof startHttpStandIn>[0]): Promise<string> {
  const server = await startHttpStandIn(handler);
  running.push(server);
  return server.url;
}
const signal = () => AbortSignal.timeout(10_000);

// The real health agent is exercised in ingress-health.test.ts; these cover what it never does.
describe("the ingress /health checks", () => {
  const SECRET = "gateway-secret-for-tests";

  it("fail the no-secret row when the endpoint answers anyone", async () => {
    const url = await standIn((_request, response) => void response.end("ok"));
    const [withSecret, withoutSecret] = ingressHealthChecks(
      [{ name: "n", healthUrl: `${url}/health` }],
      SECRET,
    );
    expect((await withSecret!.run(signal())).status).toBe("pass");
    expect(await withoutSecret!.run(signal())).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/got 200/),
    });
  });

  it("skip the secret row when no secret is at hand", async () => {
    const url = await standIn((_request, response) => void response.writeHead(403).end());
    const [withSecret] = ingressHealthChecks([{ name: "n", healthUrl: `${url}/health` }]);
    expect(await withSecret!.run(signal())).toEqual({ status: "skip", detail: "GATEWAY_SECRET is not set" });
  });
});

describe("the resource pack check", () => {
  const pack = Buffer.concat([Buffer.from("PK\u0003\u0004"), randomBytes(300_000)]);
  const sha1 = createHash("sha1").update(pack).digest("hex");
  const packStandIn = (latest: (base: string) => unknown, bytes = pack) =>
    standIn((request, response, base) => {
      if (request.url === "/api/pack/latest") {
        response.setHeader("content-type", "application/json");
        return void response.end(JSON.stringify(latest(base)));
      }
      if (request.url === `/packs/${sha1}.zip`) return void response.end(bytes);
      response.writeHead(404).end();
    });
  const good = (base: string) => ({
    sha1,
    size: pack.length,
    url: `${base}/packs/${sha1}.zip`,
    id: randomUUID(),
    uploadedAt: "2025-11-20T10:00:00.000Z",
  });

  it("passes when the downloaded bytes hash to the advertised SHA-1", async () => {
    const url = await packStandIn(good);
    expect(await resourcePackCheck(url).run(signal())).toEqual({
      status: "pass",
      detail: `${sha1.slice(0, 12)}…, ${pack.length} bytes`,
    });
  });

  it("fails when the bytes do not match the advertised hash", async () => {
    const corrupt = Buffer.from(pack);
    corrupt[1000] = (corrupt[1000]! + 1) % 256;
    const url = await packStandIn(good, corrupt);
    const outcome = await resourcePackCheck(url).run(signal());
    expect(outcome.status).toBe("fail");
    expect(outcome.detail).toMatch(new RegExp(`latest advertises ${sha1}`));
  });

  it("names the field when latest is malformed", async () => {
    const url = await packStandIn((base) => ({ ...good(base), sha1: "not-a-hash" }));
    expect(await resourcePackCheck(url).run(signal())).toEqual({
      status: "fail",
      detail: "latest: sha1 must be 40 lower-case hex digits",
    });
  });

  it("fails clearly before the first pack is published", async () => {
    const url = await standIn(
      (_request, response) => void response.writeHead(404).end('{"error":"no pack"}'),
    );
    expect((await resourcePackCheck(url).run(signal())).detail).toMatch(/404: no pack has been published/);
  });
});

describe("the status check", () => {
  const NOW = Date.parse("2025-11-20T12:00:00Z");
  const statusStandIn = (body: unknown) =>
    standIn((_request, response) => void response.end(JSON.stringify(body)));

  it("passes for a fresh online status", async () => {
    const url = await statusStandIn({
      online: true,
      checkedAt: "2025-11-20T11:59:20Z",
      players: { online: 3 },
    });
    expect(await edgeStatusCheck(url, () => NOW).run(signal())).toEqual({
      status: "pass",
      detail: "online, checked 40 s ago",
    });
  });

  it("fails a status older than 3 minutes: the cron has stopped", async () => {
    const url = await statusStandIn({ online: true, checkedAt: "2025-11-20T11:56:00Z" });
    expect((await edgeStatusCheck(url, () => NOW).run(signal())).detail).toMatch(
      /240 s ago: the status cron/,
    );
  });

  it("fails when the network is reported offline", async () => {
    const url = await statusStandIn({ online: false, checkedAt: "2025-11-20T11:59:50Z" });
    expect((await edgeStatusCheck(url, () => NOW).run(signal())).detail).toBe(
      "reports offline (checked 10 s ago)",
    );
  });

  it("fails when checkedAt is not an ISO timestamp", async () => {
    const url = await statusStandIn({ online: true, checkedAt: "yesterday" });
    expect((await edgeStatusCheck(url, () => NOW).run(signal())).detail).toMatch(/^status: checkedAt /);
  });
});

describe("the admin endpoint checks", () => {
  it("pass on 401 and send no credentials", async () => {
    let authorization: string | undefined = "unset";
    const url = await standIn((request, response) => {
      authorization = request.headers.authorization;
      response.writeHead(request.method === "PUT" ? 401 : 405).end();
    });
    const check = adminAuthCheck("status", "PUT", `${url}/api/config`);
    expect(check.name).toBe("status: PUT /api/config without token → 401");
    expect((await check.run(signal())).status).toBe("pass");
    expect(authorization).toBeUndefined();
  });

  it("fail when the endpoint accepts the request or complains about the body first", async () => {
    for (const code of [200, 403, 411]) {
      const url = await standIn((_request, response) => void response.writeHead(code).end());
      expect(await adminAuthCheck("resource pack", "PUT", `${url}/api/pack`).run(signal())).toEqual({
        status: "fail",
        detail: `expected 401, got ${code}`,
      });
    }
  });
});
