/**
 * Whether an object anywhere in `text` names the same key twice. `text` must be JSON that
 * `JSON.parse` accepted (which silently keeps the last of two equal keys).
 *
 * Written here rather than taken from a JSON parser package because it answers one yes/no question
 * in one pass over text already known to be valid, with no tree, no positions and no recursion
 * (any depth): for a valid deal sheet it costs a small fraction of parsing the text again, which
 * is what finding the duplicate's position takes (the YAML parser does that, only when this says
 * there is one). Keys are compared as JSON.parse reads them, so `"a"` and `"\u0061"` are the same.
 */
export function jsonHasDuplicateKeys(text: string): boolean {
  // One entry per open object (its keys so far) or array (undefined), innermost last.
  const open: (Set<string> | undefined)[] = [];
  // After `{` or an object's `,` the next string is a key.
  let keyNext = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const d = text.charCodeAt(j);
        if (d === BACKSLASH) {
          escaped = true;
          j += 2;
        } else if (d === QUOTE || Number.isNaN(d)) break;
        else j++;
      }
      if (keyNext) {
        const keys = open[open.length - 1];
        const key: unknown = escaped ? JSON.parse(text.slice(i, j + 1)) : text.slice(i + 1, j);
        if (keys && typeof key === "string") {
          if (keys.has(key)) return true;
          keys.add(key);
        }
        keyNext = false;
      }
      i = j + 1;
      continue;
    }
    if (c === OPEN_BRACE) {
      open.push(new Set());
      keyNext = true;
    } else if (c === OPEN_BRACKET) open.push(undefined);
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      open.pop();
      keyNext = false;
    } else if (c === COMMA) keyNext = open[open.length - 1] !== undefined;
    i++;
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
