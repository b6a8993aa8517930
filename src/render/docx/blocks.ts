import { withoutTermRuns } from "../plain-runs.js";
import {
  AlignmentType,
  BookmarkEnd,
  BookmarkStart,
  BorderStyle,
  HeadingLevel,
  InternalHyperlink,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  type TextRun,
  WidthType,
  type FileChild,
  type IParagraphOptions,
  type ParagraphChild,
  type XmlComponent,
} from "docx";
import type { AltHeading, Block, Change, Clause, List, Paragraph as ModelParagraph, Parallel, Run, SubClause, Table as ModelTable } from "../../model/types.js";
import { contents } from "./contents.js";
import type { HeadingNumbering } from "./heading-numbering.js";
import { listIndent, type ListNumbering, type ListPlacement } from "./numbering.js";
import { docxColumnWidths } from "./table-widths.js";
import { listItemMarks, wholeCellsChange, wholeTableChange } from "../../redline/count.js";
import { CONTENT_WIDTH, INDENT, STYLE } from "./styles.js";
import { bookmarkName, checkXmlText, textRuns, type RevisionAttributes, type RunStyle, type TrackedChange } from "./text.js";

/** Per-document state of a render. */
export interface DocxContext {
  readonly lists: ListNumbering;
  /** Anchors that get a bookmark; a reference to anything else is written as plain text, not a dead link. */
  readonly anchors: ReadonlySet<string>;
  /** Next bookmark id; ids only need to be unique within the document. */
  nextBookmarkId: number;
  /** Where we are, for error messages. */
  where: string;
  /** Width of the text column in twips: the page's, or a cell's in a parallel layout. */
  width: number;
  /** The page each clause and schedule heading is estimated to start on, by anchor (see page-estimate.ts), for the contents. */
  readonly pages: ReadonlyMap<string, number>;
  /** Set when rendering a redline: the author and date of its tracked changes. */
  readonly revision?: { readonly author: string; readonly date: string };
  /** A redline's clause and sub-clause numbers as Word numbering (see heading-numbering.ts). */
  readonly headings?: HeadingNumbering;
  /** Inside a table cell (parallel layout) when above 0: the cell's last paragraph mark is the cell's end. */
  inCell: number;
  /** Where the render is in the stream of tracked changes (see {@link beginParagraph}). */
  readonly stream: { fresh: boolean; markInserted: boolean; prevMarkInserted: boolean; later: boolean; lastMark: Change | undefined };
}

/** Minutes between the two dates a redline's insertions alternate between (see {@link beginParagraph}). */
export const ALTERNATE_MINUTES = 2;

/**
 * Starts a paragraph in the stream of tracked changes. LibreOffice treats two insertions by one
 * author within a minute of each other as one change, even across an unchanged paragraph mark, and
 * its Reject All then also removes that mark, joining two paragraphs the base draft kept apart. So
 * an insertion that starts a paragraph takes the other of two dates (the deal's date, two minutes
 * later) unless it continues an inserted paragraph before it: the insertion ending the paragraph
 * before always has the current one. A whole inserted clause stays one change.
 */
export function beginParagraph(ctx: DocxContext): void {
  const s = ctx.stream;
  s.prevMarkInserted = s.markInserted;
  s.markInserted = false;
  s.fresh = true;
  s.lastMark = undefined;
}

function dateOf(ctx: DocxContext, base: string): string {
  if (!ctx.stream.later) return base;
  return new Date(Date.parse(base) + ALTERNATE_MINUTES * 60_000).toISOString();
}

/** Notes content in the current paragraph; an insertion first in it may switch dates. */
function note(ctx: DocxContext, change: Change | undefined): void {
  const s = ctx.stream;
  if (change === "insert" && s.fresh && !s.prevMarkInserted) s.later = !s.later;
  s.fresh = false;
}

