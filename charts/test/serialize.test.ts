import { resolveNetwork } from "@mc-infra/config";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import example from "../../network.config.ts";
import { generatedNetwork } from "../../test/support/generated-network.ts";
import { renderNetwork } from "../src/render.ts";
import { toYaml } from "../src/serialize.ts";
import { goYamlResolvesToString } from "./support/go-yaml-resolve.ts";

/** Parsed back by a YAML 1.1 and a 1.2 reader, `value` must come out as it went in. */
function expectRoundTrip(value: unknown): string {
  const text = toYaml(value);
  expect(parse(text, { version: "1.1" }), text).toStrictEqual(value);
  expect(parse(text, { version: "1.2" }), text).toStrictEqual(value);
  return text;
}

/** Whether `text` goes out unquoted (as a value; keys follow the same rules). */
const isPlain = (text: string) => toYaml({ v: text }) === `v: ${text}\n`;

/** Every string in `value`, keys included. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => [key, ...stringsIn(child)]);
  }
  return [];
}

/** No string written unquoted may be anything but a string to the API server's go-yaml. */
function expectPlainStringsStayStrings(value: unknown): void {
  const misread = stringsIn(value).filter((text) => isPlain(text) && !goYamlResolvesToString(text));
  expect(misread).toEqual([]);
}

// Strings some YAML reader takes for something else when unquoted, by family.
const RESOLVED_WHEN_PLAIN: Record<string, readonly string[]> = {
  "YAML 1.1 booleans": [
    ..."y Y yes Yes YES n N no No NO on On ON off Off OFF".split(" "),
    ..."true True TRUE false False FALSE tRUE yEs".split(" "),
  ],
  nulls: ["", "~", "null", "Null", "NULL", "nULL"],
  "integers, 1.1 and 1.2": [
    ..."0 7 -1 +1 0755 0o7 0O7 0x1F 0X1F -0x1F +0x1F 0b101 -0b101 0B101 08 007".split(" "),
    ..."1_000 +_1 0_x1F 0b_ 0x_ 0_".split(" "),
    "12345678901234567890123",
  ],
  "floats, 1.1 and 1.2": [
    ..."1.5 .5 -.5 1. 1e3 1E3 1e+3 1.0e-3 +1.5 1_000.5 . + -. 6.8523015e+5 685.230_15e+03".split(" "),
    ..."e0 E5 e+5 +e5 .e5 ._e1".split(" "),
    ...".inf .Inf .INF -.inf +.inf .nan .NaN .NAN inf NaN Infinity -Infinity".split(" "),
  ],
  "YAML 1.1 sexagesimal numbers": ["1:20", "190:20:30", "-1:20", "190:20:30.15", "1_0:20"],
  "timestamps go-yaml resolves": [
    "2001-12-14",
    "2001-1-2",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14T21:59:43Z",
    "2001-12-14 21:59:43.10",
    "2001-12-14 21:59:43.10 -5",
  ],
  "YAML 1.1 value and merge keys": ["=", "<<"],
  "document markers": ["---", "...", "--- a", "... a"],
};

// Strings a reader would split, drop part of, or refuse when unquoted.
const MALFORMED_WHEN_PLAIN: Record<string, readonly string[]> = {
  "indicators at the start": [..."?:,[]{}#&*!|>'\"%@`".split("").map((indicator) => `${indicator}x`)],
  "a lone or spaced dash": ["-", "- x", "-- x", "-1x"],
  "`: ` and ` #` inside": ["a: b", "a:", "key: value # not a comment", "a #b", "http://x #y"],
  "leading and trailing whitespace": [" a", "a ", "  ", " ", "\ta", "a\t"],
  "control characters": ["a\u0000b", "a\u0007", "\u001b[0m", "a\u007fb", "a\u0085b", "a\u009fb"],
  "line breaks": ["a\rb", "a\r\nb", "a\u2028b", "a\u2029b", "\n", "a\n"],
  "byte order mark and non-characters": ["\ufeffa", "a\ufeff", "\ufffe", "\uffff"],
  "non-ASCII text": ["é", "naïve", "😀", "\u00a0a", "a\u00a0", "ℹ︎", "\u{10ffff}", "日本語"],
};

