import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONFIG_SEED_CONTAINER } from "../src/minecraft/paper-patches.ts";
import { exampleNetwork } from "./support/network.ts";
import { synthNetwork } from "./support/synth.ts";

interface Container {
  name: string;
  command: string[];
}
const network = exampleNetwork();
const minecraft = synthNetwork(network).get("apps/minecraft") ?? [];
const statefulSet = minecraft.find((object) => object.kind === "StatefulSet") as unknown as {
  spec: { template: { spec: { initContainers: Container[] } } };
};
const configMap = minecraft.find(
  (object) => object.kind === "ConfigMap" && object.metadata.name === "paper-patches",
) as unknown as { data: Record<string, string> };
const seed = statefulSet.spec.template.spec.initContainers.find((c) => c.name === CONFIG_SEED_CONTAINER)!;

/** Runs the rendered init container's script with /data and the seed mount moved into a temp dir. */
function runSeed(prepare: (data: string) => void = () => {}): string {
  const root = mkdtempSync(join(tmpdir(), "paper-seed-"));
  const data = join(root, "data");
  const seeds = join(root, "seeds");
  mkdirSync(data);
  mkdirSync(seeds);
  for (const [key, value] of Object.entries(configMap.data)) writeFileSync(join(seeds, key), value);
  prepare(data);
  const script = seed.command[2]!.replaceAll("/opt/paper-config-seeds", seeds).replaceAll(
    "'/data/",
    `'${data}/`,
  );
  execFileSync(seed.command[0]!, [seed.command[1]!, script]);
  return data;
}

describe("the first-start seed", () => {
  it("runs before the server, as the first init container", () => {
    expect(statefulSet.spec.template.spec.initContainers[0]!.name).toBe(CONFIG_SEED_CONTAINER);
  });

  it("gives a brand-new server Velocity forwarding and the exporter's bind address before Paper first starts", () => {
    const data = runSeed();
    expect(parse(readFileSync(join(data, "config/paper-global.yml"), "utf8"))).toEqual({
      proxies: { velocity: { enabled: true, "online-mode": true } },
    });
    expect(parse(readFileSync(join(data, "plugins/PrometheusExporter/config.yml"), "utf8"))).toEqual({
      host: "0.0.0.0",
      port: 9940,
    });
  });

  it("never overwrites a file the server already has: the patch set enforces our keys there", () => {
    const existing = "_version: 29\nproxies:\n  velocity:\n    enabled: false\n    secret: ''\n";
    const data = runSeed((dir) => {
      mkdirSync(join(dir, "config"));
      writeFileSync(join(dir, "config/paper-global.yml"), existing);
    });
    expect(readFileSync(join(data, "config/paper-global.yml"), "utf8")).toBe(existing);
  });
});
