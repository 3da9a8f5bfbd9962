import { CLUSTER_SCOPED_KINDS } from "@mc-infra/charts";
import { parseAllDocuments } from "yaml";
import { podSpecOf as workloadPodSpec } from "../policy/workloads.ts";
import { CHART_FACTS } from "./helm-chart-facts.ts";
import { type PodSpec, podReferences } from "./pod-references.ts";

/**
 * A fresh cluster that has ArgoCD and nothing of ours, playing the documented rules that decide
 * whether a first deploy comes up (sources: docs/upstream-contracts.md, rows "argocd: …"):
 * - ArgoCD refuses to reconcile an Application whose project does not exist
 *   ("Application referencing project … which does not exist");
 * - a sync applies one wave at a time and starts the next only when every resource of the last is
 *   Healthy; an Application resource has a health only with the argocd-cm health customization;
 * - a namespaced object needs its namespace (or CreateNamespace=true for the destination);
 * - a custom resource needs its CRD, installed by an earlier wave or app;
 * - a claim on a StorageClass that does not exist stays Pending, so its workload never gets Healthy;
 * - a pod whose non-optional Secret or ConfigMap is missing never starts;
 * - a LoadBalancer Service gets no address until MetalLB has an address pool.
 * Everything happens at once: a command's objects are reconciled before the next command runs,
 * the strictest reading of "ArgoCD syncs right after the apply".
 */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly annotations?: Record<string, string>;
  };
  readonly spec?: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
}

export interface BootstrapInput {
  /** Repository-relative path → file text: the rendered tree. */
  readonly files: ReadonlyMap<string, string>;
  /** The commands a new user types, in order. */
  readonly commands: readonly string[];
  /** Secrets `pulumi up` writes into the cluster (namespace/name). */
  readonly pulumiSecrets: readonly { readonly namespace: string; readonly name: string }[];
}

export interface BootstrapResult {
  /** Each object that would never become Healthy or never be created, and why. Empty: it comes up. */
  readonly problems: string[];
  /** Applications that reached Healthy, in the order they did. */
  readonly healthy: string[];
}

const APPLICATION_HEALTH = "resource.customizations.health.argoproj.io_Application";
const CORE_GROUPS = new Set([
  "",
  "apps",
  "batch",
  "policy",
  "networking.k8s.io",
  "storage.k8s.io",
  "rbac.authorization.k8s.io",
  "apiextensions.k8s.io",
  "admissionregistration.k8s.io",
  "scheduling.k8s.io",
]);

const podSpecOf = (object: Manifest) => workloadPodSpec<PodSpec>(object);
const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0]! : "");
const waveOf = (object: Manifest) =>
  Number(object.metadata.annotations?.["argocd.argoproj.io/sync-wave"] ?? 0);
const label = (object: Manifest) => `${object.kind}/${object.metadata.name}`;

interface AppRun {
  readonly app: Manifest;
  /** Index into `waves` of the wave being applied; waves.length once Healthy. */
  next: number;
  waves?: Manifest[][];
  applied: Set<number>;
  blocked?: string;
}

export function bootstrapFreshCluster(input: BootstrapInput): BootstrapResult {
  const cluster = new FreshCluster(input.files);
  for (const command of input.commands) cluster.run(command, input.pulumiSecrets);
  cluster.settle();
  return { problems: cluster.problems(), healthy: cluster.healthy };
}

class FreshCluster {
  // What an ArgoCD install brings: its namespace, its CRDs and the `default` project.
  readonly namespaces = new Set(["argocd", "default", "kube-system"]);
  readonly crdGroups = new Set(["argoproj.io"]);
  readonly projects = new Set(["default"]);
  readonly storageClasses = new Set<string>();
  readonly present = new Set<string>();
  readonly healthy: string[] = [];
  private applicationHealth = false;
  private addressPools = 0;
  private readonly failures: string[] = [];
  private readonly runs = new Map<string, AppRun>();
  private readonly roots: string[] = [];
  private readonly workloads: { object: Manifest; namespace: string }[] = [];

  private readonly files: ReadonlyMap<string, string>;

  constructor(files: ReadonlyMap<string, string>) {
    this.files = files;
  }

  run(command: string, pulumiSecrets: BootstrapInput["pulumiSecrets"]): void {
    const words = command.trim().split(/\s+/);
    if (/\bpulumi up\b/.test(command)) {
      for (const secret of pulumiSecrets) {
        if (!this.namespaces.has(secret.namespace)) {
          this.failures.push(
            `\`${command}\`: Secret ${secret.namespace}/${secret.name}: namespace ${secret.namespace} does not exist yet`,
          );
        } else this.present.add(`Secret/${secret.namespace}/${secret.name}`);
      }
    } else if (words[0] === "kubectl" && words.includes("patch")) {
      const file = words[words.indexOf("--patch-file") + 1] ?? "";
      const text = this.read(command, file);
      if (words.includes("argocd-cm") && text?.includes(APPLICATION_HEALTH)) this.applicationHealth = true;
    } else if (words[0] === "kubectl" && words.includes("apply")) {
      words.forEach((word, index) => {
        if (word !== "-f") return;
        const file = words[index + 1] ?? "";
        for (const object of this.manifests(command, file)) {
          const problem = this.create(object, object.metadata.namespace ?? "default");
          if (problem) this.failures.push(`\`${command}\`: ${label(object)}: ${problem}`);
          else if (object.kind === "Application") this.roots.push(object.metadata.name);
        }
      });
    }
    this.settle();
  }

