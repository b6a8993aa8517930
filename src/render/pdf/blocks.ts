import type { Block, Clause, Contents, List, Paragraph, SubClause, Table } from "../../model/types.js";
import { LAYOUT, type PdfWriter } from "./writer.js";

const NUMBER_INDENT = 34;
const LIST_INDENT = 26;

function paragraph(w: PdfWriter, p: Paragraph): void {
  const left = LAYOUT.margin.left;
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
      w.runs(p.runs, { x: left, width: w.contentWidth, align: "justify" });
  }
  w.doc.y += LAYOUT.paragraphGap;
}

function list(w: PdfWriter, l: List, indent: number): void {
  const x = LAYOUT.margin.left + indent;
  for (const item of l.items) {
    // Keep the label with at least two lines of its text.
    w.ensure(w.lineHeight() * 2);
    const y = w.doc.y;
    w.face("regular", LAYOUT.body, item.label);
    w.doc.text(item.label, x, y, { lineBreak: false });
    w.doc.y = y;
    w.runs(item.runs, { x: x + LIST_INDENT, width: w.contentWidth - indent - LIST_INDENT, align: "justify" });
    w.doc.y += LAYOUT.paragraphGap - 1;
    if (item.children) list(w, item.children, indent + LIST_INDENT);
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
    let x = LAYOUT.margin.left;
    if (opts.header) w.doc.rect(x, y, w.contentWidth, h).fill("#E5E7EB");
    w.doc.lineWidth(0.5).strokeColor(LAYOUT.rule);
    cells.forEach((cell, i) => {
      const cw = widths[i] ?? 0;
      w.doc.rect(x, y, cw, h).stroke();
      w.doc.y = y + pad;
      w.runs(cell, { x: x + pad, width: cw - 2 * pad, size, bold, align: t.columns[i]?.align ?? "left" });
      x += cw;
    });
    w.doc.x = LAYOUT.margin.left;
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
    else if (b.kind === "pageBreak") w.doc.addPage();
    else if (b.kind === "contents") contents(w, b);
    else table(w, b);
  }
}

/** Room a heading needs so it is never stranded at the bottom of a page: itself plus three lines. */
function headingRoom(w: PdfWriter, size: number): number {
  return w.lineHeight(size) * 1.8 + w.lineHeight() * 3;
}

function subclause(w: PdfWriter, s: SubClause, outline: PDFKit.PDFOutline): void {
  const left = LAYOUT.margin.left;
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
    w.runs(first.runs, { x: left + NUMBER_INDENT, width: w.contentWidth - NUMBER_INDENT, align: "justify" });
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
  // A clause that opens with a titled sub-clause keeps both headings together.
  else w.ensure(headingRoom(w, 12.5) + (c.blocks.length === 0 && c.subclauses[0]?.title ? w.lineHeight(11) * 1.8 : 0));
  w.doc.y += 8;
  w.pageOf.set(c.anchor, w.page);
  const text = `${c.label} ${c.title}`;
  w.face("bold", 12.5, text);
  w.doc.text(text, LAYOUT.margin.left, w.doc.y, { width: w.contentWidth, destination: c.anchor });
  const item = w.doc.outline.addItem(text);
  w.doc.y += 4;
  blocks(w, c.blocks);
  for (const s of c.subclauses) subclause(w, s, item);
}
