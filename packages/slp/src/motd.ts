/**
 * Minecraft text → the three forms a status page needs: `raw` (legacy § codes), `clean` (plain
 * text) and `html` (escaped spans). Handles § codes inside strings and JSON chat components (with
 * style inheritance through `extra`), the two forms servers put in `description`.
 *
 * Written here rather than taken from minecraft-motd-util (minecraft-server-util's renderer): that
 * one copies a component's `color` into a style attribute unchecked, so a MOTD could inject markup
 * into the page, and it needs node:assert, which a Worker does not have.
 */

export interface Motd {
  /** Legacy form: § colour code, then §l §o §n §m §k, then text, per styled run. */
  readonly raw: string;
  /** Text only. */
  readonly clean: string;
  /** `<span>`s with inline styles; text escaped, colours validated. */
  readonly html: string;
}

export interface MotdSegment {
  readonly text: string;
  /** `#RRGGBB`, or undefined for the surface's default colour. */
  readonly color: string | undefined;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly underlined: boolean;
  readonly strikethrough: boolean;
  readonly obfuscated: boolean;
}

/** The 16 chat colours (plus Bedrock's minecoin gold) by legacy code and by JSON name. */
const COLORS = [
  ["0", "black", "#000000"],
  ["1", "dark_blue", "#0000AA"],
  ["2", "dark_green", "#00AA00"],
  ["3", "dark_aqua", "#00AAAA"],
  ["4", "dark_red", "#AA0000"],
  ["5", "dark_purple", "#AA00AA"],
  ["6", "gold", "#FFAA00"],
  ["7", "gray", "#AAAAAA"],
  ["8", "dark_gray", "#555555"],
  ["9", "blue", "#5555FF"],
  ["a", "green", "#55FF55"],
  ["b", "aqua", "#55FFFF"],
  ["c", "red", "#FF5555"],
  ["d", "light_purple", "#FF55FF"],
  ["e", "yellow", "#FFFF55"],
  ["f", "white", "#FFFFFF"],
  ["g", "minecoin_gold", "#DDD605"],
] as const;

const HEX_BY_CODE = new Map<string, string>(COLORS.map(([code, , hex]) => [code, hex]));
const HEX_BY_NAME = new Map<string, string>(COLORS.map(([, name, hex]) => [name, hex]));
const CODE_BY_HEX = new Map<string, string>(COLORS.map(([code, , hex]) => [hex, code]));

type Format = "bold" | "italic" | "underlined" | "strikethrough" | "obfuscated";
const FORMAT_BY_CODE: Readonly<Record<string, Format>> = {
  l: "bold",
  o: "italic",
  n: "underlined",
  m: "strikethrough",
  k: "obfuscated",
};
/** Order of format codes in `raw` (the order minecraft-server-util writes them). */
const FORMAT_CODES: readonly (readonly [string, Format])[] = [
  ["l", "bold"],
  ["o", "italic"],
  ["n", "underlined"],
  ["m", "strikethrough"],
  ["k", "obfuscated"],
];

interface Style {
  color: string | undefined;
  bold: boolean;
  italic: boolean;
  underlined: boolean;
  strikethrough: boolean;
  obfuscated: boolean;
}

const PLAIN: Style = {
  color: undefined,
  bold: false,
  italic: false,
  underlined: false,
  strikethrough: false,
  obfuscated: false,
};

/** Deeper nesting than this is not a MOTD but an attempt to exhaust the stack. */
const MAX_COMPONENT_DEPTH = 32;
/** More runs than this cannot be shown in two lines of a server list. */
const MAX_SEGMENTS = 512;

/** Parses a `description` (string, chat component or array of components) into styled runs. */
export function parseMotd(description: unknown): MotdSegment[] {
  const segments: MotdSegment[] = [];
  walk(description, PLAIN, 0, segments);
  return merge(segments);
}

export function renderMotd(description: unknown): Motd {
  const segments = parseMotd(description);
  return { raw: toRaw(segments), clean: toClean(segments), html: toHtml(segments) };
}

