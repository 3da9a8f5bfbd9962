import * as pulumi from "@pulumi/pulumi";
import { ClusterSecrets } from "./src/cluster-secrets.ts";
import { Edge } from "./src/edge.ts";
import { Ingress } from "./src/ingress.ts";
import { readStackSettings } from "./src/stack-settings.ts";
import { Storage } from "./src/storage.ts";
import { Tunnel } from "./src/tunnel.ts";

/** The edge of the network, from network.config.ts: wires the components and exports what others consume. */
const { network, accountId, zoneId, kubeContext, discordWebhookUrl, skriptGitCredentials } =
  await readStackSettings();

const tunnel = new Tunnel("tunnel", { network, accountId });
const storage = new Storage("storage", { network, accountId });
const edge = new Edge("edge", { network, accountId, zoneId, tunnelId: tunnel.tunnelId });
const secrets = new ClusterSecrets("secrets", {
  network,
  tunnelToken: tunnel.token,
  backupCredentials: storage.backupCredentials,
  logCredentials: storage.logCredentials,
  longhornCredentials: storage.longhornCredentials,
  backupsBucket: storage.bucketNames.backups,
  logsBucket: storage.bucketNames.logs,
  ...(discordWebhookUrl ? { discordWebhookUrl } : {}),
  ...(skriptGitCredentials ? { skriptGitCredentials } : {}),
  ...(kubeContext ? { kubeContext } : {}),
});
const ingress = new Ingress("ingress", {
  network,
  accountId,
  zoneId,
  relayClientId: tunnel.relayClientId,
  relayClientSecret: tunnel.relayClientSecret,
});

// Plain outputs: ids and names, read by `pnpm edge:sync` (pulumi stack output --json).
export const environment = network.environment;
export const tunnelId = tunnel.tunnelId;
export const hostnames = pulumi.output({ ...network.edge });
export const bucketNames = pulumi.output(storage.bucketNames);
export const kvNamespaceIds = pulumi.output(edge.kvNamespaceIds);
export const workers = edge.workers;
export const clusterSecretsWritten = secrets.written;

// Secret outputs: `pulumi stack output --show-secrets <name>` for `wrangler secret put` and the nodes.
export const tunnelToken = tunnel.token;
export const relayServiceToken = pulumi.secret({
  clientId: tunnel.relayClientId,
  clientSecret: tunnel.relayClientSecret,
});
export const gatewaySecret = ingress.gatewaySecret;
export const workerSecrets = pulumi.secret(edge.workerSecrets);
export const velocityForwardingSecret = secrets.velocityForwardingSecret;
export const rconPassword = secrets.rconPassword;
export const r2Credentials = pulumi.secret({
  backups: storage.backupCredentials,
  logs: storage.logCredentials,
  longhorn: storage.longhornCredentials,
  // For `pnpm pack:publish` (S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) with packs above 95 MB.
  assets: storage.assetsCredentials,
});
export const ingressCloudInit = pulumi.secret(ingress.cloudInit);
