import { describe, expect, it } from "vitest";
import { loadNetwork } from "../src/index.ts";

describe("the example network", () => {
  it("resolves production with defaults filled in", async () => {
    const network = await loadNetwork({ configFile: "network.config.ts" });
    expect(network.environment).toBe("production");
    expect(network.servers.map((server) => server.name)).toEqual(["lobby", "survival"]);
    expect(network.backups.retentionDays).toBe(30);
  });

  it("resolves staging as overrides of the same base", async () => {
    const network = await loadNetwork({ configFile: "network.config.ts", environment: "staging" });
    expect(network.proxy.replicas).toBe(1);
    expect(network.servers).toHaveLength(2);
    expect(network.edge.minecraftHostname).toBe("play.staging.example.net");
  });
});

describe("the config package", () => {
  it("stays free of renderer dependencies, so Pulumi and the Workers' tooling can read it", async () => {
    const { readFile, readdir } = await import("node:fs/promises");
    const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["cron-parser", "zod"]);
    const sources = await readdir(new URL("../src", import.meta.url), { recursive: true });
    for (const file of sources.filter((name) => name.endsWith(".ts"))) {
      const text = await readFile(new URL(`../src/${file}`, import.meta.url), "utf8");
      expect(text, file).not.toMatch(/from "(cdk8s|cdk8s-plus-\d+|constructs|@pulumi\/[^"]+)"/);
    }
  });
});