function walk(node: unknown, inherited: Style, depth: number, out: MotdSegment[]): void {
  if (depth > MAX_COMPONENT_DEPTH || out.length >= MAX_SEGMENTS) return;
  if (typeof node === "string" || typeof node === "number" || typeof node === "boolean") {
    legacy(String(node), inherited, out);
    return;
  }
  if (Array.isArray(node)) {
    // An array is a component whose first element is the parent of the rest.
    const [first, ...rest] = node;
    if (first === undefined) return;
    walk({ ...asObject(first), extra: [...extraOf(first), ...rest] }, inherited, depth + 1, out);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const component = node as Record<string, unknown>;
  const style: Style = {
    color: colorOf(component.color) ?? inherited.color,
    bold: flag(component.bold, inherited.bold),
    italic: flag(component.italic, inherited.italic),
    underlined: flag(component.underlined, inherited.underlined),
    strikethrough: flag(component.strikethrough, inherited.strikethrough),
    obfuscated: flag(component.obfuscated, inherited.obfuscated),
  };
  const text =
    typeof component.text === "string"
      ? component.text
      : typeof component.translate === "string"
        ? component.translate
        : "";
  legacy(text, style, out);
  for (const child of extraOf(component)) walk(child, style, depth + 1, out);
}

function asObject(node: unknown): Record<string, unknown> {
  if (node !== null && typeof node === "object" && !Array.isArray(node))
    return node as Record<string, unknown>;
  return { text: typeof node === "string" ? node : "" };
}

function extraOf(node: unknown): unknown[] {
  if (node === null || typeof node !== "object") return [];
  const extra = (node as Record<string, unknown>).extra;
  return Array.isArray(extra) ? extra : [];
}

function flag(value: unknown, inherited: boolean): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return inherited;
}

/** Only named colours and `#RRGGBB` survive: anything else could break out of a style attribute. */
function colorOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const named = HEX_BY_NAME.get(value.toLowerCase());
  if (named) return named;
  return /^#[0-9a-f]{6}$/i.test(value) ? value.toUpperCase() : undefined;
}

/** Splits text on § codes: a colour code resets the formats, §r returns to the component's own style. */
function legacy(text: string, base: Style, out: MotdSegment[]): void {
  let style = { ...base };
  let run = "";
  const flush = () => {
    if (run.length > 0 && out.length < MAX_SEGMENTS) out.push({ ...style, text: run });
    run = "";
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char !== "§") {
      run += char;
      continue;
    }
    const code = (text[index + 1] ?? "").toLowerCase();
    index++;
    flush();
    const hex = HEX_BY_CODE.get(code);
    const format = FORMAT_BY_CODE[code];
    if (hex) style = { ...PLAIN, color: hex };
    else if (format) style = { ...style, [format]: true };
    else if (code === "r") style = { ...base };
  }
  flush();
}

function sameStyle(a: Style, b: Style): boolean {
  return (
    a.color === b.color &&
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.underlined === b.underlined &&
    a.strikethrough === b.strikethrough &&
    a.obfuscated === b.obfuscated
  );
}

function merge(segments: readonly MotdSegment[]): MotdSegment[] {
  const merged: MotdSegment[] = [];
  for (const segment of segments) {
    const last = merged.at(-1);
    if (last && sameStyle(last, segment))
      merged[merged.length - 1] = { ...last, text: last.text + segment.text };
    else merged.push(segment);
  }
  return merged;
}

function isStyled(style: Style): boolean {
  return !sameStyle(style, PLAIN);
}

function toRaw(segments: readonly MotdSegment[]): string {
  let raw = "";
  let previous: Style = PLAIN;
  for (const segment of segments) {
    if (segment.color !== undefined) raw += `§${nearestCode(segment.color)}`;
    else if (isStyled(previous)) raw += "§r";
    for (const [code, format] of FORMAT_CODES) if (segment[format]) raw += `§${code}`;
    raw += segment.text;
    previous = segment;
  }
  return raw;
}

function toClean(segments: readonly MotdSegment[]): string {
  return segments.map((segment) => segment.text).join("");
}

/** Legacy text has 16 colours; a hex colour becomes the nearest one. */
function nearestCode(hex: string): string {
  const exact = CODE_BY_HEX.get(hex);
  if (exact) return exact;
  const [r, g, b] = rgb(hex);
  let best = "f";
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [code, , candidate] of COLORS) {
    if (code === "g") continue;
    const [cr, cg, cb] = rgb(candidate);
    const distance = (r - cr) ** 2 + (g - cg) ** 2 + (b - cb) ** 2;
    if (distance < bestDistance) {
      best = code;
      bestDistance = distance;
    }
  }
  return best;
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function toHtml(segments: readonly MotdSegment[]): string {
  return segments
    .map((segment) => {
      const styles: string[] = [];
      if (segment.color) styles.push(`color:${segment.color}`);
      if (segment.bold) styles.push("font-weight:bold");
      if (segment.italic) styles.push("font-style:italic");
      const lines = [segment.underlined && "underline", segment.strikethrough && "line-through"].filter(
        Boolean,
      );
      if (lines.length > 0) styles.push(`text-decoration:${lines.join(" ")}`);
      const attributes = [
        segment.obfuscated ? ' class="mc-obfuscated"' : "",
        styles.length > 0 ? ` style="${styles.join(";")}"` : "",
      ].join("");
      const body = escapeHtml(segment.text).replaceAll("\n", "<br>");
      return attributes ? `<span${attributes}>${body}</span>` : body;
    })
    .join("");
}
