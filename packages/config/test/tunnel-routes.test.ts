import { describe, expect, it } from "vitest";
import { ConfigError, loadDefinition, resolveNetwork } from "../src/index.ts";

const example = await loadDefinition("network.config.ts");
const withRoutes = (httpRoutes: { hostname: string; service: string }[]) =>
  resolveNetwork({ ...example, base: { ...example.base, tunnel: { httpRoutes } } }, "production");

describe("HTTP routes through the tunnel", () => {
  it("default to none", () => {
    expect(resolveNetwork(example, "production").tunnel.httpRoutes).toEqual([]);
  });

  it("accept an in-cluster http service under the domain", () => {
    const network = withRoutes([
      { hostname: "map.example.net", service: "http://bluemap.minecraft.svc.cluster.local:8100" },
    ]);
    expect(network.tunnel.httpRoutes).toHaveLength(1);
  });

  it("name the field of a hostname outside the domain or already used by the edge", () => {
    const attempt = () =>
      withRoutes([
        { hostname: "map.example.org", service: "http://map:80" },
        { hostname: "play.example.net", service: "http://x:80" },
      ]);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /tunnel\.httpRoutes\[0\]\.hostname: "map\.example\.org" is not under the domain example\.net/,
    );
    expect(attempt).toThrow(
      /tunnel\.httpRoutes\[1\]\.hostname: "play\.example\.net" is already used by edge\.minecraftHostname/,
    );
  });

  it("refuse a service that is not an http(s) URL", () => {
    expect(() => withRoutes([{ hostname: "map.example.net", service: "tcp://x:1" }])).toThrow(
      /tunnel\.httpRoutes\[0\]\.service/,
    );
  });
});
