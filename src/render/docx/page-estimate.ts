/**
 * Where the pages of the DOCX break, estimated from the document model, so the
 * table of contents can be written with page numbers.
 *
 * Whose pages: LibreOffice's. The numbers written into the contents are what a
 * reader shows until it updates fields. Word updates them on opening (the
 * document asks it to, see index.ts); LibreOffice never does (7.4: it neither
 * rebuilds the index on load nor honours `w:updateFields`). So the written
 * numbers are for LibreOffice and other readers that show fields as written.
 *
 * How LibreOffice (7.4) lays our DOCX out, as measured on its PDFs of the
 * example agreements (the rules below are those measurements):
 * - A paragraph's `w:line`, written by the docx package without a `w:lineRule`,
 *   is a fixed line pitch of `line` twips (276: 13.8 pt) whatever the font and
 *   size. Word reads it as 1.15 lines of the font (18.4 pt for 11 pt Noto
 *   Serif), so Word's pages run longer; its numbers are its own once it has
 *   updated the fields. A fixed pitch also keeps the estimate independent of
 *   the reader's fonts, but for where lines break, measured here with Noto
 *   Serif's widths (font-widths.ts; a Chinese character is an em).
 * - Between two paragraphs goes the larger of the first's spacing after and
 *   the second's before, not their sum; a paragraph at the top of a page loses
 *   its spacing before, unless a page break put it there.
 * - A paragraph holding only a page break stays an empty line where it is
 *   (a page of its own when the page before is full), and the paragraph
 *   after it starts the next page.
 * - Widow and orphan control: two lines at least on each side of a page break.
 * - Chinese full stops and commas may hang past the end of a line.
 * - The rows of a table never split (they are written so) and its header row
 *   repeats; a row of a parallel layout splits, each cell breaking on its own.
 * - A heading row of a parallel layout keeps with the row after it.
 *
 * Why not the docx package's own estimator (`pageNumbers`, docx/layout): it
 * lays the pages out as Word does, which LibreOffice does not (above), and took
 * 3–6 s for a 35-page agreement, against ~0.3 s for the whole render. This walk
 * over the model takes a few milliseconds. It ignores kerning, which
 * LibreOffice leaves off here; an estimate a page off is possible, mostly late
 * in a long document, and more likely when the reader substitutes another font
 * for Noto Serif (wider or narrower lines break elsewhere).
 */
import { BoundedCache } from "../../bounded-cache.js";
import type { AltHeading, Block, Clause, DocumentModel, List, Paragraph as ModelParagraph, Run, SignaturePage, SubClause, Table } from "../../model/types.js";
import { isCjkCode, units } from "../pdf/line-break.js";
import { CELL_MARGINS, PARALLEL_TEXT_WIDTH, tableColumnWidths } from "./blocks.js";
import { NOTO_SERIF_WIDTHS, WIDTH_RANGES } from "./font-widths.js";
import { listIndent } from "./numbering.js";
import { PARTY_MARGINS, PARTY_TEXT_WIDTH } from "./signatures.js";
import { CONTENT_WIDTH, INDENT, LETTER_PAGE, PAGE } from "./styles.js";

/** Twips to points. */
const pt = (twips: number): number => twips / 20;

/** A paragraph format of styles.ts (and of the paragraphs that set their own), in points. */
interface Format {
  readonly size: number;
  readonly bold?: boolean;
  readonly before: number;
  readonly after: number;
  /** Line pitch: the paragraph's `w:line` in points (see above). */
  readonly pitch: number;
  readonly keepNext?: boolean;
  readonly keepLines?: boolean;
}

