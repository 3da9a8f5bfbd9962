import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = new URL("../../../", import.meta.url).pathname;

function verify(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["scripts/src/verify/cli.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "verify-local-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The passing run against a started stack is in local-stack.test.ts; these are the ways it is refused.
describe("pnpm verify --local", () => {
  it("says how to start the stack when none is running, and checks nothing", async () => {
    const result = await verify(["--local", "--state", join(dir, "stack.json")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no local stack is running .*start one with `pnpm dev`/);
    expect(result.stdout).toBe("");
  });

  it("refuses --env next to --local: the running stack decides the environment", async () => {
    const result = await verify(["--local", "--env", "production"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--local checks the running local stack");
  });
});
