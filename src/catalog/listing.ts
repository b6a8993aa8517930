import type { Catalog } from "./catalog.js";

/** One clause of a catalogue as `clausewright clauses --json` lists it. */
export interface ClauseListing {
  readonly id: string;
  readonly category: string;
  readonly titles: { readonly en?: string; readonly zh?: string };
  /** Variant ids; ["default"] for a clause without variants. */
  readonly variants: readonly string[];
  /** The deal paths the clause reads (its `reads`). */
  readonly variables: readonly string[];
  /** Name of the pack the clause comes from. */
  readonly pack: string;
}

/** Lists a catalogue's clauses, in the order of its first agreement layout and then by id. */
export function listClauses(catalog: Catalog): ClauseListing[] {
  const layout = catalog.agreements.values().next().value;
  const order = new Map((layout?.clauses ?? []).map((id, i) => [id, i]));
  return [...catalog.clauses.values()]
    .sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => ({
      id: c.id,
      category: c.category,
      titles: { ...(c.titles.en ? { en: c.titles.en } : {}), ...(c.titles.zh ? { zh: c.titles.zh } : {}) },
      variants: c.variants.map((v) => v.id),
      variables: [...c.reads],
      pack: c.pack,
    }));
}

/** The listing as a plain-text table for a terminal. */
export function formatClauseTable(list: readonly ClauseListing[]): string {
  const rows = [["ID", "CATEGORY", "VARIANTS", "TITLE (EN)", "TITLE (ZH)"], ...list.map((c) => [c.id, c.category, c.variants.join(","), c.titles.en ?? "", c.titles.zh ?? ""])];
  // reduce, not Math.max(...rows): a catalogue may list more clauses than a call has room for arguments.
  const widths = rows[0]?.map((_, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? "").length), 0)) ?? [];
  return `${rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")).join("\n")}\n`;
}
