import { bucketNames, type Network } from "@mc-infra/config";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { type BucketKey, lifecycleRules } from "./lifecycle-rules.ts";
import { type R2Credentials, r2Credentials } from "./r2-credentials.ts";

export interface StorageArgs {
  readonly network: Network;
  readonly accountId: string;
}

/**
 * The R2 buckets (backups, logs, assets) with their lifecycle rules, and one S3 credential per
 * consumer: the backup CronJobs, log shipping, Longhorn, and the operator's `pnpm pack:publish`.
 */
export class Storage extends pulumi.ComponentResource {
  readonly bucketNames: Record<BucketKey, pulumi.Output<string>>;
  /** World backups (the backup CronJobs). */
  readonly backupCredentials: R2Credentials;
  /** Log shipping. */
  readonly logCredentials: R2Credentials;
  /** Longhorn's backup target, in the backups bucket under its own prefix. */
  readonly longhornCredentials: R2Credentials;
  /** `pnpm pack:publish`, which stages packs above the Worker's request limit in the assets bucket. */
  readonly assetsCredentials: R2Credentials;

  constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("mc-infra:edge:Storage", name, {}, opts);
    const { network, accountId } = args;
    const names = bucketNames(network);
    const rules = lifecycleRules(network);

    const bucket = (key: BucketKey) => {
      const created = new cloudflare.R2Bucket(
        `${name}-${key}`,
        { accountId, name: names[key] },
        { parent: this },
      );
      new cloudflare.R2BucketLifecycle(
        `${name}-${key}-lifecycle`,
        { accountId, bucketName: created.name, rules: rules[key] },
        { parent: this },
      );
      return created.name;
    };
    this.bucketNames = { backups: bucket("backups"), logs: bucket("logs"), assets: bucket("assets") };

    const credential = (purpose: string, bucketName: pulumi.Output<string>) =>
      r2Credentials(
        `${name}-${purpose}-s3`,
        { accountId, title: `${network.name} ${purpose} (R2 S3)`, bucketName },
        { parent: this },
      );
    this.backupCredentials = credential("backups", this.bucketNames.backups);
    this.logCredentials = credential("logs", this.bucketNames.logs);
    this.longhornCredentials = credential("longhorn", this.bucketNames.backups);
    this.assetsCredentials = credential("assets", this.bucketNames.assets);

    this.registerOutputs({ bucketNames: this.bucketNames });
  }
}
