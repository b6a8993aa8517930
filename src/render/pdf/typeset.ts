/**
 * Sets a paragraph of styled runs: one text for the line breaker (so the
 * Chinese rules hold across bold terms and links), spans that remember each
 * run's font, colour and link, and the drawing of the lines fragment by
 * fragment. pdfkit only draws single fragments here (`lineBreak: false`); it
 * never wraps, which it did per `continued` chunk, blind to the text around.
 */
import { withoutTermRuns } from "../plain-runs.js";
import type * as fontkit from "fontkit";
import type { Change, Run } from "../../model/types.js";
import type { Face } from "./fonts.js";
import { breakLines, stretchPoints, units, unitWidth, type Line, type Measure } from "./line-break.js";

/** A styled stretch of a paragraph's text: [start, end) of {@link SetText.text}. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly font: fontkit.Font;
  readonly color: string;
  readonly goTo?: string;
  /** A redline's inserted or deleted text: drawn in its colour, underlined or struck through. */
  readonly change?: Change;
}

/** What the typesetter needs from the writer: fonts, widths and vertical metrics. */
export interface Metrics {
  /** The font for a run of a face (Chinese or Latin); throws when a character has no glyph. */
  fontOf(face: Face, text: string): fontkit.Font;
  /** Width of text in a font at a size, as pdfkit draws it. */
  width(font: fontkit.Font, size: number, text: string): number;
  /** Line advance (line height plus gap) and ascender of a font at a size. */
  vertical(font: fontkit.Font, size: number): { readonly advance: number; readonly ascender: number };
}

/** A paragraph broken into lines, ready to draw or to measure. */
export interface SetText {
  readonly text: string;
  readonly spans: readonly Span[];
  readonly lines: readonly Line[];
  /** Per line: its advance (the tallest font on it) and the ascender its baseline sits below. */
  readonly heights: readonly { readonly advance: number; readonly ascender: number }[];
  readonly size: number;
}

export interface SetOptions {
  readonly width: number;
  readonly size: number;
  readonly bold: boolean;
  readonly color: string;
  readonly linkColor: string;
  /** Every fragment links here (a contents entry). */
  readonly goTo?: string;
  /** The colour of a redline's inserted and deleted text (else `color`, or `linkColor` for a reference). */
  readonly changeColors?: Readonly<Record<Change, string>>;
}

/** The index of the span holding offset `at` (spans are sorted and cover the text). */
function spanAt(spans: readonly Span[], at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((spans[mid]?.start ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A paragraph's text, its styled spans and a measure of any stretch of it (styles may change inside). */
function spansOf(m: Metrics, runs: readonly Run[], o: Omit<SetOptions, "width">): { text: string; spans: Span[]; measure: Measure } {
  const spans: Span[] = [];
  let text = "";
  for (const r of withoutTermRuns(runs)) {
    if (r.text === "") continue;
    const bold = o.bold || r.bold === true;
    const face: Face = bold && r.italic ? "boldItalic" : bold ? "bold" : r.italic ? "italic" : "regular";
    const isRef = r.type === "ref";
    const goTo = isRef ? r.target : o.goTo;
    const color = r.change !== undefined && o.changeColors ? o.changeColors[r.change] : isRef ? o.linkColor : o.color;
    spans.push({
      start: text.length,
      end: text.length + r.text.length,
      font: m.fontOf(face, r.text),
      color,
      ...(goTo !== undefined ? { goTo } : {}),
      ...(r.change !== undefined ? { change: r.change } : {}),
    });
    text += r.text;
  }
  // A unit may cross runs ("条(" ends a link, "、" starts the text after it): sum its pieces.
  const measure = (start: number, end: number): number => {
    let w = 0;
    for (let i = spanAt(spans, start); i < spans.length; i++) {
      const s = spans[i];
      if (!s || s.start >= end) break;
      w += m.width(s.font, o.size, text.slice(Math.max(start, s.start), Math.min(end, s.end)));
    }
    return w;
  };
  return { text, spans, measure };
}

/**
 * How wide runs want to be: `min`, the widest unbreakable unit (a Latin word,
 * an email address, a number, an amount; one Chinese character with the
 * punctuation that must stay with it), below which a line must cut inside a
 * unit; `max`, the widest line when nothing wraps (lines end only at "\n").
 */
export function naturalWidths(m: Metrics, runs: readonly Run[], o: { readonly size: number; readonly bold: boolean }): { readonly min: number; readonly max: number } {
  const { text, measure } = spansOf(m, runs, { ...o, color: "", linkColor: "" });
  let min = 0;
  for (const u of units(text)) min = Math.max(min, unitWidth(text, u.start, visibleEnd(text, u.start, u.end), measure));
  const max = breakLines(text, Number.POSITIVE_INFINITY, measure).reduce((w, l) => Math.max(w, l.width), 0);
  return { min, max: Math.max(min, max) };
}

/** End of the visible part of text[start, end): trailing spaces and a newline dropped. */
function visibleEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\s\u3000]/.test(text[e - 1] ?? "")) e--;
  return e;
}

