import { defineProject } from "vitest/config";

// Importing the Pulumi SDK and both providers' type tables takes seconds on a loaded two-core machine.
export default defineProject({ test: { name: "pulumi", testTimeout: 60_000, hookTimeout: 60_000 } });
