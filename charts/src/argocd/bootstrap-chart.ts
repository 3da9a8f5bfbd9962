import type { Network } from "@mc-infra/config";
import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import type { ApplicationDefinition } from "../applications.ts";
import { byCodeUnits } from "../lib/compare.ts";
import { appLabels } from "../lib/labels.ts";
import { AppProject, type GroupKind } from "./app-project.ts";
import { Application } from "./application.ts";

export interface BootstrapProps {
  readonly network: Network;
  readonly applications: readonly ApplicationDefinition[];
  /** Kinds our rendered apps use, split by scope (computed from the rendered objects). */
  readonly renderedKinds: {
    readonly cluster: readonly GroupKind[];
    readonly namespaced: readonly GroupKind[];
  };
  /** Repository path of the folder holding the child Applications. */
  readonly applicationsPath: string;
  /** Repository path of the rendered `apps/` folder. */
  readonly appsPath: string;
}

/** Pod Security labels of the namespaces ArgoCD creates for the upstream charts (CreateNamespace=true). */
export const HELM_NAMESPACE_LABELS = {
  "pod-security.kubernetes.io/enforce": "privileged",
  "pod-security.kubernetes.io/warn": "privileged",
} as const;

const argoKinds: GroupKind[] = [
  { group: "argoproj.io", kind: "Application" },
  { group: "argoproj.io", kind: "AppProject" },
];

/** The child Applications and the AppProject, synced by the root app (rendered separately). */
export class ApplicationsChart extends Chart {
  constructor(scope: Construct, props: BootstrapProps) {
    const { network } = props;
    const argocd = network.argocd;
    super(scope, "applications", { labels: appLabels(network, "argocd-applications") });

    const helmApps = props.applications.filter((app) => app.source === "helm");
    new AppProject(this, "project", {
      name: argocd.project,
      argocdNamespace: argocd.namespace,
      description: `${network.name}: everything rendered from network.config.ts`,
      sourceRepos: unique([argocd.repoURL, ...helmApps.map((app) => app.chart.repoURL)]),
      namespaces: unique([argocd.namespace, ...props.applications.map((app) => app.namespace(network))]),
      clusterResources: uniqueKinds([
        ...props.renderedKinds.cluster,
        ...helmApps.flatMap((app) => app.kinds.cluster),
      ]),
      namespaceResources: uniqueKinds([
        ...props.renderedKinds.namespaced,
        ...helmApps.flatMap((app) => app.kinds.namespaced),
        ...argoKinds,
      ]),
    });

    for (const app of props.applications) {
      const namespace = app.namespace(network);
      new Application(this, app.name, {
        name: app.name,
        argocdNamespace: argocd.namespace,
        project: argocd.project,
        destinationNamespace: namespace,
        syncWave: app.syncWave,
        ...(app.source === "helm"
          ? {
              source: {
                repoURL: app.chart.repoURL,
                chart: app.chart.chart,
                targetRevision: app.chart.version,
                helm: { releaseName: app.name, valuesObject: app.values(network) },
              },
              managedNamespaceLabels: HELM_NAMESPACE_LABELS,
              ...(app.syncOptions ? { syncOptions: app.syncOptions } : {}),
            }
          : {
              source: {
                repoURL: argocd.repoURL,
                targetRevision: argocd.targetRevision,
                path: `${props.appsPath}/${app.name}`,
              },
            }),
      });
    }
  }
}

/** The app-of-apps: applied once by hand, then it keeps the child Applications in sync. */
export class RootChart extends Chart {
  constructor(scope: Construct, props: Pick<BootstrapProps, "network" | "applicationsPath">) {
    const { argocd } = props.network;
    super(scope, "root", { labels: appLabels(props.network, "argocd-root") });
    new Application(this, "root", {
      name: `${props.network.name}-root`,
      argocdNamespace: argocd.namespace,
      project: argocd.project,
      destinationNamespace: argocd.namespace,
      syncWave: 0,
      source: {
        repoURL: argocd.repoURL,
        targetRevision: argocd.targetRevision,
        path: props.applicationsPath,
      },
    });
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function uniqueKinds(kinds: readonly GroupKind[]): GroupKind[] {
  const seen = new Map(kinds.map((kind) => [`${kind.group}/${kind.kind}`, kind]));
  return [...seen.entries()]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([, kind]) => ({ group: kind.group, kind: kind.kind }));
}
