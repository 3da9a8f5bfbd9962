import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";
import { ADMIN_TOKEN } from "./test/support/sizes.ts";

// The Worker's tests run inside workerd, with R2, KV and the Cache API simulated by Miniflare.
export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: { bindings: { ADMIN_TOKEN } },
    }),
  ],
  test: {
    name: "resource-pack",
    include: ["test/*.test.ts"],
    // The files share one simulated bucket, and most of them reset it between tests.
    fileParallelism: false,
    globalSetup: ["test/support/global-setup.ts"],
    // The 150 MB round trip takes a few seconds alone and far longer on a busy two-core machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
