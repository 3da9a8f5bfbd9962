import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import * as models from "kubernetes-models";
import type { ManifestObject } from "../../src/lib/kinds.ts";

interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: unknown): { validate(): void };
}

/** Every kind kubernetes-models knows, by `apiVersion/kind`. */
const coreModels = new Map<string, ModelClass>();
(function collect(namespace: Record<string, unknown>, depth: number) {
  for (const value of Object.values(namespace)) {
    if (typeof value === "function" && "apiVersion" in value && "kind" in value) {
      const model = value as unknown as ModelClass;
      coreModels.set(`${model.apiVersion}/${model.kind}`, model);
    } else if (value && typeof value === "object" && depth < 3) {
      collect(value as Record<string, unknown>, depth + 1);
    }
  }
})(models as unknown as Record<string, unknown>, 0);

// The CRDs' patterns are Go RE2, which spells case-insensitivity as an inline `(?i)`; JavaScript wants a flag.
function re2(pattern: string, flags: string): RegExp {
  return pattern.includes("(?i)")
    ? new RegExp(pattern.replaceAll("(?i)", ""), `${flags}i`)
    : new RegExp(pattern, flags);
}

// The CRD schemas carry OpenAPI's `nullable` and kubebuilder extensions; strict mode would refuse them.
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  code: { regExp: Object.assign(re2, { code: "re2" }) },
});
(addFormatsModule as unknown as (ajv: Ajv) => Ajv)(ajv);
const customValidators = new Map<string, ValidateFunction>();

function customValidator(apiVersion: string, kind: string): ValidateFunction | undefined {
  const [group, version] = apiVersion.split("/");
  if (!group || !version) return undefined;
  const key = `${group}/${kind.toLowerCase()}_${version}`;
  if (!customValidators.has(key)) {
    const url = new URL(`../schemas/${key}.json`, import.meta.url);
    let schema: unknown;
    try {
      schema = JSON.parse(readFileSync(url, "utf8"));
    } catch {
      return undefined;
    }
    customValidators.set(key, ajv.compile(schema as object));
  }
  return customValidators.get(key);
}

/**
 * Problems of one rendered object against its schema: kubernetes-models for Kubernetes' own kinds,
 * the upstream CRD schema (charts/test/schemas) for custom resources. A kind with neither is itself
 * a problem: nothing may be rendered unchecked.
 */
export function schemaProblems(object: ManifestObject): string[] {
  const where = `${object.kind}/${object.metadata?.name}`;
  const core = coreModels.get(`${object.apiVersion}/${object.kind}`);
  if (core) {
    try {
      new core(object).validate();
      return [];
    } catch (error) {
      return [`${where}: ${(error as Error).message}`];
    }
  }
  const custom = customValidator(object.apiVersion, object.kind);
  if (!custom) return [`${where}: no schema for ${object.apiVersion} ${object.kind}`];
  if (custom(object)) return [];
  return (custom.errors ?? []).map((error) => `${where}: ${error.instancePath || "/"} ${error.message}`);
}
