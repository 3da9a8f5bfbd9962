import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const CLI = join(here, "../../src/cli.ts");
const RSS_REPORTER = join(here, "report-max-rss.ts");

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak RSS of the child in bytes. */
  readonly maxRss: number;
}

/**
 * Runs the ops CLI as an operator would, in its own Node process (the same Node as the tests), with
 * only the given environment, and measures its peak memory.
 */
export async function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const scratch = await mkdtemp(join(tmpdir(), "cli-rss-"));
  const rssFile = join(scratch, "rss");
  try {
    const child = spawn(process.execPath, ["--import", RSS_REPORTER, CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", MAX_RSS_FILE: rssFile, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data) => {
      stdout += data;
    });
    child.stderr.on("data", (data) => {
      stderr += data;
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    const maxRss = Number(await readFile(rssFile, "utf8").catch(() => "0"));
    return { code, stdout, stderr, maxRss };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
