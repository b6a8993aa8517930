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

// The rules again, by code point: `units` reads every character of every paragraph (and the DOCX
// page estimate and table widths read them too), so it compares numbers, not one-character strings.
const codes = (marks: ReadonlySet<string>): ReadonlySet<number> => new Set([...marks].map((m) => m.codePointAt(0) ?? 0));
const NO_START_CODES = codes(NO_START);
const NO_END_CODES = codes(NO_END);
const PAIRED_CODES = codes(PAIRED);
const NEWLINE = 0x0a;
const HYPHEN = 0x2d;

const isSpaceCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000;

/** {@link isCjk} for one code point: the same ranges as `CJK`, without a regular expression. */
export function isCjkCode(c: number): boolean {
  if (c < 0x2e80) return false;
  return (
    c <= 0x2fdf ||
    (c >= 0x3000 && c <= 0x31ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe10 && c <= 0xfe1f) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x20000 && c <= 0x3134f)
  );
}

const isLetter = (c: number): boolean => c >= 0 && LETTER.test(String.fromCodePoint(c));

/**
 * Whether a line may break between `a` and `b` (code points; `aCjk` and `bCjk`
 * say whether each is Chinese); `before` is the character before `a` (-1 at
 * the start), `open` the last character before the break that is not a space
 * ("( x" must not end a line with its "(").
 */
function mayBreak(before: number, a: number, aCjk: boolean, b: number, bCjk: boolean, open: number): boolean {
  if (a === NEWLINE) return true;
  // Spaces hang at the end of a line: never break before one.
  if (isSpaceCode(b) || b === NEWLINE) return false;
  if (NO_START_CODES.has(b) || NO_END_CODES.has(open)) return false;
  if (a === b && PAIRED_CODES.has(a)) return false;
  if (isSpaceCode(a)) return true;
  if (aCjk || bCjk) return true;
  // "non-renewal" may break after its hyphen, as pdfkit (UAX #14) did; "-5" or "A-1" rarely matter.
  return a === HYPHEN && isLetter(before) && isLetter(b);
}

/**
 * The unbreakable units of a text, as UTF-16 offsets [start, end): a line may
 * end only where a unit ends. A unit carries its trailing spaces; a "\n" ends
 * a unit and forces a break after it. One pass over the code points (a
 * surrogate pair is one character, a lone surrogate one too, as `for…of` reads them).
 */
export function units(text: string): { readonly start: number; readonly end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let open = -1;
  let before = -1;
  let a = -1;
  let aCjk = false;
  for (let i = 0; i < text.length; ) {
    const b = text.codePointAt(i) ?? 0;
    const bCjk = isCjkCode(b);
    if (a >= 0) {
      if (!isSpaceCode(a)) open = a;
      if (mayBreak(before, a, aCjk, b, bCjk, open)) {
        out.push({ start, end: i });
        start = i;
      }
    }
    before = a;
    a = b;
    aCjk = bCjk;
    i += b > 0xffff ? 2 : 1;
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
 * Longest unit (in UTF-16 code units) measured as one piece. A longer one (a
 * name or an identifier without a space, tens of thousands of characters from a
 * deal) is measured character by character, once: no ordinary word, amount,
 * email or URL comes near this length, so ordinary text is measured as before,
 * while shaping a hostile run whole would hand the shaper (and its caches) a
 * string as long as the input for a width that only says "wider than a line".
 */
export const LONG_UNIT = 256;

/** The advances of the characters of text[start, end), each measured on its own, with their offsets. */
interface CharWidths {
  /** UTF-16 offset of each character; one more entry, `end`, closes the last. */
  readonly at: number[];
  readonly widths: number[];
  readonly total: number;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

function charWidths(text: string, start: number, end: number, measure: Measure): CharWidths {
  const at: number[] = [];
  const widths: number[] = [];
  let total = 0;
  let i = start;
  while (i < end) {
    // One code point: a surrogate pair is one character, as `for…of` reads it.
    const pair = i + 1 < end && isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1));
    const next = pair ? i + 2 : i + 1;
    const w = measure(i, next);
    at.push(i);
    widths.push(w);
    total += w;
    i = next;
  }
  at.push(end);
  return { at, widths, total };
}

/**
 * Width of text[start, end), a unit's visible part: measured whole, or for a
 * unit longer than {@link LONG_UNIT}, as the sum of its characters (see there).
 */
export function unitWidth(text: string, start: number, end: number, measure: Measure): number {
  return end - start > LONG_UNIT ? charWidths(text, start, end, measure).total : measure(start, end);
}

/**
 * Cuts `text` into lines no wider than `width` (greedy, first fit). Lines
 * partition the text: their concatenation is the text. A unit wider than a
 * whole line is cut between characters, the only case where a line may break
 * a rule above. The work is linear in the length of the text: each unit is
 * measured once, and a unit that must be cut (or is longer than
 * {@link LONG_UNIT}) once more by its characters, whose running sum decides
 * each cut; no piece is measured twice, however long the unit.
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
    const chars = uContent - u.start > LONG_UNIT ? charWidths(text, u.start, uContent, measure) : undefined;
    // A word is measured with its trailing space ("word "), the piece pdfkit shapes and caches
    // when it draws the line; the space's own width is taken off for the visible width.
    const space = u.end > uContent && !newline ? measure(uContent, u.end) : 0;
    const w = chars ? chars.total : uContent > u.start ? (space > 0 ? measure(u.start, u.end) - space : measure(u.start, uContent)) : 0;
    if (!empty && lineWidth + spaceAfter + w > width + EPS) push(u.start, false);
    if (empty && w > width + EPS) {
      // Wider than any line: cut between characters, as many as fit on each line.
      const { at, widths } = chars ?? charWidths(text, u.start, uContent, measure);
      let acc = 0;
      for (let k = 0; k < widths.length; k++) {
        const cw = widths[k] ?? 0;
        const pos = at[k] ?? uContent;
        if (acc > 0 && acc + cw > width + EPS) {
          contentEnd = pos;
          lineWidth = acc;
          push(pos, false);
          acc = 0;
        }
        acc += cw;
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
