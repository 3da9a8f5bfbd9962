import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "cross-layer",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // GitHub's workflow parser imports its JSON schema without an import attribute, which only a
    // bundler accepts; inlining it lets Vite transform that import.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
