import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GATEWAY_SECRET_HEADER } from "@mc-infra/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Running, type RunningMinecraft, startHttpStandIn, startMinecraftServer } from "./loopback.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const CLI = join(ROOT, "scripts/src/verify/cli.ts");

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("pnpm verify against loopback stand-ins and a real Minecraft server", () => {
  const SECRET = "cli-test-gateway-secret";
  const pack = Buffer.from("PK\u0003\u0004 a tiny pack");
  const sha1 = createHash("sha1").update(pack).digest("hex");
  let minecraft: RunningMinecraft;
  let origins: Running;
  let online = true;
  let home: string;

  beforeAll(async () => {
    minecraft = await startMinecraftServer({ motd: "cli stand-in", maxPlayers: 10 });
    // One loopback HTTP stand-in answers for the health agents and both Workers' routes.
    origins = await startHttpStandIn((request, response, base) => {
      const route = `${request.method} ${request.url}`;
      if (route === "GET /health") {
        const allowed = request.headers[GATEWAY_SECRET_HEADER.toLowerCase()] === SECRET;
        return void response.writeHead(allowed ? 200 : 403).end(allowed ? "ok" : "forbidden");
      }
      if (route === "GET /api/pack/latest") {
        const latest = {
          sha1,
          size: pack.length,
          url: `${base}/packs/${sha1}.zip`,
          id: randomUUID(),
          uploadedAt: new Date().toISOString(),
        };
        return void response.end(JSON.stringify(latest));
      }
      if (route === `GET /packs/${sha1}.zip`) return void response.end(pack);
      if (route === "PUT /api/pack" || route === "PUT /api/config") return void response.writeHead(401).end();
      if (route === "GET /api/status") {
        return void response.end(JSON.stringify({ online, checkedAt: new Date().toISOString() }));
      }
      response.writeHead(404).end();
    });
    home = mkdtempSync(join(tmpdir(), "verify-cli-home-"));
  });

  afterAll(async () => {
    await minecraft.close();
    await origins.close();
    rmSync(home, { recursive: true, force: true });
  });

  const env = () => ({
    HOME: home,
    GATEWAY_SECRET: SECRET,
    VERIFY_MINECRAFT_ADDRESS: `${minecraft.host}:${minecraft.port}`,
    VERIFY_INGRESS_HEALTH_URLS: `primary=${origins.url}/health,standby=${origins.url}/health`,
    VERIFY_RESOURCE_PACK_URL: origins.url,
    VERIFY_STATUS_URL: origins.url,
  });

  it("prints a row per check and exits 0 when everything holds (ArgoCD skipped without a kubeconfig)", async () => {
    online = true;
    const result = await runCli([], env());
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^✓ {2}Server List Ping 127\.0\.0\.1:\d+ .* 1\.21\.4, 0\/10 players/m);
    expect(result.stdout).toMatch(/^✓ {2}ingress standby \/health without secret → 403 /m);
    expect(result.stdout).toMatch(/^– {2}ArgoCD applications Synced and Healthy .* no kubeconfig/m);
    expect(result.stdout).toContain("verify: 9 passed, 0 failed, 1 skipped");
    expect(result.code).toBe(0);
  });

  it("exits 1 when one check fails, and says which", async () => {
    online = false;
    const result = await runCli([], env());
    expect(result.stdout).toMatch(/^✗ {2}status: \/api\/status fresh and online .* reports offline/m);
    expect(result.stdout).toContain("verify: 8 passed, 1 failed, 1 skipped");
    expect(result.code).toBe(1);
  });

  it("runs only the matching checks with --only, and refuses a bad option with the usage", async () => {
    const only = await runCli(["--only", "resource pack"], env());
    expect(only.stdout).toContain("verify: 2 passed, 0 failed, 0 skipped");
    const bad = await runCli(["--timeout", "soon"], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--timeout must be a positive number of seconds");
    expect(bad.stderr).toContain("Usage: pnpm verify");
  });
});
