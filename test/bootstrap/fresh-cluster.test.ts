import { APPLICATIONS, type ApplicationDefinition, renderNetwork } from "@mc-infra/charts";
import { clusterSecrets, resolveNetwork } from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import example from "../../network.config.ts";
import { bootstrapFreshCluster } from "./fresh-cluster.ts";
import { readmeBootstrapCommands } from "./readme-commands.ts";

const network = resolveNetwork(example);
const context = { configFile: "network.config.ts", environment: "production" };
const pulumiSecrets = Object.values(clusterSecrets(network));
const commands = readmeBootstrapCommands();

function bootstrap(
  options: {
    commands?: readonly string[];
    applications?: readonly ApplicationDefinition[];
    secrets?: typeof pulumiSecrets;
  } = {},
) {
  const tree = renderNetwork(network, context, options.applications ?? APPLICATIONS);
  return bootstrapFreshCluster({
    files: tree.files,
    commands: options.commands ?? commands,
    pulumiSecrets: options.secrets ?? pulumiSecrets,
  });
}

const withWave = (name: string, syncWave: number) =>
  APPLICATIONS.map((app) => (app.name === name ? { ...app, syncWave } : app));

describe("a fresh cluster with ArgoCD, bootstrapped by the README's commands", () => {
  it("brings the root and every application to Healthy, with nothing left unstartable", () => {
    const result = bootstrap();
    expect(result.problems).toEqual([]);
    expect([...result.healthy].sort()).toEqual(
      [`${network.name}-root`, ...APPLICATIONS.map((app) => app.name)].sort(),
    );
  });

  it("syncs the applications wave by wave: storage and CRDs before what uses them", () => {
    const order = bootstrap().healthy;
    const before = (a: string, b: string) => expect(order.indexOf(a)).toBeLessThan(order.indexOf(b));
    before("longhorn-config", "kube-prometheus-stack");
    before("kube-prometheus-stack", "monitoring");
    before("metallb-config", "minecraft");
  });

  it("reads real commands that name rendered files", () => {
    expect(commands.length).toBeGreaterThanOrEqual(4);
    expect(commands.every((command) => /^(kubectl|\(cd pulumi && pulumi up\))/.test(command))).toBe(true);
  });
});

describe("the simulation catches what stops a first deploy", () => {
  it("a root app whose project only the root itself would sync (defect 1)", () => {
    const result = bootstrap({ commands: commands.filter((command) => !command.includes("appproject")) });
    expect(result.problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `Application ${network.name}-root would never become Healthy: its project "minecraft" does not exist`,
        ),
      ),
    );
    expect(result.healthy).toEqual([]);
  });

  it("the monitoring stack in a wave before the StorageClass it claims (defect 2)", () => {
    const result = bootstrap({ applications: withWave("kube-prometheus-stack", 0) });
    expect(result.problems).toEqual([
      expect.stringMatching(
        /Application kube-prometheus-stack would never become Healthy: HelmChart\/kube-prometheus-stack \(wave 0\) claims StorageClass minecraft-scratch, which does not exist yet/,
      ),
    ]);
    expect(result.healthy).not.toContain("minecraft");
  });

  it("custom resources in a wave before their CRD's chart", () => {
    const result = bootstrap({ applications: withWave("monitoring", 1) });
    expect(result.problems.join("\n")).toMatch(
      /Application monitoring would never become Healthy: \S+ \(wave 0\) cannot be applied: no CRD serves monitoring\.coreos\.com yet/,
    );
  });

  it("waves that cannot wait, without the Application health check", () => {
    const result = bootstrap({ commands: commands.filter((command) => !command.includes("argocd-cm")) });
    expect(result.problems.join("\n")).toMatch(/has no health without the argocd-cm customization/);
  });

  it("Secrets written before their namespaces exist", () => {
    const result = bootstrap({
      commands: commands.filter((command) => !command.includes("namespaces.yaml")),
    });
    expect(result.problems.join("\n")).toMatch(/pulumi up.*namespace minecraft does not exist yet/);
  });

  it("a pod whose Secret nobody creates, named with the field that reads it", () => {
    const result = bootstrap({
      secrets: pulumiSecrets.filter((secret) => secret.name !== "velocity-forwarding"),
    });
    expect(result.problems.join("\n")).toMatch(
      /Application minecraft would never become Healthy: \S+ \(wave 0\) needs Secret minecraft\/velocity-forwarding \(\S+\.env\.\w+\)/,
    );
  });

  it("a README that names a file synth does not render", () => {
    const result = bootstrap({ commands: [...commands, "kubectl apply -f argocd/missing.yaml"] });
    expect(result.problems).toContainEqual(
      expect.stringMatching(/argocd\/missing\.yaml is not a rendered file/),
    );
  });
});
