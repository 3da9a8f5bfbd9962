import { resolveNetwork } from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import example from "../../network.config.ts";
import { APPLICATIONS, WAVES } from "../src/applications.ts";
import { CLUSTER_SCOPED_KINDS } from "../src/lib/kinds.ts";
import { renderNetwork } from "../src/render.ts";

/** The fields these tests read; the schema tests check the whole objects against Argo CD's models. */
interface RenderedApplication {
  metadata: { name: string; annotations: Record<string, string> };
  spec: {
    project: string;
    source: { repoURL: string; targetRevision: string; path?: string; chart?: string };
    destination: { namespace: string };
    syncPolicy: { automated: unknown };
  };
}
interface RenderedProject {
  spec: {
    sourceRepos: string[];
    destinations: { namespace: string }[];
    clusterResourceWhitelist: { group: string; kind: string }[];
    namespaceResourceWhitelist: { group: string; kind: string }[];
  };
}

const network = resolveNetwork(example);
const tree = renderNetwork(network, { configFile: "network.config.ts", environment: "production" });
const bootstrap = tree.objects.get("argocd/applications")!;
const project = bootstrap.find((object) => object.kind === "AppProject") as unknown as RenderedProject;
const applications = bootstrap.filter(
  (object) => object.kind === "Application",
) as unknown as RenderedApplication[];
const rendered = [...tree.objects.entries()]
  .filter(([folder]) => folder.startsWith("apps/"))
  .flatMap(([, objects]) => objects);
const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0]! : "");

describe("the ArgoCD bootstrap", () => {
  it("has one Application per rendered app folder, pointing at that folder", () => {
    const folders = [...tree.objects.keys()].filter((folder) => folder.startsWith("apps/")).sort();
    const paths = applications
      .filter((app) => app.spec.source.path)
      .map((app) => app.spec.source.path)
      .sort();
    expect(paths).toEqual(folders);
    for (const app of applications.filter((candidate) => candidate.spec.source.path)) {
      expect(app.spec.source.repoURL).toBe(network.argocd.repoURL);
      expect(app.spec.source.targetRevision).toBe(network.argocd.targetRevision);
    }
  });

  it("installs upstream charts at pinned versions, never a range", () => {
    const helm = applications.filter((app) => app.spec.source.chart);
    expect(helm.map((app) => app.metadata.name).sort()).toEqual(
      APPLICATIONS.filter((app) => app.source === "helm")
        .map((app) => app.name)
        .sort(),
    );
    for (const app of helm) expect(app.spec.source.targetRevision).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("syncs every child automatically with prune and self-heal", () => {
    for (const app of applications)
      expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  it("orders sync waves: CRD owners before their custom resources before workloads", () => {
    const wave = (name: string) =>
      Number(
        applications.find((app) => app.metadata.name === name)!.metadata.annotations![
          "argocd.argoproj.io/sync-wave"
        ],
      );
    expect(wave("metallb")).toBeLessThan(wave("metallb-config"));
    expect(wave("metallb-config")).toBeLessThan(wave("minecraft"));
    expect(wave("longhorn")).toBe(WAVES.operators);
  });

  it("lets custom resources skip the dry run while their CRD comes from another app", () => {
    const ownGroups = new Set([
      "",
      "apps",
      "batch",
      "policy",
      "networking.k8s.io",
      "storage.k8s.io",
      "rbac.authorization.k8s.io",
    ]);
    const custom = rendered.filter((object) => !ownGroups.has(groupOf(object.apiVersion)));
    expect(custom.length).toBeGreaterThan(0);
    for (const object of custom) {
      expect(
        object.metadata.annotations?.["argocd.argoproj.io/sync-options"],
        `${object.kind}/${object.metadata.name}`,
      ).toContain("SkipDryRunOnMissingResource=true");
    }
  });
});

describe("the AppProject", () => {
  const text = JSON.stringify(project.spec);

  it("uses no wildcard anywhere", () => {
    expect(text).not.toContain("*");
  });

  it("allows exactly the kinds rendered here plus those the pinned charts install", () => {
    const expected = new Set<string>();
    for (const object of rendered) expected.add(`${groupOf(object.apiVersion)}/${object.kind}`);
    for (const app of APPLICATIONS) {
      if (app.source === "helm")
        for (const kind of [...app.kinds.cluster, ...app.kinds.namespaced])
          expected.add(`${kind.group}/${kind.kind}`);
    }
    expected.add("argoproj.io/Application");
    expected.add("argoproj.io/AppProject");
    const allowed = [
      ...project.spec.clusterResourceWhitelist,
      ...project.spec.namespaceResourceWhitelist,
    ].map((kind: { group: string; kind: string }) => `${kind.group}/${kind.kind}`);
    expect(allowed.sort()).toEqual([...expected].sort());
    for (const kind of project.spec.clusterResourceWhitelist)
      expect(CLUSTER_SCOPED_KINDS.has(kind.kind)).toBe(true);
  });

  // Not localeCompare's order: that follows the machine's locale (an Estonian one puts z before t).
  it("lists the kinds in code-unit order, which no locale changes", () => {
    for (const list of [project.spec.clusterResourceWhitelist, project.spec.namespaceResourceWhitelist]) {
      const keys = list.map((kind) => `${kind.group}/${kind.kind}`);
      expect(keys).toEqual([...keys].sort());
    }
  });

  it("allows exactly the namespaces and repositories the applications use", () => {
    const namespaces = new Set([
      network.argocd.namespace,
      ...applications.map((app) => app.spec.destination.namespace),
    ]);
    expect(
      project.spec.destinations.map((destination: { namespace: string }) => destination.namespace).sort(),
    ).toEqual([...namespaces].sort());
    const repos = new Set(applications.map((app) => app.spec.source.repoURL));
    expect([...project.spec.sourceRepos].sort()).toEqual([...repos].sort());
  });
});

describe("the root app-of-apps", () => {
  it("syncs the folder holding the child Applications and the project", () => {
    const [root] = tree.objects.get("argocd")! as unknown as RenderedApplication[];
    expect(root!.spec.source.path).toBe("argocd/applications");
    expect(root!.spec.project).toBe(network.argocd.project);
    expect(tree.files.has("argocd/argocd-cm.patch.yaml")).toBe(true);
    expect(tree.files.get("argocd/argocd-cm.patch.yaml")).toContain(
      "resource.customizations.health.argoproj.io_Application",
    );
  });
});
