/**
 * What the API server's YAML reader makes of a plain (unquoted) scalar: a port of `resolve` in
 * go-yaml v2's resolve.go, as vendored by sigs.k8s.io/yaml (goyaml.v2). The `yaml` package's 1.1
 * schema, which the round-trip tests parse with, differs from it in places: go-yaml removes every
 * `_` before parsing a number, takes Go's 0o/0O/0X/0B prefixes, and reads 1.2-style floats such as
 * `1e3`. Ranges are not checked (a date of month 13, an int beyond 64 bits), so this errs towards
 * "not a string", which only makes the tests stricter.
 */
export function goYamlResolvesToString(plain: string): boolean {
  if (RESOLVE_MAP.has(plain)) return false;
  const hint = plain.charAt(0);
  if (hint === ".") return !GO_DECIMAL_FLOAT.test(plain);
  if (!/^[-+0-9]/.test(hint)) return true;
  if (GO_TIMESTAMP.test(plain)) return false;
  const digits = plain.replaceAll("_", "");
  return !(GO_INT_BASE_0.test(digits) || YAML_STYLE_FLOAT.test(digits) || /^-?0b[01]+$/.test(digits));
}

// resolveMapList in resolve.go: exact spellings only.
const RESOLVE_MAP = new Set(
  [
    "y Y yes Yes YES true True TRUE on On ON",
    "n N no No NO false False FALSE off Off OFF",
    "~ null Null NULL",
    ".nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF",
    "<<",
  ].flatMap((spellings) => spellings.split(" ")),
);

// strconv.ParseFloat on a scalar starting with `.` (Go takes no `_` without a base prefix).
const GO_DECIMAL_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
// strconv.ParseInt/ParseUint(s, 0, 64) and big.Int.SetString(s, 0): a sign, then 0x/0o/0b with
// either case, a leading 0 for octal, or decimal.
const GO_INT_BASE_0 = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
// allowedTimestampFormats: RFC 3339 with short fields and `T` or `t`, space-separated without a
// zone, and a date alone.
const GO_TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})| [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?)?$/;
