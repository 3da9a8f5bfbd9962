import { BlockList } from "node:net";
import { describe, expect, it } from "vitest";
import type { ManifestObject } from "../src/lib/kinds.ts";
import { MetallbConfigChart } from "../src/metallb-config/chart.ts";
import { IpAddressPool } from "../src/metallb-config/ip-address-pool.ts";
import { L2Advertisement } from "../src/metallb-config/l2-advertisement.ts";
import { exampleNetwork } from "./support/network.ts";
import { find, synthChart, synthConstruct } from "./support/synth.ts";
import { schemaProblems } from "./support/validate.ts";

interface Pool extends ManifestObject {
  spec: { addresses: string[]; autoAssign: boolean };
}
interface Advertisement extends ManifestObject {
  spec: { ipAddressPools: string[] };
}

describe("MetalLB config", () => {
  const network = exampleNetwork();
  const objects = synthChart((app) => new MetallbConfigChart(app, network));
  const pool = find<Pool>(objects, "IPAddressPool");

  it("renders documents the MetalLB CRD schemas accept", () => {
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it("hands out the configured range, and only to Services that ask for an address", () => {
    expect(pool.spec.addresses).toEqual(network.cluster.metallb.addresses);
    expect(pool.spec.autoAssign).toBe(false);
  });

  it("contains the proxy VIP the Velocity LAN Service asks for", () => {
    const [start, end] = pool.spec.addresses[0]!.split("-");
    const range = new BlockList();
    range.addRange(start!, end!, "ipv4");
    expect(range.check(network.cluster.metallb.proxyVip, "ipv4")).toBe(true);
  });

  it("announces the pool on the LAN", () => {
    expect(find<Advertisement>(objects, "L2Advertisement").spec.ipAddressPools).toEqual([pool.metadata.name]);
  });

  it("is checked by the schema: an address list that is not a list is refused", () => {
    const objects = synthConstruct(
      (scope) => new IpAddressPool(scope, "p", { name: "p", addresses: ["10.0.0.0/30"] }),
    );
    const wrong = { ...objects[0]!, spec: { addresses: "10.0.0.0/30" } };
    expect(schemaProblems(wrong).join("\n")).toMatch(/addresses/);
    const advertisement = synthConstruct(
      (scope) => new L2Advertisement(scope, "l2", { name: "l2", ipAddressPools: ["p"] }),
    );
    expect(advertisement.flatMap(schemaProblems)).toEqual([]);
  });
});
