import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import example from "../../network.config.ts";
import { configModule } from "../../test/support/generated-network.ts";

const run = promisify(execFile);
const CLI = resolve(import.meta.dirname, "../src/cli.ts");

/** The real command as `pnpm synth` starts it: a Node process, judged by its exit code. */
async function cli(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the synth command", () => {
  it("exits 0 and renders the example network", async () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-cli-"));
    const result = await cli(
      ["--config", resolve(import.meta.dirname, "../../network.config.ts"), "--out", dir],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Rendered \d+ files/);
  });

  it("exits 1 on an invalid config and says which field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-cli-"));
    const base = structuredClone(example.base);
    base.servers[0]!.memory.heap = "3G";
    writeFileSync(join(dir, "bad.config.ts"), configModule({ ...example, base }));
    const result = await cli(["--config", "bad.config.ts", "--out", dir], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("servers[0].memory.heap: 3G is more than 80% of the 3Gi limit");
  });
});
