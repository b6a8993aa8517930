import type { AltHeading, Block, Change, Clause, ContentBlock, List, ListItem, SubClause, TableRow } from "../model/types.js";
import { markRuns, plainRuns } from "./runs-diff.js";

// What came or went whole: the unit and every run in it carry the change. Used by the diff and by
// tests that build redline models by hand.

/** A block wholly inserted or deleted: the block and all its text carry the change. */
export function markBlock(b: Block, change: Change): Block {
  switch (b.kind) {
    case "paragraph":
      return { ...b, change, runs: markRuns(b.runs, change) };
    case "list":
      return markList(b, change);
    case "table":
      return { ...b, columns: b.columns.map((c) => ({ ...c, header: markRuns(c.header, change) })), rows: b.rows.map((r) => markRow(r, change)) };
    case "parallel":
      return { ...b, change, cells: [markBlock(b.cells[0], change) as ContentBlock, markBlock(b.cells[1], change) as ContentBlock] };
    default:
      // A page break or the contents has no text of its own to mark.
      return b;
  }
}

export function markList(l: List, change: Change): List {
  return { ...l, items: l.items.map((it) => markItem(it, change)) };
}

export function markItem(it: ListItem, change: Change): ListItem {
  return { ...it, change, runs: markRuns(it.runs, change), ...(it.children ? { children: markList(it.children, change) } : {}) };
}

export function markRow(r: TableRow, change: Change): TableRow {
  return { ...r, change, cells: r.cells.map((c) => markRuns(c, change)) };
}

function markAlt(alt: AltHeading | undefined, change: Change): { alt?: AltHeading } {
  return alt ? { alt: { ...alt, titleRuns: markRuns(plainRuns(alt.title ?? ""), change) } } : {};
}

export function markSub(s: SubClause, change: Change): SubClause {
  return { ...s, change, titleRuns: markRuns(plainRuns(s.title ?? ""), change), ...markAlt(s.alt, change), blocks: s.blocks.map((b) => markBlock(b, change)) };
}

export function markClause(c: Clause, change: Change): Clause {
  return {
    ...c,
    change,
    titleRuns: markRuns(plainRuns(c.title), change),
    ...markAlt(c.alt, change),
    blocks: c.blocks.map((b) => markBlock(b, change)),
    subclauses: c.subclauses.map((s) => markSub(s, change)),
  };
}