  /** ArgoCD's controller, run until nothing more can progress. */
  settle(): void {
    let progress = true;
    while (progress) {
      progress = false;
      for (const name of this.roots) if (this.step(name)) progress = true;
    }
  }

  problems(): string[] {
    const blocked = [...this.runs.values()]
      .filter((run) => run.blocked && !this.waitsOnBlockedChild(run))
      .map((run) => `Application ${run.app.metadata.name} would never become Healthy: ${run.blocked}`);
    const missing = this.workloads.flatMap(({ object, namespace }) =>
      podReferences(podSpecOf(object) ?? {})
        .filter((ref) => !this.present.has(`${ref.kind}/${namespace}/${ref.name}`))
        .map(
          (ref) =>
            `${label(object)} (${namespace}) ${ref.field}: ${ref.kind} ${ref.name} is neither rendered nor written by Pulumi`,
        ),
    );
    return [...new Set([...this.failures, ...blocked, ...missing])];
  }

  /** A parent held up by a child is reported through the child: the innermost reason, once. */
  private waitsOnBlockedChild(run: AppRun): boolean {
    return [...this.runs.values()].some(
      (child) =>
        child !== run && child.blocked && run.blocked?.startsWith(`Application/${child.app.metadata.name} `),
    );
  }

  /** Advances one Application as far as it goes now; true if anything changed. */
  private step(name: string): boolean {
    const run = this.runs.get(name);
    if (!run) return false;
    const before = `${run.next}|${run.applied.size}|${run.blocked}`;
    if (!this.projects.has(String(run.app.spec?.project))) {
      run.blocked = `its project "${run.app.spec?.project}" does not exist, and ArgoCD reconciles no Application whose project is missing ("Application referencing project ${run.app.spec?.project} which does not exist")`;
      return before !== `${run.next}|${run.applied.size}|${run.blocked}`;
    }
    run.waves ??= this.wavesOf(run.app);
    const namespace = String((run.app.spec?.destination as { namespace?: string } | undefined)?.namespace);
    while (run.next < run.waves.length) {
      const wave = run.waves[run.next]!;
      if (!run.applied.has(run.next)) {
        if (this.createNamespaceOption(run.app)) this.namespaces.add(namespace);
        const ordered = [...wave].sort((a, b) => applyOrder(a) - applyOrder(b));
        const failed = ordered
          .map((object) => [object, this.create(object, namespace)] as const)
          .find(([, problem]) => problem);
        if (failed) {
          run.blocked = `${label(failed[0])} (wave ${waveOf(failed[0])}) cannot be applied: ${failed[1]}`;
          break;
        }
        run.applied.add(run.next);
      }
      const unhealthy = wave
        .map((object) => [object, this.unhealthy(object, namespace)] as const)
        .find(([, reason]) => reason);
      if (unhealthy) {
        run.blocked = `${label(unhealthy[0])} (wave ${waveOf(unhealthy[0])}) ${unhealthy[1]}, so no later wave is applied`;
        break;
      }
      run.blocked = undefined;
      run.next += 1;
      if (run.next === run.waves.length) this.healthy.push(name);
    }
    return before !== `${run.next}|${run.applied.size}|${run.blocked}`;
  }

  private wavesOf(app: Manifest): Manifest[][] {
    const source = app.spec?.source as { path?: string; chart?: string } | undefined;
    const objects: Manifest[] = source?.path
      ? [...this.files.keys()]
          .filter(
            (path) =>
              path.startsWith(`${source.path}/`) && !path.slice(source.path!.length + 1).includes("/"),
          )
          .flatMap((path) => this.manifests(`sync ${app.metadata.name}`, path))
      : [chartObject(app)];
    const byWave = new Map<number, Manifest[]>();
    for (const object of objects) byWave.set(waveOf(object), [...(byWave.get(waveOf(object)) ?? []), object]);
    return [...byWave.entries()].sort(([a], [b]) => a - b).map(([, wave]) => wave);
  }

  private createNamespaceOption(app: Manifest): boolean {
    const options = (app.spec?.syncPolicy as { syncOptions?: string[] } | undefined)?.syncOptions ?? [];
    return options.includes("CreateNamespace=true");
  }

