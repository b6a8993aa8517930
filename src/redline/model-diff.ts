import type {
  AltHeading,
  Block,
  Clause,
  ContentBlock,
  DocumentModel,
  List,
  ListItem,
  Paragraph,
  Parallel,
  Run,
  SignatureLine,
  SignaturePage,
  SignatureParty,
  SubClause,
  Table,
  TableRow,
} from "../model/types.js";
import { align, type Aligned } from "./align.js";
import { blockText, clauseText, subclauseText } from "./block-text.js";
import { markBlock, markClause, markItem, markList, markRow, markSub } from "./mark.js";
import { diffRuns, markRuns, plainRuns } from "./runs-diff.js";
import { similarity } from "./tokens.js";

/**
 * Below this similarity two blocks are shown as one deleted and one inserted, not as a word diff.
 * A sentence with an amount or a period changed scores above 0.8; a paragraph rewritten for
 * another governing law or regime scores below 0.3.
 */
export const PAIR_SIMILARITY = 0.45;

/** State of one comparison: a cache of word sets, so pairing leftover blocks stays cheap. */
class Differ {
  private readonly words = new Map<string, ReadonlySet<string>>();

  similar(a: string, b: string): boolean {
    return similarity(a, b, this.words) >= PAIR_SIMILARITY;
  }

  blocks(base: readonly Block[], next: readonly Block[]): Block[] {
    const out: Block[] = [];
    const aligned = align(base, next, {
      key: blockText,
      similar: (a, b) => a.kind === b.kind && a.kind !== "pageBreak" && a.kind !== "contents" && this.similar(blockText(a), blockText(b)),
    });
    for (const x of aligned) {
      if (x.kind === "delete") out.push(markBlock(x.base, "delete"));
      else if (x.kind === "insert") out.push(markBlock(x.next, "insert"));
      else out.push(this.block(x.base, x.next));
    }
    return out;
  }

  private block(base: Block, next: Block): Block {
    if (blockText(base) === blockText(next) && numberOf(base) === numberOf(next)) return next;
    if (base.kind === "paragraph" && next.kind === "paragraph") return this.paragraph(base, next);
    if (base.kind === "list" && next.kind === "list") return this.list(base, next);
    if (base.kind === "table" && next.kind === "table") return this.table(base, next);
    if (base.kind === "parallel" && next.kind === "parallel") return this.parallel(base, next);
    return next;
  }

  private paragraph(base: Paragraph, next: Paragraph): Paragraph {
    return { ...next, runs: diffRuns(base.runs, next.runs), ...numberRuns(base.number, next.number) };
  }

  private contentBlock(base: ContentBlock, next: ContentBlock): ContentBlock {
    if (base.kind !== next.kind) return next;
    return this.block(base, next) as ContentBlock;
  }

  private parallel(base: Parallel, next: Parallel): Parallel {
    const [b0, b1] = base.cells;
    const [n0, n1] = next.cells;
    if (b0.kind !== n0.kind || b1.kind !== n1.kind) return next;
    return { ...next, cells: [this.contentBlock(b0, n0), this.contentBlock(b1, n1)] };
  }

  private list(base: List, next: List): List {
    const itemText = (it: ListItem): string => blockText({ kind: "list", style: "bullet", depth: 0, items: [it] });
    const items: ListItem[] = [];
    for (const x of align(base.items, next.items, { key: itemText, similar: (a, b) => this.similar(itemText(a), itemText(b)) })) {
      if (x.kind === "delete") items.push(markItem(x.base, "delete"));
      else if (x.kind === "insert") items.push(markItem(x.next, "insert"));
      else items.push(this.item(x.base, x.next));
    }
    return { ...next, items };
  }

  private item(base: ListItem, next: ListItem): ListItem {
    const runs = diffRuns(base.runs, next.runs);
    let children: List | undefined = next.children;
    if (base.children && next.children) children = this.list(base.children, next.children);
    else if (base.children) children = markList(base.children, "delete");
    else if (next.children) children = markList(next.children, "insert");
    const { children: _c, ...rest } = next;
    return children ? { ...rest, runs, children } : { ...rest, runs };
  }

  private table(base: Table, next: Table): Table {
    // Another set of columns is another table: the old one goes, the new one comes.
    if (base.columns.length !== next.columns.length) return next;
    const columns = next.columns.map((c, i) => ({ ...c, header: diffRuns(base.columns[i]?.header ?? [], c.header) }));
    const rowText = (r: TableRow): string => r.cells.map((c) => c.map((x) => x.text).join("")).join("\t");
    const rows: TableRow[] = [];
    for (const x of align(base.rows, next.rows, { key: rowText, similar: (a, b) => this.similar(rowText(a), rowText(b)) })) {
      if (x.kind === "delete") rows.push(markRow(x.base, "delete"));
      else if (x.kind === "insert") rows.push(markRow(x.next, "insert"));
      else rows.push({ ...x.next, cells: x.next.cells.map((c, i) => diffRuns(x.base.cells[i] ?? [], c)) });
    }
    return { ...next, columns, rows };
  }

  clauses(base: readonly Clause[], next: readonly Clause[]): Clause[] {
    const out: Clause[] = [];
    // Clauses are the same clause by catalogue id, whatever their number or wording.
    for (const x of align(base, next, { key: (c) => c.id, similar: () => false })) {
      if (x.kind === "delete") out.push(markClause(x.base, "delete"));
      else if (x.kind === "insert") out.push(markClause(x.next, "insert"));
      else out.push(this.clause(x.base, x.next));
    }
    return out;
  }

