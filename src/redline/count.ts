import type { AltHeading, Block, Change, Clause, DocumentModel, List, Run, SignaturePage, SubClause, Table } from "../model/types.js";

/**
 * A redline as Word and LibreOffice see its tracked changes: runs, paragraph marks and the
 * boundaries of table cells, in the order the DOCX writes them. Adjacent pieces of the same kind
 * of change (text, then its paragraph's mark, then the next paragraph's text) are one change to
 * them, as they are to a reader: a deleted clause is one deletion.
 */
/** Whether Word numbering draws the number of a heading, sub-clause or paragraph (then its number runs are not written). */
export type NumberedBy = (owner: object) => boolean;

class Stream {
  constructor(readonly numbered: NumberedBy = () => false) {}

  changes = 0;
  /**
   * Changes that only renumber: a cross-reference or a number deleted and the same reference (same
   * target) or number inserted right after it, because a clause before it came or went.
   */
  references = 0;
  private open: Change | undefined;
  /** What the open change is made of: one reference target or "#" for numbers, "" for anything else. */
  private only: string | undefined;
  /** The last closed change, when it was a deletion made of one reference target or numbers. */
  private lastDeleted: string | undefined;

  /** Debugging aid: the text of each change, when set. @internal */
  log?: string[];

  /** A run; `kind` is its reference's target, "#" for a number, "" for other text. */
  run(change: Change | undefined, kind = "", text = ""): void {
    if (change !== undefined && change === this.open && this.log) this.log[this.log.length - 1] += text;
    if (change !== undefined && change !== this.open) {
      this.log?.push(`${change}:${text}`);
      this.close();
      this.changes++;
      this.only = kind;
    } else if (change !== undefined && this.only !== kind) this.only = "";
    if (change === undefined) this.close();
    this.open = change;
  }

  private close(): void {
    if (this.open === "insert" && this.only && this.only === this.lastDeleted) this.references += 2;
    this.lastDeleted = this.open === "delete" && this.only ? this.only : undefined;
    this.only = undefined;
  }

  /** Ends the stream: the last change is counted. */
  end(): this {
    this.close();
    this.open = undefined;
    return this;
  }

  /** The document's layout is parallel (two-column tables). */
  parallel = false;

  /** Inside a table cell: paragraph marks there are not tracked (a whole cell comes and goes with its row). */
  inCell = false;

  /** A paragraph mark: tracked when the whole paragraph is inserted or deleted. */
  mark(change: Change | undefined): void {
    this.run(change);
  }

  /** Leaving or entering a table cell ends any change. */
  cell(): void {
    this.close();
    this.open = undefined;
  }

  /** Entering a table: the change before it ends. */
  tableStart(): void {
    this.cell();
  }
}

/** The change every run of these cells carries, when they all carry the same one (a header row inserted whole). */
export function wholeCellsChange(cells: readonly (readonly Run[])[]): Change | undefined {
  const first = cells[0]?.[0]?.change;
  if (first === undefined) return undefined;
  return cells.every((c) => c.length > 0 && c.every((r) => r.change === first)) ? first : undefined;
}

/** The change of a table inserted or deleted whole: every header run and every row carry it. */
export function wholeTableChange(t: Table): Change | undefined {
  const header = wholeCellsChange(t.columns.map((c) => c.header));
  return header !== undefined && t.rows.every((r) => r.change === header) ? header : undefined;
}

function runs(s: Stream, rs: readonly Run[], number = false): void {
  for (const r of rs) if (r.text !== "") s.run(r.change, number ? "#" : r.type === "ref" ? `ref:${r.target}` : "", r.text);
}

/**
 * The change each list item's paragraph mark carries in the DOCX. In a table cell the last
 * paragraph's mark is the cell's end, which LibreOffice cannot remove: items added or removed at
 * the end of a list in a cell track the mark before them instead, as Word does.
 */
export function listItemMarks(l: List, inCell: boolean): (Change | undefined)[] {
  const marks = l.items.map((i) => i.change);
  const lastIndex = l.items.length - 1;
  const last = l.items[lastIndex];
  if (!inCell || !last?.change || last.children) return marks;
  let k = lastIndex;
  while (k > 0 && l.items[k - 1]?.change === last.change) k--;
  if (k === 0 || l.items[k - 1]?.change !== undefined) return marks;
  marks[k - 1] = last.change;
  marks[lastIndex] = undefined;
  return marks;
}

function list(s: Stream, l: List): void {
  const marks = listItemMarks(l, s.inCell);
  for (const [i, it] of l.items.entries()) {
    runs(s, it.runs);
    s.mark(marks[i]);
    if (it.children) list(s, it.children);
  }
}

