/**
 * How one string is written in the rendered YAML: plain when no reader could take it for anything
 * else, a literal block when it has several lines, double-quoted otherwise. The reader to satisfy is
 * the strictest one in play: the API server's go-yaml (YAML 1.1 rules, through sigs.k8s.io/yaml),
 * and every YAML 1.2 reader besides. Each rule below names what a reader would do without it.
 */

// Bools and nulls of YAML 1.1 (go-yaml, yaml's 1.1 schema) and 1.2, 1.1's value key `=` and merge
// key `<<`, and what some reader takes for infinity or not-a-number. Case-insensitive: go-yaml
// resolves only three spellings of each, other readers differ, and an odd spelling costs nothing
// but two quotes.
const RESERVED_WORD = /^(?:[yn~=]|yes|no|on|off|true|false|null|<<|inf|nan|infinity)$/i;

// Prefixed ints; decimal ints and floats of both versions (`1`, `0755`, `.5`, `1.`, `1e3`, `+1`;
// also `.`, `+` and `e0`, floats to yaml's 1.1 schema); 1.1 sexagesimal (`1:20`, `1:20.5`);
// `.inf`, `-.Inf`, `.NaN`. `_` may stand among the digits (`1_000`, and `0b_` to yaml's 1.1
// schema); go-yaml even removes every `_` before strconv.ParseInt(s, 0, 64), so `0_x1F` is 31 to
// it, and the test is repeated without them. Go's parser also takes 0o/0O/0X/0B prefixes.
// Deliberately not `1.21.4`: YAML 1.1's published float regex admits any number of dots, but no
// reader implements it (go-yaml parses with strconv, yaml's 1.1 schema allows one dot), and quoting
// every version and IP address would only add noise.
const NUMBER =
  /^[-+]?(?:0[box][0-9a-f_]+|[0-9_]*\.?[0-9_]*(?:e[-+]?[0-9_]+)?|[0-9_]+(?::[0-9_]+)+(?:\.[0-9_]*)?|\.?(?:inf|infinity|nan))$/i;
// go-yaml v2 resolves `2001-12-14` and `2001-12-14t21:59:43.10-05:00` to a time, which
// sigs.k8s.io/yaml writes back in its own format; anything that starts like a date is quoted.
const DATE_PREFIX = /^[0-9]{4}-[0-9]/;
// Digits, signs and dots start numbers; so does `e`: yaml's 1.1 schema reads `e0` as a float.
const NUMBER_START = /^[-+.0-9eE]/;

// Printable ASCII only. The first character is none of the indicators -?:,[]{}#&*!|>'"%@` (a
// tag, an alias, a flow collection, a comment…), except `-` opening an option such as `-c` or
// `--port=25577` (`- x` is a sequence entry, `---` a document marker, `-.5` a number). No `: `
// inside and no `:` at the end (a key), no ` #` (a comment), no trailing space (dropped).
const PLAIN_SHAPE = /^(?:[$()+./0-9;<=A-Z\\^_a-z~]|-(?=-?[A-Za-z]))(?:[!-9;-~]|:(?=[!-~])| +(?=[!-"$-~]))*$/;

/** True when `text` can be written unquoted and every YAML 1.1 or 1.2 reader reads back this string. */
export function isPlainSafe(text: string): boolean {
  return PLAIN_SHAPE.test(text) && !looksResolved(text);
}

/** Would a reader resolve this plain scalar to something other than a string? */
function looksResolved(text: string): boolean {
  if (NUMBER_START.test(text)) {
    // `...` at the start of a line ends the document.
    if (text.startsWith("...")) return true;
    if (NUMBER.test(text) || DATE_PREFIX.test(text)) return true;
    if (text.includes("_") && NUMBER.test(text.replaceAll("_", ""))) return true;
  }
  return RESERVED_WORD.test(text);
}

// Characters JSON.stringify leaves raw that YAML must not see raw in a double-quoted scalar: DEL and
// the C1 controls are not printable (go-yaml refuses the file), U+0085, U+2028 and U+2029 are line
// breaks in YAML 1.1 and would be folded into a space, U+FEFF is a byte order mark, U+FFFE/U+FFFF
// are not printable.
const RAW_IN_JSON = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const RAW_IN_JSON_ALL = new RegExp(RAW_IN_JSON.source, "g");

/**
 * `text` as a double-quoted scalar on one line. JSON's escapes (\" \\ \b \f \n \r \t \uXXXX) are
 * all YAML 1.1 and 1.2 escapes too. `text` must be well-formed UTF-16: a lone surrogate would be
 * written as an escape no UTF-8 reader accepts.
 */
export function doubleQuoted(text: string): string {
  const json = JSON.stringify(text);
  return RAW_IN_JSON.test(json) ? json.replace(RAW_IN_JSON_ALL, escapeCharacter) : json;
}

function escapeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

// Anything a literal block cannot carry unchanged: a control character other than tab and newline
// (`\r` would be read as a line break), DEL and C1 controls, YAML 1.1's other line breaks, a byte
// order mark, the two non-characters; and whitespace at the end of a line, which is content in a
// literal block but which editors and pre-commit hooks strip, silently changing the value.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_LITERAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\t ](?:\n|$)/;

/**
 * `text` as a literal block scalar (`|`, `|-`, `|+`), each line led by `lineStart`: a line break
 * and an indentation two spaces deeper than the key or `-` that the block follows. Undefined when a
 * literal block could not carry `text` unchanged. The result ends without a line break.
 */
export function literalBlock(text: string, lineStart: string): string | undefined {
  if (NOT_LITERAL.test(text)) return undefined;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--;
  // Only line breaks: there is no content line to give the block its indentation.
  if (end === 0) return undefined;
  const trailingBreaks = text.length - end;
  // Strip for no final line break, clip for one, keep for more.
  const chomping = trailingBreaks === 0 ? "-" : trailingBreaks === 1 ? "" : "+";
  let firstContent = 0;
  while (text.charCodeAt(firstContent) === 0x0a) firstContent++;
  // Readers take the indentation from the first content line: one that starts with a space would
  // be read as indented deeper, and go-yaml refuses a tab there. An explicit indentation indicator
  // (relative to the key's or the `-`'s column) settles it.
  const leading = text.charCodeAt(firstContent);
  const indicator = leading === 0x20 || leading === 0x09 ? "2" : "";
  let block = `|${indicator}${chomping}`;
  for (const line of text.slice(0, end).split("\n")) {
    // Empty lines stay empty: indentation on them would be trailing whitespace.
    block += line === "" ? "\n" : `${lineStart}${line}`;
  }
  return trailingBreaks > 1 ? block + "\n".repeat(trailingBreaks - 1) : block;
}
