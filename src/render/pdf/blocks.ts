import type { AltHeading, Block, Change, Clause, ContentBlock, Contents, List, Paragraph, Parallel, Run, SubClause, Table } from "../../model/types.js";
import { columnWidths, type ColumnNeed } from "../table-widths.js";
import { naturalWidths } from "./typeset.js";
import { LAYOUT, type PdfWriter } from "./writer.js";

const NUMBER_INDENT = 34;
const LIST_INDENT = 26;

/**
 * Starts a block: makes room for `height` unless a heading just made room
 * for itself and this block together (then the block starts right below it).
 */
function start(w: PdfWriter, height: number): void {
  if (w.roomMade) {
    w.roomMade = false;
    return;
  }
  w.ensure(height);
}

function paragraph(w: PdfWriter, p: Paragraph): void {
  const left = w.left;
  switch (p.role) {
    case "title":
      start(w, 60);
      w.runs(p.runs, { x: left, width: w.contentWidth, size: 19, align: "center", bold: true });
      w.doc.moveDown(0.3);
      return;
    case "subtitle":
      w.runs(p.runs, { x: left, width: w.contentWidth, size: 11, align: "center", color: LAYOUT.muted });
      w.doc.moveDown(1.4);
      return;
    case "center":
      w.runs(p.runs, { x: left, width: w.contentWidth, align: "center" });
      break;
    case "note":
      w.runs(p.runs, { x: left, width: w.contentWidth, size: LAYOUT.small, color: LAYOUT.muted });
      break;
    default:
      start(w, w.lineHeight() * 2);
      if (p.number !== undefined && p.number !== "") {
        // A number (an untitled sub-clause in a parallel column) hangs before the text.
        const lead = { text: p.number, x: left, bold: true, ...(p.anchor !== undefined ? { destination: p.anchor } : {}), ...(p.change !== undefined ? { change: p.change } : {}) };
        w.runs(p.runs, { x: left + NUMBER_INDENT, width: w.contentWidth - NUMBER_INDENT, body: true, lead });
      } else {
        w.runs(p.runs, { x: left, width: w.contentWidth, body: true });
      }
  }
  w.doc.y += LAYOUT.paragraphGap;
}

/** Width of a list's label column: the widest label plus a gap, at least {@link LIST_INDENT} ("(四十二)" is wider than "(a)"). */
function labelWidth(w: PdfWriter, l: List): number {
  return l.items.reduce((max, item) => {
    w.face("regular", LAYOUT.body, item.label);
    return Math.max(max, w.doc.widthOfString(item.label) + 6);
  }, LIST_INDENT);
}

function list(w: PdfWriter, l: List, indent: number): void {
  const x = w.left + indent;
  const labels = labelWidth(w, l);
  for (const item of l.items) {
    // Keep the label with at least two lines of its text.
    start(w, w.lineHeight() * 2);
    // A whole item inserted or deleted: its label comes or goes with it.
    const lead = { text: item.label, x, ...(item.change !== undefined ? { change: item.change } : {}) };
    w.runs(item.runs, { x: x + labels, width: w.contentWidth - indent - labels, body: true, lead });
    w.doc.y += LAYOUT.paragraphGap - 1;
    if (item.children) list(w, item.children, indent + labels);
  }
}

/** Type size and cell padding of table text, in points. */
const TABLE_SIZE = 9.5;
const CELL_PAD = 4;

/**
 * Each table's column needs, measured once per render (the writer's fonts decide them): a table is measured for
 * the page break and drawn with the same widths.
 */
const tableNeeds = new WeakMap<PdfWriter, WeakMap<Table, readonly ColumnNeed[]>>();

/**
 * Column widths of a table in `width`, sized to the content (see
 * `columnWidths`): a column is at least as wide as its longest word, email
 * or amount, so "Customer" never comes out as "Custome/r", unless even the
 * longest tokens together do not fit.
 */
function tableWidths(w: PdfWriter, t: Table, width: number): number[] {
  let known = tableNeeds.get(w);
  if (!known) {
    known = new WeakMap();
    tableNeeds.set(w, known);
  }
  let needs = known.get(t);
  if (!needs) {
    needs = t.columns.map((c, i) => {
      const cells = [{ runs: c.header, bold: true }, ...t.rows.map((r) => ({ runs: r.cells[i] ?? [], bold: r.emphasis === true }))];
      let min = 0;
      let max = 0;
      for (const cell of cells) {
        const n = naturalWidths(w.metrics, cell.runs, { size: TABLE_SIZE, bold: cell.bold });
        min = Math.max(min, n.min);
        max = Math.max(max, n.max);
      }
      // The cell's padding on both sides, and a hair for rounding, so a token measured to fit does fit.
      return { min: min + 2 * CELL_PAD + 0.5, max: max + 2 * CELL_PAD + 0.5 };
    });
    known.set(t, needs);
  }
  return columnWidths(needs, width);
}

