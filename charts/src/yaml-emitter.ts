import { doubleQuoted, isPlainSafe, literalBlock } from "./yaml-scalars.ts";

/**
 * Block-style YAML for the JSON data model, and nothing else: plain objects (keys in insertion
 * order), arrays, strings, finite numbers, booleans and null. Two-space indentation, sequences two
 * spaces under their key, no anchors, no flow style except `{}` and `[]`, no line folding. Object
 * properties that are undefined are left out, as JSON.stringify does; anything else outside the
 * model throws an error naming its path, rather than being written as something else.
 *
 * Purpose-built because the general emitters are the slowest part of `pnpm synth`
 * (docs/adr/0008-rendered-yaml-emitter.md); which strings may go unquoted is in yaml-scalars.ts.
 */
export function emitYaml(value: unknown): string {
  try {
    if (Array.isArray(value)) return value.length === 0 ? "[]\n" : `${sequence(value, "\n", "", [])}\n`;
    if (isMapping(value)) return `${mapping(value, "\n", "", []) || "{}"}\n`;
    // A document that is a lone block scalar would need an indentation relative to no parent.
    return `${scalar(value, undefined)}\n`;
  } catch (error) {
    if (error instanceof UnsupportedValueError) {
      error.message = `cannot write ${error.what} at ${formatPath(error.path)} as YAML: ${SUPPORTED}`;
    }
    throw error;
  }
}

const SUPPORTED =
  "only plain objects, arrays, strings (well-formed UTF-16), finite numbers, booleans and null can be written";

/** A value outside the JSON data model, or a cycle; `path` leads to it from the emitted value. */
export class UnsupportedValueError extends Error {
  readonly what: string;
  readonly path: (string | number)[] = [];

  constructor(what: string) {
    super(`cannot write ${what} as YAML: ${SUPPORTED}`);
    this.name = "UnsupportedValueError";
    this.what = what;
  }
}

type Mapping = Record<string, unknown>;

// Implicit keys end within 1024 characters of their start, or YAML readers (go-yaml among them)
// stop looking for the `:`; longer keys get the explicit `? key` form.
const LONGEST_IMPLICIT_KEY = 1000;

// Each level returns its lines as one string, every line led by its line break and indentation
// (`lineStart`): V8 joins strings by reference, and this order needs the fewest joins per line.
// Measured faster than collecting the parts in an array and joining them once.

/** `map`'s entries, the first one led by `firstLineStart`; "" if it has none. */
function mapping(map: Mapping, lineStart: string, firstLineStart: string, ancestors: object[]): string {
  enter(map, ancestors);
  const childLineStart = `${lineStart}  `;
  let text = "";
  let prefix = firstLineStart;
  let key = "";
  try {
    // An index loop: for-of allocates an iterator result per key until V8 optimizes this function.
    const keys = Object.keys(map);
    for (let index = 0; index < keys.length; index++) {
      key = keys[index] as string;
      const value = map[key];
      if (value === undefined) continue;
      const head = keyHead(key, lineStart);
      if (Array.isArray(value)) {
        text +=
          value.length === 0
            ? `${prefix}${head[1]}[]`
            : `${prefix}${head[0]}${sequence(value, childLineStart, childLineStart, ancestors)}`;
      } else if (isMapping(value)) {
        text += `${prefix}${head[0]}${mapping(value, childLineStart, childLineStart, ancestors) || " {}"}`;
      } else {
        text += `${prefix}${head[1]}${scalar(value, childLineStart)}`;
      }
      prefix = lineStart;
    }
  } catch (error) {
    if (error instanceof UnsupportedValueError) error.path.unshift(key);
    throw error;
  }
  ancestors.pop();
  return text;
}

