import { crossLayerSuite } from "./lib/cross-layer-suite.ts";

// A private Skript repository: the Secret the sidecar reads comes from the operator's secret stack config.
crossLayerSuite("production", {
  configFile: "pulumi/test/fixtures/network-with-private-skript.config.ts",
  stackConfig: {
    skriptGitCredentials: JSON.stringify({ username: "skript-bot", password: "mock-secret-pat" }),
  },
  secretConfigKeys: ["skriptGitCredentials"],
});