/**
 * Height of a table row: its tallest cell, at least a line, with the padding. A loop, not
 * `Math.max(...cells)`: a table may have more columns than a call has room for arguments.
 */
function tableRowHeight(w: PdfWriter, widths: readonly number[], cells: readonly (readonly Run[])[], bold: boolean): number {
  let tallest = w.lineHeight(TABLE_SIZE);
  cells.forEach((c, i) => {
    tallest = Math.max(tallest, w.heightOf(c, (widths[i] ?? 0) - 2 * CELL_PAD, TABLE_SIZE, bold));
  });
  return tallest + 2 * CELL_PAD;
}

function table(w: PdfWriter, t: Table): void {
  const size = TABLE_SIZE;
  const pad = CELL_PAD;
  const widths = tableWidths(w, t, w.contentWidth);
  const rowHeight = (cells: readonly (readonly Run[])[], bold: boolean): number => tableRowHeight(w, widths, cells, bold);

  const drawRow = (cells: readonly (readonly Run[])[], opts: { header?: boolean; bold?: boolean }): void => {
    const bold = opts.header === true || opts.bold === true;
    const h = rowHeight(cells, bold);
    const y = w.doc.y;
    let x = w.left;
    if (opts.header) w.doc.rect(x, y, w.contentWidth, h).fill("#E5E7EB");
    w.doc.lineWidth(0.5).strokeColor(LAYOUT.rule);
    cells.forEach((cell, i) => {
      const cw = widths[i] ?? 0;
      w.doc.rect(x, y, cw, h).stroke();
      w.doc.y = y + pad;
      w.runs(cell, { x: x + pad, width: cw - 2 * pad, size, bold, align: t.columns[i]?.align ?? "left" });
      x += cw;
    });
    w.doc.x = w.left;
    w.doc.y = y + h;
  };

  const header = t.columns.map((c) => c.header);
  // Header plus the first row stay together.
  start(w, rowHeight(header, true) + (t.rows[0] ? rowHeight(t.rows[0].cells, false) : 0));
  drawRow(header, { header: true });
  for (const row of t.rows) {
    const h = rowHeight(row.cells, row.emphasis === true);
    if (w.doc.y + h > w.bottom) {
      // Rows never split: move the row to a new page and repeat the header there.
      w.doc.addPage();
      drawRow(header, { header: true });
    }
    drawRow(row.cells, { bold: row.emphasis === true });
  }
  w.doc.y += LAYOUT.paragraphGap + 3;
}

/** The contents: one linked entry per clause and schedule; page numbers are filled in by {@link contentsPageNumbers}. */
function contents(w: PdfWriter, c: Contents): void {
  const left = w.margin.left;
  w.runs([{ type: "text", text: c.heading }], { x: left, width: w.contentWidth, size: 12.5, align: "center", bold: true });
  w.doc.y += 8;
  // The text stops short of the page numbers; a long entry wraps, and the next one starts below it.
  const width = w.contentWidth - 40;
  for (const e of c.entries) {
    const entry = [{ type: "text", text: `${e.label} ${e.title}` }] as const;
    w.ensure(w.heightOf(entry, width));
    const last = w.runs(entry, { x: left, width, goTo: e.anchor });
    // The page number goes on the entry's last line.
    w.contentsLines.push({ anchor: e.anchor, page: w.page, baseline: last.baseline });
  }
  w.doc.y += LAYOUT.paragraphGap;
}

/** Writes each contents line's page number, once every heading has its page. */
export function contentsPageNumbers(w: PdfWriter): void {
  const start = w.doc.bufferedPageRange().start;
  for (const line of w.contentsLines) {
    const target = w.pageOf.get(line.anchor);
    if (target === undefined) continue;
    w.doc.switchToPage(line.page);
    const margins = { ...w.doc.page.margins };
    w.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const n = String(target - start + 1);
    w.face("regular", LAYOUT.body, n);
    const ascender = w.vertical(w.fontFor("regular", n), LAYOUT.body).ascender;
    w.doc.text(n, w.margin.left, line.baseline - ascender, { width: w.contentWidth, align: "right", lineBreak: false, goTo: line.anchor });
    w.doc.page.margins = margins;
  }
}

