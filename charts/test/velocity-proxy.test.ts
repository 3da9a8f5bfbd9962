import {
  clusterSecrets,
  heapBytes,
  IMAGES,
  MAX_HEAP_FRACTION,
  type Network,
  PORTS,
  quantityBytes,
  velocityLanService,
  velocityService,
} from "@mc-infra/config";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IService } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import type { ManifestObject } from "../src/lib/kinds.ts";
import { relayConfig } from "../src/minecraft/lan-proxy-relay.ts";
import { VelocityConfig } from "../src/minecraft/velocity-config.ts";
import { VelocityProxy } from "../src/minecraft/velocity-proxy.ts";
import { exampleNetwork } from "./support/network.ts";
import { restrictedViolations } from "./support/pod-security.ts";
import { find, ofKind, synthConstruct } from "./support/synth.ts";
import { schemaProblems } from "./support/validate.ts";

function render(network: Network): ManifestObject[] {
  return synthConstruct((scope) => {
    const config = new VelocityConfig(scope, "config", { network });
    new VelocityProxy(scope, "velocity", { network, config });
  }, network.cluster.namespaces.minecraft);
}

function containers(objects: readonly ManifestObject[]): IContainer[] {
  return find<IDeployment>(objects, "Deployment", "velocity").spec!.template.spec!.containers;
}

function container(objects: readonly ManifestObject[], name: string): IContainer {
  const found = containers(objects).find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
}

const env = (c: IContainer, name: string) => c.env?.find((variable) => variable.name === name);