const BODY: Format = { size: 11, before: 0, after: 6, pitch: 13.8 };
const HEADING1: Format = { size: 13, bold: true, before: 16, after: 6, pitch: 13.8, keepNext: true, keepLines: true };
const HEADING2: Format = { size: 11.5, bold: true, before: 10, after: 4, pitch: 13.8, keepNext: true, keepLines: true };
const ROLES: Readonly<Record<ModelParagraph["role"], Format>> = {
  body: BODY,
  center: BODY,
  title: { size: 18, bold: true, before: 0, after: 6, pitch: 13.8, keepNext: true },
  subtitle: { size: 12, before: 0, after: 18, pitch: 13.8 },
  note: { size: 9, before: 0, after: 6, pitch: 13.8 },
};
const TABLE_TEXT: Format = { size: 10, before: 1, after: 1, pitch: 12.6 };
const CONTENTS_HEADING: Format = { size: 11, bold: true, before: 12, after: 12, pitch: 13.8, keepNext: true };
const CONTENTS_ENTRY: Format = { size: 11, before: 0, after: 5, pitch: 13.8 };
/** The empty paragraph after a table (`line` 240). */
const SPACER: Format = { size: 11, before: 0, after: 0, pitch: 12 };

// ---------------------------------------------------------------------------
// Line breaks

/** Advances in ems by code point below {@link TABLE_END}, regular and bold; 0 where the table has none. */
let tables: { readonly regular: Float32Array; readonly bold: Float32Array } | undefined;
const TABLE_END = (WIDTH_RANGES[WIDTH_RANGES.length - 1]?.[1] ?? 0) + 1;

function decode(widths: string): Float32Array {
  const out = new Float32Array(TABLE_END);
  let i = 0;
  for (const [first, last] of WIDTH_RANGES) {
    for (let cp = first; cp <= last; cp++, i++) out[cp] = parseInt(widths.slice(2 * i, 2 * i + 2), 36) / 1000;
  }
  return out;
}

/** Advance of a character in ems: Noto Serif's for the Latin ranges of the table, an em for Chinese, else an average. */
function advance(cp: number, bold: boolean): number {
  tables ??= { regular: decode(NOTO_SERIF_WIDTHS.regular), bold: decode(NOTO_SERIF_WIDTHS.bold) };
  const w = cp < TABLE_END ? ((bold ? tables.bold : tables.regular)[cp] ?? 0) : 0;
  if (w > 0) return w;
  if (cp < 0x20) return 0;
  return isCjkCode(cp) ? 1 : 0.6;
}

/** Text and whether it is bold. */
interface Styled {
  readonly text: string;
  readonly bold: boolean;
}

const styled = (runs: readonly Run[], bold = false): Styled[] => runs.map((r) => ({ text: r.text, bold: bold || r.bold === true }));
const plain = (text: string, bold = false): Styled[] => [{ text, bold }];

/**
 * How much longer than its width, in points, a line of text may measure by the font's advance widths and still
 * fit: LibreOffice set "… for up to 80 named Authorised Users." (470.9 pt by the widths) on a 470.6 pt line.
 * With a point of slack 469 of the 471 headings of the twelve example agreements are estimated on LibreOffice's
 * page (the other two a page late), without it 450.
 */
const FIT_SLACK = 1;

/** Marks LibreOffice lets hang past the end of a line (its "hanging punctuation" for Asian text). */
const HANGING = new Set([..."，。、．"]);
/** Spaces a unit may end with (see `units`), by UTF-16 code. */
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0xa0 || c === 0x3000;

/**
 * Bytes of paragraph text whose line counts are kept (the text is the key), least recently used
 * dropped first: some 5,000 paragraphs, the clause text of a dozen agreements. Counted in bytes, so
 * a few huge paragraphs push older ones out instead of piling up. Kept small because a batch's
 * deals share their clause text but not their values: with 8 MB, the cache filled with paragraphs
 * no later deal repeats, and each worker's live heap grew by 10 MB over 3,000 deals (2 MB: 3 MB)
 * with no deal drafted faster for it.
 */
export const LINE_COUNT_CACHE_BYTES = 2 * 1024 * 1024;

/**
 * Line counts by paragraph, size and width. Most paragraphs of an agreement are the same from one
 * draft to the next (the clause text around the deal's values), and counting them was most of the
 * estimate's time.
 */