  private clause(base: Clause, next: Clause): Clause {
    if (clauseText(base) === clauseText(next) && altTitle(base.alt) === altTitle(next.alt) && numbersOf(base) === numbersOf(next)) return next;
    const subs: SubClause[] = [];
    const key = (s: SubClause): string => (s.id !== undefined ? `id:${s.id}` : s.title ? `title:${s.title}` : `text:${subclauseText(s)}`);
    for (const x of align(base.subclauses, next.subclauses, { key, similar: (a, b) => a.id === undefined && b.id === undefined && this.similar(subclauseText(a), subclauseText(b)) })) {
      if (x.kind === "delete") subs.push(markSub(x.base, "delete"));
      else if (x.kind === "insert") subs.push(markSub(x.next, "insert"));
      else subs.push(this.subclause(x.base, x.next));
    }
    return {
      ...next,
      ...titleRuns(base.title, next.title),
      ...altOf(base.alt, next.alt),
      blocks: this.blocks(base.blocks, next.blocks),
      subclauses: subs,
    };
  }

  private subclause(base: SubClause, next: SubClause): SubClause {
    if (subclauseText(base) === subclauseText(next) && altTitle(base.alt) === altTitle(next.alt) && subNumbers(base) === subNumbers(next)) return next;
    return {
      ...next,
      ...titleRuns(base.title ?? "", next.title ?? ""),
      ...(base.number !== next.number ? { numberRuns: diffRuns(plainRuns(base.number), plainRuns(next.number)) } : {}),
      ...altOf(base.alt, next.alt),
      blocks: this.blocks(base.blocks, next.blocks),
    };
  }

  signatures(base: SignaturePage, next: SignaturePage): SignaturePage {
    const parties = next.parties.map((p, i): SignatureParty => {
      const b = base.parties[i];
      if (!b) return { ...p, nameRuns: markRuns(plainRuns(p.name), "insert"), lines: p.lines.map((l) => lineRuns(undefined, l)) };
      return { ...p, ...(b.name !== p.name ? { nameRuns: diffRuns(plainRuns(b.name), plainRuns(p.name)) } : {}), lines: p.lines.map((l, k) => lineRuns(b.lines[k], l)) };
    });
    return { ...next, intro: diffRuns(base.intro, next.intro), parties };
  }
}

function lineRuns(base: SignatureLine | undefined, next: SignatureLine): SignatureLine {
  const old = base?.value ?? "";
  const now = next.value ?? "";
  if (old === now) return next;
  return { ...next, valueRuns: diffRuns(plainRuns(old), plainRuns(now)) };
}

function altTitle(alt: AltHeading | undefined): string {
  return alt?.title ?? "";
}

function titleRuns(base: string, next: string): { titleRuns?: readonly Run[] } {
  return base === next ? {} : { titleRuns: diffRuns(plainRuns(base), plainRuns(next)) };
}

function altOf(base: AltHeading | undefined, next: AltHeading | undefined): { alt?: AltHeading } {
  if (!next) return {};
  if (!base || (altTitle(base) === altTitle(next) && base.label === next.label)) return { alt: next };
  return { alt: { ...next, ...titleRuns(altTitle(base), altTitle(next)), ...(base.label !== next.label ? { labelRuns: diffRuns(plainRuns(base.label), plainRuns(next.label)) } : {}) } };
}

/**
 * A number that renumbering changed, as a deletion and an insertion: where Word numbering cannot
 * draw it (LibreOffice ignores Word's legal numbering, so "5.1" under "第五条" would read "五.1"),
 * the DOCX writes the number as text, and accepting or rejecting must leave the right one.
 */
function numberRuns(base: string | undefined, next: string | undefined): { numberRuns?: readonly Run[] } {
  if (base === undefined || next === undefined || base === next) return {};
  return { numberRuns: diffRuns(plainRuns(base), plainRuns(next)) };
}

/** The number a block shows, if it is a numbered paragraph (or a parallel unit of them). */
function numberOf(b: Block): string {
  if (b.kind === "paragraph") return b.number ?? "";
  if (b.kind === "parallel") return `${numberOf(b.cells[0])}\u0001${numberOf(b.cells[1])}`;
  return "";
}

/** The numbers and labels of a sub-clause (its own, its translation's, its paragraphs'). */
function subNumbers(s: SubClause): string {
  return [s.number, s.alt?.label ?? "", ...s.blocks.map(numberOf)].join("\u0001");
}

/** The numbers and labels of a clause and its sub-clauses. */
function numbersOf(c: Clause): string {
  return [c.label, c.alt?.label ?? "", ...c.blocks.map(numberOf), ...c.subclauses.map(subNumbers)].join("\u0002");
}

/**
 * The redline of two drafts as one document model: the new draft, with what differs from the base
 * draft marked. Clauses and schedules align by catalogue id, sub-clauses by id (else title, else
 * text), blocks, list items and table rows by text with similar leftovers compared word by word.
 * Numbers, labels and the contents are the new draft's: renumbering is not a change. Pure.
 */
export function diffModels(base: DocumentModel, next: DocumentModel): DocumentModel {
  const d = new Differ();
  const continuation =
    next.continuation && base.continuation
      ? { continuation: { ...next.continuation, front: d.blocks(base.continuation.front, next.continuation.front), clauses: d.clauses(base.continuation.clauses, next.continuation.clauses) } }
      : next.continuation
        ? { continuation: next.continuation }
        : {};
  return {
    ...next,
    front: d.blocks(base.front, next.front),
    clauses: d.clauses(base.clauses, next.clauses),
    ...continuation,
    signatures: d.signatures(base.signatures, next.signatures),
    schedules: d.clauses(base.schedules, next.schedules),
  };
}

export type { Aligned };
