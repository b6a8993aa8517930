import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  HeadingLevel,
  InternalHyperlink,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from "docx";
import type { Block, Clause, List, Paragraph as ModelParagraph, Run, SubClause, Table as ModelTable } from "../../model/types.js";
import { CONTENT_WIDTH, NUMBERING } from "./styles.js";
import { bookmarkName, checkXmlText } from "./text.js";

/** Per-document state: list instances must be unique so each list restarts at (a). */
export interface DocxContext {
  nextListInstance: number;
  /** Where we are, for error messages. */
  where: string;
}

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

/** Inline runs; references become internal hyperlinks to the target's bookmark. */
export function runs(rs: readonly Run[], ctx: DocxContext, force: { bold?: boolean } = {}): ParagraphChild[] {
  return rs.map((r) => {
    const text = checkXmlText(r.text, ctx.where);
    const bold = force.bold || r.bold === true;
    if (r.type === "ref") {
      return new InternalHyperlink({ anchor: bookmarkName(r.target), children: [new TextRun({ text, bold, italics: r.italic === true, style: "Hyperlink" })] });
    }
    return new TextRun({ text, bold, italics: r.italic === true });
  });
}

function paragraph(p: ModelParagraph, ctx: DocxContext): Paragraph {
  const children = runs(p.runs, ctx);
  switch (p.role) {
    case "title":
      return new Paragraph({ heading: HeadingLevel.TITLE, children });
    case "subtitle":
      return new Paragraph({ style: "CwSubtitle", children });
    case "center":
      return new Paragraph({ alignment: AlignmentType.CENTER, children });
    case "note":
      return new Paragraph({ style: "CwNote", children });
    default:
      return new Paragraph({ alignment: AlignmentType.JUSTIFIED, children });
  }
}

function list(l: List, ctx: DocxContext, out: FileChild[], parentInstance?: number): void {
  const reference = l.style === "bullet" ? NUMBERING.bullet : NUMBERING.lettered;
  // A nested list of the same kind continues its parent's numbering instance at a deeper level, as Word expects.
  const instance = parentInstance ?? ctx.nextListInstance++;
  for (const item of l.items) {
    out.push(new Paragraph({ numbering: { reference, level: Math.min(l.depth, 2), instance }, alignment: AlignmentType.JUSTIFIED, children: runs(item.runs, ctx) }));
    if (item.children) list(item.children, ctx, out, item.children.style === l.style ? instance : undefined);
  }
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: "9CA3AF" } as const;

function table(t: ModelTable, ctx: DocxContext): Table {
  const total = t.columns.reduce((a, c) => a + c.width, 0) || 1;
  const widths = t.columns.map((c) => Math.round((c.width / total) * CONTENT_WIDTH));
  const cell = (content: readonly Run[], col: number, opts: { header?: boolean; bold?: boolean }) =>
    new TableCell({
      width: { size: widths[col] ?? 0, type: WidthType.DXA },
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      ...(opts.header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "E5E7EB" } } : {}),
      children: [new Paragraph({ style: "CwTable", alignment: ALIGN[t.columns[col]?.align ?? "left"], children: runs(content, ctx, { bold: opts.header === true || opts.bold === true }) })],
    });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.header, i, { header: true })) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: t.columns.map((_, i) => cell(r.cells[i] ?? [], i, { bold: r.emphasis === true })) })),
    ],
  });
}

/** Renders blocks, appending to `out`. */
export function blocks(bs: readonly Block[], ctx: DocxContext, out: FileChild[]): void {
  for (const b of bs) {
    if (b.kind === "paragraph") out.push(paragraph(b, ctx));
    else if (b.kind === "list") list(b, ctx, out);
    else {
      out.push(table(b, ctx));
      // Word needs a paragraph between consecutive tables, and a little air after one.
      out.push(new Paragraph({ spacing: { after: 60 }, children: [] }));
    }
  }
}

function subclause(s: SubClause, ctx: DocxContext, out: FileChild[]): void {
  const id = bookmarkName(s.anchor);
  if (s.title) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new Bookmark({ id, children: [new TextRun(checkXmlText(`${s.number} ${s.title}`, ctx.where))] })] }));
    blocks(s.blocks, ctx, out);
    return;
  }
  const [first, ...rest] = s.blocks;
  const number = new Bookmark({ id, children: [new TextRun({ text: `${s.number}\t`, bold: true })] });
  if (first?.kind === "paragraph") {
    out.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { left: 680, hanging: 680 }, tabStops: [{ type: "left", position: 680 }], children: [number, ...runs(first.runs, ctx)] }));
    blocks(rest, ctx, out);
  } else {
    out.push(new Paragraph({ children: [number] }));
    blocks(s.blocks, ctx, out);
  }
}

/** A numbered clause: a Heading 1 with a bookmark, its blocks and sub-clauses. */
export function clause(c: Clause, ctx: DocxContext, out: FileChild[]): void {
  ctx.where = `clause ${c.number} (${c.id})`;
  out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new Bookmark({ id: bookmarkName(c.anchor), children: [new TextRun(checkXmlText(`${c.label} ${c.title}`, ctx.where))] })] }));
  blocks(c.blocks, ctx, out);
  for (const s of c.subclauses) subclause(s, ctx, out);
}
