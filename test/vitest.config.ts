import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "cross-layer", testTimeout: 60_000, hookTimeout: 60_000 } });
