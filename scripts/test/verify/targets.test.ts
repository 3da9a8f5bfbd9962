import { loadNetwork } from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import { verifyPlan } from "../../src/verify/plan.ts";
import { parseAddress, targetsFromNetwork } from "../../src/verify/targets.ts";

const configFile = new URL("../../../network.config.ts", import.meta.url).pathname;

describe("verification targets", () => {
  it("come from the network config: public hostname, both ingress nodes, both Workers", async () => {
    const network = await loadNetwork({ configFile });
    const targets = targetsFromNetwork(network, { HOME: "/nonexistent" });
    expect(targets).toEqual({
      minecraft: { host: "play.example.net", port: 25565 },
      ingressNodes: [
        { name: "vps-primary", healthUrl: "https://203.0.113.10:8443/health" },
        { name: "vps-standby", healthUrl: "https://198.51.100.20:8443/health" },
      ],
      resourcePackUrl: "https://rp.example.net/",
      statusUrl: "https://status.example.net/",
      argocdNamespace: "argocd",
    });
  });

  it("follow the environment selected in the config", async () => {
    const network = await loadNetwork({ configFile, environment: "staging" });
    const targets = targetsFromNetwork(network, { HOME: "/nonexistent" });
    expect(targets.minecraft.host).toBe("play.staging.example.net");
    expect(targets.statusUrl).toBe("https://status.staging.example.net/");
  });

  it("can each be overridden from the environment", async () => {
    const network = await loadNetwork({ configFile });
    const targets = targetsFromNetwork(network, {
      HOME: "/nonexistent",
      GATEWAY_SECRET: "s3cret",
      VERIFY_MINECRAFT_ADDRESS: "[::1]:25570",
      VERIFY_INGRESS_HEALTH_URLS: "a=http://127.0.0.1:1/health, b=http://127.0.0.1:2/health",
      VERIFY_RESOURCE_PACK_URL: "http://127.0.0.1:3",
      VERIFY_STATUS_URL: "http://127.0.0.1:4",
    });
    expect(targets.minecraft).toEqual({ host: "::1", port: 25570 });
    expect(targets.ingressNodes.map((node) => node.name)).toEqual(["a", "b"]);
    expect(targets.gatewaySecret).toBe("s3cret");
    expect(targets.resourcePackUrl).toBe("http://127.0.0.1:3/");
  });

  it("refuse a malformed address with the variable's name", () => {
    expect(() => parseAddress("play.example.net", "VERIFY_MINECRAFT_ADDRESS")).toThrow(
      'VERIFY_MINECRAFT_ADDRESS must be host:port, got "play.example.net"',
    );
    expect(() => parseAddress("host:70000", "X")).toThrow(/host:port/);
  });
});

describe("the verification plan", () => {
  it("has one row per check the deploy must prove, in the player's order", async () => {
    const network = await loadNetwork({ configFile });
    const names = verifyPlan(targetsFromNetwork(network, { HOME: "/nonexistent" })).map(
      (check) => check.name,
    );
    expect(names).toEqual([
      "Server List Ping play.example.net:25565",
      "ingress vps-primary /health with secret → 200 ok",
      "ingress vps-primary /health without secret → 403",
      "ingress vps-standby /health with secret → 200 ok",
      "ingress vps-standby /health without secret → 403",
      "resource pack: latest downloads with its SHA-1",
      "resource pack: PUT /api/pack without token → 401",
      "status: /api/status fresh and online",
      "status: PUT /api/config without token → 401",
      "ArgoCD applications Synced and Healthy",
    ]);
  });
});