describe("VelocityProxy", () => {
  const network = exampleNetwork();
  const objects = render(network);
  const velocity = container(objects, "velocity");

  it("renders only documents that pass their Kubernetes schemas", () => {
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it("runs the configured number of replicas of the pinned proxy image as Velocity", () => {
    expect(find<IDeployment>(objects, "Deployment").spec?.replicas).toBe(network.proxy.replicas);
    expect(velocity.image).toBe(IMAGES.velocity);
    expect(env(velocity, "TYPE")?.value).toBe("VELOCITY");
    expect(env(velocity, "VELOCITY_VERSION")?.value).toBe(network.proxy.velocityVersion);
  });

  it("takes the forwarding secret only by reference to the Secret Pulumi creates", () => {
    const secret = clusterSecrets(network).velocityForwarding;
    expect(env(velocity, "VELOCITY_FORWARDING_SECRET")).toEqual({
      name: "VELOCITY_FORWARDING_SECRET",
      valueFrom: { secretKeyRef: { name: secret.name, key: secret.keys[0] } },
    });
    expect(ofKind(objects, "Secret")).toEqual([]);
  });

  it("never gives the heap more than 80% of the memory limit, and requests all of it", () => {
    const heap = heapBytes(env(velocity, "MEMORY")!.value!);
    const limit = quantityBytes(String(velocity.resources?.limits?.memory));
    expect(heap).toBeLessThanOrEqual(limit * MAX_HEAP_FRACTION);
    expect(velocity.resources?.requests?.memory).toBe(velocity.resources?.limits?.memory);
  });

  it("serves the tunnel on the ClusterIP Service cloudflared dials", () => {
    const target = velocityService(network);
    const service = find<IService>(objects, "Service", target.name);
    expect(service.spec?.type).toBe("ClusterIP");
    expect(service.spec?.ports).toEqual([
      { name: "minecraft", port: target.port, targetPort: "minecraft", protocol: "TCP" },
    ]);
    expect(velocity.ports).toContainEqual({
      name: "minecraft",
      containerPort: PORTS.velocity,
      protocol: "TCP",
    });
  });

  it("holds the MetalLB VIP on a LoadBalancer Service that keeps the players' addresses", () => {
    const service = find<IService>(objects, "Service", velocityLanService(network).name);
    expect(service.spec?.type).toBe("LoadBalancer");
    expect(service.metadata?.annotations?.["metallb.io/loadBalancerIPs"]).toBe(
      network.cluster.metallb.proxyVip,
    );
    expect(service.spec?.externalTrafficPolicy).toBe("Local");
    expect(service.spec?.ports?.[0]?.port).toBe(PORTS.velocityLan);
  });

  it("selects the proxy pods from both Services", () => {
    const podLabels = find<IDeployment>(objects, "Deployment").spec!.template.metadata!.labels!;
    for (const service of ofKind<IService>(objects, "Service")) {
      for (const [key, value] of Object.entries(service.spec?.selector ?? {}))
        expect(podLabels[key]).toBe(value);
    }
  });

  describe("with PROXY protocol (players arrive through the relay)", () => {
    it("probes with a PROXY header, or Velocity would drop the probe's connection", () => {
      for (const probe of [velocity.startupProbe, velocity.readinessProbe, velocity.livenessProbe]) {
        expect(probe?.exec?.command).toEqual(expect.arrayContaining(["mc-monitor", "status", "--use-proxy"]));
        expect(probe?.exec?.command).toContain(`--port=${PORTS.velocity}`);
      }
    });

    it("sends LAN players through a relay that adds the header Velocity requires", () => {
      const relay = container(objects, "lan-relay");
      expect(relay.image).toBe(IMAGES.haproxy);
      const lan = find<IService>(objects, "Service", velocityLanService(network).name);
      const targetPort = lan.spec?.ports?.[0]?.targetPort;
      expect(relay.ports?.find((port) => port.name === targetPort)?.containerPort).toBe(PORTS.velocityLan);
      expect(relayConfig()).toContain(`bind :${PORTS.velocityLan}`);
      expect(relayConfig()).toContain(`server velocity 127.0.0.1:${PORTS.velocity} send-proxy-v2`);
      const configMap = find<{ data: Record<string, string> }>(objects, "ConfigMap", "velocity-lan-relay");
      expect(configMap.data["haproxy.cfg"]).toBe(relayConfig());
    });

    it("checks the relay on its own health endpoint, not on the game port", () => {
      const relay = container(objects, "lan-relay");
      expect(relay.readinessProbe?.httpGet?.path).toBe("/healthz");
      expect(relayConfig()).toMatch(/monitor-uri \/healthz/);
    });
  });

  describe("without PROXY protocol", () => {
    const direct = render(exampleNetwork({ proxy: { proxyProtocol: false } }));
    const directVelocity = container(direct, "velocity");

    it("probes with a plain status ping", () => {
      expect(directVelocity.readinessProbe?.exec?.command).toEqual(
        expect.arrayContaining(["mc-monitor", "status"]),
      );
      expect(directVelocity.readinessProbe?.exec?.command).not.toContain("--use-proxy");
    });

    it("leads the LAN Service straight to Velocity and runs no relay", () => {
      expect(containers(direct).map((c) => c.name)).toEqual(["velocity"]);
      const lan = find<IService>(direct, "Service", "velocity-lan");
      expect(lan.spec?.ports?.[0]?.targetPort).toBe("minecraft");
      expect(ofKind(direct, "ConfigMap").map((c) => c.metadata.name)).toEqual(["velocity-config"]);
    });
  });

  it("falls back to a TCP check when the network advertises no player slots (mc-monitor calls that not ready)", () => {
    const hidden = container(render(exampleNetwork({ proxy: { showMaxPlayers: 0 } })), "velocity");
    expect(hidden.readinessProbe?.exec).toBeUndefined();
    expect(hidden.readinessProbe?.tcpSocket?.port).toBe("minecraft");
  });

  it("gives a cold start minutes to download Velocity before liveness counts", () => {
    const startup = velocity.startupProbe!;
    expect(startup.periodSeconds! * startup.failureThreshold!).toBeGreaterThanOrEqual(180);
  });

  it("keeps a PodDisruptionBudget only when there is more than one proxy", () => {
    const pdb = find<{ spec: { maxUnavailable: number; selector: { matchLabels: Record<string, string> } } }>(
      objects,
      "PodDisruptionBudget",
      "velocity",
    );
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(ofKind(render(exampleNetwork({ proxy: { replicas: 1 } })), "PodDisruptionBudget")).toEqual([]);
  });

  it("never takes a proxy away before its replacement is up", () => {
    const strategy = find<IDeployment>(objects, "Deployment").spec?.strategy;
    expect(strategy?.rollingUpdate?.maxUnavailable).toBe(0);
  });

  it("rolls the pods when velocity.toml or the relay config changes", () => {
    const annotations = find<IDeployment>(objects, "Deployment").spec!.template.metadata!.annotations!;
    expect(Object.keys(annotations)).toEqual([
      "minecraft-infra/config-hash",
      "minecraft-infra/relay-config-hash",
    ]);
    const other = find<IDeployment>(render(exampleNetwork({ proxy: { motd: "changed" } })), "Deployment");
    expect(other.spec!.template.metadata!.annotations!["minecraft-infra/config-hash"]).not.toBe(
      annotations["minecraft-infra/config-hash"],
    );
  });

  it("runs under Pod Security restricted with a read-only root filesystem", () => {
    const pod = find<IDeployment>(objects, "Deployment").spec!.template.spec!;
    expect(restrictedViolations(pod)).toEqual([]);
    for (const c of pod.containers) expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it("declares requests and limits on every container", () => {
    for (const c of containers(objects)) {
      expect(Object.keys(c.resources?.requests ?? {}).sort()).toEqual(["cpu", "memory"]);
      expect(Object.keys(c.resources?.limits ?? {}).sort()).toEqual(["cpu", "memory"]);
    }
  });
});