/** The Word numbering that draws this heading's or paragraph's number, in a redline. */
function placed(owner: object, ctx: DocxContext): ListPlacement | undefined {
  return ctx.headings?.placement(owner);
}

/**
 * A tracked change of the document, or undefined for none (or outside a redline). Its ids come
 * from the bookmarks' counter: Word wants every annotation id in the document to be unique.
 */
export function tracked(change: Change | undefined, ctx: DocxContext): TrackedChange | undefined {
  const rev = ctx.revision;
  if (!rev) return undefined;
  note(ctx, change);
  if (change === undefined) return undefined;
  const date = dateOf(ctx, rev.date);
  return { change, attributes: (): RevisionAttributes => ({ id: ctx.nextBookmarkId++, author: rev.author, date }) };
}

/**
 * Paragraph options that track the paragraph mark itself, for a paragraph wholly inserted or
 * deleted: accepting the deletion (or rejecting the insertion) then removes the paragraph, not
 * just its text, so no empty paragraph is left behind.
 */
export function markOptions(change: Change | undefined, ctx: DocxContext): Pick<IParagraphOptions, "run"> {
  if (!ctx.revision || change === undefined) return {};
  const t = tracked(change, ctx);
  if (change === "insert") ctx.stream.markInserted = true;
  ctx.stream.lastMark = change;
  if (!t) return {};
  const attrs = t.attributes();
  return { run: t.change === "insert" ? { insertion: attrs } : { deletion: attrs } };
}

/**
 * A bookmark around `children`, as the start and end markers themselves. The
 * docx package's `Bookmark` numbers ids from a process-wide counter, so a
 * second render in the same process would differ from the first; ids here
 * come from the document. The markers are not in docx's `ParagraphChild`
 * type, but a paragraph writes any XML component it is given, and this is
 * what `Bookmark` itself unfolds to.
 */
export function bookmark(anchor: string, children: readonly ParagraphChild[], ctx: DocxContext): ParagraphChild[] {
  const id = ctx.nextBookmarkId++;
  const name = bookmarkName(anchor);
  return [new BookmarkStart(name, id) as XmlComponent as ParagraphChild, ...children, new BookmarkEnd(id) as XmlComponent as ParagraphChild];
}

/** Checked text as runs, with the context for the error message; tracked when `change` is set. */
export function text(value: string, ctx: DocxContext, style: RunStyle = {}, change?: Change): TextRun[] {
  return textRuns(checkXmlText(value, ctx.where), style, tracked(change, ctx));
}

/** Inline runs; references become internal hyperlinks to the target's bookmark. */
export function runs(rs: readonly Run[], ctx: DocxContext, force: { bold?: boolean } = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const r of withoutTermRuns(rs)) {
    const style = { bold: force.bold === true || r.bold === true, italic: r.italic === true };
    if (r.type === "ref" && ctx.anchors.has(r.target)) {
      out.push(new InternalHyperlink({ anchor: bookmarkName(r.target), children: textRuns(checkXmlText(r.text, ctx.where), { ...style, style: "Hyperlink" }, tracked(r.change, ctx)) }));
    } else {
      // A loop, not push(...): a text with many lines has more runs than a call has room for arguments.
      for (const t of text(r.text, ctx, style, r.change)) out.push(t);
    }
  }
  return out;
}

const ROLE: Readonly<Record<ModelParagraph["role"], IParagraphOptions>> = {
  body: {},
  title: { heading: HeadingLevel.TITLE },
  subtitle: { style: STYLE.subtitle },
  center: { alignment: AlignmentType.CENTER },
  note: { style: STYLE.note },
};

/** Text in a half-width column is set ragged-right: justified, short lines gape. */
const RAGGED = { alignment: AlignmentType.LEFT } as const;

