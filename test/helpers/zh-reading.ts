import { avoidedVariants } from "../../src/catalog/glossary.js";
import type { GlossaryEntry } from "../../src/catalog/types.js";
import { scanZhPunctuation } from "../../src/catalog/zh-punctuation.js";
import type { Clause, DocumentModel, SubClause } from "../../src/model/types.js";

/**
 * Checks on the text a reader of a Chinese or bilingual agreement sees: the
 * output of `pdftotext -layout` (pages split by form feeds, columns by runs of
 * spaces) and of LibreOffice's DOCX → text conversion. Pure functions over
 * strings, so each rule is unit-tested on a few lines and the drafts test only
 * produces the text. Every finding names its page (PDF) and line, so a reader
 * can find it in the file.
 */

/** One thing wrong in extracted text. `page` is 1-based and absent for DOCX text (it has no pages). */
export interface ReadingFinding {
  readonly rule: "ascii-punctuation" | "line-start" | "line-end" | "heading-at-page-end" | "document-name" | "glossary-variant";
  readonly page?: number;
  readonly line: number;
  readonly text: string;
}

/** "p3 l12 line-start: 。其后…" — what a failing assertion prints. */
export function formatFinding(file: string, f: ReadingFinding): string {
  return `${file}${f.page !== undefined ? ` p${f.page}` : ""} l${f.line} ${f.rule}: ${f.text}`;
}

// clreq 禁则: a line never starts with closing punctuation nor ends with opening punctuation.
const CLOSING = /^[，。、；：？！）」』”’》〉】〕]/u;
const OPENING = /[（「『“‘《〈【〔]$/u;
const HAN = /\p{Script=Han}/u;
// The running footer: "第3页，共18页", "Page 3 of 36", or both joined.
const FOOTER = /^(?:第\d+页，共\d+页|Page \d+ of \d+)(?:\s*[/·|]\s*(?:第\d+页，共\d+页|Page \d+ of \d+))?$/u;

/** A run of text on one line of `pdftotext -layout` output, with its start column (0-based). */
export interface Segment {
  readonly text: string;
  readonly start: number;
}

/**
 * The segments of a layout line: text separated by three or more spaces. A
 * parallel page's two columns, and a table's cells, are such segments;
 * pdftotext puts at most two spaces inside running text (justified English
 * included), so a wider gap is a column or cell boundary.
 */
export function segments(line: string): Segment[] {
  return [...line.matchAll(/\S+(?: {1,2}\S+)*/gu)].map((m) => ({ text: m[0], start: m.index }));
}

/** The pages of `pdftotext` output (form-feed separated; the text after the last form feed is empty). */
export function pdfPages(text: string): string[] {
  const pages = text.split("\f");
  if (pages.length > 1 && pages[pages.length - 1]?.trim() === "") pages.pop();
  return pages;
}

function excerpt(line: string, column: number): string {
  return line.slice(Math.max(0, column - 20), column + 20).trim();
}

/**
 * ASCII `, ; : ( ) ? !` that touch Chinese text, by the rule the pack check
 * applies to templates (scanZhPunctuation: digits and Latin names inside
 * Chinese keep their own characters). In a bilingual document the English
 * copy legitimately prints Chinese values after English punctuation
 * ("王丽（Wang Li）, 销售运营总监" in the English notice table), so there only a
 * character whose immediate neighbour is a Han character counts — an English
 * comma glued to Chinese is wrong in either copy.
 */
export function asciiPunctuation(text: string, opts: { bilingual: boolean; pages?: boolean }): ReadingFinding[] {
  const out: ReadingFinding[] = [];
  const pages = opts.pages ? pdfPages(text) : [text];
  pages.forEach((page, p) => {
    const lines = page.split("\n");
    for (const h of scanZhPunctuation(page)) {
      const line = lines[h.line - 1] ?? "";
      const i = h.column - 1;
      if (opts.bilingual && !HAN.test(line[i - 1] ?? "") && !HAN.test(line[i + 1] ?? "")) continue;
      out.push({ rule: "ascii-punctuation", ...(opts.pages ? { page: p + 1 } : {}), line: h.line, text: `"${h.char}" in «${excerpt(line, i)}»` });
    }
  });
  return out;
}

/** Every line, and every wide-gap segment of a line, that starts with closing or ends with opening punctuation. */
export function lineBreaks(pdfText: string): ReadingFinding[] {
  const out: ReadingFinding[] = [];
  pdfPages(pdfText).forEach((page, p) => {
    page.split("\n").forEach((line, l) => {
      for (const s of segments(line)) {
        if (CLOSING.test(s.text)) out.push({ rule: "line-start", page: p + 1, line: l + 1, text: `«${s.text.slice(0, 30)}» (column ${s.start + 1})` });
        if (OPENING.test(s.text)) out.push({ rule: "line-end", page: p + 1, line: l + 1, text: `«${s.text.slice(-30)}» (column ${s.start + 1})` });
      }
    });
  });
  return out;
}

const squash = (s: string): string => s.replace(/[\s—]+/gu, "");

/** A heading as printed: its label (第八条, 8., 附件一, Schedule 1, 8.2) and the heading text (label and title). */
export interface HeadingText {
  readonly label: string;
  readonly text: string;
}

