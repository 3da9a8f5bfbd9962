import { beforeAll, describe, expect, it } from "vitest";
import { allRegistered, installEdgeMocks } from "./mocks.ts";

// A stack whose network declares an HTTP route: set through the stack's configFile key, like an operator would.
const mocks = await installEdgeMocks("production", undefined, {
  configFile: "test/fixtures/network-with-http-routes.config.ts",
});
const program = (await import("../index.ts")) as Record<string, unknown>;
beforeAll(async () => {
  await allRegistered(program);
});

describe("HTTP routes declared in the network config", () => {
  it("are routed by the tunnel between the Minecraft relay and the catch-all", () => {
    const config = mocks.resources.find((resource) =>
      resource.type.endsWith(":ZeroTrustTunnelCloudflaredConfig"),
    )!;
    const ingresses = (config.inputs.config as { ingresses: { hostname?: string; service: string }[] })
      .ingresses;
    expect(ingresses.map((rule) => rule.hostname ?? rule.service)).toEqual([
      "mc-tunnel.example.net",
      "map.example.net",
      "http_status:404",
    ]);
    expect(ingresses[1]?.service).toBe("http://bluemap.minecraft.svc.cluster.local:8100");
  });

  it("get a proxied CNAME to the tunnel", () => {
    const record = mocks.resources.find(
      (resource) => resource.type.endsWith(":DnsRecord") && resource.inputs.name === "map.example.net",
    );
    expect(record?.inputs).toMatchObject({
      type: "CNAME",
      proxied: true,
      content: "tunnel-tunnel-id.cfargotunnel.com",
    });
  });
});
