/**
 * Line breaking for the PDF, pure: where a line may end, and how a text is cut
 * into lines of a given width. It works on the whole text of a paragraph, not
 * on its styled runs, so the Chinese rules (禁则) hold across a bold term, a
 * link or any other change of style: pdfkit wraps each `continued` chunk on
 * its own and would start a line with the "、" after a cross-reference.
 *
 * Rules (W3C clreq; domain brief §5.10):
 * - a line never starts with a closing mark (，。、；：？！）」』”’》… and
 *   their ASCII forms , . ; : ? ! ) ] }) and never ends with an opening one
 *   (（「『“‘《… and ASCII ( [ {);
 * - otherwise a line may break between any two characters when one of them is
 *   Chinese (Han, kana, CJK punctuation, full-width forms);
 * - Latin text breaks after spaces (which hang at the end of the line) and
 *   after a hyphen inside a word, as pdfkit did; a word wider than the line is
 *   cut between characters.
 * - the two halves of "……" and "——" stay together.
 */

/** Marks that must not start a line. */
const NO_START = new Set([..."，。、；：？！）」』”’》〉】〕］｝〗〙〛｠、．・·‧％‰﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞", ",", ".", ";", ":", "?", "!", ")", "]", "}", "%"]);
/** Marks that must not end a line. */
const NO_END = new Set([..."（「『“‘《〈【〔［｛〖〘〚｟﹙﹛﹝", "(", "[", "{"]);
/** Marks written doubled ("……", "——") whose halves must stay on one line. */
const PAIRED = new Set(["…", "—", "⋯"]);

const CJK = /[\u2E80-\u2FDF\u3000-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE10-\uFE1F\uFE30-\uFE4F\uFF00-\uFFEF]|[\u{20000}-\u{3134F}]/u;
const LETTER = /\p{L}/u;

/** True for a character set in the Chinese way: Han, kana, CJK punctuation, full-width forms. */
export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

/** True when `ch` may not start a line. */
export function noStart(ch: string): boolean {
  return NO_START.has(ch);
}

/** True when `ch` may not end a line. */
export function noEnd(ch: string): boolean {
  return NO_END.has(ch);
}

const isSpace = (ch: string): boolean => ch === " " || ch === "\t" || ch === "\u00A0" || ch === "\u3000";

/** The code points of a text with their UTF-16 offsets (a character outside the BMP is one unit). */
function codePoints(text: string): { readonly chars: string[]; readonly at: number[] } {
  const chars: string[] = [];
  const at: number[] = [];
  let i = 0;
  for (const ch of text) {
    chars.push(ch);
    at.push(i);
    i += ch.length;
  }
  return { chars, at };
}

/**
 * Whether a line may break between `a` and `b`; `before` is the character
 * before `a` ("" at the start), `open` the last character before the break
 * that is not a space ("( x" must not end a line with its "(").
 */
function mayBreak(before: string, a: string, b: string, open: string): boolean {
  if (a === "\n") return true;
  // Spaces hang at the end of a line: never break before one.
  if (isSpace(b) || b === "\n") return false;
  if (NO_START.has(b) || NO_END.has(open)) return false;
  if (PAIRED.has(a) && a === b) return false;
  if (isSpace(a)) return true;
  if (CJK.test(a) || CJK.test(b)) return true;
  // "non-renewal" may break after its hyphen, as pdfkit (UAX #14) did; "-5" or "A-1" rarely matter.
  return a === "-" && LETTER.test(before) && LETTER.test(b);
}

/**
 * The unbreakable units of a text, as UTF-16 offsets [start, end): a line may
 * end only where a unit ends. A unit carries its trailing spaces; a "\n" ends
 * a unit and forces a break after it.
 */
export function units(text: string): { readonly start: number; readonly end: number }[] {
  const { chars, at } = codePoints(text);
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let open = "";
  for (let k = 1; k < chars.length; k++) {
    const a = chars[k - 1] ?? "";
    if (!isSpace(a)) open = a;
    if (mayBreak(chars[k - 2] ?? "", a, chars[k] ?? "", open)) {
      out.push({ start, end: at[k] ?? text.length });
      start = at[k] ?? text.length;
    }
  }
  if (text.length > 0) out.push({ start, end: text.length });
  return out;
}

