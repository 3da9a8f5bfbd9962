import { existsSync, readFileSync } from "node:fs";
import {
  clusterSecrets,
  HELM_CHARTS,
  IMAGES,
  type NetworkOverride,
  OPS_POD_LABEL,
  PAPER_METRICS,
  paperService,
  pushgatewayService,
} from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import type { ManifestObject } from "../src/lib/kinds.ts";
import { headingAnchor } from "../src/monitoring/runbooks.ts";
import { renderNetwork } from "../src/render.ts";
import { exampleNetwork } from "./support/network.ts";
import { validateAgainstSchema } from "./support/prometheus-operator-models.ts";
import { schemaProblems } from "./support/validate.ts";

const context = { configFile: "network.config.ts", environment: "test" };

// Assertions walk deep into rendered YAML whose shape the schema tests already check.
// biome-ignore lint/suspicious/noExplicitAny: rendered manifests are navigated, not typed, in these assertions
type Rendered = ManifestObject & Record<string, any>;

function monitoringObjects(override: NetworkOverride = {}) {
  const network = exampleNetwork(override);
  const tree = renderNetwork(network, context);
  const objects = tree.objects.get("apps/monitoring") ?? [];
  const find = (kind: string, name: string) => {
    const object = objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
    if (!object) throw new Error(`no ${kind}/${name} rendered`);
    return object as Rendered;
  };
  return { network, tree, objects, find };
}

type Rule = {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};

function rules(object: Rendered): Rule[] {
  return object.spec.groups.flatMap((group: { rules: Rule[] }) => group.rules);
}

describe("the monitoring app", () => {
  it("validates every object against the published schemas and the upstream CRDs", async () => {
    const { objects } = monitoringObjects();
    expect(objects.length).toBeGreaterThanOrEqual(9);
    for (const object of objects) {
      expect(() => validateAgainstSchema(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
      if (object.apiVersion.startsWith("monitoring.coreos.com/")) {
        expect(schemaProblems(object), `${object.kind}/${object.metadata.name}`).toEqual([]);
      }
    }
  });

  it("the CRD schema check refuses a misspelt field", async () => {
    const { find } = monitoringObjects();
    const monitor = structuredClone(find("ServiceMonitor", "pushgateway"));
    monitor.spec.endpoints[0].honorLabel = true;
    expect(schemaProblems(monitor).join("\n")).toMatch(/additional properties/);
  });

  it("lives in the monitoring namespace without owning it (kube-prometheus-stack's application does)", async () => {
    const { network, objects } = monitoringObjects();
    expect(objects.some((object) => object.kind === "Namespace")).toBe(false);
    for (const object of objects)
      expect(object.metadata.namespace).toBe(network.cluster.namespaces.monitoring);
  });

  it("pings every Paper server's Service with mc-monitor and labels the series by server", async () => {
    const { network, find } = monitoringObjects();
    const deployment = find("Deployment", "mc-monitor");
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe(IMAGES.mcMonitor);
    const servers = container.env
      .find((env: { name: string }) => env.name === "EXPORT_SERVERS")
      .value.split(",");
    expect(servers).toEqual(
      network.servers.map((server) => {
        const service = paperService(network, server);
        return `${service.host}:${service.port}`;
      }),
    );
    const relabel = find("ServiceMonitor", "mc-monitor").spec.endpoints[0].metricRelabelings[0];
    expect(relabel).toMatchObject({ sourceLabels: ["server_host"], targetLabel: "server" });
    expect(new RegExp(`^${relabel.regex}$`).exec("survival.minecraft.svc.cluster.local")?.[1]).toBe(
      "survival",
    );
  });

  it("scrapes the Paper exporter by the port name the minecraft chart declares, named by StatefulSet", async () => {
    const { network, find } = monitoringObjects();
    const monitor = find("PodMonitor", "paper");
    expect(monitor.spec.namespaceSelector.matchNames).toEqual([network.cluster.namespaces.minecraft]);
    const [endpoint] = monitor.spec.podMetricsEndpoints;
    expect(endpoint.port).toBe(PAPER_METRICS.portName);
    expect(PAPER_METRICS.portName.length).toBeLessThanOrEqual(15);
    expect(endpoint.relabelings[0]).toMatchObject({ regex: "StatefulSet;(.+)", targetLabel: "server" });
  });

  it("lets only ops pods of the minecraft namespace push to the Pushgateway", async () => {
    const { network, find } = monitoringObjects();
    const policy = find("NetworkPolicy", "pushgateway");
    const [ingress] = policy.spec.ingress;
    expect(ingress.ports).toEqual([{ protocol: "TCP", port: pushgatewayService(network).port }]);
    expect(ingress.from).toContainEqual({
      namespaceSelector: {
        matchLabels: { "kubernetes.io/metadata.name": network.cluster.namespaces.minecraft },
      },
      podSelector: { matchLabels: { [OPS_POD_LABEL.key]: OPS_POD_LABEL.value } },
    });
    expect(find("ServiceMonitor", "pushgateway").spec.endpoints[0].honorLabels).toBe(true);
  });

  it("runs its own containers under the restricted Pod Security Standard", async () => {
    const { objects } = monitoringObjects();
    for (const deployment of objects.filter((object) => object.kind === "Deployment") as Rendered[]) {
      for (const container of deployment.spec.template.spec.containers) {
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
          seccompProfile: { type: "RuntimeDefault" },
        });
        expect(container.image).not.toMatch(/:latest$/);
        expect(container.resources.limits.memory).toBeDefined();
      }
    }
  });
});