/** A number before the text ("2.1"), and the anchors to bookmark at the paragraph's start. */
interface Lead {
  readonly number?: string;
  /** Redline: Word numbering draws the number instead (`number` is then not written). */
  readonly placement?: ListPlacement;
  readonly anchors: readonly string[];
  /** Redline: the sub-clause the number belongs to is wholly inserted or deleted. */
  readonly change?: Change;
  /** Redline: the number with its tracked change, when renumbering changed it and it is text. */
  readonly numberRuns?: readonly Run[];
}

function paragraph(p: ModelParagraph, ctx: DocxContext, lead: Lead = { anchors: [] }): Paragraph {
  beginParagraph(ctx);
  const numbering = placed(p, ctx) ?? lead.placement;
  const number = numbering ? "" : [lead.number, p.number].filter((n): n is string => n !== undefined && n !== "").join(" ");
  const anchors = p.anchor === undefined ? lead.anchors : [...lead.anchors, p.anchor];
  const numberRuns = numbering ? undefined : (lead.numberRuns ?? p.numberRuns);
  // In a cell the paragraph is the cell's content; a whole one comes and goes with its row.
  // A wholly changed paragraph's number goes with it: accepting must not leave a number behind.
  let head: ParagraphChild[] = numberRuns ? [...runs(numberRuns, ctx, { bold: true }), ...text("\t", ctx)] : number ? text(number, ctx, { bold: true, tab: true }, p.change ?? lead.change) : [];
  for (const a of anchors) head = bookmark(a, head, ctx);
  const children = [...head, ...runs(p.runs, ctx)];
  const mark = ctx.inCell > 0 ? {} : markOptions(p.change ?? lead.change, ctx);
  if (numbering) return new Paragraph({ ...ROLE[p.role], ...mark, numbering, indent: { left: INDENT, hanging: INDENT }, children });
  if (!number) return new Paragraph({ ...ROLE[p.role], ...mark, children });
  // The number hangs in its own column and the text wraps to the tab stop: "2.1   The Provider will…".
  return new Paragraph({ ...ROLE[p.role], ...mark, indent: { left: INDENT, hanging: INDENT }, children });
}

function list(l: List, ctx: DocxContext, out: FileChild[], placements: ReadonlyMap<List, ListPlacement>): void {
  const placement = placements.get(l);
  const marks = listItemMarks(l, ctx.inCell > 0);
  for (const [index, item] of l.items.entries()) {
    beginParagraph(ctx);
    // The label (when it is text) comes first in the paragraph.
    const label = placement ? [] : text(item.label, ctx, { tab: true }, item.change);
    const content = runs(item.runs, ctx);
    const mark = markOptions(marks[index], ctx);
    if (placement) {
      out.push(new Paragraph({ numbering: placement, ...mark, ...(ctx.width < CONTENT_WIDTH ? RAGGED : {}), children: content }));
    } else {
      // No Word level reproduces these labels, so they are written as text in the same geometry.
      out.push(
        new Paragraph({
          indent: listIndent(Math.min(l.depth, 8)),
          ...mark,
          ...(ctx.width < CONTENT_WIDTH ? RAGGED : {}),
          children: [...label, ...content],
        }),
      );
    }
    if (item.children) list(item.children, ctx, out, placements);
  }
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: "9CA3AF" } as const;
const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

/** Cell margins of a table, in twips. */
export const CELL_MARGINS = { left: 100, right: 100, top: 40, bottom: 40 } as const;
/** Size of table text (the Table Text style's 10 pt), in twips. */
const TABLE_EM = 200;

/** Column widths of a table in a width, in twips: sized to the content, as the PDF's columns are (a little slack for the reader's fonts, which we cannot measure). */
export function tableColumnWidths(t: ModelTable, width: number): number[] {
  return docxColumnWidths(t, width, TABLE_EM, CELL_MARGINS.left + CELL_MARGINS.right + 60);
}

