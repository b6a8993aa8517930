import type { Block, Clause, List, SubClause } from "../model/types.js";

// Texts of model parts, used as alignment keys and for similarity. Labels and numbers are left out
// on purpose: an item renumbered because another was added is the same item.

const memo = new WeakMap<object, string>();

function cached(o: object, f: () => string): string {
  let s = memo.get(o);
  if (s === undefined) {
    s = f();
    memo.set(o, s);
  }
  return s;
}

function runs(rs: readonly { readonly text: string }[]): string {
  let s = "";
  for (const r of rs) s += r.text;
  return s;
}

function listText(l: List): string {
  return l.items.map((it) => runs(it.runs) + (it.children ? `\n${listText(it.children)}` : "")).join("\n");
}

/** The text of a block, without labels; the kind leads it, so a paragraph never equals a table. */
export function blockText(b: Block): string {
  return cached(b, () => {
    switch (b.kind) {
      case "paragraph":
        return `p\u0001${runs(b.runs)}`;
      case "list":
        return `l\u0001${listText(b)}`;
      case "table":
        return `t\u0001${b.columns.map((c) => runs(c.header)).join("\t")}\n${b.rows.map((r) => r.cells.map(runs).join("\t")).join("\n")}`;
      case "parallel":
        return `=\u0001${blockText(b.cells[0])}\u0002${blockText(b.cells[1])}`;
      case "pageBreak":
        return "\f";
      case "contents":
        // The contents follow the clauses; they are never a change of their own.
        return "contents";
    }
  });
}

/** The text of blocks, one per line. */
export function blocksText(bs: readonly Block[]): string {
  return bs.map(blockText).join("\n");
}

/** The text of a sub-clause: its title and blocks. */
export function subclauseText(s: SubClause): string {
  return cached(s, () => `${s.title ?? ""}\n${blocksText(s.blocks)}`);
}

/** The text of a clause: title, blocks and sub-clauses. */
export function clauseText(c: Clause): string {
  return cached(c, () => `${c.title}\n${blocksText(c.blocks)}\n${c.subclauses.map(subclauseText).join("\n")}`);
}
