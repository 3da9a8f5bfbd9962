import { randomBytes } from "node:crypto";

/** The credentials of one run of the local stack: made at every start, printed, never written to git. */
export interface DevSecrets {
  /** ADMIN_TOKEN of the local resource-pack Worker (`pnpm pack:publish` sends it). */
  readonly resourcePackAdminToken: string;
  /** ADMIN_TOKEN of the local status Worker (`PUT /api/config`). */
  readonly statusAdminToken: string;
  /** What the local health agents expect in X-Gateway-Secret, as the load balancer's monitor sends it. */
  readonly gatewaySecret: string;
}

/** 32 random bytes each, URL-safe: as strong as the production ones, so nothing tempts anyone to reuse a weak one. */
export function generateDevSecrets(): DevSecrets {
  const token = () => randomBytes(32).toString("base64url");
  return { resourcePackAdminToken: token(), statusAdminToken: token(), gatewaySecret: token() };
}
