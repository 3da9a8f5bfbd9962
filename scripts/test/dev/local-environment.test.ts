import { BlockList } from "node:net";
import { fileURLToPath } from "node:url";
import { bucketNames, loadDefinition, resolveNetwork } from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import { LOCAL_ENVIRONMENT } from "../../src/dev/stack.ts";

const CONFIG = fileURLToPath(new URL("../../../network.config.ts", import.meta.url));

describe("the config's local environment", () => {
  it("names no address of another environment, so a command run with --env local stays on this machine", async () => {
    const definition = await loadDefinition(CONFIG);
    const local = resolveNetwork(definition, LOCAL_ENVIRONMENT, CONFIG);
    const others = Object.keys(definition.environments)
      .filter((name) => name !== LOCAL_ENVIRONMENT)
      .map((name) => resolveNetwork(definition, name, CONFIG));
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
