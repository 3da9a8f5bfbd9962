import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Network, type NetworkDefinition, resolveNetwork } from "./define.ts";
import { ConfigError } from "./errors.ts";

/** The example network at the repository root, used when no `--config` is given. */
export const DEFAULT_CONFIG_FILE = "network.config.ts";

export interface LoadOptions {
  /** Path of the config module; its default export is a `defineNetwork(...)` result. */
  readonly configFile?: string;
  /** Environment to resolve. @default the definition's defaultEnvironment */
  readonly environment?: string;
}

/** Evaluates a config module given its absolute path; `pnpm synth` passes one that imports a prebuilt bundle. */
export type ConfigImporter = (absolutePath: string) => Promise<unknown>;

const importFile: ConfigImporter = (absolutePath) => import(pathToFileURL(absolutePath).href);

export async function loadDefinition(
  configFile: string,
  importConfig: ConfigImporter = importFile,
): Promise<NetworkDefinition> {
  const path = resolve(configFile);
  if (!existsSync(path)) {
    throw new ConfigError([{ path: "(file)", message: `${configFile} does not exist` }], configFile);
  }
  const module = (await importConfig(path)) as { default?: unknown };
  const definition = module.default as Partial<NetworkDefinition> | undefined;
  if (definition?.kind !== "network-definition") {
    throw new ConfigError(
      [{ path: "(file)", message: "must `export default defineNetwork({ ... })` from @mc-infra/config" }],
      configFile,
    );
  }
  return definition as NetworkDefinition;
}

export async function loadNetwork(options: LoadOptions = {}): Promise<Network> {
  const configFile = options.configFile ?? DEFAULT_CONFIG_FILE;
  return resolveNetwork(await loadDefinition(configFile), options.environment, configFile);
}
