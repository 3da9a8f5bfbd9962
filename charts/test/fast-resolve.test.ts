import { ApiObject, App, Chart, type IResolver, Lazy, type ResolutionContext, resolve } from "cdk8s";
import { type SanitizeOptions, sanitizeValue } from "cdk8s/lib/_util.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveSanitized } from "../src/lib/fast-resolve.ts";

function apiObject(resolvers?: IResolver[]): ApiObject {
  const chart = new Chart(new App({ resolvers }), "chart");
  return new ApiObject(chart, "object", { apiVersion: "v1", kind: "Thing" });
}

/** cdk8s's own serialization of a value, the reference. */
function cdk8s(value: unknown, object: ApiObject, options: SanitizeOptions): unknown {
  return sanitizeValue(resolve([], value, object), options);
}

/** A value's keys at every level, in order: toStrictEqual ignores key order, the YAML does not. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).map(([key, child]) => [key, keyOrder(child)]);
  }
  return typeof value;
}

/** The outcome of a call: its value, or the message it threw. */
function outcome(call: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: call() };
  } catch (error) {
    return { error: String(error) };
  }
}

/** What a number-or-string union from an imported type looks like to cdk8s: a class with `value`. */
class Quantity {
  readonly value: number | string;
  constructor(value: number | string) {
    this.value = value;
  }
}
class Opaque {
  readonly size = 3;
}

/**
 * Trees of everything cdk8s resolves: lazy values (which log the order they are produced in), tokens
 * with a `resolve()`, unions, and the plain data around them, including what sanitizing drops.
 */
function trees(log: string[]) {
  let lazies = 0;
  return fc.letrec((tie) => ({
    tree: fc.oneof(
      { maxDepth: 4, depthSize: "small" },
      fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      fc.array(tie("tree"), { maxLength: 4 }),
      fc.dictionary(
        fc.oneof(fc.string(), fc.constantFrom("value", "resolve", "b", "a", "10", "2")),
        tie("tree"),
        {
          maxKeys: 5,
        },
      ),
      tie("tree").map((inner) => {
        const id = `lazy-${lazies++}`;
        return Lazy.any({
          produce: () => {
            log.push(id);
            return inner;
          },
        });
      }),
      tie("tree").map((inner) => ({ resolve: () => inner })),
      fc.oneof(fc.integer(), fc.string()).map((value) => new Quantity(value)),
      fc.constant(new Opaque()),
    ),
  })).tree;
}

const OPTIONS: SanitizeOptions[] = [
  {},
  { sortKeys: false },
  { filterEmptyArrays: true, filterEmptyObjects: true },
];

describe("resolveSanitized", () => {
  it("gives what cdk8s's resolve and sanitizeValue give: values, key order, errors, lazy order", () => {
    const object = apiObject();
    const log: string[] = [];
    fc.assert(
      fc.property(trees(log), fc.constantFrom(...OPTIONS), (tree, options) => {
        log.length = 0;
        const expected = outcome(() => cdk8s(tree, object, options));
        const expectedLog = [...log];
        log.length = 0;
        const actual = outcome(() => resolveSanitized(tree, object, options));
        // An object cdk8s cannot render stops the synth. With several in one tree the two may name
        // different ones first, and producers after the first may not have run: neither shows.
        if ("error" in expected) {
          expect(actual).toHaveProperty("error");
          return;
        }
        expect(actual).toStrictEqual(expected);
        expect(keyOrder((actual as { value: unknown }).value)).toEqual(keyOrder(expected.value));
        expect(log).toEqual(expectedLog);
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects an object it cannot render with cdk8s's own message", () => {
    const object = apiObject();
    for (const bad of [new Opaque(), Object.create(null), new Date(0)]) {
      const value = { spec: { fine: 1, bad: Lazy.any({ produce: () => [bad] }) } };
      expect(outcome(() => resolveSanitized(value, object))).toStrictEqual(
        outcome(() => cdk8s(value, object, {})),
      );
    }
  });

  it("keeps holes and undefined entries in arrays as cdk8s does", () => {
    const object = apiObject();
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const value = { list: [1, , undefined, null, { a: undefined }] };
    const actual = resolveSanitized(value, object);
    expect(actual).toStrictEqual(cdk8s(value, object, {}));
  });

  it("sorts keys by UTF-16 code units, like Array.prototype.sort", () => {
    const object = apiObject();
    const value = { b: 1, B: 2, é: 3, "10": 4, "9": 5, a: { z: 1, y: 2 } };
    expect(JSON.stringify(resolveSanitized(value, object))).toBe(JSON.stringify(cdk8s(value, object, {})));
  });

  it("hands an app with resolvers of its own to cdk8s's functions", () => {
    const calls: string[][] = [];
    const rename: IResolver = {
      resolve(context: ResolutionContext) {
        calls.push(context.key);
        if (context.value === "old") context.replaceValue("new");
      },
    };
    const object = apiObject([rename]);
    const value = { spec: { name: "old", list: ["old", Lazy.any({ produce: () => "old" })] } };
    const actual = resolveSanitized(value, object);
    expect(actual).toStrictEqual({ spec: { list: ["new", "new"], name: "new" } });
    expect(calls).toContainEqual(["spec", "list", "1"]);
    expect(actual).toStrictEqual(cdk8s(value, object, {}));
  });
});
