import { mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { wrangler } from "./wrangler.ts";

describe("wrangler", () => {
  it("finds worker-configuration.d.ts up to date with wrangler.jsonc (rerun `pnpm types` if not)", async () => {
    const run = await wrangler(["types", "--check"]);
    expect(run.output).not.toMatch(/out of date/i);
    expect(run.code, run.output).toBe(0);
  });

  it.each([
    ["production", ""],
    ["staging", "staging"],
  ])("bundles the %s Worker with `deploy --dry-run` without logging in", async (_label, environment) => {
    const outdir = await mkdtemp(join(tmpdir(), "resource-pack-dry-run-"));
    const run = await wrangler(["deploy", "--dry-run", `--env=${environment}`, "--outdir", outdir]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("--dry-run: exiting now.");
    expect(run.output).not.toMatch(/log ?in|oauth|api token/i);
    expect((await stat(join(outdir, "index.js"))).size).toBeGreaterThan(0);
  });
});
