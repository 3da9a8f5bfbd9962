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
