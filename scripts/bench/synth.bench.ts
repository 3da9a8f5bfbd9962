import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import example from "../../network.config.ts";
import { configModule, generatedNetwork } from "../../test/support/generated-network.ts";
import { type BenchReport, median } from "./report.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const RUNS = 5;
// The CLI package exports no subpaths; its bin file sits beside its package.json.
const cdk8sCli = join(
  dirname(createRequire(join(ROOT, "charts/package.json")).resolve("cdk8s-cli/package.json")),
  "bin/cdk8s",
);

/** Whole-process wall time of a command, median of RUNS after one warm-up run (disk cache, compile cache). */
function time(args: string[], env: Record<string, string> = {}): number {
  const samples: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const start = performance.now();
    execFileSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: "ignore" });
    if (run > 0) samples.push(performance.now() - start);
  }
  return median(samples);
}

function measure(label: string, configFile: string) {
  const ours = time([
    join(ROOT, "charts/src/cli.ts"),
    "--config",
    configFile,
    "--out",
    mkdtempSync(join(tmpdir(), "bench-ours-")),
  ]);
  const cli = time(
    [
      cdk8sCli,
      "synth",
      "--app",
      `${process.execPath} ${join(ROOT, "charts/src/cdk8s-app.ts")}`,
      "--output",
      mkdtempSync(join(tmpdir(), "bench-cli-")),
    ],
    { NETWORK_CONFIG: configFile },
  );
  return {
    figures: [
      { label: `${label}: pnpm synth`, value: ours, unit: "ms" },
      { label: `${label}: cdk8s synth (CLI)`, value: cli, unit: "ms" },
    ],
    ratio: { label: `${label}: ours / CLI`, value: ours / cli, goal: { op: "<=" as const, value: 0.2 } },
  };
}

/** `pnpm synth` against the stock cdk8s CLI rendering the same charts, same configs, same run. */
export default async function synthBench(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), "bench-config-"));
  const exampleFile = join(dir, "example.config.ts");
  const largeFile = join(dir, "hundred.config.ts");
  writeFileSync(exampleFile, configModule(example));
  writeFileSync(largeFile, configModule(generatedNetwork(100)));
  const small = measure("example (2 servers)", exampleFile);
  const large = measure("generated (100 servers)", largeFile);
  return {
    title: `synth: whole-process time, median of ${RUNS} runs`,
    figures: [...small.figures, ...large.figures],
    ratios: [small.ratio, large.ratio],
  };
}
