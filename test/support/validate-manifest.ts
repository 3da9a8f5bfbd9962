import { existsSync, readFileSync } from "node:fs";
import type { ManifestObject } from "@mc-infra/charts";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";

/** Anything rendered: a Kubernetes object as parsed from the YAML (the renderer's own type). */
export type Manifest = ManifestObject;

type ModelClass = new (data: unknown) => { validate(): void };

/** Published TypeScript models, by API group: the first choice for validation. */
const MODEL_PACKAGES: Record<string, string> = {
  "": "kubernetes-models",
  "argoproj.io": "@kubernetes-models/argo-cd",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};
const CORE_GROUPS = new Set([
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apps",
  "autoscaling",
  "batch",
  "networking.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
]);

/** Upstream CRD schemas (from the public CRDs catalog) for custom resources without a published model. */
const SCHEMA_DIR = new URL("../schemas/", import.meta.url);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash < 0
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Validates one object against its Kubernetes schema: the kubernetes-models class for its kind, or
 * the CRD's OpenAPI schema. Throws when it is invalid — and when no schema is known for the kind, so
 * a new kind cannot slip through unvalidated.
 */
export async function validateManifest(manifest: Manifest): Promise<void> {
  const { group, version } = splitApiVersion(manifest.apiVersion);
  const modelPackage = MODEL_PACKAGES[group] ?? (CORE_GROUPS.has(group) ? "kubernetes-models" : undefined);
  if (modelPackage) {
    const modulePath = group === "" ? `${modelPackage}/${version}` : `${modelPackage}/${group}/${version}`;
    const module = (await import(modulePath)) as Record<string, ModelClass | undefined>;
    const Model = module[manifest.kind];
    if (!Model) throw new Error(`${modulePath} has no model for kind ${manifest.kind}`);
    new Model(manifest).validate();
    return;
  }
  const schemaFile = new URL(`${group}/${manifest.kind.toLowerCase()}_${version}.json`, SCHEMA_DIR);
  if (!existsSync(schemaFile))
    throw new Error(
      `no schema for ${manifest.apiVersion} ${manifest.kind}: add its CRD schema under test/schemas/`,
    );
  if (!ajv.getSchema(schemaFile.href))
    ajv.addSchema(JSON.parse(readFileSync(schemaFile, "utf8")), schemaFile.href);
  const validate = ajv.getSchema(schemaFile.href)!;
  if (!validate(manifest)) {
    throw new Error(`${manifest.kind}/${manifest.metadata.name}: ${ajv.errorsText(validate.errors)}`);
  }
}