function blocks(s: Stream, bs: readonly Block[]): void {
  for (const b of bs) {
    switch (b.kind) {
      case "paragraph":
        if (b.numberRuns && !s.numbered(b)) runs(s, b.numberRuns, true);
        runs(s, b.runs);
        // In a cell the paragraph is the cell's content: its mark is not tracked.
        s.mark(s.inCell ? undefined : b.change);
        break;
      case "list":
        list(s, b);
        break;
      case "table":
        s.tableStart();
        for (const [i, c] of b.columns.entries()) {
          if (i > 0) s.cell();
          runs(s, c.header);
        }
        for (const r of b.rows)
          for (const c of r.cells) {
            s.cell();
            runs(s, c);
          }
        {
          // The paragraph after a table is tracked with the table when the whole table came or
          // went, and LibreOffice runs its mark on from the table's last cell.
          // In a parallel document such a table stands between two of the layout's tables, and
          // LibreOffice counts that paragraph with the table's last cell (measured with LibreOffice 7.4).
          const whole = wholeTableChange(b);
          if (whole === undefined || !s.parallel) s.cell();
          s.mark(whole);
        }
        break;
      case "parallel":
        for (const [i, c] of b.cells.entries()) {
          if (i === 0) s.tableStart();
          else s.cell();
          s.inCell = true;
          blocks(s, [c]);
          s.inCell = false;
        }
        s.cell();
        break;
      default:
        break;
    }
  }
}

function heading(s: Stream, change: Change | undefined, title: readonly Run[] | undefined, alt: AltHeading | undefined, label?: readonly Run[]): void {
  const parallel = alt !== undefined && alt.below !== true;
  // A parallel heading is a row of two cells, one per language.
  if (parallel) s.tableStart();
  if (change !== undefined) s.run(change);
  if (label) runs(s, label, true);
  if (title) runs(s, title);
  if (parallel) s.cell();
  if (parallel && change !== undefined) s.run(change);
  if (alt?.labelRuns && !s.numbered(alt)) runs(s, alt.labelRuns, true);
  if (alt?.titleRuns) runs(s, alt.titleRuns);
  if (parallel) s.cell();
  else s.mark(change);
}

function subclause(s: Stream, sc: SubClause): void {
  const number = sc.numberRuns && !s.numbered(sc) ? sc.numberRuns : undefined;
  if (sc.title) heading(s, sc.change, sc.titleRuns, sc.alt, number);
  else if (number && !sc.alt) runs(s, number, true);
  blocks(s, sc.blocks);
}

function clause(s: Stream, c: Clause): void {
  heading(s, c.change, c.titleRuns, c.alt);
  blocks(s, c.blocks);
  for (const sc of c.subclauses) subclause(s, sc);
}

function signatures(s: Stream, page: SignaturePage): void {
  runs(s, page.intro);
  s.mark(undefined);
  for (const p of page.parties) {
    s.cell();
    if (p.nameRuns) runs(s, p.nameRuns);
    for (const l of p.lines) {
      if (l.valueRuns) runs(s, l.valueRuns);
      s.mark(undefined);
    }
  }
  s.cell();
}

/**
 * The tracked changes of a redline model, counted as Word and LibreOffice count them. `numbered`
 * says which numbers the DOCX draws with Word numbering (their renumbering is then no change).
 */
export function countChanges(model: DocumentModel, numbered?: NumberedBy): number {
  return walk(model, numbered).changes;
}

/**
 * The text of each change, as LibreOffice lists them (`insert:…` / `delete:…`): for tracking down
 * a difference between this count and LibreOffice's. @internal
 */
export function changeTexts(model: DocumentModel, numbered?: NumberedBy): string[] {
  const log: string[] = [];
  walk(model, numbered, log);
  return log;
}

function walk(model: DocumentModel, numbered: NumberedBy | undefined, log?: string[]): Stream {
  const s = new Stream(numbered);
  s.parallel = model.meta.bilingual?.layout === "parallel";
  if (log) s.log = log;
  blocks(s, model.front);
  for (const c of model.clauses) clause(s, c);
  if (model.continuation) {
    blocks(s, model.continuation.front);
    for (const c of model.continuation.clauses) clause(s, c);
  }
  signatures(s, model.signatures);
  for (const c of model.schedules) clause(s, c);
  return s.end();
}

/** Tracked changes in a part of a redline, and how many of them only renumber a cross-reference. */
export interface ChangeCount {
  readonly changes: number;
  readonly references: number;
}

function counted(s: Stream): ChangeCount {
  s.end();
  return { changes: s.changes, references: s.references };
}

/** The tracked changes inside one clause (or schedule), for the deviation report. */
export function countClauseChanges(c: Clause, numbered?: NumberedBy, parallel = false): ChangeCount {
  const s = new Stream(numbered);
  s.parallel = parallel;
  clause(s, c);
  return counted(s);
}

/** The tracked changes in some blocks (the front matter). */
export function countBlockChanges(bs: readonly Block[], numbered?: NumberedBy, parallel = false): ChangeCount {
  const s = new Stream(numbered);
  s.parallel = parallel;
  blocks(s, bs);
  return counted(s);
}

/** The tracked changes on the signature page. */
export function countSignatureChanges(page: SignaturePage): ChangeCount {
  const s = new Stream();
  signatures(s, page);
  return counted(s);
}
