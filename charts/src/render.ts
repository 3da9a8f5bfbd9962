import { clusterSecrets, type Network } from "@mc-infra/config";
import { App, type Chart } from "cdk8s";
import { APPLICATIONS, type ApplicationDefinition } from "./applications.ts";
import type { GroupKind } from "./argocd/app-project.ts";
import { argocdConfigPatch } from "./argocd/application-health.ts";
import { ApplicationsChart, HELM_NAMESPACE_LABELS, RootChart } from "./argocd/bootstrap-chart.ts";
import { byCodeUnits } from "./lib/compare.ts";
import { CLUSTER_SCOPED_KINDS, type ManifestObject } from "./lib/kinds.ts";
import { appLabels } from "./lib/labels.ts";
import { fileNameFor, header, type RenderContext, toYaml } from "./serialize.ts";

/** Top-level folders the renderer owns entirely: replaced as a whole on every synth. */
export const MANAGED_DIRS = ["apps", "argocd"] as const;
const APPS_DIR = "apps";
const APPLICATIONS_DIR = "argocd/applications";

export interface RenderedTree {
  /** Repository-relative path → file content, sorted by path. */
  readonly files: ReadonlyMap<string, string>;
  /** Every rendered Kubernetes object, by the folder it was written to. */
  readonly objects: ReadonlyMap<string, readonly ManifestObject[]>;
}

/** Renders every application and the ArgoCD bootstrap in memory; nothing touches the disk. */
export function renderNetwork(
  network: Network,
  context: RenderContext,
  applications: readonly ApplicationDefinition[] = APPLICATIONS,
): RenderedTree {
  const files = new Map<string, string>();
  const objects = new Map<string, ManifestObject[]>();
  const app = new App();

  const add = (folder: string, chartObjects: ManifestObject[]) => {
    const list = objects.get(folder) ?? [];
    for (const object of chartObjects) {
      const path = `${folder}/${fileNameFor(object)}`;
      if (files.has(path))
        throw new Error(`two objects render to ${path}: names must be unique per kind in an app`);
      files.set(path, header(context) + toYaml(object));
      list.push(object);
    }
    objects.set(folder, list);
  };

  for (const definition of applications) {
    if (definition.source !== "rendered") continue;
    add(`${APPS_DIR}/${definition.name}`, chartObjects(definition.chart(app, network)));
  }

  const renderedKinds = kindsByScope([...objects.values()].flat());
  add(
    APPLICATIONS_DIR,
    chartObjects(
      new ApplicationsChart(app, {
        network,
        applications,
        renderedKinds,
        applicationsPath: APPLICATIONS_DIR,
        appsPath: APPS_DIR,
      }),
    ),
  );
  const [root] = chartObjects(new RootChart(app, { network, applicationsPath: APPLICATIONS_DIR }));
  files.set("argocd/root.yaml", header(context) + toYaml(root));
  objects.set("argocd", [root!]);
  files.set("argocd/argocd-cm.patch.yaml", header(context) + toYaml(argocdConfigPatch()));
  const namespaces = secretNamespaces(network, [...objects.values()].flat(), applications);
  files.set(
    "argocd/namespaces.yaml",
    header(context) + namespaces.map((namespace) => toYaml(namespace)).join("---\n"),
  );
  objects.set("argocd/namespaces.yaml", namespaces);

  return { files: new Map([...files.entries()].sort(([a], [b]) => byCodeUnits(a, b))), objects };
}

/**
 * The namespaces Pulumi writes the cluster's Secrets into, applied by hand before the first
 * `pulumi up` (README, "Bootstrap"): without them its Secrets have nowhere to go, and without the
 * Secrets the first sync's Grafana and game servers never become healthy. Each is the object its
 * application will own (a rendered Namespace, or the labels ArgoCD gives a chart's namespace), so
 * ArgoCD adopts it unchanged.
 */
function secretNamespaces(
  network: Network,
  rendered: readonly ManifestObject[],
  applications: readonly ApplicationDefinition[],
): ManifestObject[] {
  const names = new Set(Object.values(clusterSecrets(network)).map((ref) => ref.namespace));
  return [...names].sort(byCodeUnits).map((name) => {
    const own = rendered.find((object) => object.kind === "Namespace" && object.metadata.name === name);
    if (own) return own;
    const owner = applications.find((app) => app.namespace(network) === name)?.name ?? name;
    return {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { labels: { ...appLabels(network, owner), ...HELM_NAMESPACE_LABELS }, name },
    };
  });
}

function chartObjects(chart: Chart): ManifestObject[] {
  return (chart.toJson() as ManifestObject[]).map((object) => {
    if (CLUSTER_SCOPED_KINDS.has(object.kind)) delete object.metadata.namespace;
    return object;
  });
}

function kindsByScope(all: readonly ManifestObject[]) {
  const cluster = new Map<string, GroupKind>();
  const namespaced = new Map<string, GroupKind>();
  for (const object of all) {
    const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0]! : "";
    const target = CLUSTER_SCOPED_KINDS.has(object.kind) ? cluster : namespaced;
    target.set(`${group}/${object.kind}`, { group, kind: object.kind });
  }
  return { cluster: [...cluster.values()], namespaced: [...namespaced.values()] };
}
