import { defineProject } from "vitest/config";

// What is checked from outside workerd: the generated types, the deploy bundle and the config.
export default defineProject({
  test: {
    name: "resource-pack-node",
    include: ["test/node/**/*.test.ts"],
    testTimeout: 120_000,
  },
});
