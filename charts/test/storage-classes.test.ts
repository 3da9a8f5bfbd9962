import { WORLD_VOLUME } from "@mc-infra/config";
import { describe, expect, it } from "vitest";
import type { ManifestObject } from "../src/lib/kinds.ts";
import { WORLDS_JOB_GROUP } from "../src/longhorn-config/chart.ts";
import { exampleNetwork } from "./support/network.ts";
import { synthNetwork } from "./support/synth.ts";

interface StorageClassObject extends ManifestObject {
  reclaimPolicy: string;
  parameters: Record<string, string>;
}
interface Claim {
  readonly owner: string;
  readonly name: string;
  readonly storageClassName: string;
}

const network = exampleNetwork();
const objects = [...synthNetwork(network).values()].flat();
const classes = objects.filter((object) => object.kind === "StorageClass") as StorageClassObject[];

/** Every claim the rendered output makes: StatefulSet templates, generic ephemeral volumes, chart values. */
function claims(): Claim[] {
  const found: Claim[] = [];
  const walk = (owner: string, value: unknown, key = "") => {
    if (Array.isArray(value)) for (const item of value) walk(owner, item, key);
    else if (typeof value === "object" && value !== null) {
      const record = value as Record<string, unknown>;
      const spec = record.spec as { storageClassName?: string } | undefined;
      if ((key === "volumeClaimTemplates" || key === "volumeClaimTemplate") && spec?.storageClassName) {
        const name = (record.metadata as { name?: string } | undefined)?.name ?? "";
        found.push({ owner, name, storageClassName: spec.storageClassName });
      }
      for (const [child, nested] of Object.entries(record)) walk(owner, nested, child);
    }
  };
  for (const object of objects) walk(`${object.kind}/${object.metadata.name}`, object);
  return found;
}

describe("StorageClasses", () => {
  const backedUp = classes.filter((candidate) =>
    (candidate.parameters.recurringJobSelector ?? "").includes(`"name":"${WORLDS_JOB_GROUP}"`),
  );

  it("only world volumes join the worlds' snapshot and backup group", () => {
    const all = claims();
    expect(all.length).toBeGreaterThanOrEqual(network.servers.length + 3);
    const inGroup = all.filter((claim) =>
      backedUp.some((candidate) => candidate.metadata.name === claim.storageClassName),
    );
    expect(inGroup.map((claim) => claim.owner).sort()).toEqual(
      network.servers.map((server) => `StatefulSet/${server.name}`).sort(),
    );
    expect(inGroup.every((claim) => claim.name === WORLD_VOLUME)).toBe(true);
  });

  it("every volume that is not a world is deleted with its claim, so the verify's scratch never leaks", () => {
    const scratch = classes.find(
      (candidate) => candidate.metadata.name === network.cluster.longhorn.scratchStorageClassName,
    )!;
    expect(scratch.reclaimPolicy).toBe("Delete");
    expect(scratch.parameters.recurringJobSelector).toBeUndefined();
    const others = claims().filter((claim) => claim.name !== WORLD_VOLUME);
    expect(others.map((claim) => claim.owner)).toEqual(
      expect.arrayContaining(["CronJob/backup-verify", "Application/kube-prometheus-stack"]),
    );
    for (const claim of others) expect(claim.storageClassName, claim.owner).toBe(scratch.metadata.name);
  });

  it("keeps worlds on a class that retains their volumes", () => {
    const worlds = classes.find(
      (candidate) => candidate.metadata.name === network.cluster.longhorn.storageClassName,
    )!;
    expect(worlds.reclaimPolicy).toBe("Retain");
  });
});
