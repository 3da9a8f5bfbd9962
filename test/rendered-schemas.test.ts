import { describe, expect, it } from "vitest";
import { committedManifests } from "./support/rendered.ts";
import { type Manifest, validateManifest } from "./support/validate-manifest.ts";

describe("every committed rendered document", () => {
  for (const file of committedManifests()) {
    it(`validates against its Kubernetes schema: ${file.path}`, async () => {
      await expect(validateManifest(file.manifest)).resolves.toBeUndefined();
    });
  }
});

describe("schema validation itself", () => {
  it("rejects a core object with a wrongly typed field", async () => {
    const broken: Manifest = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "x" },
      spec: {
        replicas: "two",
        selector: {},
        template: { spec: { containers: [{ name: "a", image: "b:1" }] } },
      },
    };
    await expect(validateManifest(broken)).rejects.toThrow(/replicas must be integer/);
  });

  it("rejects an Argo CD Application without a destination", async () => {
    const broken: Manifest = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name: "x" },
      spec: { project: "p" },
    };
    await expect(validateManifest(broken)).rejects.toThrow(/destination/);
  });

  it("rejects a custom resource that breaks its CRD schema", async () => {
    const broken: Manifest = {
      apiVersion: "metallb.io/v1beta1",
      kind: "IPAddressPool",
      metadata: { name: "x" },
      spec: { addresses: "10.0.0.1" },
    };
    await expect(validateManifest(broken)).rejects.toThrow(/addresses/);
  });

  it("refuses a kind it has no schema for, rather than passing it", async () => {
    const unknown: Manifest = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "x" } };
    await expect(validateManifest(unknown)).rejects.toThrow(/no schema/);
  });
});
