import { MONITORING_PODS, PAPER_METRICS, PORTS } from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ManifestObject } from "../src/lib/kinds.ts";
import { paperSelector, VELOCITY_SELECTOR } from "../src/minecraft/labels.ts";
import { exampleNetwork } from "./support/network.ts";
import { connectionAllowed, type Endpoint } from "./support/network-policy-eval.ts";
import { synthNetwork } from "./support/synth.ts";

// The monitoring app scrapes what the minecraft app exposes; these are the two sides of that contract.
const network = exampleNetwork();
const apps = synthNetwork(network);
const minecraft = apps.get("apps/minecraft") ?? [];
const monitoring = apps.get("apps/monitoring") ?? [];
const ns = network.cluster.namespaces;
const pod = (namespace: string, labels: Record<string, string>): Endpoint => ({ pod: { namespace, labels } });

// biome-ignore lint/suspicious/noExplicitAny: rendered manifests are navigated, not typed, in these assertions
type Rendered = ManifestObject & Record<string, any>;
const find = (objects: readonly ManifestObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name) as Rendered;

describe("Paper metrics", () => {
  it("every Paper server runs the exporter plugin, bound to all interfaces on the port the PodMonitor scrapes", () => {
    const monitor = find(monitoring, "PodMonitor", "paper");
    for (const server of network.servers) {
      const [paper] = find(minecraft, "StatefulSet", server.name).spec.template.spec.containers;
      const env = Object.fromEntries(
        paper.env.map((variable: { name: string; value?: string }) => [variable.name, variable.value]),
      );
      expect(env.PLUGINS.split(",")).toContain(PAPER_METRICS.pluginUrl);
      // The plugin reads only its config.yml: the patch set and the first-start seed both bind it.
      const patches = find(minecraft, "ConfigMap", "paper-patches").data;
      const exporter = JSON.parse(patches["paper-config.json"]).patches.find(
        (patch: { file: string }) => patch.file === "/data/plugins/PrometheusExporter/config.yml",
      );
      expect(exporter.ops).toEqual([
        { $set: { path: "$.host", value: "0.0.0.0" } },
        { $set: { path: "$.port", value: PAPER_METRICS.port } },
      ]);
      expect(parse(patches["prometheus-exporter.yml"])).toEqual({
        host: "0.0.0.0",
        port: PAPER_METRICS.port,
      });
      expect(Object.keys(env).filter((name) => name.startsWith("MINECRAFT_PROMETHEUS_EXPORTER"))).toEqual([]);
      expect(paper.ports).toContainEqual({
        name: monitor.spec.podMetricsEndpoints[0].port,
        containerPort: PAPER_METRICS.port,
        protocol: "TCP",
      });
    }
  });

  it("only mc-monitor reaches Paper's game port from the monitoring namespace, only Prometheus its metrics port", () => {
    const policies = minecraft.filter((object) => object.kind === "NetworkPolicy");
    const mcMonitorPod = pod(
      ns.monitoring,
      find(monitoring, "Deployment", "mc-monitor").spec.template.metadata.labels,
    );
    const prometheus = pod(ns.monitoring, {
      ...MONITORING_PODS.prometheus,
      prometheus: "kube-prometheus-stack-prometheus",
    });
    const grafana = pod(ns.monitoring, { "app.kubernetes.io/name": "grafana" });
    const velocity = pod(ns.minecraft, { ...VELOCITY_SELECTOR });
    for (const server of network.servers) {
      const paper = pod(ns.minecraft, paperSelector(server));
      const can = (from: Endpoint, port: number) => connectionAllowed(policies, { from, to: paper, port });
      expect(can(mcMonitorPod, PORTS.paper)).toBe(true);
      expect(can(prometheus, PAPER_METRICS.port)).toBe(true);
      expect(can(mcMonitorPod, PAPER_METRICS.port)).toBe(false);
      expect(can(prometheus, PORTS.paper)).toBe(false);
      expect(can(grafana, PAPER_METRICS.port)).toBe(false);
      expect(can(prometheus, PORTS.rcon)).toBe(false);
      expect(can(velocity, PAPER_METRICS.port)).toBe(false);
    }
  });
});
