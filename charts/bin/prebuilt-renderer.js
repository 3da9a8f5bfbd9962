// @ts-check
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildBundle, cachedBundle, digest, pruneEntries } from "./bundle-cache.js";
import { loadCodeCachedModule } from "./code-cached-module.js";
import { DEPENDENCY_REWRITES } from "./dependency-rewrites.js";

const ROOT = resolve(import.meta.dirname, "../..");
/** Files that change what esbuild resolves without being inputs themselves. */
const RESOLUTION_FILES = [
  "pnpm-lock.yaml",
  "package.json",
  "charts/package.json",
  "packages/config/package.json",
];
/** How the bundles are built. */
const BUILDER_FILES = [
  "charts/bin/bundle-cache.js",
  "charts/bin/code-cached-module.js",
  "charts/bin/dependency-rewrites.js",
  "charts/bin/prebuilt-renderer.js",
  "charts/bin/write-atomically.js",
];
/** Config bundles kept: one per config file, so temporary configs (tests, previews) cannot pile up. */
const CONFIG_ENTRIES_KEPT = 16;

/**
 * @typedef {object} PrebuiltRenderer
 * @property {typeof import("../src/synth.ts")} synth  The synth command's module, from the bundle.
 * @property {import("@mc-infra/config").ConfigImporter} importConfig
 * @property {() => void} saveCodeCache  Call after a successful run; see code-cached-module.js.
 */

/**
 * The renderer (charts and the config package with cdk8s, cdk8s-plus, zod) as one prebuilt
 * CommonJS module, rebuilt only when a file it was built from changes, and run with a V8 code cache
 * taken after a successful run. Loading ~400 modules through Node's resolver and type stripper is
 * most of a small synth; one cached bundle loads in about a third of the time. Config modules are
 * bundled too, per file, as ES modules whose `@mc-infra/config` import is a `require` of this same
 * loaded renderer rather than a second copy.
 *
 * Returns undefined when no bundle can be built (esbuild missing or failing): the caller then runs
 * the sources directly, which is slower and otherwise the same.
 * @param {{ cacheDir?: string | undefined }} [options]
 * @returns {Promise<PrebuiltRenderer | undefined>}
 */
export async function prebuiltRenderer(options = {}) {
  const cacheDir = options.cacheDir ?? join(ROOT, "node_modules/.cache/synth");
  const renderer = {
    cacheDir,
    name: "renderer",
    key: digest(process.version, ...[...RESOLUTION_FILES, ...BUILDER_FILES].map(readOrEmpty)),
    root: ROOT,
    entry: join(ROOT, "charts/src/prebuilt-entry.ts"),
    format: /** @type {const} */ ("cjs"),
    rewrites: DEPENDENCY_REWRITES,
  };
  let url = cachedBundle(renderer);
  if (url === undefined) {
    try {
      url = await buildBundle(renderer);
    } catch {
      return undefined;
    }
  }
  const rendererFile = fileURLToPath(url);
  const loaded = loadCodeCachedModule(rendererFile);
  const synth = /** @type {PrebuiltRenderer["synth"]} */ (/** @type {unknown} */ (loaded.exports));

  /** @type {import("@mc-infra/config").ConfigImporter} */
  const importConfig = async (absolutePath) => {
    const config = {
      cacheDir,
      name: `config-${digest(absolutePath)}`,
      key: digest(renderer.key, rendererFile),
      root: ROOT,
      entry: absolutePath,
      shared: { "@mc-infra/config": rendererFile },
      sourceMap: true,
    };
    let configUrl = cachedBundle(config);
    if (configUrl === undefined) {
      try {
        configUrl = await buildBundle(config);
      } catch {
        // A config esbuild cannot bundle (a syntax error, a missing import) is imported as it is,
        // so the operator sees Node's own error for it.
        return import(pathToFileURL(absolutePath).href);
      }
      pruneEntries(cacheDir, "config-", CONFIG_ENTRIES_KEPT);
    }
    // An error thrown by the config then points at the operator's file, not at the cache.
    process.setSourceMapsEnabled(true);
    return import(configUrl);
  };
  return { synth, importConfig, saveCodeCache: loaded.saveCodeCache };
}

/** @param {string} file */
function readOrEmpty(file) {
  try {
    return readFileSync(join(ROOT, file), "utf8");
  } catch {
    return "";
  }
}