// Strings that stay unquoted, as the committed output writes them today.
const PLAIN: readonly string[] = [
  "app.kubernetes.io/name",
  "minecraft",
  "3.4.0-SNAPSHOT",
  "1.21.4",
  "0.0.0.0",
  "127.0.0.1:25577",
  "10.0.0.0/8",
  "0 */6 * * *",
  "100m",
  "10Gi",
  "-c",
  "--port=25577",
  "--max-failures=-1",
  "-XX:+UseG1GC -XX:MaxInlineLevel=15",
  "https://github.com/example/repo.git",
  "a#b",
  "a:b",
  "$1",
  "a, b [c] {d}",
  "yes-please",
  "on-demand",
  "nullable",
  ".git-sync",
  "../data",
  "~user",
  "<<not-a-merge",
  "1.2.3",
  'say "hi"',
  "it's",
  "back\\slash",
];

describe("rendered YAML", () => {
  it("keeps strings strings for a YAML 1.1 reader, as Kubernetes' go-yaml is", () => {
    // An operator's MOTD of "yes" or an env value of "on" must not reach the API server as a boolean.
    const values = {
      motd: "yes",
      pvp: "on",
      flag: "off",
      answer: "No",
      letter: "y",
      octal: "0755",
      float: "1e3",
      tilde: "~",
    };
    const text = toYaml(values);
    expect(parse(text, { version: "1.1" })).toEqual(values);
    expect(parse(text, { version: "1.2" })).toEqual(values);
  });

  it("writes no anchors or aliases, even for repeated objects", () => {
    const shared = { name: "world", mountPath: "/data" };
    const text = toYaml({ a: [shared], b: [shared] });
    expect(text).not.toMatch(/[&*]\w/);
  });

  it("never folds long lines, so scripts and TOML stay byte-for-byte", () => {
    const line = `echo ${"x".repeat(300)}`;
    expect(toYaml({ script: line })).toContain(line);
  });
});

describe("scalars", () => {
  for (const [family, strings] of Object.entries({ ...RESOLVED_WHEN_PLAIN, ...MALFORMED_WHEN_PLAIN })) {
    it(`quotes ${family}, as values and as keys`, () => {
      for (const text of strings) {
        expect(isPlain(text), JSON.stringify(text)).toBe(false);
        expectRoundTrip({ value: text, list: [text], [text]: "key" });
      }
    });
  }

  it("leaves names, versions, addresses, quantities and flags unquoted", () => {
    for (const text of PLAIN) {
      expect(isPlain(text), text).toBe(true);
      expect(goYamlResolvesToString(text), text).toBe(true);
      expectRoundTrip({ value: text, [text]: "key" });
    }
  });

  it("double-quotes with JSON's escapes, and escapes what JSON leaves raw but YAML does not accept", () => {
    expect(toYaml({ v: 'say "hi"\t' })).toBe('v: "say \\"hi\\"\\t"\n');
    expect(toYaml({ v: "a\u0085b\u2028c\u2029d\ufeffe\u007f\u009f" })).toBe(
      'v: "a\\x85b\\u2028c\\u2029d\\ufeffe\\x7f\\x9f"\n',
    );
    // Printable non-ASCII stays readable inside the quotes.
    expect(toYaml({ v: "é 😀" })).toBe('v: "é 😀"\n');
  });

  it("writes numbers, booleans and null as JSON does, with a `.` in every exponent float", () => {
    const values = {
      int: 42,
      negative: -7,
      float: 0.25,
      big: 1e21,
      tiny: 5e-7,
      on: true,
      off: false,
      none: null,
    };
    expect(expectRoundTrip(values)).toBe(
      'int: 42\nnegative: -7\nfloat: 0.25\nbig: 1.0e+21\ntiny: 5.0e-7\n"on": true\n"off": false\nnone: null\n',
    );
  });
});

