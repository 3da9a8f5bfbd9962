import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import type { ManifestObject } from "../src/lib/kinds.ts";

// The CRDs' patterns are Go RE2, which spells case-insensitivity as an inline `(?i)`; JavaScript wants a flag.
function re2(pattern: string, flags: string): RegExp {
  return pattern.includes("(?i)")
    ? new RegExp(pattern.replaceAll("(?i)", ""), `${flags}i`)
    : new RegExp(pattern, flags);
}
const regExp = Object.assign(re2, { code: "re2" });

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp } });
const compiled = new Map<string, ValidateFunction>();

/**
 * Validates against the vendored upstream CRD schema (test/schemas/), which refuses unknown fields.
 * Returns the problems, empty when the object is valid.
 */
export function crdSchemaErrors(object: ManifestObject): string[] {
  const [group, version] = object.apiVersion.split("/");
  const file = `${group}/${object.kind.toLowerCase()}_${version}.json`;
  let validate = compiled.get(file);
  if (!validate) {
    const schema = JSON.parse(readFileSync(new URL(`./schemas/${file}`, import.meta.url), "utf8"));
    validate = ajv.compile(schema);
    compiled.set(file, validate);
  }
  if (validate(object)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message}`);
}
