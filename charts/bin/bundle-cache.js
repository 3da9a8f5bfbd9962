// @ts-check
// Plain JavaScript on purpose: loading any .ts file starts Node's type stripper (~60 ms), the cost
// this cache exists to avoid.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { rewriteDependency } from "./dependency-rewrites.js";
import { writeAtomically } from "./write-atomically.js";

/**
 * @typedef {object} BundleSpec
 * @property {string} cacheDir   Folder holding the bundles and their manifests.
 * @property {string} name       Cache entry name (one manifest per name).
 * @property {string} key        Everything besides the inputs' contents that decides the output.
 * @property {string} root       Working directory; inputs are recorded relative to it.
 * @property {string} entry      Absolute path of the entry module.
 * @property {"esm" | "cjs"} [format]  Module format of the bundle, ES module unless given.
 * @property {Record<string, string>} [shared]  Import specifier → absolute path of a CommonJS module
 *   that is required at run time instead of bundled, so an instance already loaded is shared.
 * @property {boolean} [sourceMap]  Inline a source map, for stack traces that name the sources.
 * @property {readonly import("./dependency-rewrites.js").DependencyRewrite[]} [rewrites]  Applied to
 *   dependency files as they are bundled.
 */

/** @typedef {{ key: string, bundle: string, inputs: [string, string][] }} Manifest */

/**
 * A bundle's URL if one was built for `spec.key` and none of its inputs changed since, else undefined.
 * Costs a stat per dependency file and a hash per source file: a few milliseconds.
 * @param {BundleSpec} spec
 */
export function cachedBundle(spec) {
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(spec), "utf8"));
  } catch {
    return undefined;
  }
  if (manifest.key !== spec.key) return undefined;
  for (const [path, recorded] of manifest.inputs) {
    if (signature(resolve(spec.root, path)) !== recorded) return undefined;
  }
  return pathToFileURL(join(spec.cacheDir, manifest.bundle)).href;
}

/**
 * Bundles `spec.entry` with esbuild into one module, records its inputs, and returns its URL.
 * Concurrent builders are safe: files are written under a temporary name and renamed into place.
 * @param {BundleSpec} spec
 */
export async function buildBundle(spec) {
  const esbuild = await import("esbuild");
  const format = spec.format ?? "esm";
  /** Signatures of the project's files as esbuild compiled them, so an edit during the build is not missed. */
  const bundled = new Map();
  const result = await esbuild.build({
    entryPoints: [spec.entry],
    absWorkingDir: spec.root,
    bundle: true,
    write: false,
    // Not written there, but source-map paths are relative to it: the bundle ends up in this folder.
    outdir: spec.cacheDir,
    metafile: true,
    format,
    platform: "node",
    target: `node${process.versions.node}`,
    logLevel: "silent",
    // Drops comments too. The bundle is then pure ASCII (esbuild escapes strings): a few non-ASCII
    // comment characters in dependencies made Node decode the 2.8 MB as UTF-8, ~35 ms per run.
    minifyWhitespace: true,
    sourcemap: spec.sourceMap ? "inline" : false,
    sourcesContent: false,
    // CommonJS dependencies (cdk8s) and shared modules call require(), which an ES module lacks.
    banner:
      format === "esm"
        ? {
            js: 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);',
          }
        : {},
    plugins: [
      sharedModulesPlugin(spec.shared ?? {}),
      dependencyRewritesPlugin(spec.rewrites ?? []),
      sourceLocationPlugin(bundled),
    ],
  });
  const code = result.outputFiles?.[0]?.contents;
  if (code === undefined || result.metafile === undefined) {
    throw new Error(`esbuild wrote no output for ${spec.entry}`);
  }
  const extension = format === "esm" ? "mjs" : "cjs";
  const bundle = `${spec.name}-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.${extension}`;
  const inputs = Object.keys(result.metafile.inputs)
    .filter((path) => !path.includes(":"))
    .sort()
    .map((path) => {
      const absolute = resolve(spec.root, path);
      return /** @type {[string, string]} */ ([path, bundled.get(absolute) ?? signature(absolute)]);
    });

  mkdirSync(spec.cacheDir, { recursive: true });
  writeAtomically(join(spec.cacheDir, bundle), code);
  writeAtomically(manifestPath(spec), JSON.stringify({ key: spec.key, bundle, inputs }));
  removeOtherBundles(spec.cacheDir, spec.name, bundle);
  return pathToFileURL(join(spec.cacheDir, bundle)).href;
}

/**
 * Keeps the `keep` most recently built entries whose names start with `prefix`, removing the rest.
 * @param {string} cacheDir
 * @param {string} prefix
 * @param {number} keep
 */