  /** Applies one object; a reason when the API server would refuse it. */
  private create(object: Manifest, defaultNamespace: string): string | undefined {
    const group = groupOf(object.apiVersion);
    if (object.kind === "HelmChart") {
      const facts = CHART_FACTS[object.metadata.name];
      if (!facts) return `no chart facts for ${object.metadata.name} (test/bootstrap/helm-chart-facts.ts)`;
      for (const crd of facts.crdGroups) this.crdGroups.add(crd);
      return undefined;
    }
    if (!CORE_GROUPS.has(group) && !this.crdGroups.has(group))
      return `no CRD serves ${group} yet (no earlier wave or app installs it)`;
    const namespaced = !CLUSTER_SCOPED_KINDS.has(object.kind);
    const namespace = object.metadata.namespace ?? defaultNamespace;
    if (namespaced && !this.namespaces.has(namespace)) return `namespace ${namespace} does not exist`;
    if (object.kind === "Namespace") this.namespaces.add(object.metadata.name);
    if (object.kind === "StorageClass") this.storageClasses.add(object.metadata.name);
    if (object.kind === "AppProject") this.projects.add(object.metadata.name);
    if (object.kind === "IPAddressPool") this.addressPools += 1;
    if (object.kind === "CustomResourceDefinition") this.crdGroups.add(String(object.spec?.group));
    this.present.add(`${object.kind}/${namespaced ? `${namespace}/` : ""}${object.metadata.name}`);
    if (object.kind === "Application" && !this.runs.has(object.metadata.name))
      this.runs.set(object.metadata.name, { app: object, next: 0, applied: new Set() });
    if (podSpecOf(object)) this.workloads.push({ object, namespace });
    return undefined;
  }

  /** Why an applied object is not Healthy now, or undefined when it is. */
  private unhealthy(object: Manifest, namespace: string): string | undefined {
    const ns = object.metadata.namespace ?? namespace;
    if (object.kind === "Application") {
      if (!this.applicationHealth)
        return `has no health without the argocd-cm customization ${APPLICATION_HEALTH}, so waves would not wait for it`;
      this.step(object.metadata.name);
      const run = this.runs.get(object.metadata.name)!;
      return run.waves && run.next === run.waves.length
        ? undefined
        : `is not Healthy (${run.blocked ?? "syncing"})`;
    }
    if (object.kind === "HelmChart") {
      const facts = CHART_FACTS[object.metadata.name]!;
      for (const storageClass of facts.storageClasses) this.storageClasses.add(storageClass);
      const values = (object.spec?.values ?? {}) as Record<string, unknown>;
      const claim = facts.claimedStorageClasses(values).find((name) => !this.storageClasses.has(name));
      if (claim) return `claims StorageClass ${claim}, which does not exist yet (claim Pending)`;
      const secret = facts.secrets(values).find((name) => !this.present.has(`Secret/${ns}/${name}`));
      if (secret) return `mounts Secret ${ns}/${secret}, which does not exist`;
      return undefined;
    }
    if (object.kind === "PersistentVolumeClaim") return this.missingClass([object.spec?.storageClassName]);
    if (object.kind === "Service" && object.spec?.type === "LoadBalancer" && this.addressPools === 0)
      return "is a LoadBalancer Service and no MetalLB IPAddressPool exists yet (no address)";
    // A CronJob's pods come later; their references are checked once everything has settled.
    if (object.kind === "CronJob") return undefined;
    const pod = podSpecOf(object);
    if (!pod) return undefined;
    if (object.kind === "StatefulSet") {
      const templates = (object.spec?.volumeClaimTemplates ?? []) as {
        spec?: { storageClassName?: string };
      }[];
      const missing = this.missingClass(templates.map((template) => template.spec?.storageClassName));
      if (missing) return missing;
    }
    const ref = podReferences(pod).find(
      (candidate) => !this.present.has(`${candidate.kind}/${ns}/${candidate.name}`),
    );
    return ref
      ? `needs ${ref.kind} ${ns}/${ref.name} (${ref.field}), which does not exist: its pods never start`
      : undefined;
  }

  private missingClass(names: readonly unknown[]): string | undefined {
    const missing = names.find((name) => typeof name === "string" && !this.storageClasses.has(name));
    return missing ? `claims StorageClass ${missing}, which does not exist yet (claim Pending)` : undefined;
  }

  private read(command: string, file: string): string | undefined {
    const text = this.files.get(file);
    if (text === undefined) this.failures.push(`\`${command}\`: ${file} is not a rendered file`);
    return text;
  }

  private manifests(command: string, file: string): Manifest[] {
    const text = this.read(command, file);
    if (text === undefined) return [];
    return parseAllDocuments(text)
      .map((document) => document.toJS() as Manifest | null)
      .filter((object): object is Manifest => object !== null);
  }
}

/** A Helm-sourced Application's chart, as one object that stands for everything it installs. */
function chartObject(app: Manifest): Manifest {
  const source = app.spec?.source as { chart: string; helm?: { valuesObject?: unknown } };
  return {
    apiVersion: "helm/v1",
    kind: "HelmChart",
    metadata: { name: source.chart },
    spec: { values: source.helm?.valuesObject ?? {} },
  };
}

/** ArgoCD applies namespaces and CRDs before the rest of a wave (gitops-engine's kind order). */
function applyOrder(object: Manifest): number {
  if (object.kind === "Namespace") return 0;
  if (object.kind === "CustomResourceDefinition") return 1;
  return 2;
}
