import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const CLI = join(here, "../../src/cli.ts");
const RSS_REPORTER = join(here, "report-max-rss.ts");
const DOCKERFILE = join(here, "../../../Dockerfile");

/**
 * The environment the ops image sets (the ENV lines of its Dockerfile's final stage), so the CLI's memory is measured
 * as it runs in the cluster and a change to those lines is measured too.
 */
export async function imageEnv(): Promise<Record<string, string>> {
  const text = (await readFile(DOCKERFILE, "utf8")).replace(/\\\n/g, " ");
  // Only the final stage's ENV reaches the running container.
  const finalStage = text.split(/^FROM\s/m).at(-1) ?? "";
  const env: Record<string, string> = {};
  for (const line of finalStage.split("\n")) {
    const match = /^ENV\s+(.*)$/.exec(line.trim());
    if (!match) continue;
    for (const pair of match[1]!.trim().split(/\s+/)) {
      const [key, ...value] = pair.split("=");
      if (key && value.length > 0) env[key] = value.join("=");
    }
  }
  return env;
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak RSS of the child in bytes. */
  readonly maxRss: number;
  /** CPU time (user + system) the child used, in seconds. */
  readonly cpuSeconds: number;
}

/**
 * Runs the ops CLI in its own Node process (the same Node as the tests) with the ops image's
 * environment plus `env` and nothing else from ours, and measures its peak memory.
 */
export async function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  options: { readonly signalWhen?: { readonly stderr: RegExp; readonly signal: NodeJS.Signals } } = {},
): Promise<CliRun> {
  const scratch = await mkdtemp(join(tmpdir(), "cli-rss-"));
  const rssFile = join(scratch, "rss");
  try {
    const child = spawn(process.execPath, ["--import", RSS_REPORTER, CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", ...(await imageEnv()), MAX_RSS_FILE: rssFile, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data) => {
      stdout += data;
    });
    let signalled = false;
    child.stderr.on("data", (data) => {
      stderr += data;
      const when = options.signalWhen;
      if (when && !signalled && when.stderr.test(stderr)) {
        signalled = true;
        child.kill(when.signal);
      }
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    const [maxRss, cpuSeconds] = (await readFile(rssFile, "utf8").catch(() => "0 0")).split(" ").map(Number);
    return { code, stdout, stderr, maxRss: maxRss ?? 0, cpuSeconds: cpuSeconds ?? 0 };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
