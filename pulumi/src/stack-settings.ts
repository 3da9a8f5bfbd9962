import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { clusterSecrets, loadNetwork, type Network } from "@mc-infra/config";
import * as pulumi from "@pulumi/pulumi";

/** Everything the program reads from the stack: the ids Cloudflare needs and which network to build. */
export interface StackSettings {
  readonly network: Network;
  readonly accountId: string;
  readonly zoneId: string;
  /** kubeconfig context the Secrets go to; undefined means the current one. */
  readonly kubeContext: string | undefined;
  /** Only needed when the network sends alerts to Discord. */
  readonly discordWebhookUrl: pulumi.Output<string> | undefined;
  /**
   * Git credentials of a private Skript repository, keyed as the sidecar reads them
   * (`username`/`password`, or `ssh`/`known_hosts`). Only needed when `skript.credentialsSecret` is set.
   */
  readonly skriptGitCredentials: pulumi.Output<Record<string, string>> | undefined;
}

/** Stack config key of the private Skript repository's credentials. */
export const SKRIPT_GIT_CREDENTIALS_KEY = "skriptGitCredentials";

/** Stack config that is only ever set with `--secret`: a plain value would sit in Pulumi.<stack>.yaml, in git. */
export const SECRET_CONFIG_KEYS = [
  "cloudflare:apiToken",
  "minecraft-edge:discordWebhookUrl",
  `minecraft-edge:${SKRIPT_GIT_CREDENTIALS_KEY}`,
] as const;

const programDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export async function readStackSettings(): Promise<StackSettings> {
  const config = new pulumi.Config();
  // The stack name is the environment unless the stack says otherwise: `staging` builds staging.
  const environment = config.get("environment") || pulumi.getStack();
  const configFile = config.get("configFile") || "../network.config.ts";
  const network = await loadNetwork({
    configFile: isAbsolute(configFile) ? configFile : resolve(programDir, configFile),
    environment,
  });
  return {
    network,
    accountId: config.require("accountId"),
    zoneId: config.require("zoneId"),
    kubeContext: config.get("kubeContext") || undefined,
    discordWebhookUrl: network.alerts.discord ? config.requireSecret("discordWebhookUrl") : undefined,
    skriptGitCredentials: skriptGitCredentials(config, network),
  };
}

/**
 * The operator's git credentials for a private Skript repository: a secret stack config object with
 * exactly the keys git-sync reads from the Secret (`clusterSecrets().skriptGit.keys`). Checked before
 * anything is created, and no error ever repeats the value.
 */
function skriptGitCredentials(
  config: pulumi.Config,
  network: Network,
): pulumi.Output<Record<string, string>> | undefined {
  const secret = clusterSecrets(network).skriptGit;
  if (!secret) return undefined;
  const fullKey = `${config.name}:${SKRIPT_GIT_CREDENTIALS_KEY}`;
  const keys = secret.keys;
  const example = `'{${keys.map((key) => `"${key}":"…"`).join(",")}}'`;
  const why = `skript.credentialsSecret names Secret ${secret.namespace}/${secret.name} for the private repository ${network.skript.repo}`;
  const raw = config.get(SKRIPT_GIT_CREDENTIALS_KEY);
  if (raw === undefined) {
    throw new Error(
      `stack config ${fullKey} is missing: ${why}. Set it with\n  pulumi config set --secret ${SKRIPT_GIT_CREDENTIALS_KEY} ${example}`,
    );
  }
  // The SDK keeps isConfigSecret out of its public types, but it is what the engine's list of secret
  // keys feeds; the tests fail should it ever disappear (and test/stack-files.test.ts guards git).
  const { isConfigSecret } = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
  if (isConfigSecret && !isConfigSecret(fullKey)) {
    throw new Error(
      `stack config ${fullKey} is stored in plain text in Pulumi.${pulumi.getStack()}.yaml: set it again with --secret (pulumi config set --secret ${SKRIPT_GIT_CREDENTIALS_KEY} ${example})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const fields =
    typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  const given = fields ? Object.keys(fields).sort() : [];
  const sameKeys = given.join("\n") === [...keys].sort().join("\n");
  const filled =
    fields !== undefined && keys.every((key) => typeof fields[key] === "string" && fields[key] !== "");
  if (!fields || !sameKeys || !filled) {
    throw new Error(
      `stack config ${fullKey} must be a JSON object with exactly the non-empty string fields ${keys.join(", ")} (what git-sync reads for ${network.skript.repo}); it has ${fields ? `the fields [${given.join(", ")}]` : "no JSON object"}`,
    );
  }
  return pulumi.secret(fields as Record<string, string>);
}
