import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { type BundleSpec, buildBundle, cachedBundle, pruneEntries } from "../bin/bundle-cache.js";
import { loadCodeCachedModule } from "../bin/code-cached-module.js";

/** A two-module project with a text file read beside its entry, in a fresh folder per test. */
function fixture() {
  const root = mkdtempSync(join(tmpdir(), "bundle-cache-"));
  writeFileSync(
    join(root, "entry.ts"),
    [
      'import { readFileSync } from "node:fs";',
      'import { greeting } from "./greeting.ts";',
      'const suffix: string = readFileSync(new URL("./suffix.txt", import.meta.url), "utf8");',
      "export const message = greeting + suffix;",
      "export const here = import.meta.dirname;",
    ].join("\n"),
  );
  writeFileSync(join(root, "greeting.ts"), 'export const greeting: string = "hello";\n');
  writeFileSync(join(root, "suffix.txt"), ", world");
  const spec: BundleSpec = {
    cacheDir: join(root, ".cache"),
    name: "entry",
    key: "v1",
    root,
    entry: join(root, "entry.ts"),
  };
  return { root, spec };
}

// Each import of a fresh URL evaluates the module again; a query makes a reused bundle fresh too.
let imports = 0;
async function load<T>(url: string): Promise<T> {
  return (await import(`${url}?${++imports}`)) as T;
}

describe("the bundle cache", () => {
  let project: ReturnType<typeof fixture>;
  beforeEach(() => {
    project = fixture();
  });

  it("reuses a bundle while none of its inputs changed", async () => {
    const built = await buildBundle(project.spec);
    expect(cachedBundle(project.spec)).toBe(built);
    expect(await load<{ message: string }>(built)).toMatchObject({ message: "hello, world" });
  });

  it("has nothing cached before the first build", () => {
    expect(cachedBundle(project.spec)).toBeUndefined();
  });

  it("notices an edit that keeps the file's size and modification time", async () => {
    const file = join(project.root, "greeting.ts");
    // Whole seconds, so the time can be restored exactly after the edit.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    await buildBundle(project.spec);
    const before = statSync(file);
    writeFileSync(file, 'export const greeting: string = "howdy";\n');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(statSync(file)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });
    expect(cachedBundle(project.spec)).toBeUndefined();

    const rebuilt = await buildBundle(project.spec);
    expect(await load<{ message: string }>(rebuilt)).toMatchObject({ message: "howdy, world" });
  });

  it("notices a deleted input", async () => {
    await buildBundle(project.spec);
    rmSync(join(project.root, "greeting.ts"));
    expect(cachedBundle(project.spec)).toBeUndefined();
  });

  it("rebuilds when the key changes", async () => {
    await buildBundle(project.spec);
    expect(cachedBundle({ ...project.spec, key: "v2" })).toBeUndefined();
  });

  it("keeps each module's own location, so files beside it are read from the sources", async () => {
    const built = await buildBundle(project.spec);
    writeFileSync(join(project.root, "suffix.txt"), "!");
    expect({ ...(await load<{ message: string; here: string }>(built)) }).toEqual({
      message: "hello!",
      here: project.root,
    });
  });

  it("builds CommonJS that runs with its own code cache", async () => {
    const built = fileURLToPath(await buildBundle({ ...project.spec, format: "cjs" }));
    expect(built).toMatch(/entry-[0-9a-f]{16}\.cjs$/);
    const loaded = loadCodeCachedModule(built);
    expect(loaded.exports).toMatchObject({ message: "hello, world", here: project.root });
  });

  it("requires a shared module's loaded instance instead of bundling a copy", async () => {
    writeFileSync(join(project.root, "state.ts"), "export const state = { loads: 0 };\n");
    const shared = fileURLToPath(
      await buildBundle({
        ...project.spec,
        name: "state",
        entry: join(project.root, "state.ts"),
        format: "cjs",
      }),
    );
    const instance = loadCodeCachedModule(shared).exports;
    writeFileSync(join(project.root, "user.ts"), 'export { state } from "@fixture/state";\n');
    const user = await buildBundle({
      ...project.spec,
      name: "user",
      entry: join(project.root, "user.ts"),
      shared: { "@fixture/state": shared },
    });
    expect(readFileSync(new URL(user), "utf8")).not.toContain("loads: 0");
    expect((await load<{ state: unknown }>(user)).state).toBe(instance.state);
  });

  it("applies dependency rewrites to the files they name, and only there", async () => {
    const dependency = join(project.root, "node_modules/dep");
    mkdirSync(dependency, { recursive: true });
    writeFileSync(join(dependency, "package.json"), '{ "name": "dep", "main": "index.js" }');
    writeFileSync(join(dependency, "index.js"), 'exports.slow = "slow"; exports.other = "slow";\n');
    writeFileSync(join(project.root, "uses-dep.ts"), 'export { other, slow } from "dep";\n');
    const built = await buildBundle({
      ...project.spec,
      name: "uses-dep",
      entry: join(project.root, "uses-dep.ts"),
      rewrites: [
        {
          file: /\/node_modules\/dep\/index\.js$/,
          from: 'slow = "slow"',
          to: 'slow = "fast"',
          because: "test",
        },
        { file: /\/node_modules\/other\//, from: "other", to: "changed", because: "test" },
      ],
    });
    expect({ ...(await load<object>(built)) }).toEqual({ slow: "fast", other: "slow" });
  });

  it("leaves one bundle per entry behind after a rebuild, and only its code cache", async () => {
    const spec: BundleSpec = { ...project.spec, format: "cjs" };
    loadCodeCachedModule(fileURLToPath(await buildBundle(spec))).saveCodeCache();
    writeFileSync(join(project.root, "greeting.ts"), 'export const greeting: string = "hi";\n');
    const rebuilt = fileURLToPath(await buildBundle(spec));
    loadCodeCachedModule(rebuilt).saveCodeCache();
    const name = rebuilt.split("/").pop();
    expect(readdirSync(spec.cacheDir).filter((file) => file.startsWith("entry-"))).toEqual([
      name,
      `${name}.v8cache`,
    ]);
  });

  it("fails the build on a syntax error and records nothing", async () => {
    writeFileSync(join(project.root, "greeting.ts"), "export const greeting = ;\n");
    await expect(buildBundle(project.spec)).rejects.toThrow(/greeting\.ts/);
    expect(cachedBundle(project.spec)).toBeUndefined();
  });

  it("prunes all but the newest entries with a prefix", async () => {
    const names = ["config-a", "config-b", "config-c", "renderer"];
    for (const [index, name] of names.entries()) {
      await buildBundle({ ...project.spec, name });
      const time = new Date(Date.UTC(2026, 0, 1 + index));
      utimesSync(join(project.spec.cacheDir, `${name}.json`), time, time);
    }
    pruneEntries(project.spec.cacheDir, "config-", 2);
    const left = readdirSync(project.spec.cacheDir).sort();
    expect(left.filter((file) => file.endsWith(".json"))).toEqual([
      "config-b.json",
      "config-c.json",
      "renderer.json",
    ]);
    expect(left.filter((file) => file.startsWith("config-a"))).toEqual([]);
  });
});