/** Draws blocks at the current position. */
export function blocks(w: PdfWriter, bs: readonly Block[]): void {
  for (const b of bs) {
    if (b.kind === "paragraph") paragraph(w, b);
    else if (b.kind === "list") list(w, b, 0);
    else if (b.kind === "table") table(w, b);
    else if (b.kind === "pageBreak") w.doc.addPage();
    else if (b.kind === "contents") contents(w, b);
    else parallel(w, b);
    w.roomMade = false;
  }
}

/**
 * Height a block needs on the page to start there: what the block itself
 * checks before drawing (a heading adds it to its own height, so it never
 * stays behind at the bottom of a page while the block moves on).
 */
function need(w: PdfWriter, b: Block, width: number): number {
  switch (b.kind) {
    case "paragraph":
      return b.role === "title" ? 60 : b.role === "body" ? w.lineHeight() * 2 : w.lineHeight();
    case "list":
      return w.lineHeight() * 2;
    case "table": {
      const widths = tableWidths(w, b, width);
      const row = (cells: readonly (readonly Run[])[], bold: boolean): number => tableRowHeight(w, widths, cells, bold);
      return (
        row(
          b.columns.map((c) => c.header),
          true,
        ) + (b.rows[0] ? row(b.rows[0].cells, false) : 0)
      );
    }
    case "parallel": {
      const half = (width - GUTTER) / 2;
      const height = Math.max(measure(w, b.cells[0], half), measure(w, b.cells[1], half));
      return height <= pageRoom(w) ? height : w.lineHeight() * 3;
    }
    default:
      return 0;
  }
}

/** Height of the text area of a page. */
function pageRoom(w: PdfWriter): number {
  return w.bottom - w.margin.top;
}

/**
 * Makes room for a heading of `height` and the start of what follows it
 * (never more than a page), then marks that room as made for the next block.
 * Call before drawing the heading; the heading then cannot end a page.
 */
function keepWithNext(w: PdfWriter, height: number, following: number): void {
  w.ensure(Math.min(pageRoom(w), height + following));
}

/** Space between the two columns of a parallel layout, in points. */
const GUTTER = 18;

/** Estimated height of a block drawn in a width: enough to decide whether a unit fits the page. */
function measure(w: PdfWriter, b: ContentBlock, width: number): number {
  if (b.kind === "paragraph") {
    const indent = b.number ? NUMBER_INDENT : 0;
    return Math.max(w.heightOf(b.runs, width - indent), b.number ? w.lineHeight() : 0) + LAYOUT.paragraphGap;
  }
  if (b.kind === "list") {
    const items = (l: List, indent: number): number =>
      l.items.reduce((h, it) => h + w.heightOf(it.runs, width - indent - LIST_INDENT) + LAYOUT.paragraphGap - 1 + (it.children ? items(it.children, indent + LIST_INDENT) : 0), 0);
    return items(b, 0);
  }
  const widths = tableWidths(w, b, width);
  const row = (cells: readonly (readonly Run[])[], bold: boolean): number => tableRowHeight(w, widths, cells, bold);
  return (
    row(
      b.columns.map((c) => c.header),
      true,
    ) +
    b.rows.reduce((h, r) => h + row(r.cells, r.emphasis === true), 0) +
    LAYOUT.paragraphGap +
    3
  );
}

/** Position in the document: page index and y. */
interface Place {
  readonly page: number;
  readonly y: number;
}

const later = (a: Place, b: Place): Place => (a.page > b.page || (a.page === b.page && a.y >= b.y) ? a : b);

/**
 * Draws two columns side by side from the current position: each `draw`
 * starts at the same page and height, and the position ends below the longer
 * one. A column that runs off the page continues on the next one, alongside
 * the other column's continuation.
 */
function columns(w: PdfWriter, draw: readonly [(w: PdfWriter) => void, (w: PdfWriter) => void], langs?: Parallel["langs"]): void {
  const width = (w.contentWidth - GUTTER) / 2;
  const start: Place = { page: w.pageIndex, y: w.doc.y };
  let end = start;
  draw.forEach((fn, i) => {
    w.doc.switchToPage(start.page);
    w.doc.y = start.y;
    w.column = { x: w.margin.left + i * (width + GUTTER), width };
    w.doc.x = w.column.x;
    const lang = w.lang;
    // Each column's language decides how its body text is set (Chinese justified).
    if (langs) w.lang = langs[i];
    // Both columns start at the same height: the unit made room for both, so neither moves on alone.
    w.roomMade = true;
    try {
      fn(w);
    } finally {
      w.column = undefined;
      w.lang = lang;
      w.roomMade = false;
    }
    end = later(end, { page: w.pageIndex, y: w.doc.y });
  });
  w.doc.switchToPage(end.page);
  w.doc.x = w.margin.left;
  w.doc.y = end.y;
}

