import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const WORKER_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");
const wranglerBin = join(
  dirname(createRequire(join(WORKER_DIR, "package.json")).resolve("wrangler/package.json")),
  "bin/wrangler.js",
);

export interface WranglerRun {
  readonly code: number;
  readonly output: string;
}

/**
 * Runs this Worker's wrangler as CI would on a machine that never logged in: an empty HOME (no
 * stored OAuth token), no API token, no telemetry.
 */
export async function wrangler(args: readonly string[]): Promise<WranglerRun> {
  const home = await mkdtemp(join(tmpdir(), "wrangler-home-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    WRANGLER_SEND_METRICS: "false",
    CI: "true",
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [wranglerBin, ...args], {
      cwd: WORKER_DIR,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}