/** Row options that track a wholly inserted or deleted table row (`w:trPr/w:ins|w:del`). */
function rowMark(change: Change | undefined, ctx: DocxContext): { insertion?: RevisionAttributes; deletion?: RevisionAttributes } {
  const t = tracked(change, ctx);
  if (!t) return {};
  return t.change === "insert" ? { insertion: t.attributes() } : { deletion: t.attributes() };
}

function table(t: ModelTable, ctx: DocxContext): Table {
  const widths = tableColumnWidths(t, ctx.width);
  const cell = (content: readonly Run[], col: number, header: boolean, bold: boolean): TableCell => {
    beginParagraph(ctx);
    return new TableCell({
      width: { size: widths[col] ?? 0, type: WidthType.DXA },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "E5E7EB" } } : {}),
      children: [new Paragraph({ style: STYLE.table, alignment: ALIGN[t.columns[col]?.align ?? "left"], children: runs(content, ctx, { bold }) })],
    });
  };
  return new Table({
    width: { size: ctx.width, type: WidthType.DXA },
    columnWidths: widths,
    // Fixed layout: the widths computed from the content hold, in Word and LibreOffice alike.
    layout: TableLayoutType.FIXED,
    // Cell padding once for the table, not on every cell.
    margins: CELL_MARGINS,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows: [
      // The header row repeats at the top of each page the table runs onto.
      new TableRow({ tableHeader: true, cantSplit: true, ...rowMark(wholeCellsChange(t.columns.map((c) => c.header)), ctx), children: t.columns.map((c, i) => cell(c.header, i, true, true)) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, ...rowMark(r.change, ctx), children: t.columns.map((_, i) => cell(r.cells[i] ?? [], i, false, r.emphasis === true)) })),
    ],
  });
}

/** Renders blocks, appending to `out`; `lead` puts a sub-clause number (and anchor) before the first paragraph. */
export function blocks(bs: readonly Block[], ctx: DocxContext, out: FileChild[], lead?: Lead): void {
  let pending = lead;
  // In a redline, the number leads the first paragraph of each draft: when the first paragraph was
  // replaced (one deleted, one inserted), both carry it, so accepting or rejecting keeps one.
  let baseLed = false;
  const rows: TableRow[] = [];
  for (const [i, b] of bs.entries()) {
    if (b.kind === "parallel") {
      // Consecutive parallel units share one two-column table.
      rows.push(parallelRow(b, ctx));
      if (bs[i + 1]?.kind !== "parallel") parallelTable(rows.splice(0), out);
      continue;
    }
    if (pending && b.kind !== "paragraph" && !baseLed) {
      // The number cannot lead a list or table; it stands on its own line before it.
      beginParagraph(ctx);
      const head = headOnly(pending, ctx);
      out.push(new Paragraph({ keepNext: true, ...markOptions(pending.change, ctx), ...(pending.placement ? { numbering: pending.placement } : {}), children: head }));
    }
    if (b.kind === "paragraph") {
      out.push(paragraph(b, ctx, pending));
      const after = bs[i + 1];
      if (pending && b.change === "delete" && !baseLed && after?.kind === "paragraph" && after.change === "insert") {
        baseLed = true;
        // The new draft's first paragraph is still to come: it gets the number too (no second anchor).
        pending = { ...pending, anchors: [] };
        continue;
      }
    } else if (b.kind === "list") list(b, ctx, out, ctx.lists.plan(b));
    else if (b.kind === "pageBreak") out.push(new Paragraph({ children: [new PageBreak()] }));
    else if (b.kind === "contents") for (const p of contents(b, ctx)) out.push(p);
    else if (b.columns.length > 0) {
      // A table without columns is skipped: Word rejects a row without cells.
      const change = wholeTableChange(b);
      if (change !== undefined && ctx.stream.lastMark === change && ctx.inCell === 0) {
        // A paragraph mark right before a table cannot go (there is nothing to join it with), so a
        // numbered heading that came or went with the table would stay behind, empty but numbered.
        // An empty paragraph with the same change stands between them and is what stays instead.
        beginParagraph(ctx);
        out.push(new Paragraph({ ...markOptions(change, ctx), children: [] }));
      }
      out.push(table(b, ctx));
      // Word merges adjacent tables, and text right under a table's border looks cramped.
      beginParagraph(ctx);
      out.push(new Paragraph({ spacing: { after: 0, line: 240 }, ...markOptions(wholeTableChange(b), ctx), children: [] }));
    }
    pending = undefined;
  }
  if (pending && !baseLed) {
    beginParagraph(ctx);
    const head = headOnly(pending, ctx);
    out.push(new Paragraph({ ...markOptions(pending.change, ctx), ...(pending.placement ? { numbering: pending.placement } : {}), children: head }));
  }
}

