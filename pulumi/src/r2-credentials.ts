import { createHash } from "node:crypto";
import { r2Endpoint } from "@mc-infra/config";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";

/** S3 credentials for R2: the access key is the token's id, the secret key the SHA-256 of its value. */
export interface R2Credentials {
  readonly accessKeyId: pulumi.Output<string>;
  readonly secretAccessKey: pulumi.Output<string>;
  readonly endpoint: string;
}

/**
 * Cloudflare's public ids of the permission groups an R2 S3 credential needs (stable across accounts;
 * listed by `GET /accounts/{id}/tokens/permission_groups`).
 */
export const R2_PERMISSION_GROUPS = {
  bucketItemRead: "6a018a9f2fc74eb6b293b0c548f38b39",
  bucketItemWrite: "2efd5506f9c8494dacb1fa10a3e7d5b6",
} as const;

export interface R2TokenArgs {
  readonly accountId: string;
  /** Display name of the token in the dashboard. */
  readonly title: string;
  /** The one bucket the credential may read and write. */
  readonly bucketName: pulumi.Input<string>;
}

/** An account-owned API token scoped to one bucket, turned into S3 credentials. */
export function r2Credentials(
  name: string,
  args: R2TokenArgs,
  opts: pulumi.CustomResourceOptions,
): R2Credentials {
  const token = new cloudflare.AccountToken(
    name,
    {
      accountId: args.accountId,
      name: args.title,
      policies: [
        {
          effect: "allow",
          permissionGroups: [
            { id: R2_PERMISSION_GROUPS.bucketItemRead },
            { id: R2_PERMISSION_GROUPS.bucketItemWrite },
          ],
          resources: pulumi
            .output(args.bucketName)
            .apply((bucket) =>
              JSON.stringify({ [`com.cloudflare.edge.r2.bucket.${args.accountId}_default_${bucket}`]: "*" }),
            ),
        },
      ],
    },
    opts,
  );
  return {
    accessKeyId: pulumi.secret(token.id),
    secretAccessKey: pulumi.secret(
      token.value.apply((value) => createHash("sha256").update(value).digest("hex")),
    ),
    endpoint: r2Endpoint(args.accountId),
  };
}