/**
 * One aligned unit of a parallel layout. A unit that does not fit the rest of
 * the page moves to a new page; one taller than a page starts where it is
 * and both columns continue over the pages after it.
 */
function parallel(w: PdfWriter, p: Parallel): void {
  const { cells } = p;
  start(w, need(w, p, w.contentWidth));
  columns(w, [(c) => blocks(c, [cells[0]]), (c) => blocks(c, [cells[1]])], p.langs);
}

/**
 * A heading to draw: its runs, and its plain text for the outline. A redline's heading has the
 * title's tracked changes; its label stays unmarked (renumbering is not a change) unless the whole
 * clause comes or goes.
 */
interface Heading {
  readonly runs: readonly Run[];
  readonly text: string;
}

/** Whether runs have any text. */
const hasText = (rs: readonly Run[] | undefined): boolean => rs?.some((r) => r.text !== "") === true;

/** A heading of `text` ("9. Liability"), which is `label`, a space and the title, unless a redline marks it. */
function heading(text: string, label: string, title: string | undefined, titleRuns: readonly Run[] | undefined, change: Change | undefined): Heading {
  if (titleRuns === undefined && change === undefined) return { runs: [{ type: "text", text }], text };
  const rest: readonly Run[] = titleRuns ?? (title ? [{ type: "text", text: title }] : []);
  return { runs: [{ type: "text", text: hasText(rest) ? `${label} ` : label, ...(change !== undefined ? { change } : {}) }, ...rest], text };
}

/** "第九条 责任限制": a second-language heading's label and title, with a redline's changes. */
function altHeading(alt: AltHeading, change: Change | undefined): Heading {
  return heading(altText(alt), alt.label, alt.title, alt.titleRuns, change);
}

/**
 * Whether a sub-clause has a heading: a title, or in a redline one the new draft drops (shown
 * struck through), except where each language's number leads its first paragraph instead (a
 * bilingual sub-clause without a title): there the numbers would come twice.
 */
function titled(s: SubClause): boolean {
  return (s.title !== undefined && s.title !== "") || (!s.alt && hasText(s.titleRuns));
}

function subclauseHeading(s: SubClause): Heading {
  return heading(`${s.number} ${s.title ?? ""}`, s.number, s.title, s.titleRuns, s.change);
}

/** A heading in both columns ("9. Liability" | "第九条 责任限制"), kept with what follows (`following`: the height that needs). */
function headingPair(w: PdfWriter, size: number, left: Heading, anchor: string, alt: AltHeading, change: Change | undefined, following: number): string {
  const right = altHeading(alt, change);
  const width = (w.contentWidth - GUTTER) / 2;
  keepWithNext(w, headingHeight(w, left.runs, size, width, right.runs), following);
  const draw =
    (runs: readonly Run[], destination: string | undefined) =>
    (c: PdfWriter): void => {
      c.runs(runs, { x: c.left, width: c.contentWidth, size, bold: true, ...(destination !== undefined ? { destination } : {}) });
    };
  columns(w, [draw(left.runs, anchor), draw(right.runs, alt.anchor)]);
  return `${left.text} / ${right.text}`;
}

/** "第九条 责任限制": a second-language heading's label and title. */
function altText(alt: AltHeading): string {
  return [alt.label, alt.title].filter((x) => x !== undefined && x !== "").join(" ");
}

/** Height of a heading (the taller of a pair beside it, plus the translation `under` it) in a width, with the space around it. */
function headingHeight(w: PdfWriter, runs: readonly Run[], size: number, width: number, other?: readonly Run[], under?: readonly Run[]): number {
  const h = (rs: readonly Run[]): number => w.heightOf(rs, width, size, true);
  return Math.max(h(runs), other !== undefined ? h(other) : 0) + (under !== undefined ? h(under) : 0) + (size > 11 ? 12 : 6);
}

/**
 * A heading drawn full width, with its translation (interleaved layout) on the
 * line under it at the same size: Chinese is never set smaller than English.
 */
function stackedHeading(w: PdfWriter, first: Heading, size: number, anchor: string, alt: AltHeading | undefined, change: Change | undefined): string {
  w.runs(first.runs, { x: w.left, width: w.contentWidth, size, bold: true, destination: anchor });
  if (!alt) return first.text;
  const second = altHeading(alt, change);
  w.runs(second.runs, { x: w.left, width: w.contentWidth, size, bold: true, ...(alt.anchor !== undefined ? { destination: alt.anchor } : {}) });
  return `${first.text} / ${second.text}`;
}

