import { clusterSecrets, type Network, type SecretRef } from "@mc-infra/config";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IService } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import type { ManifestObject } from "../src/lib/kinds.ts";
import { exampleNetwork } from "./support/network.ts";
import { restrictedViolations } from "./support/pod-security.ts";
import { synthNetwork } from "./support/synth.ts";

const kinds = (objects: readonly ManifestObject[] | undefined, kind: string) =>
  (objects ?? []).filter((object) => object.kind === kind);

function podSpecs(objects: readonly ManifestObject[]): IPodSpec[] {
  return objects.flatMap((object) => {
    const template = (object as { spec?: { template?: { spec?: IPodSpec } } }).spec?.template?.spec;
    return template ? [template] : [];
  });
}

/** Every Secret a rendered pod reads: name, key (if one), namespace. */
function secretReferences(
  objects: readonly ManifestObject[],
): { name: string; key?: string; namespace: string }[] {
  return objects.flatMap((object) =>
    podSpecs([object]).flatMap((pod) => {
      const namespace = object.metadata.namespace!;
      const containers = [...(pod.initContainers ?? []), ...pod.containers];
      const fromEnv = containers.flatMap((c) =>
        (c.env ?? []).flatMap((variable) => {
          const ref = variable.valueFrom?.secretKeyRef;
          return ref ? [{ name: ref.name!, key: ref.key, namespace }] : [];
        }),
      );
      const fromVolumes = (pod.volumes ?? []).flatMap((v) =>
        v.secret ? [{ name: v.secret.secretName!, namespace }] : [],
      );
      return [...fromEnv, ...fromVolumes];
    }),
  );
}

describe("the example network", () => {
  const network = exampleNetwork();
  const apps = synthNetwork(network);
  const minecraft = apps.get("apps/minecraft");
  const everything = [...apps.entries()]
    .filter(([folder]) => folder.startsWith("apps/"))
    .flatMap(([, o]) => o);

  it("renders the proxy, the servers, the platform configuration and the tunnel connector", () => {
    expect(kinds(minecraft, "Deployment").map((d) => d.metadata.name)).toEqual(["velocity"]);
    const loadBalancers = kinds(minecraft, "Service").filter(
      (s) => (s as IService).spec?.type === "LoadBalancer",
    );
    expect(loadBalancers.map((s) => s.metadata.name)).toEqual(["velocity-lan"]);

    const statefulSets = kinds(minecraft, "StatefulSet") as IStatefulSet[];
    expect(statefulSets).toHaveLength(2);
    for (const set of statefulSets) {
      expect(set.spec?.volumeClaimTemplates?.[0]?.spec?.storageClassName).toBe(
        network.cluster.longhorn.storageClassName,
      );
    }

    expect(kinds(apps.get("apps/metallb-config"), "IPAddressPool")).toHaveLength(1);
    expect(kinds(apps.get("apps/metallb-config"), "L2Advertisement")).toHaveLength(1);
    const longhorn = apps.get("apps/longhorn-config");
    expect(kinds(longhorn, "StorageClass").map((s) => s.metadata.name)).toEqual([
      network.cluster.longhorn.storageClassName,
      network.cluster.longhorn.scratchStorageClassName,
    ]);
    expect(kinds(longhorn, "RecurringJob")).toHaveLength(2);
    expect(kinds(longhorn, "BackupTarget")).toHaveLength(1);
    expect(kinds(apps.get("apps/cloudflared"), "Deployment").map((d) => d.metadata.name)).toEqual([
      "cloudflared",
    ]);
    expect(kinds(minecraft, "NetworkPolicy").length).toBeGreaterThanOrEqual(4);
    expect(kinds(apps.get("apps/cloudflared"), "NetworkPolicy").length).toBeGreaterThanOrEqual(2);
    expect(kinds(minecraft, "PodDisruptionBudget").map((p) => p.metadata.name)).toEqual(["velocity"]);
    expect(kinds(apps.get("apps/cloudflared"), "PodDisruptionBudget")).toHaveLength(1);
  });

  it("gives the single-replica Paper servers no PodDisruptionBudget, which would block every node drain", () => {
    const selectors = kinds(minecraft, "PodDisruptionBudget").map(
      (p) =>
        (p as unknown as { spec: { selector: { matchLabels: Record<string, string> } } }).spec.selector
          .matchLabels,
    );
    expect(selectors.some((labels) => labels["app.kubernetes.io/name"] === "paper")).toBe(false);
  });

  it("reads only Secrets that clusterSecrets() lists, by their listed keys, in their own namespace", () => {
    const listed: SecretRef[] = Object.values(clusterSecrets(network));
    const references = secretReferences(everything);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      const secret = listed.find((s) => s.name === reference.name && s.namespace === reference.namespace);
      expect(secret, `${reference.namespace}/${reference.name}`).toBeDefined();
      if (reference.key) expect(secret!.keys).toContain(reference.key);
    }
    expect(kinds(everything, "Secret")).toEqual([]);
  });

  it("runs every pod of the Minecraft and cloudflared namespaces under Pod Security restricted", () => {
    for (const app of ["apps/minecraft", "apps/cloudflared"]) {
      const objects = apps.get(app)!;
      expect(kinds(objects, "Namespace")[0]?.metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBe(
        "restricted",
      );
      for (const pod of podSpecs(objects)) expect(restrictedViolations(pod)).toEqual([]);
    }
  });

  it("renders staging with one proxy and so without the proxy's PodDisruptionBudget", () => {
    const staging: Network = exampleNetwork({ proxy: { replicas: 1 } });
    expect(kinds(synthNetwork(staging).get("apps/minecraft"), "PodDisruptionBudget")).toEqual([]);
  });
});
