import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { type Check, fail, pass, skip } from "../check.ts";

export interface ApplicationStatus {
  readonly metadata: { readonly name: string };
  readonly status?: {
    readonly sync?: { readonly status?: string };
    readonly health?: { readonly status?: string };
  };
}

/** Names the applications that are not Synced and Healthy, with what they are instead. */
export function unsettledApplications(applications: readonly ApplicationStatus[]): string[] {
  return applications
    .filter((app) => app.status?.sync?.status !== "Synced" || app.status?.health?.status !== "Healthy")
    .map(
      (app) =>
        `${app.metadata.name} ${app.status?.sync?.status ?? "Unknown"}/${app.status?.health?.status ?? "Unknown"}`,
    );
}

/** The kubeconfig `kubectl` would use: $KUBECONFIG, else ~/.kube/config; undefined when neither exists. */
export function findKubeconfig(env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env.KUBECONFIG?.split(":").find((path) => path && existsSync(path));
  if (fromEnv) return fromEnv;
  const home = join(env.HOME ?? homedir(), ".kube", "config");
  return existsSync(home) ? home : undefined;
}

/**
 * Every ArgoCD Application in the namespace is Synced and Healthy. ArgoCD deploys the manifests by
 * itself after a push; this is where verification sees that it did. Skipped without a kubeconfig
 * (CI runners usually cannot reach a home-lab API server).
 */
export function argocdApplicationsCheck(namespace: string, kubeconfigPath: string | undefined): Check {
  return {
    name: "ArgoCD applications Synced and Healthy",
    run: async () => {
      if (!kubeconfigPath) return skip("no kubeconfig (set KUBECONFIG to check ArgoCD)");
      const config = new KubeConfig();
      config.loadFromFile(kubeconfigPath);
      const api = config.makeApiClient(CustomObjectsApi);
      const list = (await api.listNamespacedCustomObject({
        group: "argoproj.io",
        version: "v1alpha1",
        namespace,
        plural: "applications",
      })) as { items?: ApplicationStatus[] };
      const items = list.items ?? [];
      if (items.length === 0) return fail(`no Applications in namespace ${namespace}`);
      const unsettled = unsettledApplications(items);
      if (unsettled.length > 0) return fail(unsettled.join(", "));
      return pass(`${items.length} applications`);
    },
  };
}
