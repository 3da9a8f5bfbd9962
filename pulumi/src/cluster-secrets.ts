import { clusterSecrets, type Network, type SecretRef } from "@mc-infra/config";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { generatedSecret } from "./generated-secrets.ts";
import type { R2Credentials } from "./r2-credentials.ts";

type ClusterSecretKey = keyof ReturnType<typeof clusterSecrets>;

export interface ClusterSecretsArgs {
  readonly network: Network;
  readonly tunnelToken: pulumi.Input<string>;
  readonly backupCredentials: R2Credentials;
  readonly logCredentials: R2Credentials;
  readonly longhornCredentials: R2Credentials;
  readonly backupsBucket: pulumi.Input<string>;
  readonly logsBucket: pulumi.Input<string>;
  /** Required when the network alerts to Discord; the Secret is skipped otherwise. */
  readonly discordWebhookUrl?: pulumi.Input<string>;
  /** Required when the Skript repository is private (`skript.credentialsSecret`); given by the operator. */
  readonly skriptGitCredentials?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** kubeconfig context; the current context when omitted. */
  readonly kubeContext?: string;
}

/**
 * The cluster's Secrets, exactly as `clusterSecrets()` names them (the manifests reference the same
 * names), with values generated here or taken from the edge. They reach the cluster through the
 * Kubernetes API, never through git.
 */
export class ClusterSecrets extends pulumi.ComponentResource {
  readonly velocityForwardingSecret: pulumi.Output<string>;
  readonly rconPassword: pulumi.Output<string>;
  /** Names (namespace/name) of the Secrets written. */
  readonly written: string[] = [];

  constructor(name: string, args: ClusterSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mc-infra:edge:ClusterSecrets", name, {}, opts);
    const { network } = args;
    this.velocityForwardingSecret = generatedSecret(`${name}-velocity-forwarding`, this);
    this.rconPassword = generatedSecret(`${name}-rcon`, this, 32);

    const s3 = (credentials: R2Credentials, bucket: pulumi.Input<string>) => ({
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_ENDPOINT: credentials.endpoint,
      S3_BUCKET: bucket,
    });
    // Typed by the keys of clusterSecrets(): a Secret added there fails the type check here until it has values.
    const values: Record<ClusterSecretKey, Record<string, pulumi.Input<string>> | undefined> = {
      velocityForwarding: { secret: this.velocityForwardingSecret },
      rcon: { password: this.rconPassword },
      tunnelToken: { token: args.tunnelToken },
      backupStorage: s3(args.backupCredentials, args.backupsBucket),
      logStorage: s3(args.logCredentials, args.logsBucket),
      longhornBackupTarget: {
        AWS_ACCESS_KEY_ID: args.longhornCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: args.longhornCredentials.secretAccessKey,
        AWS_ENDPOINTS: args.longhornCredentials.endpoint,
      },
      discordWebhook:
        args.discordWebhookUrl === undefined ? undefined : { "webhook-url": args.discordWebhookUrl },
      skriptGit: undefined,
      // kube-prometheus-stack's Grafana logs in with this instead of the chart's public default password.
      grafanaAdmin: {
        "admin-user": "admin",
        "admin-password": generatedSecret(`${name}-grafana-admin`, this, 32),
      },
    };

    const provider = new k8s.Provider(
      `${name}-cluster`,
      { ...(args.kubeContext ? { context: args.kubeContext } : {}) },
      { parent: this },
    );
    const write = (key: string, ref: SecretRef, data: pulumi.Input<Record<string, pulumi.Input<string>>>) => {
      new k8s.core.v1.Secret(
        `${name}-${key}`,
        {
          metadata: {
            name: ref.name,
            namespace: ref.namespace,
            labels: {
              "app.kubernetes.io/managed-by": "pulumi",
              "app.kubernetes.io/part-of": network.name,
            },
            annotations: { "minecraft-infra/purpose": ref.purpose },
          },
          type: "Opaque",
          stringData: pulumi.secret(pulumi.output(data)),
        },
        { parent: this, provider },
      );
      this.written.push(`${ref.namespace}/${ref.name}`);
    };

    const refs = clusterSecrets(network) as Record<ClusterSecretKey, SecretRef>;
    for (const key of Object.keys(refs) as ClusterSecretKey[]) {
      const data = values[key];
      if (data === undefined) continue;
      assertSameKeys(refs[key], data);
      write(key, refs[key], data);
    }
    // The operator's git credentials are an object known only at run time: its keys are checked then.
    if (refs.skriptGit && args.skriptGitCredentials) {
      const skript = refs.skriptGit;
      write(
        "skriptGit",
        skript,
        pulumi.output(args.skriptGitCredentials).apply((data) => {
          assertSameKeys(skript, data);
          return data;
        }),
      );
    }
    this.registerOutputs({});
  }
}

/** The manifests read exactly `ref.keys`; a missing key is a pod that cannot start, an extra one a typo. */
function assertSameKeys(ref: SecretRef, data: Record<string, unknown>): void {
  const want = [...ref.keys].sort();
  const have = Object.keys(data).sort();
  if (want.join("\n") !== have.join("\n")) {
    throw new Error(
      `Secret ${ref.namespace}/${ref.name}: manifests read [${want}], Pulumi would write [${have}]`,
    );
  }
}
