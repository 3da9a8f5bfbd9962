// @ts-check
// `pnpm synth`. Plain JavaScript so that nothing needs type stripping before the cached renderer
// bundle is loaded. SYNTH_PREBUILT=0 runs the TypeScript sources directly (for source stack traces);
// SYNTH_CACHE_DIR moves the bundle cache (tests).
import { enableCompileCache } from "node:module";

// V8's code cache for the bundle: about a tenth of a small synth's CPU time.
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