/**
 * Every heading of the document: clauses and schedules (第X条 …, 附件X …,
 * "8. Data Security", "Schedule 1 — Fees"), titled sub-clauses ("8.2 Use of
 * Customer Data"), and the second-language headings of a parallel layout.
 * Taken from the model rather than guessed by a pattern: a pattern for
 * "1. …" cannot tell a heading from a numbered schedule paragraph or a
 * list item, and a cross-reference line starting "第二条第2款…" is not one.
 */
export function headingTexts(model: DocumentModel): HeadingText[] {
  const out: HeadingText[] = [];
  const add = (label: string, title: string | undefined): void => {
    if (title) out.push({ label: squash(label), text: squash(`${label}${title}`) });
  };
  const sub = (s: SubClause): void => {
    add(s.number, s.title);
    if (s.alt) add(s.alt.label, s.alt.title);
  };
  const clause = (c: Clause): void => {
    add(c.label, c.title);
    if (c.alt) add(c.alt.label, c.alt.title);
    c.subclauses.forEach(sub);
  };
  [...model.clauses, ...(model.continuation?.clauses ?? []), ...model.schedules].forEach(clause);
  return out;
}

/** True when `segment` is a heading, or the first line of one that wraps (a prefix holding its label and some of its title). */
export function isHeading(segment: string, headings: readonly HeadingText[]): boolean {
  const s = squash(segment);
  return headings.some((h) => h.text.startsWith(s) && s.startsWith(h.label) && s.length > h.label.length);
}

/**
 * Pages whose last line of text is a heading: the heading is stranded at the
 * foot of the page and its text starts on the next. The running footer is not
 * text of the page. On a parallel page each column ends on its own, so the
 * last segment of each column counts: a segment starting at or right of the
 * page's column boundary (where most right-hand segments start) is in the
 * right column. A contents line ("第一条 定义与解释 …… 3") ends with a page
 * number and is not a heading.
 */
export function headingsAtPageEnd(pdfText: string, headings: readonly HeadingText[], parallel: boolean): ReadingFinding[] {
  const out: ReadingFinding[] = [];
  pdfPages(pdfText).forEach((page, p) => {
    const lines = page.split("\n");
    const body = lines.map((text, i) => ({ text, i })).filter((l) => l.text.trim() !== "" && !FOOTER.test(l.text.trim()));
    const boundary = parallel ? columnBoundary(body.map((l) => l.text)) : Number.POSITIVE_INFINITY;
    const last = new Map<"left" | "right", { seg: Segment; line: number; contents: boolean }>();
    for (const l of body) {
      const segs = segments(l.text);
      const contents = /^\d+$/u.test(segs[segs.length - 1]?.text ?? "") && segs.length > 1;
      for (const seg of segs) last.set(seg.start >= boundary ? "right" : "left", { seg, line: l.i + 1, contents });
    }
    for (const [, { seg, line, contents }] of last) {
      if (!contents && isHeading(seg.text, headings)) out.push({ rule: "heading-at-page-end", page: p + 1, line, text: `«${seg.text}» ends the page` });
    }
  });
  return out;
}

/** The column where a parallel page's right column starts: the commonest start of segments in the right half. */
function columnBoundary(lines: readonly string[]): number {
  const width = Math.max(0, ...lines.map((l) => l.trimEnd().length));
  const counts = new Map<number, number>();
  for (const l of lines) for (const s of segments(l)) if (s.start > width * 0.3) counts.set(s.start, (counts.get(s.start) ?? 0) + 1);
  let best: [number, number] | undefined;
  for (const [start, n] of counts) if (!best || n > best[1] || (n === best[1] && start < best[0])) best = [start, n];
  // Right-column text can start a column or two off its edge (a table cell, a full-width bracket).
  return best ? best[0] - 3 : Number.POSITIVE_INFINITY;
}

/** Every "本协议": the Chinese document is called 本合同 throughout (its title says 合同). */
export function documentName(text: string, opts: { pages?: boolean }): ReadingFinding[] {
  const out: ReadingFinding[] = [];
  const pages = opts.pages ? pdfPages(text) : [text];
  pages.forEach((page, p) => {
    page.split("\n").forEach((line, l) => {
      for (const m of line.matchAll(/本协议/gu)) out.push({ rule: "document-name", ...(opts.pages ? { page: p + 1 } : {}), line: l + 1, text: `«${excerpt(line, m.index)}»` });
    });
  });
  return out;
}

/**
 * Every variant the glossary says to avoid, in the drafted text: catches what
 * the pack check cannot see in template source — deal data printed into
 * Chinese (a price unit "记名用户/年") and a term assembled from Handlebars
 * branches. A term broken over two PDF lines is missed there, but not in
 * the DOCX text, where a paragraph is one line.
 */
export function glossaryVariants(text: string, glossary: readonly GlossaryEntry[], opts: { pages?: boolean }): ReadingFinding[] {
  const out: ReadingFinding[] = [];
  const pages = opts.pages ? pdfPages(text) : [text];
  pages.forEach((page, p) => {
    page.split("\n").forEach((line, l) => {
      for (const h of avoidedVariants(line, glossary)) {
        out.push({
          rule: "glossary-variant",
          ...(opts.pages ? { page: p + 1 } : {}),
          line: l + 1,
          text: `"${h.variant}" for "${h.entry.en}" (the glossary says "${h.entry.zh}") in «${excerpt(line, h.index)}»`,
        });
      }
    });
  });
  return out;
}