describe("the alert rules", () => {
  it("alert on each condition the operators asked for, per server where it is per server", async () => {
    const { network, find } = monitoringObjects();
    const all = rules(find("PrometheusRule", "minecraft"));
    const names = new Set(all.map((rule) => rule.alert));
    for (const expected of [
      "MinecraftServerDown",
      "MinecraftTpsLow",
      "MinecraftMemoryHigh",
      "MinecraftWorldVolumeFull",
      "MinecraftBackupStale",
      "MinecraftBackupMissing",
      "CloudflaredDown",
      "VelocityDown",
    ]) {
      expect(names, expected).toContain(expected);
    }
    for (const server of network.servers) {
      const down = all.find(
        (rule) => rule.alert === "MinecraftServerDown" && rule.labels.server === server.name,
      );
      expect(down?.for).toBe("2m");
      const volume = all.find(
        (rule) => rule.alert === "MinecraftWorldVolumeFull" && rule.labels.server === server.name,
      );
      expect(volume?.expr).toContain(`persistentvolumeclaim="world-${server.name}-0"`);
    }
  });

  it("take their thresholds from the config", async () => {
    const { find } = monitoringObjects({
      alerts: { tpsBelow: 15, memoryPercent: 80, pvcPercent: 70 },
      backups: { schedule: "0 */6 * * *" },
    });
    const all = rules(find("PrometheusRule", "minecraft"));
    const byName = (name: string) => all.find((rule) => rule.alert === name)!;
    expect(byName("MinecraftTpsLow").expr).toMatch(/< 15$/);
    expect(byName("MinecraftMemoryHigh").expr).toMatch(/> 0.8$/);
    expect(byName("MinecraftWorldVolumeFull").expr).toMatch(/> 0.7$/);
    // Twice a six-hour schedule.
    expect(byName("MinecraftBackupStale").expr).toMatch(/> 43200$/);
    expect(byName("MinecraftBackupMissing").for).toBe("12h");
  });

  it("each carry a summary, a description and a runbook section that exists in docs/runbooks", async () => {
    const { network, find } = monitoringObjects();
    const prefix = `https://github.com/example/minecraft-project-infra/blob/${network.argocd.targetRevision}/`;
    for (const rule of rules(find("PrometheusRule", "minecraft"))) {
      expect(rule.annotations.summary, rule.alert).toBeTruthy();
      expect(rule.annotations.description, rule.alert).toBeTruthy();
      expect(rule.labels.severity).toMatch(/^(warning|critical)$/);
      const url = rule.annotations.runbook_url!;
      expect(url.startsWith(prefix), url).toBe(true);
      const [path, anchor] = url.slice(prefix.length).split("#");
      const file = new URL(`../../${path}`, import.meta.url);
      expect(existsSync(file), `${path} exists`).toBe(true);
      const anchors = readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => headingAnchor(line.replace(/^#+ /, "")));
      expect(anchors, `${path} has a heading for #${anchor}`).toContain(anchor);
    }
  });
});

describe("alert delivery", () => {
  it("routes warning and critical alerts to Discord through the webhook Secret, never a URL in git", async () => {
    const { network, tree, find } = monitoringObjects();
    const config = find("AlertmanagerConfig", "discord");
    const secret = clusterSecrets(network).discordWebhook;
    expect(config.spec.receivers[0].discordConfigs[0].apiURL).toEqual({
      name: secret.name,
      key: secret.keys[0],
    });
    expect(config.spec.route.matchers).toEqual([
      { name: "severity", matchType: "=~", value: "warning|critical" },
    ]);
    for (const [path, content] of tree.files) {
      expect(content, path).not.toMatch(/discord(app)?\.com\/api\/webhooks/);
    }
  });

  it("renders no Discord route when the config turns Discord off", async () => {
    const { objects } = monitoringObjects({ alerts: { discord: false } });
    expect(objects.some((object) => object.kind === "AlertmanagerConfig")).toBe(false);
  });

  it("installs kube-prometheus-stack from its pinned chart, ahead of the rules, with server-side apply", async () => {
    const { tree } = monitoringObjects();
    const applications = tree.objects.get("argocd/applications") ?? [];
    const stack = applications.find((object) => object.metadata.name === "kube-prometheus-stack") as Rendered;
    const ours = applications.find((object) => object.metadata.name === "monitoring") as Rendered;
    expect(stack.spec.source).toMatchObject({
      repoURL: HELM_CHARTS.kubePrometheusStack.repoURL,
      chart: "kube-prometheus-stack",
      targetRevision: HELM_CHARTS.kubePrometheusStack.version,
    });
    expect(stack.spec.syncPolicy.syncOptions).toContain("ServerSideApply=true");
    expect(Number(stack.metadata.annotations?.["argocd.argoproj.io/sync-wave"])).toBeLessThan(
      Number(ours.metadata.annotations?.["argocd.argoproj.io/sync-wave"]),
    );
    const values = stack.spec.source.helm.valuesObject;
    expect(values.prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues).toBe(false);
    expect(values.alertmanager.alertmanagerSpec.alertmanagerConfigMatcherStrategy).toEqual({ type: "None" });
    expect(values.grafana.admin.existingSecret).toBe("grafana-admin");
  });

  it("is admitted by the AppProject: every kind the monitoring app renders is whitelisted", async () => {
    const { tree, objects } = monitoringObjects();
    const project = (tree.objects.get("argocd/applications") ?? []).find(
      (object) => object.kind === "AppProject",
    ) as Rendered;
    const allowed = new Set(
      project.spec.namespaceResourceWhitelist.map(
        (kind: { group: string; kind: string }) => `${kind.group}/${kind.kind}`,
      ),
    );
    for (const object of objects) {
      const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
      expect(allowed, `${group}/${object.kind}`).toContain(`${group}/${object.kind}`);
    }
  });
});