/** A titled sub-clause's heading (and its translation under it), drawn full width, after making room for it and its first block. */
function subHeading(w: PdfWriter, s: SubClause, following: number): string {
  const first = subclauseHeading(s);
  keepWithNext(w, headingHeight(w, first.runs, 11, w.contentWidth, undefined, s.alt ? altHeading(s.alt, s.change).runs : undefined), following);
  w.doc.y += 3;
  const outline = stackedHeading(w, first, 11, s.anchor, s.alt, s.change);
  w.doc.y += 3;
  return outline;
}

/** What the start of a clause's or sub-clause's content needs on the page (see {@link need}). */
function leadNeed(w: PdfWriter, bs: readonly Block[], subs: readonly SubClause[] = []): number {
  const first = bs[0];
  if (first) return need(w, first, w.contentWidth);
  const s = subs[0];
  if (!s) return 0;
  if (!titled(s)) return w.lineHeight() * 3;
  const runs = subclauseHeading(s).runs;
  if (s.alt && !s.alt.below) return headingHeight(w, runs, 11, (w.contentWidth - GUTTER) / 2, altHeading(s.alt, s.change).runs) + leadNeed(w, s.blocks);
  return headingHeight(w, runs, 11, w.contentWidth, undefined, s.alt ? altHeading(s.alt, s.change).runs : undefined) + leadNeed(w, s.blocks);
}

function subclause(w: PdfWriter, s: SubClause, outline: PDFKit.PDFOutline): void {
  const left = w.left;
  if (s.alt && !s.alt.below) {
    // Parallel: an untitled sub-clause's numbers and anchor are in its first unit already.
    if (titled(s)) {
      w.doc.y += 3;
      outline.addItem(headingPair(w, 11, subclauseHeading(s), s.anchor, s.alt, s.change, leadNeed(w, s.blocks)));
      w.doc.y += 3;
      w.roomMade = true;
    }
    blocks(w, s.blocks);
    return;
  }
  if (titled(s)) {
    outline.addItem(subHeading(w, s, leadNeed(w, s.blocks)));
    w.roomMade = true;
    blocks(w, s.blocks);
    return;
  }
  if (s.alt) {
    // Interleaved: each language's number (and the anchor) already leads its first paragraph.
    blocks(w, s.blocks);
    return;
  }
  const [first, ...rest] = s.blocks;
  start(w, w.lineHeight() * 3);
  // A whole sub-clause inserted or deleted: its number comes or goes with it.
  const lead = { text: s.number, x: left, bold: true, destination: s.anchor, ...(s.change !== undefined ? { change: s.change } : {}) };
  if (first?.kind === "paragraph") {
    w.runs(first.runs, { x: left + NUMBER_INDENT, width: w.contentWidth - NUMBER_INDENT, body: true, lead });
    w.doc.y += LAYOUT.paragraphGap;
    blocks(w, rest);
  } else {
    w.runs([], { x: left + NUMBER_INDENT, width: w.contentWidth - NUMBER_INDENT, lead });
    w.roomMade = true;
    blocks(w, s.blocks);
  }
}

/** Draws a numbered clause with its heading, outline entry and named destination; a schedule starts a new page. */
export function clause(w: PdfWriter, c: Clause, startsPage = false): void {
  w.where = `${startsPage ? "schedule" : "clause"} ${c.number} (${c.id})`;
  if (startsPage) w.doc.addPage();
  const title = heading(`${c.label} ${c.title}`, c.label, c.title, c.titleRuns, c.change);
  if (c.alt && !c.alt.below) {
    w.doc.y += 8;
    const outline = headingPair(w, 12.5, title, c.anchor, c.alt, c.change, leadNeed(w, c.blocks, c.subclauses));
    w.pageOf.set(c.anchor, w.page);
    const item = w.doc.outline.addItem(outline);
    w.doc.y += 4;
    w.roomMade = true;
    blocks(w, c.blocks);
    for (const s of c.subclauses) subclause(w, s, item);
    return;
  }
  // The heading keeps with the start of the clause (a clause that opens with a titled sub-clause: both headings and its text).
  if (!startsPage) keepWithNext(w, headingHeight(w, title.runs, 12.5, w.contentWidth, undefined, c.alt ? altHeading(c.alt, c.change).runs : undefined), leadNeed(w, c.blocks, c.subclauses));
  w.doc.y += 8;
  w.pageOf.set(c.anchor, w.page);
  const item = w.doc.outline.addItem(stackedHeading(w, title, 12.5, c.anchor, c.alt, c.change));
  w.doc.y += 4;
  if (c.blocks.length > 0) w.roomMade = true;
  blocks(w, c.blocks);
  for (const s of c.subclauses) subclause(w, s, item);
}
