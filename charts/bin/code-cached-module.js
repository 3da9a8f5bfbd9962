// @ts-check
import { readFileSync, realpathSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";
import { writeAtomically } from "./write-atomically.js";

/**
 * @typedef {object} CodeCachedModule
 * @property {Record<string, unknown>} exports
 * @property {"none" | "accepted" | "rejected"} codeCache  What became of the cache file at load.
 * @property {() => void} saveCodeCache  Writes the code cache if there was none or V8 rejected it,
 *   best effort. Call it once the module has done its work: the cache then holds every function
 *   compiled so far.
 */

/**
 * Loads a CommonJS file the way `require` would, but compiled with a V8 code cache kept beside it.
 *
 * Node's own compile cache (`module.enableCompileCache`) is written right after compilation, when
 * V8 has compiled only a module's top level: every function a bundle of ~400 CommonJS modules runs
 * is still compiled on each start. A cache made after the work is done holds those functions too;
 * for the renderer it saves ~80 ms of a 100-server synth. The cache file is named after the bundle,
 * whose name carries its content hash, and V8 rejects a cache from another version or flag set.
 *
 * The module is registered in `require.cache`, so `require(file)` from elsewhere (the config bundles)
 * returns this same instance. It must not reach an `import()`: Node resolves those from a vm script
 * only behind a flag. The renderer's one (loadDefinition's default importer) is never reached,
 * because the renderer is always given an importer.
 * @param {string} file
 * @returns {CodeCachedModule}
 */
export function loadCodeCachedModule(file) {
  const filename = realpathSync(file);
  const cacheFile = `${filename}.v8cache`;
  /** @type {Buffer | undefined} */
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${readFileSync(filename, "utf8")}\n})`,
    { filename, cachedData },
  );
  const module = new Module(filename);
  module.filename = filename;
  const require = createRequire(filename);
  require.cache[filename] = module;
  try {
    const wrapper = /** @type {Function} */ (script.runInThisContext());
    wrapper.call(module.exports, module.exports, require, module, filename, dirname(filename));
  } catch (error) {
    delete require.cache[filename];
    throw error;
  }
  module.loaded = true;

  const codeCache =
    cachedData === undefined ? "none" : script.cachedDataRejected === true ? "rejected" : "accepted";
  let saved = codeCache === "accepted";
  return {
    exports: module.exports,
    codeCache,
    saveCodeCache() {
      if (saved) return;
      saved = true;
      try {
        writeAtomically(cacheFile, script.createCachedData());
      } catch {
        // A cache that cannot be written (a read-only checkout) only costs the next run its speed.
      }
    },
  };
}
