import type { AltHeading, Block, Clause, ContentBlock, Contents, List, Paragraph, Parallel, SubClause, Table } from "../../model/types.js";
import { LAYOUT, type PdfWriter } from "./writer.js";

const NUMBER_INDENT = 34;
const LIST_INDENT = 26;

function paragraph(w: PdfWriter, p: Paragraph): void {
  const left = w.left;
  switch (p.role) {
    case "title":
      w.ensure(60);
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
      w.ensure(w.lineHeight() * 2);
      if (p.number !== undefined && p.number !== "") {
        // A number (an untitled sub-clause in a parallel column) hangs before the text.
        const y = w.doc.y;
        w.face("bold", LAYOUT.body, p.number);
        w.doc.text(p.number, left, y, { lineBreak: false, ...(p.anchor !== undefined ? { destination: p.anchor } : {}) });
        w.doc.y = y;
        if (p.runs.length > 0) w.runs(p.runs, { x: left + NUMBER_INDENT, width: w.contentWidth - NUMBER_INDENT, align: "left" });
        else w.doc.y = y + w.lineHeight();
      } else {
        w.runs(p.runs, { x: left, width: w.contentWidth, align: "left" });
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
    w.ensure(w.lineHeight() * 2);
    const y = w.doc.y;
    w.face("regular", LAYOUT.body, item.label);
    w.doc.text(item.label, x, y, { lineBreak: false });
    w.doc.y = y;
    w.runs(item.runs, { x: x + labels, width: w.contentWidth - indent - labels, align: "left" });
    w.doc.y += LAYOUT.paragraphGap - 1;
    if (item.children) list(w, item.children, indent + labels);
  }
}

function table(w: PdfWriter, t: Table): void {
  const size = 9.5;
  const pad = 4;
  const total = t.columns.reduce((a, c) => a + c.width, 0) || 1;
  const widths = t.columns.map((c) => (c.width / total) * w.contentWidth);
  const rowHeight = (cells: readonly (readonly import("../../model/types.js").Run[])[], bold: boolean): number =>
    Math.max(...cells.map((c, i) => w.heightOf(c, (widths[i] ?? 0) - 2 * pad, size, bold)), w.lineHeight(size)) + 2 * pad;

  const drawRow = (cells: readonly (readonly import("../../model/types.js").Run[])[], opts: { header?: boolean; bold?: boolean }): void => {
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
  w.ensure(rowHeight(header, true) + (t.rows[0] ? rowHeight(t.rows[0].cells, false) : 0));
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

/** The contents: one linked line per clause and schedule; page numbers are filled in by {@link contentsPageNumbers}. */
function contents(w: PdfWriter, c: Contents): void {
  const left = LAYOUT.margin.left;
  w.face("bold", 12.5, c.heading);
  w.doc.text(c.heading, left, w.doc.y, { width: w.contentWidth, align: "center" });
  w.doc.y += 8;
  for (const e of c.entries) {
    const text = `${e.label} ${e.title}`;
    w.ensure(w.lineHeight());
    const y = w.doc.y;
    w.face("regular", LAYOUT.body, text);
    w.doc.text(text, left, y, { width: w.contentWidth - 40, goTo: e.anchor, lineBreak: false });
    w.contentsLines.push({ anchor: e.anchor, page: w.page, y });
    w.doc.y = y + w.lineHeight();
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
    w.doc.text(n, LAYOUT.margin.left, line.y, { width: w.contentWidth, align: "right", lineBreak: false, goTo: line.anchor });
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
    else parallel(w, b.cells);
  }
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
  const total = b.columns.reduce((a, c) => a + c.width, 0) || 1;
  const row = (cells: readonly (readonly import("../../model/types.js").Run[])[], bold: boolean): number =>
    Math.max(...cells.map((c, i) => w.heightOf(c, ((b.columns[i]?.width ?? 0) / total) * width - 8, 9.5, bold)), w.lineHeight(9.5)) + 8;
  return row(b.columns.map((c) => c.header), true) + b.rows.reduce((h, r) => h + row(r.cells, r.emphasis === true), 0) + LAYOUT.paragraphGap + 3;
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
function columns(w: PdfWriter, draw: readonly [(w: PdfWriter) => void, (w: PdfWriter) => void]): void {
  const width = (w.contentWidth - GUTTER) / 2;
  const start: Place = { page: w.pageIndex, y: w.doc.y };
  let end = start;
  draw.forEach((fn, i) => {
    w.doc.switchToPage(start.page);
    w.doc.y = start.y;
    w.column = { x: LAYOUT.margin.left + i * (width + GUTTER), width };
    w.doc.x = w.column.x;
    try {
      fn(w);
    } finally {
      w.column = undefined;
    }
    end = later(end, { page: w.pageIndex, y: w.doc.y });
  });
  w.doc.switchToPage(end.page);
  w.doc.x = LAYOUT.margin.left;
  w.doc.y = end.y;
}

/**
 * One aligned unit of a parallel layout. A unit that does not fit the rest of
 * the page moves to a new page; one taller than a page starts where it is
 * and both columns continue over the pages after it.
 */
function parallel(w: PdfWriter, cells: Parallel["cells"]): void {
  const width = (w.contentWidth - GUTTER) / 2;
  const height = Math.max(measure(w, cells[0], width), measure(w, cells[1], width));
  const page = w.bottom - LAYOUT.margin.top;
  if (height <= page) w.ensure(height);
  else w.ensure(w.lineHeight() * 3);
  columns(w, [(c) => blocks(c, [cells[0]]), (c) => blocks(c, [cells[1]])]);
}

/** A heading in both columns ("9. Liability" | "第九条 责任限制"), kept with what follows. */
function headingPair(w: PdfWriter, size: number, left: string, anchor: string, alt: AltHeading): string {
  const right = [alt.label, alt.title].filter((x) => x !== undefined && x !== "").join(" ");
  w.ensure(headingRoom(w, size) + w.lineHeight(size));
  const draw = (text: string, destination: string | undefined) => (c: PdfWriter): void => {
    c.face("bold", size, text);
    c.doc.text(text, c.left, c.doc.y, { width: c.contentWidth, ...(destination !== undefined ? { destination } : {}) });
  };
  columns(w, [draw(left, anchor), draw(right, alt.anchor)]);
  return `${left} / ${right}`;
}

/** Room a heading needs so it is never stranded at the bottom of a page: itself plus three lines. */
function headingRoom(w: PdfWriter, size: number): number {
  return w.lineHeight(size) * 1.8 + w.lineHeight() * 3;
}

function subclause(w: PdfWriter, s: SubClause, outline: PDFKit.PDFOutline): void {
  const left = w.left;
  if (s.alt) {
    // Parallel: an untitled sub-clause's numbers and anchor are in its first unit already.
    if (s.title) {
      w.doc.y += 3;
      outline.addItem(headingPair(w, 11, `${s.number} ${s.title}`, s.anchor, s.alt));
      w.doc.y += 3;
    }
    blocks(w, s.blocks);
    return;
  }
  if (s.title) {
    w.ensure(headingRoom(w, 11));
    w.doc.y += 3;
    const text = `${s.number} ${s.title}`;
    w.face("bold", 11, text);
    w.doc.text(text, left, w.doc.y, { width: w.contentWidth, destination: s.anchor });
    outline.addItem(text);
    w.doc.y += 3;
    blocks(w, s.blocks);
    return;
  }
  const [first, ...rest] = s.blocks;
  w.ensure(w.lineHeight() * 3);
  const y = w.doc.y;
  w.face("bold", LAYOUT.body, s.number);
  w.doc.text(s.number, left, y, { lineBreak: false, destination: s.anchor });
  w.doc.y = y;
  if (first?.kind === "paragraph") {
    w.runs(first.runs, { x: left + NUMBER_INDENT, width: w.contentWidth - NUMBER_INDENT, align: "left" });
    w.doc.y += LAYOUT.paragraphGap;
    blocks(w, rest);
  } else {
    w.doc.y = y + w.lineHeight();
    blocks(w, s.blocks);
  }
}

/** Draws a numbered clause with its heading, outline entry and named destination; a schedule starts a new page. */
export function clause(w: PdfWriter, c: Clause, startsPage = false): void {
  w.where = `${startsPage ? "schedule" : "clause"} ${c.number} (${c.id})`;
  if (startsPage) w.doc.addPage();
  if (c.alt) {
    w.doc.y += 8;
    const heading = headingPair(w, 12.5, `${c.label} ${c.title}`, c.anchor, c.alt);
    w.pageOf.set(c.anchor, w.page);
    const item = w.doc.outline.addItem(heading);
    w.doc.y += 4;
    blocks(w, c.blocks);
    for (const s of c.subclauses) subclause(w, s, item);
    return;
  }
  // A clause that opens with a titled sub-clause keeps both headings together.
  if (!startsPage) w.ensure(headingRoom(w, 12.5) + (c.blocks.length === 0 && c.subclauses[0]?.title ? w.lineHeight(11) * 1.8 : 0));
  w.doc.y += 8;
  w.pageOf.set(c.anchor, w.page);
  const text = `${c.label} ${c.title}`;
  w.face("bold", 12.5, text);
  w.doc.text(text, w.left, w.doc.y, { width: w.contentWidth, destination: c.anchor });
  const item = w.doc.outline.addItem(text);
  w.doc.y += 4;
  blocks(w, c.blocks);
  for (const s of c.subclauses) subclause(w, s, item);
}
