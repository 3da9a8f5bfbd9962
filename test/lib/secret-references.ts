import type { ManifestObject } from "@mc-infra/charts";

/** One place a rendered object names a Secret (and, where it says, the key it reads). */
export interface SecretReference {
  readonly namespace: string;
  readonly name: string;
  readonly key?: string;
  /** `apps/minecraft/statefulset-lobby.yaml`-style locator: kind/name and the field path. */
  readonly where: string;
}

/**
 * Fields that name a Secret by a plain string in CRs and Helm values rather than by a pod-spec
 * reference: Longhorn's BackupTarget `credentialSecret` and its Helm `backupTargetCredentialSecret`.
 */
const SECRET_NAME_FIELDS = new Set(["credentialSecret", "backupTargetCredentialSecret"]);

/**
 * Every Secret reference in rendered objects: env `secretKeyRef`, `envFrom[].secretRef`, `volumes[].secret`,
 * projected `sources[].secret`, and the CR / Helm fields above. Helm values inside an ArgoCD
 * Application count for the Application's destination namespace.
 */
export function secretReferences(objects: readonly ManifestObject[]): SecretReference[] {
  const found: SecretReference[] = [];
  for (const object of objects) {
    const spec = (object as { spec?: { destination?: { namespace?: string } } }).spec;
    const namespace =
      object.kind === "Application"
        ? (spec?.destination?.namespace ?? "")
        : (object.metadata.namespace ?? "");
    walk(object, [], (path, value) => {
      const where = `${object.kind}/${object.metadata.name} ${path.join(".")}`;
      const last = path.at(-1);
      const parent = path.at(-2);
      if (!isRecord(value)) {
        if (typeof last === "string" && SECRET_NAME_FIELDS.has(last) && typeof value === "string" && value) {
          found.push({ namespace, name: value, where });
        }
        return;
      }
      if (last === "secretKeyRef" && typeof value.name === "string") {
        found.push({ namespace, name: value.name, key: String(value.key), where });
      } else if (last === "secretRef" && typeof value.name === "string") {
        found.push({ namespace, name: value.name, where });
      } else if (last === "secret" && typeof value.secretName === "string") {
        found.push({ namespace, name: value.secretName, where });
      } else if (last === "secret" && typeof parent === "number" && typeof value.name === "string") {
        // projected volume: sources[i].secret.name
        found.push({ namespace, name: value.name, where });
      }
    });
  }
  return found;
}

function walk(
  value: unknown,
  path: (string | number)[],
  visit: (path: (string | number)[], value: unknown) => void,
) {
  visit(path, value);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(item, [...path, index], visit);
  } else if (isRecord(value))
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key], visit);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface CreatedSecret {
  readonly namespace: string;
  readonly name: string;
  readonly keys: readonly string[];
}

/** References no created Secret satisfies: a missing Secret, or a key it does not hold. */
export function unsatisfiedReferences(
  references: readonly SecretReference[],
  created: readonly CreatedSecret[],
): string[] {
  return references.flatMap((reference) => {
    const secret = created.find(
      (candidate) => candidate.namespace === reference.namespace && candidate.name === reference.name,
    );
    if (!secret)
      return [`${reference.where}: Secret ${reference.namespace}/${reference.name} is not created by Pulumi`];
    if (reference.key !== undefined && !secret.keys.includes(reference.key)) {
      return [
        `${reference.where}: Secret ${reference.namespace}/${reference.name} has no key "${reference.key}"`,
      ];
    }
    return [];
  });
}
