import { runSynth } from "./synth.ts";

process.exitCode = await runSynth(process.argv.slice(2));
