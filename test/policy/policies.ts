import type { Manifest } from "../support/validate-manifest.ts";
import { allContainers, containersOf } from "./workloads.ts";

/** One broken rule on one object: where, and what to do about it. */
export interface Violation {
  readonly object: string;
  readonly message: string;
}

export type Policy = (manifest: Manifest) => string[];

const ref = (manifest: Manifest) =>
  `${manifest.kind}/${manifest.metadata.namespace ? `${manifest.metadata.namespace}/` : ""}${manifest.metadata.name}`;

/** Mutable tags make a sync non-reproducible: ArgoCD would show "Synced" for a different image tomorrow. */
export const pinnedImages: Policy = (manifest) =>
  allContainers(manifest).flatMap((container) => {
    const image = container.image ?? "";
    const withoutDigest = image.split("@")[0]!;
    const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf("/") + 1);
    if (!lastSegment.includes(":")) return [`container ${container.name}: image "${image}" has no tag`];
    if (lastSegment.endsWith(":latest"))
      return [`container ${container.name}: image "${image}" uses the latest tag`];
    return [];
  });

/** Without requests the scheduler overcommits a node; without limits one server can starve the rest. */
export const requestsAndLimits: Policy = (manifest) =>
  allContainers(manifest).flatMap((container) => {
    const problems: string[] = [];
    for (const kind of ["requests", "limits"] as const) {
      for (const resource of ["cpu", "memory"]) {
        if (!container.resources?.[kind]?.[resource])
          problems.push(`container ${container.name}: no ${resource} ${kind}`);
      }
    }
    return problems;
  });

/** A container that lives as long as its pod needs readiness (traffic) and liveness (restart) probes. */
export const probesOnLongRunning: Policy = (manifest) =>
  (containersOf(manifest)?.longRunning ?? []).flatMap((container) => [
    ...(container.readinessProbe ? [] : [`container ${container.name}: no readinessProbe`]),
    ...(container.livenessProbe ? [] : [`container ${container.name}: no livenessProbe`]),
  ]);

export const STANDARD_LABELS = [
  "app.kubernetes.io/name",
  "app.kubernetes.io/instance",
  "app.kubernetes.io/component",
  "app.kubernetes.io/part-of",
  "app.kubernetes.io/managed-by",
] as const;

export const standardLabels: Policy = (manifest) =>
  STANDARD_LABELS.filter((label) => !manifest.metadata.labels?.[label]).map(
    (label) => `missing label ${label}`,
  );

/** Env names that announce a secret; their value must come from a Secret, not the manifest. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL)/i;
/** Shapes real secrets have: cloud keys, PEM blocks, JWTs / tunnel tokens, webhook URLs with credentials. */
const SECRET_SHAPES: readonly [string, RegExp][] = [
  ["an AWS-style access key", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["a JWT or Cloudflare tunnel token", /\beyJ[A-Za-z0-9_-]{20,}/],
  ["a Discord webhook URL", /discord(app)?\.com\/api\/webhooks\/\d+\/[\w-]+/],
  ["credentials in a URL", /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i],
];

/**
 * Secrets reach the cluster from Pulumi, never from git: no Secret object with data, no literal
 * value on a secret-named env var, and no string anywhere shaped like a credential or random key.
 */
export const noPlaintextSecrets: Policy = (manifest) => {
  const problems: string[] = [];
  if (manifest.kind === "Secret" && (manifest.data || manifest.stringData)) {
    problems.push("Secret with data: secrets are created by Pulumi, never rendered into git");
  }
  for (const container of allContainers(manifest)) {
    for (const variable of container.env ?? []) {
      if (SECRET_NAME.test(variable.name) && variable.value !== undefined && !isReference(variable.value)) {
        problems.push(
          `container ${container.name}: env ${variable.name} has a literal value; use valueFrom.secretKeyRef`,
        );
      }
    }
  }
  for (const text of strings(manifest)) {
    for (const [what, shape] of SECRET_SHAPES)
      if (shape.test(text)) problems.push(`a string looks like ${what}`);
    for (const token of text.match(/[A-Za-z0-9+/_=-]{32,}/g) ?? []) {
      if (looksRandom(token)) problems.push(`a string looks like a random key: ${token.slice(0, 6)}…`);
    }
  }
  return problems;
};

/** A file path or an env reference names where a secret is, not the secret itself. */
function isReference(value: string): boolean {
  return value === "" || value.startsWith("/") || /^\$\([A-Z_]+\)$/.test(value);
}

/** Shannon entropy per character: English and identifiers stay under ~4.2 bits; random base64 keys reach ~5–6. */
function looksRandom(token: string): boolean {
  if (/^[a-f0-9]{64}$/.test(token) || /^[a-z0-9-]+$/.test(token)) return false; // digests, kebab-case names
  const counts = new Map<string, number>();
  for (const char of token) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) entropy -= (count / token.length) * Math.log2(count / token.length);
  return entropy > 4.5;
}

function* strings(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value && typeof value === "object") for (const item of Object.values(value)) yield* strings(item);
}

export const POLICIES: Record<string, Policy> = {
  "images are pinned": pinnedImages,
  "containers have requests and limits": requestsAndLimits,
  "long-running containers have probes": probesOnLongRunning,
  "objects carry the standard labels": standardLabels,
  "no plaintext secrets": noPlaintextSecrets,
};

export function violations(policy: Policy, manifests: readonly Manifest[]): Violation[] {
  return manifests.flatMap((manifest) =>
    policy(manifest).map((message) => ({ object: ref(manifest), message })),
  );
}