/** One line: text[start, end) with its trailing spaces; `contentEnd` is where they start. */
export interface Line {
  readonly start: number;
  readonly end: number;
  /** End of the visible text (trailing spaces and a final "\n" excluded). */
  readonly contentEnd: number;
  /** Width of text[start, contentEnd). */
  readonly width: number;
  /** The paragraph's last line or one ended by "\n": not justified. */
  readonly last: boolean;
}

/** Width of text[start, end), however the caller measures it (styles may change inside). */
export type Measure = (start: number, end: number) => number;

/** End of the visible part of text[start, end): trailing spaces and newlines dropped. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && (isSpace(text[e - 1] ?? "") || text[e - 1] === "\n")) e--;
  return e;
}

/** A tolerance for rounding: a line that is full to the last thousandth of a point still fits. */
const EPS = 1e-3;

/**
 * Cuts `text` into lines no wider than `width` (greedy, first fit). Lines
 * partition the text: their concatenation is the text. A unit wider than a
 * whole line is cut between characters, the only case where a line may break
 * a rule above. Each unit is measured once, so the work is linear.
 */
export function breakLines(text: string, width: number, measure: Measure): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let contentEnd = 0;
  let lineWidth = 0; // width of text[start, contentEnd)
  let spaceAfter = 0; // width of the spaces after contentEnd, which count only if more text follows
  let empty = true;
  const push = (end: number, last: boolean): void => {
    lines.push({ start, end, contentEnd, width: lineWidth, last });
    start = end;
    contentEnd = end;
    lineWidth = 0;
    spaceAfter = 0;
    empty = true;
  };
  for (const u of units(text)) {
    const uContent = trimEnd(text, u.start, u.end);
    const newline = text[u.end - 1] === "\n";
    // A word is measured with its trailing space ("word "), the piece pdfkit shapes and caches
    // when it draws the line; the space's own width is taken off for the visible width.
    const space = u.end > uContent && !newline ? measure(uContent, u.end) : 0;
    const w = uContent > u.start ? (space > 0 ? measure(u.start, u.end) - space : measure(u.start, uContent)) : 0;
    if (!empty && lineWidth + spaceAfter + w > width + EPS) push(u.start, false);
    if (empty && w > width + EPS) {
      // Wider than any line: cut between characters, as many as fit on each line.
      let acc = 0;
      let pos = u.start;
      for (const ch of text.slice(u.start, uContent)) {
        const cw = measure(pos, pos + ch.length);
        if (acc > 0 && acc + cw > width + EPS) {
          contentEnd = pos;
          lineWidth = acc;
          push(pos, false);
          acc = 0;
        }
        acc += cw;
        pos += ch.length;
      }
      lineWidth = acc;
    } else {
      lineWidth += spaceAfter + w;
    }
    contentEnd = uContent;
    empty = false;
    spaceAfter = space;
    if (newline) push(u.end, true);
  }
  if (!empty) push(text.length, true);
  return lines;
}

/**
 * Where the spacing of a justified Chinese line goes: the offsets in
 * (start, end) before which a gap may open. Between two characters when one
 * is Chinese, and after a space; never inside a Latin word or number.
 */
export function stretchPoints(text: string, start: number, end: number): number[] {
  const out: number[] = [];
  let prev = "";
  let i = start;
  for (const ch of text.slice(start, end)) {
    if (i > start && !isSpace(ch) && (isSpace(prev) || CJK.test(prev) || CJK.test(ch))) out.push(i);
    prev = ch;
    i += ch.length;
  }
  return out;
}

/** Convenience for tests and plain strings: the lines of `text` with a measure of plain substrings. */
export function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  return breakLines(text, width, (s, e) => measure(text.slice(s, e))).map((l) => text.slice(l.start, l.end));
}
