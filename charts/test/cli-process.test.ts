import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { resolveNetwork } from "@mc-infra/config";
import { beforeAll, describe, expect, it } from "vitest";
import example from "../../network.config.ts";
import { configModule } from "../../test/support/generated-network.ts";
import { renderNetwork } from "../src/render.ts";

const run = promisify(execFile);
const COMMAND = resolve(import.meta.dirname, "../bin/synth.js");
const EXAMPLE = resolve(import.meta.dirname, "../../network.config.ts");
// One bundle cache for this file, so the first test pays for the build and the repository's is untouched.
const CACHE = mkdtempSync(join(tmpdir(), "synth-cache-"));

type Mode = "prebuilt" | "sources";

/** The real command as `pnpm synth` starts it: a Node process, judged by its exit code. */
async function synth(mode: Mode, args: string[], cwd: string) {
  const env = { ...process.env, SYNTH_CACHE_DIR: CACHE, SYNTH_PREBUILT: mode === "prebuilt" ? "1" : "0" };
  try {
    const { stdout, stderr } = await run(process.execPath, [COMMAND, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path), readFileSync(path, "utf8"));
    }
  }
  return files;
}

describe.each<Mode>(["prebuilt", "sources"])("the synth command (%s)", (mode) => {
  it("writes exactly what the renderer renders for the example network", async () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-cli-"));
    const result = await synth(mode, ["--config", EXAMPLE, "--out", dir], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Rendered \d+ files/);

    const expected = renderNetwork(resolveNetwork(example), {
      configFile: EXAMPLE,
      environment: example.defaultEnvironment,
    });
    expect(readTree(dir)).toEqual(new Map(expected.files));
  });

  it("exits 1 on an invalid config and says which field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-cli-"));
    const base = structuredClone(example.base);
    base.servers[0]!.memory.heap = "3G";
    writeFileSync(join(dir, "bad.config.ts"), configModule({ ...example, base }));
    const result = await synth(mode, ["--config", "bad.config.ts", "--out", dir], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("servers[0].memory.heap: 3G is more than 80% of the 3Gi limit");
  });
});

describe("the prebuilt synth command", () => {
  beforeAll(async () => {
    // Builds the renderer bundle once, so the tests below measure reuse, not the first build.
    const dir = mkdtempSync(join(tmpdir(), "synth-cli-"));
    expect((await synth("prebuilt", ["--config", EXAMPLE, "--out", dir], dir)).code).toBe(0);
  });

  it("renders an edited config, even when the edit keeps the file's size", async () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-cli-"));
    const config = join(dir, "network.config.ts");
    const base = structuredClone(example.base);
    base.servers[0]!.memory.limit = "3Gi";
    writeFileSync(config, configModule({ ...example, base }));
    expect((await synth("prebuilt", ["--out", "3"], dir)).code).toBe(0);

    base.servers[0]!.memory.limit = "4Gi";
    writeFileSync(config, configModule({ ...example, base }));
    expect((await synth("prebuilt", ["--out", "4"], dir)).code).toBe(0);

    const lobby = (out: string) =>
      readFileSync(join(dir, out, "apps/minecraft/statefulset-lobby.yaml"), "utf8");
    expect(lobby("3")).toMatch(/memory: "?3Gi"?/);
    expect(lobby("4")).toMatch(/memory: "?4Gi"?/);
  });

  it("reports a config with a syntax error by its file, and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-cli-"));
    writeFileSync(join(dir, "broken.config.ts"), "export default {\n");
    const result = await synth("prebuilt", ["--config", "broken.config.ts", "--out", "out"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.config\.ts/);
    expect(readdirSync(dir)).toEqual(["broken.config.ts"]);
  });

  it("reports a config that throws while loading at its own file and line, and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-cli-"));
    writeFileSync(join(dir, "throws.config.ts"), 'throw new Error("the operator\'s own check failed");\n');
    const result = await synth("prebuilt", ["--config", "throws.config.ts", "--out", "out"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the operator's own check failed");
    expect(result.stderr).toContain(`${join(dir, "throws.config.ts")}:1:7`);
    expect(readdirSync(dir)).toEqual(["throws.config.ts"]);
  });

  it("loads the config package once: a config's import is the renderer's own copy", () => {
    const configs = readdirSync(CACHE)
      .filter((file) => file.startsWith("config-") && file.endsWith(".mjs"))
      .map((file) => readFileSync(join(CACHE, file), "utf8"));
    const requiresRenderer = /require\("[^"]*\/renderer-[0-9a-f]{16}\.cjs"\)/;
    const example = configs.filter((code) => requiresRenderer.test(code) && code.includes("defineNetwork"));
    expect(example).toHaveLength(1);
    expect(example[0]).not.toContain("ZodError");
  });

  it("keeps a code cache for the renderer, written only by a run that succeeded", async () => {
    const cache = mkdtempSync(join(tmpdir(), "synth-cache-"));
    const dir = mkdtempSync(join(tmpdir(), "synth-cli-"));
    writeFileSync(join(dir, "broken.config.ts"), "export default {};\n");
    const env = { ...process.env, SYNTH_CACHE_DIR: cache };
    const codeCaches = () => readdirSync(cache).filter((file) => file.endsWith(".cjs.v8cache"));

    await expect(
      run(process.execPath, [COMMAND, "--config", "broken.config.ts"], { cwd: dir, env }),
    ).rejects.toThrow();
    expect(readdirSync(cache).some((file) => /^renderer-[0-9a-f]{16}\.cjs$/.test(file))).toBe(true);
    expect(codeCaches()).toEqual([]);

    await run(process.execPath, [COMMAND, "--config", EXAMPLE, "--out", "out"], { cwd: dir, env });
    expect(codeCaches()).toHaveLength(1);
  });
});
