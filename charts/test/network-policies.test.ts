import { type Network, OPS_POD_LABEL, PORTS } from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import { CLOUDFLARED_SELECTOR } from "../src/cloudflared/labels.ts";
import { TUNNEL_EDGE_PORT } from "../src/cloudflared/network-policies.ts";
import type { ManifestObject } from "../src/lib/kinds.ts";
import { paperSelector, VELOCITY_SELECTOR } from "../src/minecraft/labels.ts";
import { exampleNetwork } from "./support/network.ts";
import { type Connection, connectionAllowed, type Endpoint } from "./support/network-policy-eval.ts";
import { synthNetwork } from "./support/synth.ts";
import { schemaProblems } from "./support/validate.ts";

function policies(network: Network): ManifestObject[] {
  const apps = synthNetwork(network);
  return [...(apps.get("apps/minecraft") ?? []), ...(apps.get("apps/cloudflared") ?? [])].filter(
    (object) => object.kind === "NetworkPolicy",
  );
}

const network = exampleNetwork();
const rendered = policies(network);
const ns = network.cluster.namespaces;
const pod = (namespace: string, labels: Record<string, string>): Endpoint => ({ pod: { namespace, labels } });

const velocity = pod(ns.minecraft, { ...VELOCITY_SELECTOR });
const lobby = pod(ns.minecraft, paperSelector({ name: "lobby" }));
const survival = pod(ns.minecraft, paperSelector({ name: "survival" }));
const cloudflared = pod(ns.cloudflared, { ...CLOUDFLARED_SELECTOR });
const ops = pod(ns.minecraft, { [OPS_POD_LABEL.key]: OPS_POD_LABEL.value, app: "backup" });
const stranger = pod(ns.minecraft, { app: "something-else" });
const opsElsewhere = pod("monitoring", { [OPS_POD_LABEL.key]: OPS_POD_LABEL.value });
const lanPlayer: Endpoint = { ip: "192.168.1.50" };
const internet: Endpoint = { ip: "203.0.113.7" };
const dns = pod("kube-system", { "k8s-app": "kube-dns" });

const can = (connection: Connection, objects = rendered) => connectionAllowed(objects, connection);

describe("NetworkPolicies", () => {
  it("render as valid NetworkPolicy documents", () => {
    expect(rendered.length).toBeGreaterThanOrEqual(8);
    expect(rendered.flatMap(schemaProblems)).toEqual([]);
  });

  it("deny everything in the Minecraft namespace that no policy allows", () => {
    expect(can({ from: stranger, to: lobby, port: PORTS.paper })).toBe(false);
    expect(can({ from: stranger, to: velocity, port: PORTS.velocity })).toBe(false);
    expect(can({ from: stranger, to: internet, port: 443 })).toBe(false);
    expect(can({ from: velocity, to: stranger, port: 8080 })).toBe(false);
  });

  it("make Paper reachable for players only from Velocity", () => {
    for (const server of [lobby, survival]) {
      expect(can({ from: velocity, to: server, port: PORTS.paper })).toBe(true);
      for (const other of [cloudflared, stranger, ops, lanPlayer, internet, lobby]) {
        expect(can({ from: other, to: server, port: PORTS.paper })).toBe(false);
      }
    }
  });

  it("admit RCON only from ops-labelled pods of the Minecraft namespace", () => {
    expect(can({ from: ops, to: survival, port: PORTS.rcon })).toBe(true);
    for (const other of [velocity, cloudflared, stranger, opsElsewhere, lanPlayer]) {
      expect(can({ from: other, to: survival, port: PORTS.rcon })).toBe(false);
    }
  });

  it("let players reach Velocity through cloudflared and from the LAN, and nobody else", () => {
    expect(can({ from: cloudflared, to: velocity, port: PORTS.velocity })).toBe(true);
    // With PROXY protocol the LAN reaches only the relay's port: no forged PROXY header from the LAN.
    expect(can({ from: lanPlayer, to: velocity, port: PORTS.velocityLan })).toBe(true);
    expect(can({ from: lanPlayer, to: velocity, port: PORTS.velocity })).toBe(false);
    expect(can({ from: internet, to: velocity, port: PORTS.velocityLan })).toBe(false);
    expect(can({ from: pod(ns.cloudflared, { app: "other" }), to: velocity, port: PORTS.velocity })).toBe(
      false,
    );
    expect(can({ from: cloudflared, to: lobby, port: PORTS.paper })).toBe(false);
  });

  it("let LAN players reach Velocity's own port when the network runs without PROXY protocol", () => {
    const direct = policies(exampleNetwork({ proxy: { proxyProtocol: false } }));
    expect(can({ from: lanPlayer, to: velocity, port: PORTS.velocity }, direct)).toBe(true);
    expect(can({ from: cloudflared, to: velocity, port: PORTS.velocity }, direct)).toBe(true);
  });

  it("allow name resolution through the cluster DNS only", () => {
    for (const from of [velocity, lobby, ops, stranger, cloudflared]) {
      expect(can({ from, to: dns, port: 53, protocol: "UDP" })).toBe(true);
      expect(can({ from, to: dns, port: 53, protocol: "TCP" })).toBe(true);
    }
    expect(
      can({ from: lobby, to: pod("kube-system", { app: "metrics-server" }), port: 53, protocol: "UDP" }),
    ).toBe(false);
  });

  it("let Paper and Velocity download over HTTPS from public addresses, and nothing on the LAN", () => {
    for (const from of [lobby, velocity]) {
      expect(can({ from, to: { ip: "104.16.0.1" }, port: 443 })).toBe(true);
      expect(can({ from, to: { ip: "104.16.0.1" }, port: 80 })).toBe(false);
      for (const privateAddress of [
        "192.168.1.10",
        "10.43.0.1",
        "172.16.5.5",
        "169.254.169.254",
        "100.64.0.1",
      ]) {
        expect(can({ from, to: { ip: privateAddress }, port: 443 })).toBe(false);
      }
    }
  });

  it("open the Skript repository's ssh port only when the repository is fetched over ssh", () => {
    expect(can({ from: survival, to: { ip: "140.82.112.3" }, port: 22 })).toBe(false);
    const ssh = policies(exampleNetwork({ skript: { repo: "ssh://git@github.com/example/scripts.git" } }));
    expect(can({ from: survival, to: { ip: "140.82.112.3" }, port: 22 }, ssh)).toBe(true);
  });

  it("let cloudflared dial only the Cloudflare edge and Velocity, and accept nothing", () => {
    const edge: Endpoint = { ip: "198.41.192.7" };
    expect(can({ from: cloudflared, to: edge, port: TUNNEL_EDGE_PORT, protocol: "UDP" })).toBe(true);
    expect(can({ from: cloudflared, to: edge, port: TUNNEL_EDGE_PORT, protocol: "TCP" })).toBe(true);
    expect(can({ from: cloudflared, to: edge, port: 22 })).toBe(false);
    expect(can({ from: cloudflared, to: lanPlayer, port: TUNNEL_EDGE_PORT })).toBe(false);
    expect(can({ from: velocity, to: cloudflared, port: 2000 })).toBe(false);
    expect(can({ from: internet, to: cloudflared, port: 2000 })).toBe(false);
  });
});