function headOnly(lead: Lead, ctx: DocxContext): ParagraphChild[] {
  let head: ParagraphChild[] = lead.number && !lead.placement ? text(lead.number, ctx, { bold: true }, lead.change) : [];
  for (const a of lead.anchors) head = bookmark(a, head, ctx);
  return head;
}

/** Space between the two columns of a parallel layout, in twips. */
const GUTTER = 240;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const CELL_WIDTH = Math.floor((CONTENT_WIDTH - GUTTER) / 2);
/** Width of the text in a cell of a parallel layout, in twips (both columns: each cell's margins take half a gutter, or one and a half). */
export const PARALLEL_TEXT_WIDTH = CELL_WIDTH - GUTTER / 2;

/** A table cell of the parallel layout; its blocks are laid out in the cell's width. */
function parallelCell(render: (out: FileChild[]) => void, ctx: DocxContext, side: 0 | 1): TableCell {
  const width = ctx.width;
  ctx.width = PARALLEL_TEXT_WIDTH;
  ctx.inCell++;
  const children: FileChild[] = [];
  render(children);
  ctx.inCell--;
  ctx.width = width;
  // A cell needs a paragraph, and Word wants one after a nested table.
  if (children.length === 0 || !(children[children.length - 1] instanceof Paragraph)) children.push(new Paragraph({ children: [] }));
  return new TableCell({
    width: { size: CELL_WIDTH + (side === 0 ? 0 : GUTTER), type: WidthType.DXA },
    margins: side === 0 ? { left: 0, right: GUTTER / 2, top: 0, bottom: 0 } : { left: GUTTER / 2 + GUTTER, right: 0, top: 0, bottom: 0 },
    children: children as (Paragraph | Table)[],
  });
}

/** One aligned unit: the same block in two languages, side by side (a tracked row when the unit is inserted or deleted). */
function parallelRow(unit: Pick<Parallel, "cells" | "change">, ctx: DocxContext): TableRow {
  const { cells } = unit;
  return new TableRow({ ...rowMark(unit.change, ctx), children: [parallelCell((o) => blocks([cells[0]], ctx, o), ctx, 0), parallelCell((o) => blocks([cells[1]], ctx, o), ctx, 1)] });
}

/** A heading's runs: its label or number (unmarked unless the whole heading changed), then its title, with a redline's changes. */
function headingRuns(label: string | readonly Run[], title: string | undefined, titleRuns: readonly Run[] | undefined, change: Change | undefined): Run[] {
  const rest: readonly Run[] = titleRuns ?? (title ? [{ type: "text", text: title }] : []);
  // A renumbered label written as text: its tracked change, then the title.
  if (typeof label !== "string") return [...label, ...(rest.length > 0 ? [{ type: "text" as const, text: " " }] : []), ...rest];
  // An empty label: Word numbering draws it (a redline), followed by its own space.
  if (label === "") return rest.length > 0 ? plainWhenUnchanged([...rest]) : [];
  const lead = rest.length > 0 ? `${label} ` : label;
  return plainWhenUnchanged([{ type: "text", text: lead, ...(change ? { change } : {}) }, ...rest]);
}

