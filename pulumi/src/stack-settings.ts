import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadNetwork, type Network } from "@mc-infra/config";
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
    skriptGitCredentials: network.skript.credentialsSecret
      ? config.requireSecretObject<Record<string, string>>("skriptGitCredentials")
      : undefined,
  };
}