/** Lays out runs in a width: spans, lines and line heights. Empty runs give no lines. */
export function setText(m: Metrics, runs: readonly Run[], o: SetOptions): SetText {
  const { text, spans, measure } = spansOf(m, runs, o);
  const lines = spans.length === 0 ? [] : breakLines(text, o.width, measure);
  const heights = lines.map((l) => {
    let advance = 0;
    let ascender = 0;
    // The spans the visible text touches (a blank line: the span it starts in).
    const end = Math.max(l.contentEnd, l.start + 1);
    for (let i = spanAt(spans, l.start); i < spans.length; i++) {
      const s = spans[i];
      if (!s || s.start >= end) break;
      const v = m.vertical(s.font, o.size);
      advance = Math.max(advance, v.advance);
      ascender = Math.max(ascender, v.ascender);
    }
    return { advance, ascender };
  });
  return { text, spans, lines, heights, size: o.size };
}

/** Total height of set text. */
export function heightOfSet(t: SetText): number {
  return t.heights.reduce((h, l) => h + l.advance, 0);
}

/** The widest extra space between two characters of a justified line, in ems; wider and the line is left flush. */
export const MAX_GAP_EM = 0.3;

/** A piece of a line to draw: text in one span's style at x, with extra spacing after each character. */
export interface Fragment {
  readonly text: string;
  readonly span: Span;
  readonly x: number;
  /** Extra space after every character (PDF Tc): the justification of a Chinese line. */
  readonly spacing: number;
}

/**
 * The fragments of one line, left to right from x = 0. When `justify` is set
 * and the line is not a paragraph's last, the slack `width - line.width` is
 * shared between the line's stretch points (between characters where one is
 * Chinese, after spaces; never inside a Latin word).
 */
export function lineFragments(m: Metrics, t: SetText, line: Line, width: number, justify: boolean): Fragment[] {
  const { text, spans, size } = t;
  const points = justify && !line.last ? stretchPoints(text, line.start, line.contentEnd) : [];
  const slack = width - line.width;
  const even = points.length > 0 && slack > 0 ? slack / points.length : 0;
  // A line that lost a long unbreakable token (an email, a URL) to the next line has few stretch
  // points for much slack: spread out, its characters stand apart like a spaced-out word. Such a
  // line is set flush left instead, as Chinese typesetters do when justification would gape.
  const gap = even > size * MAX_GAP_EM ? 0 : even;
  const out: Fragment[] = [];
  let x = 0;
  // The next stretch point: spans run left to right, so the search goes on where the last span left it.
  let k = 0;
  const first = spanAt(spans, line.start);
  for (let i = first; i < spans.length; i++) {
    const span = spans[i];
    if (!span || span.start >= line.contentEnd) break;
    const from = Math.max(line.start, span.start);
    const to = Math.min(line.contentEnd, span.end);
    if (gap === 0) {
      const s = text.slice(from, to);
      out.push({ text: s, span, x, spacing: 0 });
      // Only a fragment with another after it on the line needs its width.
      if (to < line.contentEnd) x += m.width(span.font, size, s);
      continue;
    }
    // Justified: single characters followed by a stretch point share one
    // fragment with Tc = gap; anything else (a Latin word) is drawn as is and
    // the gap, if any, goes after it.
    while (k < points.length && (points[k] ?? 0) <= from) k++;
    let runStart = -1;
    const flushRun = (end: number): void => {
      if (runStart < 0) return;
      const s = text.slice(runStart, end);
      out.push({ text: s, span, x, spacing: gap });
      // Character by character: each is cached, where the whole string would be shaped anew
      // (Chinese has no kerning between characters, so the sum is the drawn width).
      for (const ch of s) x += m.width(span.font, size, ch) + gap;
      runStart = -1;
    };
    let pos = from;
    while (pos < to) {
      const next = Math.min(to, points[k] ?? to);
      const piece = text.slice(pos, next);
      const stretchAfter = next === points[k];
      const oneChar = [...piece].length === 1;
      if (oneChar && stretchAfter) {
        if (runStart < 0) runStart = pos;
      } else {
        flushRun(pos);
        out.push({ text: piece, span, x, spacing: 0 });
        x += m.width(span.font, size, piece) + (stretchAfter ? gap : 0);
      }
      if (stretchAfter) k++;
      pos = next;
    }
    flushRun(to);
  }
  return out;
}
