import { join } from "node:path";
import { loadNetwork, resourcePackWorker, workerWiring } from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { WORKER_DIR } from "./wrangler.ts";

const CONFIG_FILE = join(WORKER_DIR, "../../network.config.ts");

describe("wrangler.jsonc", () => {
  it.each([
    ["production", undefined],
    ["staging", "staging"],
  ])("agrees with the %s network config", async (environment, wranglerEnv) => {
    const network = await loadNetwork({ configFile: CONFIG_FILE, environment });
    const expected = resourcePackWorker(network);
    const wiring = workerWiring(network)["resource-pack"];
    const config = unstable_readConfig({ config: join(WORKER_DIR, "wrangler.jsonc"), env: wranglerEnv });
    expect(config.name).toBe(expected.name);
    expect(config.vars).toMatchObject({ PUBLIC_ORIGIN: expected.origin });
    expect(config.r2_buckets).toEqual([
      expect.objectContaining({ binding: "PACKS", bucket_name: expected.bucket }),
    ]);
    expect(config.kv_namespaces.map((namespace: { binding: string }) => namespace.binding)).toEqual(
      Object.keys(wiring.kvNamespaces),
    );
    expect(config.routes).toEqual([{ pattern: network.edge.resourcePackHostname, custom_domain: true }]);
    expect(config.workers_dev).toBe(false);
    expect(config.limits?.cpu_ms).toBe(300_000);
  });

  it("keeps the R2 prefixes the Worker uses in line with the config package", async () => {
    const { PACK_PREFIX, STAGING_PREFIX } = await import("../../src/limits.ts");
    const network = await loadNetwork({ configFile: CONFIG_FILE });
    expect(resourcePackWorker(network)).toMatchObject({
      packPrefix: PACK_PREFIX,
      stagingPrefix: STAGING_PREFIX,
    });
  });
});
