import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

/**
 * CPU time (user + system) of this process's finished children, from /proc: the kernel adds a child's
 * time, and its own waited-for children's, when it is reaped. Less sensitive to a busy machine than wall time.
 */
function childrenCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 16 and 17 of proc(5) (cutime, cstime), counted from the state field (3), in clock ticks of 10 ms.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

interface Command {
  readonly args: string[];
  /** A function of the run for runs that must each start cold. */
  readonly env?: Record<string, string> | (() => Record<string, string>);
}

/**
 * Whole-process wall and CPU time of each command, medians of RUNS after one warm-up run (disk,
 * compile and bundle caches). The commands take turns, run by run: this VM's speed drifts by a
 * quarter over a minute, and measuring one command's runs after the other's put the drift into
 * their ratio.
 */
function timeInTurns(commands: readonly Command[]): Timing[] {
  const wall = commands.map((): number[] => []);
  const cpu = commands.map((): number[] => []);
  for (let run = 0; run <= RUNS; run++) {
    for (const [index, { args, env = {} }] of commands.entries()) {
      const runEnv = typeof env === "function" ? env() : env;
      const cpuBefore = childrenCpuMs();
      const start = performance.now();
      execFileSync(process.execPath, args, {
        cwd: ROOT,
        env: { ...process.env, ...runEnv },
        stdio: "ignore",
      });
      if (run === 0) continue;
      wall[index]!.push(performance.now() - start);
      cpu[index]!.push(childrenCpuMs() - cpuBefore);
    }
  }
  return commands.map((_, index) => ({ wallMs: median(wall[index]!), cpuMs: median(cpu[index]!) }));
}

/**
 * The `synth` script from package.json, as pnpm would start it (without pnpm's own start-up): the
 * benchmark measures whatever `pnpm synth` runs, flags included.
 */
function synthCommand(): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
  ).scripts;
  const [program, ...args] = scripts.synth!.split(/\s+/);
  if (program !== "node") throw new Error(`the synth script does not start with node: ${scripts.synth}`);
  return args.map((arg) => (arg.includes("/") ? join(ROOT, arg) : arg));
}

function measure(label: string, configFile: string) {
  const command = [...synthCommand(), "--config", configFile];
  const [ours, cold, cli] = timeInTurns([
    { args: [...command, "--out", mkdtempSync(join(tmpdir(), "bench-ours-"))] },
    // Every run with an empty bundle cache: what the first synth after a code change or install costs.
    {
      args: [...command, "--out", mkdtempSync(join(tmpdir(), "bench-cold-"))],
      env: () => ({ SYNTH_CACHE_DIR: mkdtempSync(join(tmpdir(), "bench-cache-")) }),
    },
    {
      args: [
        cdk8sCli,
        "synth",
        // Otherwise every run first fetches the CLI's latest version from registry.npmjs.org (and
        // fails through this machine's mirror): network time that is no part of synthesis.
        "--no-check-upgrade",
        "--app",
        `${process.execPath} ${join(ROOT, "charts/src/cdk8s-app.ts")}`,
        "--output",
        mkdtempSync(join(tmpdir(), "bench-cli-")),
      ],
      env: { NETWORK_CONFIG: configFile },
    },
  ]) as [Timing, Timing, Timing];
  return {
    figures: [
      { label: `${label}: pnpm synth, wall`, value: ours.wallMs, unit: "ms" },
      { label: `${label}: pnpm synth after a code change, wall`, value: cold.wallMs, unit: "ms" },
      { label: `${label}: cdk8s synth (CLI), wall`, value: cli.wallMs, unit: "ms" },
      { label: `${label}: pnpm synth, CPU`, value: ours.cpuMs, unit: "ms" },
      { label: `${label}: cdk8s synth (CLI), CPU`, value: cli.cpuMs, unit: "ms" },
    ],
    ratios: [
      {
        label: `${label}: ours / CLI, wall`,
        value: ours.wallMs / cli.wallMs,
        goal: { op: "<=" as const, value: 0.2 },
      },
      {
        label: `${label}: ours / CLI, CPU`,
        value: ours.cpuMs / cli.cpuMs,
        goal: { op: "<=" as const, value: 0.2 },
      },
    ],
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
    title: `synth: whole-process wall and CPU time, median of ${RUNS} runs`,
    figures: [...small.figures, ...large.figures],
    ratios: [...small.ratios, ...large.ratios],
  };
}
