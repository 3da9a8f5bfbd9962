import { defineConfig } from "vitest/config";

// One `pnpm test` runs every package: each folder with a vitest.config.ts is a project of its own
// (the Workers' configs put them in the workerd pool; the rest run in Node).
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "{charts,pulumi,scripts,test}/vitest.config.ts",
      "workers/*/vitest.config.ts",
      "workers/*/vitest.node.config.ts",
    ],
  },
});
