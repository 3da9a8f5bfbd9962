// @ts-check
// `pnpm synth`. Plain JavaScript so that nothing needs type stripping before the cached renderer
// bundle is loaded. SYNTH_PREBUILT=0 runs the TypeScript sources directly (for source stack traces);
// SYNTH_CACHE_DIR moves the bundle cache (tests). package.json starts it with --v8-pool-size=1: a
// synth is one short job on one thread, and V8's default four helper threads for garbage collection
// and compiling mostly contended with it on a two-core runner (100 servers: ~10% less wall and CPU).
import { enableCompileCache } from "node:module";

// V8's code cache for these loader modules and the config bundles (the renderer keeps its own).
enableCompileCache();
const { prebuiltRenderer } = await import("./prebuilt-renderer.js");

const prebuilt =
  process.env.SYNTH_PREBUILT === "0"
    ? undefined
    : await prebuiltRenderer({ cacheDir: process.env.SYNTH_CACHE_DIR });
const synth = prebuilt?.synth ?? (await import("../src/synth.ts"));
process.exitCode = await synth.runSynth(process.argv.slice(2), {
  ...synth.consoleIo,
  importConfig: prebuilt?.importConfig,
});
// Only a run that rendered everything has compiled everything a run needs.
if (process.exitCode === 0) prebuilt?.saveCodeCache();