/** A heading's label: none when Word numbering draws it, its tracked change when renumbering changed it, else the text. */
function labelOf(owner: object, label: string, labelRuns: readonly Run[] | undefined, ctx: DocxContext): string | readonly Run[] {
  if (placed(owner, ctx)) return "";
  return labelRuns ?? label;
}

/** Runs without changes as one run, so a heading outside a redline is written exactly as it always was. */
function plainWhenUnchanged(rs: Run[]): Run[] {
  if (rs.some((r) => r.change !== undefined)) return rs;
  return [{ type: "text", text: rs.map((r) => r.text).join("") }];
}

/** The second-language heading's runs ("第九条 责任限制"); without the label when Word numbering draws it. */
function altRuns(alt: AltHeading, change: Change | undefined, ctx: DocxContext): Run[] {
  return headingRuns(labelOf(alt, alt.label, alt.labelRuns, ctx), alt.title, alt.titleRuns, change);
}

/** A heading row ("9. Liability | 第九条 责任限制"), never split and kept with the row after it. */
function headingRow(level: "1" | "2", left: { runs: readonly Run[]; anchor: string; numbering?: ListPlacement | undefined }, alt: AltHeading, ctx: DocxContext, change: Change | undefined): TableRow {
  const heading = level === "1" ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2;
  const mark = markOptions(change, ctx);
  const cell = (value: readonly Run[], anchor: string | undefined, side: 0 | 1, numbering: ListPlacement | undefined): TableCell =>
    parallelCell(
      (o) =>
        o.push(
          new Paragraph({
            heading,
            keepNext: true,
            alignment: AlignmentType.LEFT,
            ...mark,
            ...(numbering ? { numbering } : {}),
            children: anchor ? bookmark(anchor, runs(value, ctx), ctx) : runs(value, ctx),
          }),
        ),
      ctx,
      side,
    );
  return new TableRow({ cantSplit: true, ...rowMark(change, ctx), children: [cell(left.runs, left.anchor, 0, left.numbering), cell(altRuns(alt, change, ctx), alt.anchor, 1, placed(alt, ctx))] });
}

/** A borderless two-column table of parallel rows. */
function parallelTable(rows: TableRow[], out: FileChild[]): void {
  if (rows.length === 0) return;
  out.push(
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: [CELL_WIDTH, CONTENT_WIDTH - CELL_WIDTH],
      layout: TableLayoutType.FIXED,
      borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
      rows,
    }),
  );
  out.push(new Paragraph({ spacing: { after: 0, line: 240 }, children: [] }));
}

/** A clause of a parallel document: one two-column table, heading rows beside each other. */
function parallelClause(c: Clause, alt: AltHeading, ctx: DocxContext, out: FileChild[]): void {
  const rows: TableRow[] = [
    headingRow("1", { runs: headingRuns(labelOf(c, c.label, undefined, ctx), c.title, c.titleRuns, c.change), anchor: c.anchor, numbering: placed(c, ctx) }, alt, ctx, c.change),
  ];
  const body = (bs: readonly Block[]): void => {
    for (const b of bs) {
      if (b.kind === "parallel") rows.push(parallelRow(b, ctx));
      else {
        // A full-width block (a wide table) splits the clause's two-column table around it.
        parallelTable(rows.splice(0), out);
        blocks([b], ctx, out);
      }
    }
  };
  body(c.blocks);
  for (const s of c.subclauses) {
    // An untitled sub-clause's numbers and anchor were put into its first row by the combine step.
    if (s.title !== undefined && s.title !== "")
      rows.push(
        headingRow(
          "2",
          { runs: headingRuns(labelOf(s, s.number, s.numberRuns, ctx), s.title, s.titleRuns, s.change), anchor: s.anchor, numbering: placed(s, ctx) },
          s.alt ?? { lang: alt.lang, label: s.number },
          ctx,
          s.change,
        ),
      );
    body(s.blocks);
  }
  parallelTable(rows, out);
}