export function pruneEntries(cacheDir, prefix, keep) {
  const manifests = readdirSync(cacheDir)
    .filter((file) => file.startsWith(prefix) && file.endsWith(".json"))
    .map((file) => ({ file, built: statSync(join(cacheDir, file), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.built - a.built);
  for (const { file } of manifests.slice(keep)) {
    const name = file.slice(0, -".json".length);
    rmSync(join(cacheDir, file), { force: true });
    removeOtherBundles(cacheDir, name, "");
  }
}

/** A short hash of strings, for cache keys and entry names. */
export function digest(/** @type {string[]} */ ...parts) {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 16);
}

/**
 * pnpm's store never rewrites a package file in place, so size and mtime identify a dependency;
 * the project's own files are hashed, because an editor or `git checkout` can keep both.
 * @param {string} path
 */
function signature(path) {
  try {
    if (path.includes("/node_modules/")) {
      const stat = statSync(path);
      return `${stat.size}:${stat.mtimeMs}`;
    }
    return contentSignature(readFileSync(path));
  } catch {
    return "missing";
  }
}

/** @param {Buffer} content */
function contentSignature(content) {
  return createHash("sha1").update(content).digest("base64url");
}

/** @param {BundleSpec} spec */
function manifestPath(spec) {
  return join(spec.cacheDir, `${spec.name}.json`);
}

/**
 * @param {string} cacheDir
 * @param {string} name
 * @param {string} keep
 */
function removeOtherBundles(cacheDir, name, keep) {
  for (const file of readdirSync(cacheDir)) {
    // A bundle's own files (its code cache) are named after it.
    const kept = keep !== "" && (file === keep || file.startsWith(`${keep}.`));
    if (!kept && file.startsWith(`${name}-`)) {
      // A concurrent run may still be importing it; on Linux an open file outlives its name.
      rmSync(join(cacheDir, file), { force: true });
    }
  }
}

/**
 * Imports of these specifiers become `require(<path>)` of an already-loaded CommonJS module (see
 * code-cached-module.js, which registers it in `require.cache`) instead of a second, bundled copy.
 * @param {Record<string, string>} shared
 * @returns {import("esbuild").Plugin}
 */
function sharedModulesPlugin(shared) {
  return {
    name: "shared-modules",
    setup(build) {
      const names = Object.keys(shared);
      if (names.length === 0) return;
      const filter = new RegExp(
        `^(${names.map((name) => name.replace(/[/.*+?^${}()|[\]\\-]/g, "\\$&")).join("|")})$`,
      );
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: "shared-module" }));
      // The facade's own require() is left for run time, where require.cache answers it.
      build.onResolve({ filter: /.*/, namespace: "shared-module" }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onLoad({ filter: /.*/, namespace: "shared-module" }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(shared[args.path])});`,
        loader: "js",
      }));
    },
  };
}

/**
 * Bundles dependency files with the given rewrites applied (see dependency-rewrites.js).
 * @param {readonly import("./dependency-rewrites.js").DependencyRewrite[]} rewrites
 * @returns {import("esbuild").Plugin}
 */
function dependencyRewritesPlugin(rewrites) {
  return {
    name: "dependency-rewrites",
    setup(build) {
      if (rewrites.length === 0) return;
      build.onLoad({ filter: /\/node_modules\/.*\.[cm]?js$/ }, (args) => {
        if (!rewrites.some((rewrite) => rewrite.file.test(args.path))) return undefined;
        const source = readFileSync(args.path, "utf8");
        return { contents: rewriteDependency(args.path, source, rewrites).contents, loader: "js" };
      });
    },
  };
}

/**
 * Loads the project's own modules itself, for two reasons. Their signatures are taken from the very
 * bytes esbuild compiles, so a file saved mid-build is seen as changed on the next run. And they read
 * files beside themselves (`new URL("./x.sh", import.meta.url)`); in a bundle `import.meta` is the
 * bundle's, so each module's own location is written in as a literal. Those files are still read at
 * run time, from where they are.
 * @param {Map<string, string>} signatures  Filled with path → signature of each module loaded.
 * @returns {import("esbuild").Plugin}
 */
function sourceLocationPlugin(signatures) {
  return {
    name: "source-location",
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (args.path.includes("/node_modules/")) return undefined;
        const bytes = readFileSync(args.path);
        signatures.set(args.path, contentSignature(bytes));
        const contents = bytes
          .toString("utf8")
          .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)))
          .replaceAll("import.meta.filename", JSON.stringify(args.path));
        return { contents, loader: /\.[cm]?ts$/.test(args.path) ? "ts" : "js" };
      });
    },
  };
}
