import { defineConfig } from "vitest/config";

// One `pnpm test` runs every package. Each folder that has its own vitest config (the Workers, which
// need the workerd pool) is a project of its own; everything else runs in the default Node pool.
export default defineConfig({
  test: {
    projects: [
      "packages/*",
      "charts",
      "pulumi",
      "scripts",
      "test",
      "workers/*",
      // A Worker's checks that need Node (wrangler commands, a browser) live beside its workerd tests.
      "workers/*/vitest.node.config.ts",
    ],
  },
});
