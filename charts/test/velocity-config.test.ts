import { PORTS, paperService } from "@mc-infra/config";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { VelocityConfig, velocityToml } from "../src/minecraft/velocity-config.ts";
import { exampleNetwork } from "./support/network.ts";
import { find, synthConstruct } from "./support/synth.ts";
import { schemaProblems } from "./support/validate.ts";

interface VelocityToml {
  bind: string;
  "online-mode": boolean;
  "player-info-forwarding-mode": string;
  "show-max-players": number;
  motd: string;
  servers: Record<string, string | string[]> & { try: string[] };
  "forced-hosts": Record<string, string[]>;
  advanced: { "haproxy-protocol": boolean; "login-ratelimit": number };
}

const read = (toml: string) => parse(toml) as unknown as VelocityToml;

describe("velocity.toml", () => {
  const network = exampleNetwork();
  const config = read(velocityToml(network));

  it("binds Velocity explicitly to the port its Services and probes use", () => {
    expect(config.bind).toBe(`0.0.0.0:${PORTS.velocity}`);
  });

  it("lists every configured server at its Paper Service's cluster DNS name", () => {
    for (const server of network.servers) {
      const service = paperService(network, server);
      expect(config.servers[server.name]).toBe(
        `${service.name}.${network.cluster.namespaces.minecraft}.svc.cluster.local:${PORTS.paper}`,
      );
    }
    expect(Object.keys(config.servers).filter((key) => key !== "try")).toEqual(
      network.servers.map((s) => s.name),
    );
  });

  it("sends joining players to the configured servers in order and honours forced hosts", () => {
    expect(config.servers.try).toEqual(["lobby"]);
    expect(config["forced-hosts"]).toEqual({ "survival.example.net": ["survival"] });
  });

  it("authenticates players itself and forwards their identity the modern way", () => {
    expect(config["online-mode"]).toBe(true);
    expect(config["player-info-forwarding-mode"]).toBe("modern");
  });

  it("takes MOTD and the advertised player maximum from the config", () => {
    expect(config.motd).toBe(network.proxy.motd);
    expect(config["show-max-players"]).toBe(200);
  });

  it("requires PROXY headers exactly when players arrive through the PROXY relay", () => {
    expect(config.advanced["haproxy-protocol"]).toBe(true);
    const direct = read(velocityToml(exampleNetwork({ proxy: { proxyProtocol: false } })));
    expect(direct.advanced["haproxy-protocol"]).toBe(false);
  });

  it("lifts the per-address login limit when every tunnelled player shares cloudflared's address", () => {
    expect(config.advanced["login-ratelimit"]).toBeGreaterThan(0);
    const direct = read(velocityToml(exampleNetwork({ proxy: { proxyProtocol: false } })));
    expect(direct.advanced["login-ratelimit"]).toBe(0);
  });

  it("keeps the forwarding secret out of the file: Velocity reads it from its environment", () => {
    const toml = velocityToml(network);
    expect(toml).not.toMatch(/forwarding-secret/);
  });
});

describe("VelocityConfig", () => {
  it("renders velocity.toml into a valid ConfigMap", () => {
    const network = exampleNetwork();
    const objects = synthConstruct((scope) => new VelocityConfig(scope, "config", { network }));
    const configMap = find<{ data: Record<string, string> }>(objects, "ConfigMap", "velocity-config");
    expect(configMap.data["velocity.toml"]).toBe(velocityToml(network));
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it("changes its digest when the file changes, so the proxy pods roll", () => {
    const hashOf = (motd: string) => {
      let hash = "";
      synthConstruct((scope) => {
        hash = new VelocityConfig(scope, "config", { network: exampleNetwork({ proxy: { motd } }) }).hash;
      });
      return hash;
    };
    expect(hashOf("one")).not.toBe(hashOf("two"));
    expect(hashOf("one")).toBe(hashOf("one"));
  });
});