/** `items` as `- ` entries, the first one led by `firstLineStart`. */
function sequence(
  items: readonly unknown[],
  lineStart: string,
  firstLineStart: string,
  ancestors: object[],
): string {
  enter(items, ancestors);
  const childLineStart = `${lineStart}  `;
  const dash = `${lineStart}- `;
  let text = "";
  let index = 0;
  try {
    for (; index < items.length; index++) {
      const value = items[index];
      // A mapping's first entry, or a nested sequence's first `- `, shares the line with this `- `.
      const prefix = index === 0 ? `${firstLineStart}- ` : dash;
      if (Array.isArray(value)) {
        text += value.length === 0 ? `${prefix}[]` : sequence(value, childLineStart, prefix, ancestors);
      } else if (isMapping(value)) {
        text += mapping(value, childLineStart, prefix, ancestors) || `${prefix}{}`;
      } else {
        text += `${prefix}${scalar(value, childLineStart)}`;
      }
    }
  } catch (error) {
    if (error instanceof UnsupportedValueError) error.path.unshift(index);
    throw error;
  }
  ancestors.pop();
  return text;
}

// Keys repeat across objects (`name`, `labels`, `app.kubernetes.io/name`): each is styled once.
type KeyHead = readonly [colon: string, colonSpace: string];
const KEY_HEAD = new Map<string, KeyHead>();
const KEY_HEAD_LIMIT = 10_000;

/** `key:` and `key: `, or the explicit `? key` form for a key too long to be implicit. */
function keyHead(key: string, lineStart: string): KeyHead {
  let head = KEY_HEAD.get(key);
  if (head === undefined) {
    const text = scalar(key, undefined);
    if (text.length > LONGEST_IMPLICIT_KEY) return [`? ${text}${lineStart}:`, `? ${text}${lineStart}: `];
    head = [`${text}:`, `${text}: `];
    if (KEY_HEAD.size >= KEY_HEAD_LIMIT) KEY_HEAD.clear();
    KEY_HEAD.set(key, head);
  }
  return head;
}

// Plain scalars are ASCII; every other string is checked for halves of a surrogate pair.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A scalar's text; a multi-line string becomes a literal block if `blockLineStart` is given.
 * Throws for anything outside the model that is neither a plain object nor an array.
 */
function scalar(value: unknown, blockLineStart: string | undefined): string {
  switch (typeof value) {
    case "string": {
      if (isPlainSafe(value)) return value;
      // Nothing can carry it: a file is UTF-8, and writing one turns it into U+FFFD.
      if (LONE_SURROGATE.test(value)) throw new UnsupportedValueError("a string with an unpaired surrogate");
      if (blockLineStart !== undefined && value.includes("\n")) {
        return literalBlock(value, blockLineStart) ?? doubleQuoted(value);
      }
      return doubleQuoted(value);
    }
    case "number":
      return numberText(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      throw new UnsupportedValueError(describeObject(value));
    case "undefined":
      throw new UnsupportedValueError("undefined");
    default:
      throw new UnsupportedValueError(`a ${typeof value}`);
  }
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new UnsupportedValueError(String(value));
  const text = String(value);
  // JavaScript writes 1e+21 and 5e-7; a YAML 1.1 float needs a `.` before the exponent.
  return text.includes("e") && !text.includes(".") ? text.replace("e", ".0e") : text;
}

function describeObject(value: object): string {
  const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
  return typeof name === "string" && name !== "" && name !== "Object"
    ? `an instance of ${name}`
    : "an object with a prototype other than Object.prototype or null";
}

/** Plain objects only: a Date, Map or class instance would lose its meaning as a mapping. */
function isMapping(value: unknown): value is Mapping {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Records `container` on the path from the root; meeting it again there means a cycle. */
function enter(container: object, ancestors: object[]): void {
  if (ancestors.includes(container)) throw new UnsupportedValueError("an object that contains itself");
  ancestors.push(container);
}

function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "the top level";
  return path
    .map((step, index) =>
      typeof step === "number"
        ? `[${step}]`
        : /^[A-Za-z_$][\w$-]*$/.test(step)
          ? `${index === 0 ? "" : "."}${step}`
          : `[${JSON.stringify(step)}]`,
    )
    .join("");
}
