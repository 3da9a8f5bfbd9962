import type { ManifestObject } from "@mc-infra/charts";
import { describe, expect, it } from "vitest";
import { secretReferences, unsatisfiedReferences } from "./lib/secret-references.ts";

const pod = (spec: object): ManifestObject =>
  ({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "lobby", namespace: "minecraft" },
    spec: { template: { spec } },
  }) as ManifestObject;

describe("finding the Secrets a rendered manifest references", () => {
  it("finds env secretKeyRef, envFrom secretRef, secret volumes and projected secrets", () => {
    const object = pod({
      containers: [
        {
          env: [
            {
              name: "RCON_PASSWORD",
              valueFrom: { secretKeyRef: { name: "minecraft-rcon", key: "password" } },
            },
          ],
          envFrom: [{ secretRef: { name: "r2-backups" } }],
        },
      ],
      volumes: [
        { name: "forwarding", secret: { secretName: "velocity-forwarding" } },
        { name: "bundle", projected: { sources: [{ secret: { name: "r2-logs" } }] } },
      ],
    });
    expect(secretReferences([object]).map(({ name, key, namespace }) => ({ name, key, namespace }))).toEqual([
      { name: "minecraft-rcon", key: "password", namespace: "minecraft" },
      { name: "r2-backups", key: undefined, namespace: "minecraft" },
      { name: "velocity-forwarding", key: undefined, namespace: "minecraft" },
      { name: "r2-logs", key: undefined, namespace: "minecraft" },
    ]);
  });

  it("finds Longhorn's credential Secret in a BackupTarget and in Helm values, in the destination namespace", () => {
    const backupTarget = {
      apiVersion: "longhorn.io/v1beta2",
      kind: "BackupTarget",
      metadata: { name: "default", namespace: "longhorn-system" },
      spec: { backupTargetURL: "s3://b@auto/longhorn/", credentialSecret: "longhorn-r2" },
    } as ManifestObject;
    const application = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name: "longhorn", namespace: "argocd" },
      spec: {
        destination: { namespace: "longhorn-system" },
        source: {
          helm: { valuesObject: { defaultSettings: { backupTargetCredentialSecret: "longhorn-r2" } } },
        },
      },
    } as ManifestObject;
    expect(
      secretReferences([backupTarget, application]).map(({ name, namespace }) => `${namespace}/${name}`),
    ).toEqual(["longhorn-system/longhorn-r2", "longhorn-system/longhorn-r2"]);
  });

  it("reports a referenced Secret nobody creates, and a key the created Secret lacks", () => {
    const object = pod({
      containers: [
        {
          env: [
            { name: "A", valueFrom: { secretKeyRef: { name: "minecraft-rcon", key: "pasword" } } },
            { name: "B", valueFrom: { secretKeyRef: { name: "not-created", key: "x" } } },
          ],
        },
      ],
    });
    const problems = unsatisfiedReferences(secretReferences([object]), [
      { namespace: "minecraft", name: "minecraft-rcon", keys: ["password"] },
    ]);
    expect(problems).toEqual([
      expect.stringContaining('minecraft/minecraft-rcon has no key "pasword"'),
      expect.stringContaining("minecraft/not-created is not created by Pulumi"),
    ]);
  });
});
