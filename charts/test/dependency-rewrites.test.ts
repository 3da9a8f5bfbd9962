import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildBundle } from "../bin/bundle-cache.js";
import { loadCodeCachedModule } from "../bin/code-cached-module.js";
import { DEPENDENCY_REWRITES, rewriteDependency } from "../bin/dependency-rewrites.js";

const require = createRequire(import.meta.url);
const k8sTypes = join(dirname(require.resolve("cdk8s-plus-33/package.json")), "lib/imports/k8s.js");
const cdk8sLib = join(dirname(require.resolve("cdk8s/package.json")), "lib");
const cronParserDir = dirname(
  createRequire(resolve(import.meta.dirname, "../../packages/config/package.json")).resolve(
    "cron-parser/package.json",
  ),
);

/** The part of cron-parser's API compared here (the charts do not depend on it themselves). */
interface Parser {
  parse(
    schedule: string,
    options: { tz?: string | undefined },
  ): { stringify(): string; take(count: number): { toISOString(): string | null }[] };
}

/** cron-parser bundled as the renderer bundles it: with the rewrites, or without. */
async function bundledCronParser(rewrites: typeof DEPENDENCY_REWRITES): Promise<Parser> {
  const root = mkdtempSync(join(tmpdir(), "rewrites-"));
  mkdirSync(join(root, "node_modules"));
  symlinkSync(cronParserDir, join(root, "node_modules/cron-parser"));
  writeFileSync(join(root, "entry.ts"), 'export { CronExpressionParser } from "cron-parser";\n');
  const url = await buildBundle({
    cacheDir: join(root, ".cache"),
    name: "cron",
    key: "test",
    root,
    entry: join(root, "entry.ts"),
    format: "cjs",
    rewrites,
  });
  return loadCodeCachedModule(fileURLToPath(url)).exports.CronExpressionParser as Parser;
}

/** A rewrite's two texts as functions of the generated code's local `result`. */
function asFunction(body: string): (result: Record<string, unknown>) => Record<string, unknown> {
  return new Function("result", body) as (result: Record<string, unknown>) => Record<string, unknown>;
}

describe("the dependency rewrites", () => {
  const [filterUndefined] = DEPENDENCY_REWRITES;
  const zone = process.env.TZ;
  afterEach(() => {
    vi.useRealTimers();
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("replace every quadratic undefined-filter in the installed cdk8s-plus types", () => {
    const source = readFileSync(k8sTypes, "utf8");
    const { contents, counts } = rewriteDependency(k8sTypes, source);
    // If an upgrade changes the generated text this fails: the bundle still works, only slower.
    expect(counts[0]).toBeGreaterThan(500);
    expect(counts[0]).toBe(source.split("Object.entries(result).reduce(").length - 1);
    expect(contents).not.toContain("Object.entries(result).reduce(");
  });

  it.each([
    [join(cdk8sLib, "api-object.js"), "resolveSanitized("],
    [join(cdk8sLib, "metadata.js"), "resolveSanitized("],
    [join(cronParserDir, "dist/CronDate.js"), 'local({ locale: "en-US" })'],
  ])("rewrite %s exactly once", (path, marker) => {
    const { contents, counts } = rewriteDependency(path, readFileSync(path, "utf8"));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(contents).toContain(marker);
  });

  it("leave cron-parser's schedules as they were, in every time zone", async () => {
    const original = await bundledCronParser([]);
    const rewritten = await bundledCronParser(DEPENDENCY_REWRITES);
    const schedules = [
      "0 3 * * *",
      "*/15 * * * *",
      "0 0 1 * *",
      "30 2 * * 0",
      "0 4 L * *",
      "0 12 * * 5#2",
      "@hourly",
    ];
    const zones = [undefined, "UTC", "Europe/Berlin", "America/New_York"];
    // Across a DST change in both zones, from a "now" that cron-parser reads itself, on a machine
    // whose own zone is neither UTC nor one of those.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 2, 7, 23, 59, 30) });
    process.env.TZ = "Asia/Tokyo";
    const runs = (parser: Parser, schedule: string, tz: string | undefined) => {
      const expression = parser.parse(schedule, { tz });
      return [expression.stringify(), ...expression.take(6).map((date) => `${date.toISOString()} ${date}`)];
    };
    for (const schedule of schedules) {
      for (const tz of zones) {
        expect(runs(rewritten, schedule, tz), `${schedule} in ${tz}`).toEqual(runs(original, schedule, tz));
      }
    }
  });

  it("leave other files alone", () => {
    const source = `function f(result) { ${filterUndefined!.from} }`;
    expect(rewriteDependency("/node_modules/other/lib/k8s.js", source)).toEqual({
      contents: source,
      counts: DEPENDENCY_REWRITES.map(() => 0),
    });
  });

  it("filter undefined fields exactly as the generated code does, key order included", () => {
    const original = asFunction(filterUndefined!.from);
    const rewritten = asFunction(filterUndefined!.to);
    const field = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
    );
    // Kubernetes field names, integer-like keys (which objects order first) and odd characters.
    const key = fc.oneof(
      fc.constantFrom("apiVersion", "x-kubernetes-int-or-string", "$ref", "0", "10", "2", "constructor"),
      fc.string({ minLength: 1 }).filter((name) => name !== "__proto__"),
    );
    fc.assert(
      fc.property(fc.dictionary(key, field, { maxKeys: 12 }), (result) => {
        const expected = original(result);
        const actual = rewritten(result);
        expect(Object.keys(actual)).toEqual(Object.keys(expected));
        expect(actual).toStrictEqual(expected);
        expect(Object.getPrototypeOf(actual)).toBe(Object.prototype);
      }),
      { numRuns: 500 },
    );
  });
});
