import type { NetworkDefinition } from "./define.ts";

/**
 * The environment `pnpm dev` runs on one machine. It is never deployed: it has no Pulumi stack, no
 * wrangler env and no rendered manifests, so the layers that mirror every environment skip it.
 */
export const LOCAL_ENVIRONMENT = "local";

/** The environments that run somewhere besides a developer's machine: each has a Pulumi stack and a wrangler env. */
export function deployedEnvironments(definition: Pick<NetworkDefinition, "environments">): string[] {
  return Object.keys(definition.environments).filter((name) => name !== LOCAL_ENVIRONMENT);
}