/**
 * A heading's runs, and its translation on a line of its own under it
 * (interleaved layout): one heading paragraph, so Word's outline and
 * navigation pane list the clause once, and both lines take the heading's size.
 */
function headingWithAlt(primary: Run[], alt: AltHeading | undefined, change: Change | undefined): Run[] {
  if (!alt) return primary;
  // Word numbering draws one number per paragraph: the translation's label here stays text.
  return plainWhenUnchanged([...primary, { type: "text", text: "\n", ...(change ? { change } : {}) }, ...headingRuns(alt.labelRuns ?? alt.label, alt.title, alt.titleRuns, change)]);
}

/** Whether blocks hold a table (outside the parallel layout's two-column rows). */
function hasTable(bs: readonly Block[]): boolean {
  return bs.some((b) => b.kind === "table");
}

/**
 * Before a numbered heading inserted whole together with a table: an empty inserted paragraph.
 * LibreOffice's Reject All cannot join the paragraph before a table with anything, and the
 * paragraphs of the inserted part collapse into the first of them; without this one, that is the
 * heading, left behind empty but still numbered.
 */
function emptyBefore(change: Change | undefined, withTable: boolean, ctx: DocxContext, out: FileChild[]): void {
  if (change !== "insert" || !withTable || !ctx.revision) return;
  beginParagraph(ctx);
  out.push(new Paragraph({ ...markOptions(change, ctx), children: [] }));
}

function subclause(s: SubClause, ctx: DocxContext, out: FileChild[]): void {
  emptyBefore(s.change, hasTable(s.blocks), ctx, out);
  const numbering = placed(s, ctx);
  if (s.title !== undefined && s.title !== "") {
    beginParagraph(ctx);
    const heading = bookmark(s.anchor, runs(headingWithAlt(headingRuns(labelOf(s, s.number, s.numberRuns, ctx), s.title, s.titleRuns, s.change), s.alt, s.change), ctx), ctx);
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, ...markOptions(s.change, ctx), ...(numbering ? { numbering } : {}), children: heading }));
    blocks(s.blocks, ctx, out);
  } else if (s.alt) {
    // Interleaved: each language's number (and the anchor) already leads its first paragraph.
    blocks(s.blocks, ctx, out);
  } else {
    blocks(s.blocks, ctx, out, {
      number: s.number,
      anchors: [s.anchor],
      ...(s.numberRuns ? { numberRuns: s.numberRuns } : {}),
      ...(s.change ? { change: s.change } : {}),
      ...(numbering ? { placement: numbering } : {}),
    });
  }
}

/**
 * A numbered clause: a Heading 1 ("3. Limitation of Liability") with its
 * bookmark, its blocks, its sub-clauses. A schedule starts a new page. A
 * clause of a parallel bilingual document is a two-column table.
 */
export function clause(c: Clause, ctx: DocxContext, out: FileChild[], startsPage = false): void {
  ctx.where = `${startsPage ? "schedule" : "clause"} ${c.number} (${c.id})`;
  if (c.alt && !c.alt.below) {
    if (startsPage) out.push(new Paragraph({ children: [new PageBreak()] }));
    parallelClause(c, c.alt, ctx, out);
    return;
  }
  const numbering = placed(c, ctx);
  emptyBefore(c.change, hasTable(c.blocks) || c.subclauses.some((x) => hasTable(x.blocks)), ctx, out);
  beginParagraph(ctx);
  const heading = bookmark(c.anchor, runs(headingWithAlt(headingRuns(numbering ? "" : c.label, c.title, c.titleRuns, c.change), c.alt, c.change), ctx), ctx);
  out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: startsPage, ...markOptions(c.change, ctx), ...(numbering ? { numbering } : {}), children: heading }));
  blocks(c.blocks, ctx, out);
  for (const s of c.subclauses) subclause(s, ctx, out);
}
