/**
 * Line and column (1-based) of the value at `path` in a JSON text, or of its nearest existing
 * ancestor; undefined for an empty text. The same answer as `locate` gives from the YAML parser's
 * document of the same text (a test holds the two together), for text `JSON.parse` accepted and
 * whose objects name no key twice.
 *
 * Written here rather than parsed with the YAML parser (JSON is YAML) because a batch of JSON Lines
 * deals asks for positions for most deals (a check's warning names its field), and one pass over
 * the text with no tree costs a small fraction of that parse.
 */
export function locateInJson(text: string, path: readonly (string | number)[]): { line: number; column: number } | undefined {
  const offset = jsonValueOffset(text, path);
  if (offset === undefined) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** One open object or array: its key or index now, and whether its own path is a prefix of the one sought. */
interface Frame {
  readonly object: boolean;
  key: string | undefined;
  index: number;
  readonly onPath: boolean;
}

/** Where the value at `path`, or its deepest existing ancestor, starts in `text` (a UTF-16 offset). */
export function jsonValueOffset(text: string, path: readonly (string | number)[]): number | undefined {
  const frames: Frame[] = [];
  let best: number | undefined;
  // After `{` or an object's `,` the next string is a key; after a key's `:` or an array's `[` or
  // `,` the next token starts a value.
  let keyNext = false;
  let valueNext = true;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === LF || c === CR || c === BOM) {
      i++;
      continue;
    }
    if (c === COLON) {
      valueNext = true;
      i++;
      continue;
    }
    if (c === COMMA) {
      const top = frames[frames.length - 1];
      if (top?.object) keyNext = true;
      else if (top) {
        top.index++;
        valueNext = true;
      }
      i++;
      continue;
    }
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      // Keys are unique, so nothing after the end of a container on the path can be deeper on it.
      if (frames.pop()?.onPath) return best;
      keyNext = false;
      valueNext = false;
      i++;
      continue;
    }
    if (keyNext && c === QUOTE) {
      const end = stringEnd(text, i);
      const top = frames[frames.length - 1];
      const raw = text.slice(i, end);
      if (top) top.key = raw.includes("\\") ? String(JSON.parse(raw)) : raw.slice(1, -1);
      keyNext = false;
      i = end;
      continue;
    }
    // A value starts here.
    if (valueNext) {
      valueNext = false;
      const parent = frames[frames.length - 1];
      const depth = frames.length;
      const seg = path[depth - 1];
      // The root, or a member of a container on the path whose key or index is the next segment.
      const onPath =
        parent === undefined || (parent.onPath && depth <= path.length && (parent.object ? parent.key !== undefined && parent.key === String(seg) : typeof seg === "number" && parent.index === seg));
      if (onPath) {
        best = i;
        if (depth === path.length) return best;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        const object = c === OPEN_BRACE;
        frames.push({ object, key: undefined, index: 0, onPath });
        keyNext = object;
        valueNext = !object;
        i++;
        continue;
      }
      i = c === QUOTE ? stringEnd(text, i) : scalarEnd(text, i);
      continue;
    }
    // An empty container's closing bracket follows directly; anything else is not JSON.
    if (c === OPEN_BRACE || c === OPEN_BRACKET || c === QUOTE) return best;
    i++;
  }
  return best;
}

/** The offset just after the string literal that starts at `start` (its opening quote). */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const d = text.charCodeAt(j);
    if (d === BACKSLASH) j += 2;
    else if (d === QUOTE) return j + 1;
    else if (Number.isNaN(d)) return text.length;
    else j++;
  }
}

/** The offset just after a number, `true`, `false` or `null` that starts at `start`. */
function scalarEnd(text: string, start: number): number {
  let j = start;
  for (;;) {
    const d = text.charCodeAt(j);
    if (Number.isNaN(d) || d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === SPACE || d === TAB || d === LF || d === CR) return j;
    j++;
  }
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
// A byte-order mark before the text is not JSON, but a file may start with one.
const BOM = 0xfeff;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
