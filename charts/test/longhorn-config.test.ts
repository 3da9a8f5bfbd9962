import { bucketNames, clusterSecrets, LONGHORN_BACKUP_PREFIX } from "@mc-infra/config";
import type { IStorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { describe, expect, it } from "vitest";
import type { ManifestObject } from "../src/lib/kinds.ts";
import { BackupTarget } from "../src/longhorn-config/backup-target.ts";
import { LonghornConfigChart, WORLDS_JOB_GROUP } from "../src/longhorn-config/chart.ts";
import { RecurringJob } from "../src/longhorn-config/recurring-job.ts";
import { WorldStorageClass } from "../src/longhorn-config/world-storage-class.ts";
import { exampleNetwork } from "./support/network.ts";
import { find, ofKind, synthChart, synthConstruct } from "./support/synth.ts";
import { schemaProblems } from "./support/validate.ts";

interface RecurringJobObject extends ManifestObject {
  spec: { name: string; task: string; cron: string; retain: number; concurrency: number; groups: string[] };
}
interface BackupTargetObject extends ManifestObject {
  spec: { backupTargetURL: string; credentialSecret: string; pollInterval: string };
}

describe("RecurringJob", () => {
  it("renders a RecurringJob the Longhorn CRD schema accepts, waiting for Longhorn's CRD on first sync", () => {
    const objects = synthConstruct(
      (scope) =>
        new RecurringJob(scope, "job", {
          name: "nightly",
          task: "backup",
          cron: "0 2 * * *",
          retain: 7,
          groups: ["g"],
        }),
      "longhorn-system",
    );
    const job = find<RecurringJobObject>(objects, "RecurringJob", "nightly");
    expect(job.spec).toEqual({
      name: "nightly",
      task: "backup",
      cron: "0 2 * * *",
      retain: 7,
      concurrency: 1,
      groups: ["g"],
    });
    expect(job.metadata.annotations?.["argocd.argoproj.io/sync-options"]).toBe(
      "SkipDryRunOnMissingResource=true",
    );
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it("is checked by the schema: a task Longhorn does not know is refused", () => {
    const objects = synthConstruct(
      (scope) =>
        new RecurringJob(scope, "job", {
          name: "x",
          task: "snapshots" as never,
          cron: "@hourly",
          retain: 1,
          groups: [],
        }),
    );
    expect(objects.flatMap(schemaProblems).join("\n")).toMatch(/task/);
  });
});

describe("BackupTarget", () => {
  it("renders the default target the Longhorn CRD schema accepts", () => {
    const objects = synthConstruct(
      (scope) =>
        new BackupTarget(scope, "target", { backupTargetUrl: "s3://b@auto/", credentialSecret: "creds" }),
    );
    const target = find<BackupTargetObject>(objects, "BackupTarget", "default");
    expect(target.spec).toEqual({
      backupTargetURL: "s3://b@auto/",
      credentialSecret: "creds",
      pollInterval: "5m0s",
    });
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it("is checked by the schema: a field Longhorn does not know is refused", () => {
    const [target] = synthConstruct(
      (scope) =>
        new BackupTarget(scope, "target", { backupTargetUrl: "s3://b@auto/", credentialSecret: "creds" }),
    );
    const wrong = { ...target!, spec: { ...(target!.spec as object), credentialsSecret: "typo" } };
    expect(schemaProblems(wrong).join("\n")).toMatch(/additional properties/);
  });
});

describe("LonghornConfigChart", () => {
  const network = exampleNetwork();
  const objects = synthChart((app) => new LonghornConfigChart(app, network));
  const storageClass = find<IStorageClass>(
    objects,
    "StorageClass",
    network.cluster.longhorn.storageClassName,
  );
  const jobs = ofKind<RecurringJobObject>(objects, "RecurringJob");

  it("renders only documents that pass their schemas", () => {
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it("keeps world volumes after their claims are gone and lets them grow", () => {
    expect(storageClass.provisioner).toBe("driver.longhorn.io");
    expect(storageClass.reclaimPolicy).toBe("Retain");
    expect(storageClass.allowVolumeExpansion).toBe(true);
    expect(storageClass.metadata?.namespace).toBeUndefined();
  });

  it("replicates and places volumes as the config says", () => {
    expect(storageClass.parameters?.numberOfReplicas).toBe(String(network.cluster.longhorn.replicaCount));
    expect(storageClass.parameters?.dataLocality).toBe("best-effort");
    expect(storageClass.volumeBindingMode).toBe("Immediate");
    const strict = synthChart(
      (app) =>
        new LonghornConfigChart(
          app,
          exampleNetwork({ cluster: { longhorn: { replicaCount: 1, dataLocality: "strict-local" } } }),
        ),
    );
    const strictClass = find<IStorageClass>(
      strict,
      "StorageClass",
      network.cluster.longhorn.storageClassName,
    );
    expect(strictClass.parameters?.numberOfReplicas).toBe("1");
    // A strict-local volume can only live where its pod runs, so it waits for the pod's node.
    expect(strictClass.volumeBindingMode).toBe("WaitForFirstConsumer");
  });

  it("enrols every world volume in the recurring jobs through its StorageClass", () => {
    expect(JSON.parse(storageClass.parameters!.recurringJobSelector!)).toEqual([
      { name: WORLDS_JOB_GROUP, isGroup: true },
    ]);
    for (const job of jobs) expect(job.spec.groups).toEqual([WORLDS_JOB_GROUP]);
  });

  it("snapshots hourly and backs up daily, keeping the configured counts", () => {
    const schedule = network.backups.longhorn;
    const byTask = Object.fromEntries(jobs.map((job) => [job.spec.task, job.spec]));
    expect(byTask.snapshot).toMatchObject({ cron: "0 * * * *", retain: schedule.snapshotRetain });
    expect(byTask.backup).toMatchObject({ cron: "0 2 * * *", retain: schedule.backupRetain });
    const custom = synthChart(
      (app) =>
        new LonghornConfigChart(
          app,
          exampleNetwork({ backups: { longhorn: { snapshotRetain: 48, backupRetain: 30 } } }),
        ),
    );
    const customJobs = ofKind<RecurringJobObject>(custom, "RecurringJob").map((job) => [
      job.spec.task,
      job.spec.retain,
    ]);
    expect(customJobs).toEqual(
      expect.arrayContaining([
        ["snapshot", 48],
        ["backup", 30],
      ]),
    );
  });

  it("backs up to the R2 backups bucket with credentials from a Secret in Longhorn's namespace", () => {
    const target = find<BackupTargetObject>(objects, "BackupTarget", "default");
    expect(target.spec.backupTargetURL).toBe(
      `s3://${bucketNames(network).backups}@auto/${LONGHORN_BACKUP_PREFIX}`,
    );
    const secret = clusterSecrets(network).longhornBackupTarget;
    expect(target.spec.credentialSecret).toBe(secret.name);
    expect(target.metadata.namespace).toBe(secret.namespace);
    expect(secret.keys).toEqual(
      expect.arrayContaining(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINTS"]),
    );
  });

  it("recreates the StorageClass rather than failing when its immutable parameters change", () => {
    expect(storageClass.metadata?.annotations?.["argocd.argoproj.io/sync-options"]).toBe(
      "Force=true,Replace=true",
    );
  });

  it("builds a WorldStorageClass for any group list", () => {
    const objects = synthConstruct(
      (scope) =>
        new WorldStorageClass(scope, "sc", {
          name: "x",
          replicaCount: 3,
          dataLocality: "disabled",
          recurringJobGroups: ["a", "b"],
        }),
    );
    const sc = find<IStorageClass>(objects, "StorageClass", "x");
    expect(JSON.parse(sc.parameters!.recurringJobSelector!)).toEqual([
      { name: "a", isGroup: true },
      { name: "b", isGroup: true },
    ]);
  });
});