const lineCounts = new BoundedCache<string, number>({ maxBytes: LINE_COUNT_CACHE_BYTES, sizeOf: (_n, key) => 2 * key.length + 64 });

/**
 * How many lines the text takes in `width` points at `size`: greedy, breaking
 * where the PDF's line breaker may (`units`: after spaces, between Chinese
 * characters, never before a closing mark), a final Chinese comma or full
 * stop allowed to hang. Linear in the length of the text.
 */
function lineCount(pieces: readonly Styled[], size: number, lineWidth: number): number {
  const key = `${size}\u0000${lineWidth}\u0000${pieces.map((p) => `${p.bold ? "b" : "r"}${p.text}`).join("\u0001")}`;
  const known = lineCounts.get(key);
  if (known !== undefined) return known;
  const n = countLines(pieces, size, lineWidth);
  lineCounts.set(key, n);
  return n;
}

function countLines(pieces: readonly Styled[], size: number, lineWidth: number): number {
  const width = lineWidth + FIT_SLACK;
  const text = pieces.map((p) => p.text).join("");
  if (text === "") return 1;
  // Widths of text[0, i), by UTF-16 offset (the second half of a surrogate pair adds nothing).
  const sums = new Float64Array(text.length + 1);
  let at = 0;
  for (const p of pieces) {
    for (const ch of p.text) {
      const w = advance(ch.codePointAt(0) ?? 0, p.bold) * size;
      sums[at + 1] = (sums[at] ?? 0) + w;
      if (ch.length === 2) sums[at + 2] = sums[at + 1] ?? 0;
      at += ch.length;
    }
  }
  const measure = (s: number, e: number): number => (sums[e] ?? 0) - (sums[s] ?? 0);
  let lines = 1;
  let used = 0;
  let space = 0;
  let empty = true;
  for (const u of units(text)) {
    let content = u.end;
    while (content > u.start && isSpace(text.charCodeAt(content - 1))) content--;
    const w = measure(u.start, content);
    const last = text[content - 1] ?? "";
    const hang = HANGING.has(last) ? measure(content - 1, content) : 0;
    if (!empty && used + space + w - hang > width) {
      lines++;
      used = 0;
      space = 0;
      empty = true;
    }
    if (empty && w - hang > width) {
      // Wider than a line: cut between characters.
      const extra = Math.ceil((w - hang) / width) - 1;
      lines += extra;
      used = w - hang - extra * width;
    } else {
      used += space + w;
    }
    empty = false;
    space = measure(content, u.end);
    if (text[u.end - 1] === "\n") {
      lines++;
      used = 0;
      space = 0;
      empty = true;
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------
// The flow: paragraphs, table rows and page breaks, in the order of the body

interface Para {
  readonly kind: "para";
  readonly format: Format;
  readonly lines: number;
  readonly pageBreakBefore: boolean;
  /** The clause or schedule heading it is. */
  readonly anchor?: string;
}

interface Row {
  readonly kind: "row";
  /** Height in points, cell margins and borders included. */
  readonly height: number;
  /** Height of the header row repeated at the top of a page the table continues on (0: none). */
  readonly repeat: number;
  /**
   * What each cell holds, when the row may break across pages: a content row of a parallel layout, whose cells
   * each break on their own. Other rows do not split.
   */
  readonly cells?: readonly (readonly Piece[])[];
  /** A heading row, whose paragraphs keep with the next: LibreOffice keeps the row with the start of the next one. */
  readonly keepNext?: boolean;
  readonly anchor?: string;
}

/** A page break: the next piece starts a page (with its spacing before). */
interface Break {
  readonly kind: "break";
}

type Piece = Para | Row | Break;

const BREAK: Break = { kind: "break" };

function para(format: Format, lines: number, extra: { anchor?: string; pageBreakBefore?: boolean } = {}): Para {
  return { kind: "para", format, lines, pageBreakBefore: extra.pageBreakBefore === true, ...(extra.anchor !== undefined ? { anchor: extra.anchor } : {}) };
}

/** Space between two paragraphs: the larger of the first's after and the second's before (LibreOffice; Word adds them). */
const gap = (after: number, before: number): number => Math.max(after, before);

/** Height of pieces stacked in a table cell, which does not break across pages. */
function stackHeight(pieces: readonly Piece[]): number {
  let h = 0;
  let after = 0;
  let first = true;
  for (const p of pieces) {
    if (p.kind === "break") continue;
    if (p.kind === "row") {
      h += after + p.height;
      after = 0;
    } else {
      h += (first ? p.format.before : gap(after, p.format.before)) + p.lines * p.format.pitch;
      after = p.format.after;
    }
    first = false;
  }
  return h + after;
}

function altText(alt: AltHeading): string {
  return [alt.label, alt.title].filter((x) => x !== undefined && x !== "").join(" ");
}

/** Lays the model out as pieces, in the order renderDocx writes it; widths in twips. */
class Flow {
  readonly pieces: Piece[] = [];

  paragraph(p: ModelParagraph, width: number, out: Piece[], hanging: boolean): void {
    const format = ROLES[p.role];
    const indent = hanging || (p.number !== undefined && p.number !== "") ? INDENT : 0;
    out.push(para(format, lineCount(styled(p.runs, format.bold === true), format.size, pt(width - indent))));
  }

  list(l: List, width: number, out: Piece[]): void {
    const indent = listIndent(Math.min(l.depth, 8)).left;
    for (const item of l.items) {
      out.push(para(BODY, lineCount(styled(item.runs), BODY.size, pt(width - indent))));
      if (item.children) this.list(item.children, width, out);
    }
  }

  table(t: Table, width: number, out: Piece[]): void {
    if (t.columns.length === 0) return;
    const widths = tableColumnWidths(t, width);
    const row = (cells: readonly (readonly Run[])[], bold: boolean): number => {
      let tallest = 0;
      cells.forEach((c, i) => {
        const text = pt((widths[i] ?? 0) - CELL_MARGINS.left - CELL_MARGINS.right);
        tallest = Math.max(tallest, stackHeight([para(TABLE_TEXT, lineCount(styled(c, bold), TABLE_TEXT.size, text))]));
      });
      // The cell margins above and below, and a hairline border.
      return tallest + pt(CELL_MARGINS.top + CELL_MARGINS.bottom) + 0.5;
    };
    const header = row(
      t.columns.map((c) => c.header),
      true,
    );
    out.push({ kind: "row", height: header, repeat: 0 });
    for (const r of t.rows) out.push({ kind: "row", height: row(r.cells, r.emphasis === true), repeat: header });
    out.push(para(SPACER, 1));
  }

  contents(heading: string, entries: readonly string[], width: number, out: Piece[]): void {
    out.push(para(CONTENTS_HEADING, lineCount(plain(heading, true), CONTENTS_HEADING.size, pt(width))));
    // An entry wraps short of its page number: a right tab at the margin, the number and some leader.
    for (const e of entries) out.push(para(CONTENTS_ENTRY, lineCount(plain(e), CONTENTS_ENTRY.size, pt(width) - 24)));
  }

  /** Blocks in a width; `numbered`: a sub-clause's number hangs before the first paragraph. */
  blocks(bs: readonly Block[], width: number, out: Piece[], numbered = false): void {
    let pending = numbered;
    for (const [i, b] of bs.entries()) {
      if (b.kind === "parallel") {
        // Consecutive units share one table, with an empty paragraph after it.
        out.push(this.parallelRow([[b.cells[0]], [b.cells[1]]]));
        if (bs[i + 1]?.kind !== "parallel") out.push(para(SPACER, 1));
        continue;
      }
      // The number cannot lead a list or table: it stands on its own line before it.
      if (pending && b.kind !== "paragraph") out.push(para({ ...BODY, keepNext: true }, 1));
      if (b.kind === "paragraph") this.paragraph(b, width, out, pending);
      else if (b.kind === "list") this.list(b, width, out);
      else if (b.kind === "pageBreak") out.push(para(BODY, 1), BREAK);
      else if (b.kind === "contents")
        this.contents(
          b.heading,
          b.entries.map((e) => `${e.label} ${e.title}`),
          width,
          out,
        );
      else this.table(b, width, out);
      pending = false;
    }
    if (pending) out.push(para(BODY, 1));
  }

  /** A row of a parallel layout: each cell's blocks in its width; as tall as the taller cell. */
  parallelRow(cells: readonly (readonly Block[])[]): Row {
    const inner = cells.map((cell) => {
      const out: Piece[] = [];
      this.blocks(cell, PARALLEL_TEXT_WIDTH, out);
      // A cell ending in a table gets an empty paragraph, as Word wants one.
      if (out.length === 0 || out[out.length - 1]?.kind === "row") out.push(para(BODY, 1));
      return out;
    });
    return { kind: "row", height: inner.reduce((h, cell) => Math.max(h, stackHeight(cell)), 0), repeat: 0, cells: inner };
  }

  heading(format: Format, text: string, alt: AltHeading | undefined, extra: { anchor?: string; pageBreakBefore?: boolean } = {}): void {
    const full = alt ? `${text}\n${altText(alt)}` : text;
    this.pieces.push(para(format, lineCount(plain(full, true), format.size, pt(CONTENT_WIDTH)), extra));
  }

  clause(c: Clause, startsPage: boolean): void {
    if (c.alt && !c.alt.below) {
      this.parallelClause(c, c.alt, startsPage);
      return;
    }
    this.heading(HEADING1, `${c.label} ${c.title}`, c.alt, { anchor: c.anchor, pageBreakBefore: startsPage });
    this.blocks(c.blocks, CONTENT_WIDTH, this.pieces);
    for (const s of c.subclauses) this.subclause(s);
  }

  subclause(s: SubClause): void {
    if (s.title !== undefined && s.title !== "") {
      this.heading(HEADING2, `${s.number} ${s.title}`, s.alt);
      this.blocks(s.blocks, CONTENT_WIDTH, this.pieces);
    } else {
      // Interleaved: each language's number already leads its first paragraph.
      this.blocks(s.blocks, CONTENT_WIDTH, this.pieces, !s.alt);
    }
  }

  /** A clause of a parallel document: heading rows and content rows of two-column tables; a full-width table splits them. */
  parallelClause(c: Clause, alt: AltHeading, startsPage: boolean): void {
    if (startsPage) this.pieces.push(para(BODY, 1), BREAK);
    const headingRow = (format: Format, left: string, right: AltHeading, anchor?: string): void => {
      const height = [left, altText(right)].reduce((h, t) => Math.max(h, stackHeight([para(format, lineCount(plain(t, true), format.size, pt(PARALLEL_TEXT_WIDTH)))])), 0);
      // A heading row does not split.
      this.pieces.push({ kind: "row", height, repeat: 0, keepNext: true, ...(anchor !== undefined ? { anchor } : {}) });
    };
    let open = true;
    const body = (bs: readonly Block[]): void => {
      for (const b of bs) {
        if (b.kind === "parallel") {
          this.pieces.push(this.parallelRow([[b.cells[0]], [b.cells[1]]]));
          open = true;
        } else {
          if (open) this.pieces.push(para(SPACER, 1));
          open = false;
          this.blocks([b], CONTENT_WIDTH, this.pieces);
        }
      }
    };
    headingRow(HEADING1, `${c.label} ${c.title}`, alt, c.anchor);
    body(c.blocks);
    for (const s of c.subclauses) {
      if (s.title !== undefined && s.title !== "") {
        headingRow(HEADING2, `${s.number} ${s.title}`, s.alt ?? { lang: alt.lang, label: s.number });
        open = true;
      }
      body(s.blocks);
    }
    if (open) this.pieces.push(para(SPACER, 1));
  }

  signatures(page: SignaturePage): void {
    if (page.noFurtherText) this.pieces.push(para({ ...BODY, before: 12 }, lineCount(plain(page.noFurtherText), BODY.size, pt(CONTENT_WIDTH))));
    this.heading(HEADING1, page.heading, undefined, { pageBreakBefore: true });
    this.pieces.push(para({ ...BODY, after: 18, keepNext: true }, lineCount(styled(page.intro), BODY.size, pt(CONTENT_WIDTH))));
    const sep = page.labelSeparator ?? ": ";
    const lines = (text: string, bold = false): number => lineCount(plain(text, bold), BODY.size, pt(PARTY_TEXT_WIDTH));
    const pitch = BODY.pitch;
    for (let i = 0; i < page.parties.length; i += 2) {
      let height = 0;
      for (const p of page.parties.slice(i, i + 2)) {
        // As signatures.ts writes a party's column: role and name, then each line (a filled one, or a label, room and a rule).
        let h = p.roleWithName ? lines(`${p.role}${sep}${p.name}`, true) * pitch + 12 : (lines(p.role, true) + lines(p.name, true)) * pitch + 2 + 12;
        for (const l of p.lines) {
          const filled = l.value || l.blank;
          h += filled ? 8 + lines(`${l.label}${sep}${filled}`) * pitch : 24 + lines(`${l.label}${sep.trimEnd()}`) * pitch + 26 + pitch + 2;
        }
        height = Math.max(height, h);
      }
      this.pieces.push({ kind: "row", height: height + pt(PARTY_MARGINS.top + PARTY_MARGINS.bottom), repeat: 0 });
    }
  }
}

// ---------------------------------------------------------------------------
// Pages

/** Lines a paragraph must keep together at the start of a page (orphans) and may not leave alone at the end of one (widows). */
const ORPHANS = 2;

/** Lines of a paragraph that must go on the page it starts on: all of it when it cannot split (keep-lines, or too short to leave two lines on each side). */
function firstLines(p: Para): number {
  return p.format.keepLines === true || p.lines < 2 * ORPHANS ? p.lines : ORPHANS;
}

/**
 * Height a piece needs below spacing `after` to start on the page: its first
 * lines, a row whole; a heading adds what it keeps with (the start of the next piece).
 */
function startNeed(pieces: readonly Piece[], i: number, after: number, depth = 0): number {
  const p = pieces[i];
  if (!p || p.kind === "break") return 0;
  if (p.kind === "row") {
    if (p.keepNext === true && depth < 8) return after + p.height + startNeed(pieces, i + 1, 0, depth + 1);
    return after + (p.cells ? Math.min(p.height, ORPHANS * BODY.pitch) : p.height);
  }
  const space = gap(after, p.format.before);
  if (p.format.keepNext === true && depth < 8) return space + p.lines * p.format.pitch + startNeed(pieces, i + 1, p.format.after, depth + 1);
  return space + firstLines(p) * p.format.pitch;
}

/**
 * What is left of a cell's pieces once `room` points of a page are filled with
 * them: whole paragraphs, then as many lines of the next as widow and orphan
 * control allow. A row of a table in the cell does not split.
 */
function restOfCell(cell: readonly Piece[], room: number): Piece[] {
  let y = 0;
  let after = 0;
  for (const [i, p] of cell.entries()) {
    if (p.kind === "break") continue;
    if (p.kind === "row") {
      if (y + after + p.height > room) return cell.slice(i);
      y += after + p.height;
      after = 0;
      continue;
    }
    const space = i === 0 ? p.format.before : gap(after, p.format.before);
    if (y + space + p.lines * p.format.pitch <= room) {
      y += space + p.lines * p.format.pitch;
      after = p.format.after;
      continue;
    }
    const fit = Math.floor((room - y - space) / p.format.pitch + 1e-9);
    const here = p.format.keepLines === true || p.lines < 2 * ORPHANS || fit < ORPHANS ? 0 : Math.min(fit, p.lines - ORPHANS);
    if (here === 0) return cell.slice(i);
    return [{ ...p, lines: p.lines - here, format: { ...p.format, before: 0 } }, ...cell.slice(i + 1)];
  }
  return [];
}

/** The page (from 1) each anchored piece starts on. */
function paginate(pieces: readonly Piece[], height: number): Map<string, number> {
  const pages = new Map<string, number>();
  let page = 1;
  let y = 0;
  /** Spacing after the last paragraph, which the next one may absorb. */
  let after = 0;
  /** Whether a page break started this page: then spacing before is kept at its top. */
  let broken = true;
  const newPage = (hard: boolean): void => {
    page++;
    y = 0;
    after = 0;
    broken = hard;
  };
  pieces.forEach((p, i) => {
    if (p.kind === "break" || (p.kind === "para" && p.pageBreakBefore)) {
      if (y > 0 || !broken) newPage(true);
      if (p.kind === "break") return;
    }
    const atTop = y === 0;
    const space = p.kind === "row" ? (atTop ? 0 : after) : atTop ? (broken ? p.format.before : 0) : gap(after, p.format.before);
    // What must fit: the piece's start and what it keeps with; never more than a page.
    const need = Math.min(startNeed(pieces, i, after) - (p.kind === "row" ? after : gap(after, p.format.before)) + space, height);
    if (!atTop && y + need > height) {
      newPage(false);
      if (p.kind === "row") y = p.repeat;
    }
    if (p.anchor !== undefined) pages.set(p.anchor, page);
    if (p.kind === "row") {
      y += y === 0 ? 0 : after;
      let rest = p.height;
      let cells = p.cells;
      // A row that may split runs on, each cell breaking on its own, and so does one taller than a page.
      while (y + rest > height && (cells !== undefined || rest > height - p.repeat)) {
        const room = height - y;
        const next = cells?.map((c) => restOfCell(c, room));
        const left = next ? next.reduce((h, cell) => Math.max(h, stackHeight(cell)), 0) : rest;
        // Nothing of the cells fit (something in them is taller than a page): cut the row where the page ends.
        cells = next && left < rest ? next : undefined;
        rest = left < rest ? left : rest - room;
        newPage(false);
        y = p.repeat;
      }
      y += rest;
      after = 0;
      broken = false;
      return;
    }
    y += y === 0 ? (broken ? p.format.before : 0) : gap(after, p.format.before);
    const pitch = p.format.pitch;
    let left = p.lines;
    while (y + left * pitch > height) {
      // The paragraph runs on: as many lines as fit, at least two, leaving at least two for the next page;
      // a paragraph that does not split goes whole to the next page, unless it is already at the top of one.
      const fit = Math.floor((height - y) / pitch + 1e-9);
      let here = p.format.keepLines === true ? 0 : Math.min(fit, left - ORPHANS);
      if (here < ORPHANS) here = y === 0 ? Math.max(1, fit) : 0;
      left -= here;
      newPage(false);
    }
    y += left * pitch;
    after = p.format.after;
    broken = false;
  });
  return pages;
}

/**
 * The page (from 1) each clause and schedule heading of the model starts on,
 * by anchor, as LibreOffice lays the DOCX out (see above).
 */
export function estimateHeadingPages(model: DocumentModel): Map<string, number> {
  const page = model.meta.paper === "letter" ? LETTER_PAGE : PAGE;
  const flow = new Flow();
  flow.blocks(model.front, CONTENT_WIDTH, flow.pieces);
  for (const c of model.clauses) flow.clause(c, false);
  if (model.continuation) {
    flow.blocks(model.continuation.front, CONTENT_WIDTH, flow.pieces);
    for (const c of model.continuation.clauses) flow.clause(c, false);
  }
  flow.signatures(model.signatures);
  for (const s of model.schedules) flow.clause(s, true);
  return paginate(flow.pieces, pt(page.height - 2 * page.marginY));
}
