// @ts-check
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildBundle, cachedBundle, digest, pruneEntries } from "./bundle-cache.js";

const ROOT = resolve(import.meta.dirname, "../..");
/** Files that change what esbuild resolves without being inputs themselves. */
const RESOLUTION_FILES = [
  "pnpm-lock.yaml",
  "package.json",
  "charts/package.json",
  "packages/config/package.json",
];
/** How the bundles are built. */
const BUILDER_FILES = ["charts/bin/bundle-cache.js", "charts/bin/prebuilt-renderer.js"];
/** Config bundles kept: one per config file, so temporary configs (tests, previews) cannot pile up. */
const CONFIG_ENTRIES_KEPT = 16;

/**
 * @typedef {object} PrebuiltRenderer
 * @property {typeof import("../src/synth.ts")} synth  The synth command's module, from the bundle.
 * @property {import("@mc-infra/config").ConfigImporter} importConfig
 */

/**
 * The renderer (charts and the config package with cdk8s, cdk8s-plus, zod) as one prebuilt ES
 * module, rebuilt only when a file it was built from changes. Loading ~400 modules through Node's
 * resolver and type stripper is most of a small synth; one cached bundle loads in about a third
 * of the time. Config modules are bundled the same way, per file, against this same module, so the
 * config's `@mc-infra/config` import is the renderer's copy rather than a second one.
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
  };
  let url = cachedBundle(renderer);
  if (url === undefined) {
    try {
      url = await buildBundle(renderer);
    } catch {
      return undefined;
    }
  }
  const rendererUrl = url;
  /** @type {PrebuiltRenderer["synth"]} */
  const synth = await import(rendererUrl);

  /** @type {import("@mc-infra/config").ConfigImporter} */
  const importConfig = async (absolutePath) => {
    const config = {
      cacheDir,
      name: `config-${digest(absolutePath)}`,
      key: digest(renderer.key, rendererUrl),
      root: ROOT,
      entry: absolutePath,
      externals: { "@mc-infra/config": rendererUrl },
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
  return { synth, importConfig };
}

/** @param {string} file */
function readOrEmpty(file) {
  try {
    return readFileSync(join(ROOT, file), "utf8");
  } catch {
    return "";
  }
}