describe("multi-line strings", () => {
  it("are literal blocks, chomped to keep exactly the trailing line breaks", () => {
    expect(expectRoundTrip({ s: "a\nb" })).toBe("s: |-\n  a\n  b\n");
    expect(expectRoundTrip({ s: "a\nb\n" })).toBe("s: |\n  a\n  b\n");
    expect(expectRoundTrip({ s: "a\nb\n\n" })).toBe("s: |+\n  a\n  b\n\n");
    expect(expectRoundTrip({ s: "a\nb\n\n\n", next: 1 })).toBe("s: |+\n  a\n  b\n\n\nnext: 1\n");
  });

  it("keep blank lines blank and leading blank lines in place", () => {
    expect(expectRoundTrip({ s: "a\n\n\nb\n" })).toBe("s: |\n  a\n\n\n  b\n");
    expect(expectRoundTrip({ s: "\n\na\n" })).toBe("s: |\n\n\n  a\n");
  });

  it("state their indentation when the first line starts with a space or a tab", () => {
    expect(expectRoundTrip({ s: "  indented\nnot\n" })).toBe("s: |2\n    indented\n  not\n");
    expect(expectRoundTrip({ s: "\n \tx\ny" })).toBe("s: |2-\n\n   \tx\n  y\n");
    expect(expectRoundTrip({ s: "\tTabbed\n" })).toBe("s: |2\n  \tTabbed\n");
    expectRoundTrip([{ deeper: [" a\nb", [" c\n"]] }]);
  });

  it("carry indicators, comments, quotes and document markers as content", () => {
    const script = '#!/bin/sh\n- not a list\nkey: not a map\n---\n...\n"quoted" # comment\n  \tindented\n';
    expect(expectRoundTrip({ script })).toMatch(/^script: \|\n {2}#!\/bin\/sh\n/);
  });

  it("are double-quoted when a literal block could not carry them unchanged", () => {
    const unsafe = [
      "trailing space \nb",
      "a\ntrailing tab\t",
      "a\n  ",
      "a\n \nb",
      "crlf\r\nb",
      "a\u2028b\nc",
      "a\u0085b\nc",
      "a\nbell\u0007",
      "\n",
      "\n\n",
      "\ufeffa\nb",
    ];
    for (const text of unsafe) {
      expect(toYaml({ s: text }), JSON.stringify(text)).toMatch(/^s: "/);
      expectRoundTrip({ s: text, list: [text] });
    }
  });

  it("as keys are double-quoted on one line", () => {
    expect(expectRoundTrip({ "a\nb": 1 })).toBe('"a\\nb": 1\n');
  });
});

describe("collections", () => {
  it("indent sequences under their key and put a mapping's first entry on the `- ` line", () => {
    const pod = { containers: [{ name: "x", args: ["-c", "echo"], ports: [{ containerPort: 80 }] }] };
    expect(expectRoundTrip(pod)).toBe(
      "containers:\n  - name: x\n    args:\n      - -c\n      - echo\n    ports:\n      - containerPort: 80\n",
    );
  });

  it("write empty collections as {} and [], and nested sequences on one line", () => {
    expect(expectRoundTrip({ a: {}, b: [], c: [{}, [], [[1, 2], []]] })).toBe(
      "a: {}\nb: []\nc:\n  - {}\n  - []\n  - - - 1\n      - 2\n    - []\n",
    );
    expect(expectRoundTrip({})).toBe("{}\n");
    expect(expectRoundTrip([])).toBe("[]\n");
    expect(expectRoundTrip(["a", 1])).toBe("- a\n- 1\n");
    expect(expectRoundTrip("yes")).toBe('"yes"\n');
  });

  it("keep insertion order and leave out undefined properties, as JSON does", () => {
    expect(toYaml({ b: 1, a: undefined, c: { d: undefined } })).toBe("b: 1\nc: {}\n");
  });

  it("write keys longer than an implicit key may be as explicit `?` keys", () => {
    const long = "k".repeat(2000);
    const text = expectRoundTrip({ [long]: { a: 1 }, list: [{ [long]: [1] }] });
    expect(text.startsWith(`? ${long}\n:\n  a: 1\n`)).toBe(true);
  });
});

describe("values outside the JSON data model", () => {
  const cycle: Record<string, unknown> = { name: "loop" };
  cycle.self = { items: [cycle] };
  class Volume {
    readonly name = "data";
  }
  const cases: [string, unknown, string][] = [
    ["undefined in an array", { args: ["a", undefined] }, "cannot write undefined at args[1]"],
    ["a function", { spec: { run: () => 1 } }, "cannot write a function at spec.run"],
    ["NaN", { "app.kubernetes.io/x": [Number.NaN] }, 'cannot write NaN at ["app.kubernetes.io/x"][0]'],
    ["Infinity", { n: Number.POSITIVE_INFINITY }, "cannot write Infinity at n"],
    ["a bigint", { n: 1n }, "cannot write a bigint at n"],
    ["a symbol", [Symbol("s")], "cannot write a symbol at [0]"],
    ["a Date", { at: new Date(0) }, "cannot write an instance of Date at at"],
    ["a Map", { m: new Map() }, "cannot write an instance of Map at m"],
    ["a class instance", { volumes: [new Volume()] }, "cannot write an instance of Volume at volumes[0]"],
    ["a cycle", cycle, "cannot write an object that contains itself at self.items[0]"],
    [
      "an unpaired surrogate",
      { motd: "a\ud800b" },
      "cannot write a string with an unpaired surrogate at motd",
    ],
    [
      "a lone low surrogate as a key",
      { "\udc00": 1 },
      'cannot write a string with an unpaired surrogate at ["\\udc00"]',
    ],
  ];
  for (const [name, value, message] of cases) {
    it(`throw for ${name}, naming its path`, () => {
      expect(() => toYaml(value)).toThrow(message);
    });
  }

  it("write an object that appears twice without a cycle twice", () => {
    const shared = { a: 1 };
    expect(expectRoundTrip({ one: shared, two: [shared, shared] })).toBe(
      "one:\n  a: 1\ntwo:\n  - a: 1\n  - a: 1\n",
    );
  });
});

describe("every rendered object", () => {
  const context = { configFile: "network.config.ts", environment: "production" };
  for (const [name, definition] of [
    ["the example network", example],
    ["a 100-server network", generatedNetwork(100)],
  ] as const) {
    it(`reads back unchanged by YAML 1.1 and 1.2 readers, and go-yaml sees no unquoted non-string: ${name}`, () => {
      const objects = [...renderNetwork(resolveNetwork(definition), context).objects.values()].flat();
      expect(objects.length).toBeGreaterThan(50);
      for (const object of objects) expectRoundTrip(object);
      expectPlainStringsStayStrings(objects);
    });
  }
});

// Fragments that, joined at random, build the strings the rules above are about.
const TRICKY_FRAGMENTS = [
  ..."y n yes no on off true false null ~ = << inf nan Infinity".split(" "),
  ..."0 1 7 8 9 0x 0o 0b 0X _ . e E + - : # , [ ] { } ? ! & * | > ' \" % @ ` \\".split(" "),
  ..."2001 -12 -14 t T 21:59:43 Z --- ...".split(" "),
  " ",
  "  ",
  "\t",
  "\n",
  "\r",
  "\u0000",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\ufeff",
  "é",
  "😀",
  "a",
  "Z",
];

const trickyString = fc.string({ unit: fc.constantFrom(...TRICKY_FRAGMENTS), maxLength: 8 });
// Scripts and config files: lines of anything, blank lines, leading spaces and trailing breaks.
const multiLineString = fc
  .array(fc.oneof(trickyString, fc.string({ unit: "grapheme" }), fc.constantFrom("", " ", "  x")), {
    minLength: 2,
    maxLength: 6,
  })
  .map((lines) => lines.join("\n"));
const anyString = fc.oneof(
  { arbitrary: trickyString, weight: 3 },
  { arbitrary: multiLineString, weight: 2 },
  { arbitrary: fc.string({ unit: "binary" }), weight: 1 },
  { arbitrary: fc.string({ unit: "grapheme" }), weight: 1 },
);
const jsonValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 4, depthSize: "small", withCrossShrink: true },
    { arbitrary: anyString, weight: 4 },
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    { arbitrary: fc.array(tie("value"), { maxLength: 5 }), weight: 2 },
    { arbitrary: fc.dictionary(anyString, tie("value"), { maxKeys: 5 }), weight: 2 },
  ),
})).value;

describe("any JSON value", () => {
  it("reads back unchanged by YAML 1.1 and 1.2 readers", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        // The model is JSON's: -0 is written as 0, as JSON.stringify writes it.
        expectRoundTrip(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it("never leaves unquoted a string go-yaml would read as something else", () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 20 }), (strings) => {
        expectPlainStringsStayStrings(strings);
      }),
      { numRuns: 2000 },
    );
  });
});
