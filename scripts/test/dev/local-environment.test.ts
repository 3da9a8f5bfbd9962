import { BlockList } from "node:net";
import { fileURLToPath } from "node:url";
import {
  bucketNames,
  deployedEnvironments,
  LOCAL_ENVIRONMENT,
  loadDefinition,
  resolveNetwork,
} from "@mc-infra/config";
import { describe, expect, it } from "vitest";

const CONFIG = fileURLToPath(new URL("../../../network.config.ts", import.meta.url));

describe("the config's local environment", () => {
  it("names no address of another environment, so a command run with --env local stays on this machine", async () => {
    const definition = await loadDefinition(CONFIG);
    const local = resolveNetwork(definition, LOCAL_ENVIRONMENT, CONFIG);
    const others = deployedEnvironments(definition).map((name) => resolveNetwork(definition, name, CONFIG));
    expect(others.length).toBeGreaterThan(0);
    expect(deployedEnvironments(definition)).not.toContain(LOCAL_ENVIRONMENT);
    const loopback = new BlockList();
    loopback.addSubnet("127.0.0.0", 8);

    for (const other of others) {
      expect(local.name).not.toBe(other.name);
      expect(Object.values(bucketNames(local))).not.toContain(bucketNames(other).assets);
      for (const hostname of Object.values(other.edge))
        expect(Object.values(local.edge)).not.toContain(hostname);
    }
    for (const node of [local.ingressNodes.primary, local.ingressNodes.standby]) {
      expect(loopback.check(node.publicIp), node.name).toBe(true);
    }
  });
});
