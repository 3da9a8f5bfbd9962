import { type Network, PUBLIC_MINECRAFT_PORT } from "@mc-infra/config";

/** Where the local stack serves what the deployed network serves on its public hostnames. */
export interface LocalAddresses {
  /** e.g. http://127.0.0.1:8788, no trailing slash (the Workers append paths). */
  readonly resourcePackOrigin: string;
  readonly statusOrigin: string;
  readonly minecraft: { readonly host: string; readonly port: number };
}

/**
 * Each public address of the deployed network, as the Workers' wrangler.jsonc spell it (written
 * from the config: the Workers' own tests keep them equal), mapped to its counterpart on loopback.
 */
export function publicToLocal(deployed: Network, local: LocalAddresses): ReadonlyMap<string, string> {
  const { edge } = deployed;
  const minecraft = `${local.minecraft.host}:${local.minecraft.port}`;
  return new Map([
    [`https://${edge.resourcePackHostname}`, local.resourcePackOrigin],
    [`https://${edge.statusHostname}`, local.statusOrigin],
    [`${edge.minecraftHostname}:${PUBLIC_MINECRAFT_PORT}`, minecraft],
    [edge.minecraftHostname, minecraft],
  ]);
}

/**
 * The vars a Worker gets in the local stack: every var whose value is a public address of the
 * network points at its local counterpart instead; the rest keep their value. Binding names are
 * never spelled here, so the Workers and `pnpm edge:sync` stay free to name them. A var that still
 * names the public domain afterwards is refused: the local stack must never reach production.
 */
export function localVars(
  vars: Readonly<Record<string, unknown>>,
  addresses: ReadonlyMap<string, string>,
  publicDomain: string,
  source: string,
): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value !== "string") continue;
    const local = addresses.get(value.replace(/\/+$/, ""));
    if (local !== undefined) {
      overrides[name] = local;
      continue;
    }
    if (value === publicDomain || value.includes(`.${publicDomain}`) || value.includes(`/${publicDomain}`)) {
      throw new Error(
        `${source}: var ${name} = "${value}" names the public network (${publicDomain}) and the local ` +
          "stack has no counterpart for it; map it in scripts/src/dev/worker-vars.ts so `pnpm dev` never reaches production",
      );
    }
  }
  return overrides;
}
