import { defineProject } from "vitest/config";

// The Worker's checks that must run in Node: wrangler's own commands (types, dry-run deploy), the
// config cross-check, and the page in a real browser against the Worker in local workerd.
export default defineProject({
  test: {
    name: "status-worker-node",
    include: ["test/node/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
