// The module charts/bin/synth.js bundles and caches: the synth command, and the config package a
// network config imports, so the config's bundle imports this same copy instead of a second one.
export * from "@mc-infra/config";
export { consoleIo, runSynth } from "./synth.ts";
