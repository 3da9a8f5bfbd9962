import { enableCompileCache } from "node:module";

// V8's code cache for the modules cdk8s-plus, zod and yaml load: about a tenth of synth's CPU time.
// Enabled before the renderer is imported, hence the dynamic import below.
enableCompileCache();
const { runSynth } = await import("./synth.ts");

process.exitCode = await runSynth(process.argv.slice(2));
