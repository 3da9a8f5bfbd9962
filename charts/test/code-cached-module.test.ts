import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCodeCachedModule } from "../bin/code-cached-module.js";

/**
 * A CommonJS module with a function large enough that its compiled bytecode shows in a code cache,
 * and a counter that tells one evaluation from another.
 */
function moduleFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "code-cache-"));
  const file = join(dir, "module.cjs");
  const cases = Array.from({ length: 400 }, (_, index) => `    case ${index}: return "${index}".repeat(2);`);
  writeFileSync(
    file,
    [
      "let evaluations = (globalThis.__codeCacheEvaluations ?? 0) + 1;",
      "globalThis.__codeCacheEvaluations = evaluations;",
      "exports.evaluations = evaluations;",
      "exports.path = require('node:path').basename(__filename);",
      "exports.work = function work(n) {",
      "  switch (n) {",
      ...cases,
      "    default: return '';",
      "  }",
      "};",
    ].join("\n"),
  );
  return file;
}

type Work = (n: number) => string;

describe("a code-cached module", () => {
  it("runs as CommonJS and is the instance that require() returns", () => {
    const file = moduleFile();
    const loaded = loadCodeCachedModule(file);
    expect(loaded.exports.path).toBe("module.cjs");
    expect((loaded.exports.work as Work)(7)).toBe("77");
    expect(createRequire(import.meta.url)(file)).toBe(loaded.exports);
  });

  it("writes a cache after the work and uses it on the next load", () => {
    const file = moduleFile();
    const first = loadCodeCachedModule(file);
    expect(first.codeCache).toBe("none");
    (first.exports.work as Work)(1);
    first.saveCodeCache();
    const written = statSync(`${file}.v8cache`);

    const second = loadCodeCachedModule(file);
    expect(second.codeCache).toBe("accepted");
    expect((second.exports.work as Work)(399)).toBe("399399");
    second.saveCodeCache();
    expect(statSync(`${file}.v8cache`).mtimeMs).toBe(written.mtimeMs);
  });

  it("holds the functions compiled after loading, which a cache made at load time lacks", () => {
    const idle = moduleFile();
    loadCodeCachedModule(idle).saveCodeCache();
    const busy = moduleFile();
    const loaded = loadCodeCachedModule(busy);
    (loaded.exports.work as Work)(3);
    loaded.saveCodeCache();
    expect(statSync(`${busy}.v8cache`).size).toBeGreaterThan(statSync(`${idle}.v8cache`).size + 1000);
  });

  it("replaces a cache V8 rejects, and still runs the module", () => {
    const file = moduleFile();
    writeFileSync(`${file}.v8cache`, "not a code cache");
    const loaded = loadCodeCachedModule(file);
    expect(loaded.codeCache).toBe("rejected");
    expect((loaded.exports.work as Work)(2)).toBe("22");
    loaded.saveCodeCache();
    expect(readFileSync(`${file}.v8cache`, "utf8")).not.toBe("not a code cache");
    expect(loadCodeCachedModule(file).codeCache).toBe("accepted");
  });

  it("evaluates the module again on every load, like a fresh process", () => {
    const file = moduleFile();
    const first = loadCodeCachedModule(file).exports.evaluations as number;
    expect(loadCodeCachedModule(file).exports.evaluations).toBe(first + 1);
  });

  it("leaves nothing in require.cache when the module throws", () => {
    const dir = mkdtempSync(join(tmpdir(), "code-cache-"));
    const file = join(dir, "throws.cjs");
    writeFileSync(file, "throw new Error('broken module');\n");
    expect(() => loadCodeCachedModule(file)).toThrow("broken module");
    const require = createRequire(import.meta.url);
    expect(require.cache[file]).toBeUndefined();
  });
});
