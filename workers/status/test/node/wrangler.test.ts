import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { loadNetwork, PUBLIC_MINECRAFT_PORT, workerWiring } from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { WORKER_DIR } from "../../testing/index.ts";

const run = promisify(execFile);
const wranglerBin = join(
  dirname(createRequire(import.meta.url).resolve("wrangler/package.json")),
  "bin/wrangler.js",
);
const CONFIG_FILE = join(WORKER_DIR, "wrangler.jsonc");
const NETWORK_CONFIG = join(WORKER_DIR, "../../network.config.ts");

/** wrangler with no telemetry and no prompts: CI has no account and no network. */
function wrangler(...args: string[]) {
  return run(process.execPath, [wranglerBin, ...args], {
    cwd: WORKER_DIR,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
    maxBuffer: 16 * 1024 * 1024,
  });
}

describe("wrangler", () => {
  it("finds the committed worker-configuration.d.ts up to date with wrangler.jsonc", async () => {
    // The flags must match the cf-typegen script that generated the file.
    const { stdout, stderr } = await wrangler("types", "--strict-vars=false", "--check");
    expect(`${stdout}${stderr}`).not.toMatch(/out of date/i);
    const header = (await readFile(join(WORKER_DIR, "worker-configuration.d.ts"), "utf8"))
      .split("\n", 3)
      .join("\n");
    expect(header).toContain("wrangler types --strict-vars=false");
  });

  it("bundles the Worker for deployment (deploy --dry-run) with its KV and vars", async () => {
    const outdir = await mkdtemp(join(tmpdir(), "status-dry-run-"));
    try {
      const { stdout } = await wrangler("deploy", "--dry-run", "--env", "", "--outdir", outdir);
      expect(stdout).toContain("env.STATUS_KV");
      expect(stdout).toContain('env.STATUS_TARGET ("play.example.net:25565")');
      expect(stdout).toContain("--dry-run: exiting now.");
      const bundle = await readFile(join(outdir, "index.js"), "utf8");
      expect(bundle).toContain("cloudflare:sockets");
      // Small enough to start fast: zod/mini, not the classic build with every locale.
      expect(bundle.length).toBeLessThan(256 * 1024);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });
});

describe("wrangler.jsonc agrees with network.config.ts", () => {
  it.each([
    ["production", ""],
    ["staging", "staging"],
  ])(
    "in %s: pings the public Minecraft hostname and answers on the status hostname",
    async (environment, env) => {
      const network = await loadNetwork({ configFile: NETWORK_CONFIG, environment });
      const config = unstable_readConfig({ config: CONFIG_FILE, env }, { hideWarnings: true });
      expect(config.vars.STATUS_TARGET).toBe(`${network.edge.minecraftHostname}:${PUBLIC_MINECRAFT_PORT}`);
      expect(config.routes).toEqual([{ pattern: network.edge.statusHostname, custom_domain: true }]);
      expect(config.triggers.crons).toEqual(["* * * * *"]);
      expect(config.name).toBe(workerWiring(network).status.scriptName);
      expect(config.kv_namespaces.map((namespace: { binding: string }) => namespace.binding)).toEqual(
        Object.keys(workerWiring(network).status.kvNamespaces),
      );
      // Pulumi owns the namespace: without an id, wrangler would create a second one on deploy.
      expect(config.kv_namespaces.every((namespace: { id?: string }) => namespace.id)).toBe(true);
    },
  );
});
