import type { Block, Clause, DocumentModel, Run } from "../../src/model/types.js";

function runs(rs: readonly Run[]): string {
  return rs.map((r) => r.text).join("");
}

function blockText(b: Block): string {
  switch (b.kind) {
    case "paragraph":
      return b.number === undefined ? runs(b.runs) : `${b.number} ${runs(b.runs)}`;
    case "list":
      return b.items.flatMap((i) => [`${i.label} ${runs(i.runs)}`, ...(i.children ? [blockText(i.children)] : [])]).join("\n");
    case "table":
      return [b.columns.map((c) => runs(c.header)).join(" | "), ...b.rows.map((r) => r.cells.map(runs).join(" | "))].join("\n");
    case "contents":
      return "";
    case "parallel":
      return b.cells.map(blockText).join("\n");
    default:
      return "";
  }
}

/** The text of one clause: its heading, blocks and sub-clauses, one block per line, list labels and numbers included. */
export function clauseText(c: Clause): string {
  return [`${c.label} ${c.title}`, ...c.blocks.map(blockText), ...c.subclauses.flatMap((s) => [`${s.number} ${s.title ?? ""}`, ...s.blocks.map(blockText)])].join("\n");
}

/**
 * The text of a document model in named parts, keyed "<lang>:<part>": "front"
 * (title block, order form, parties, recitals; the contents list is left out
 * because titles repeat there), one part per clause and schedule id, and
 * "signatures" (shared by both languages, keyed "*:signatures"). A sequential
 * bilingual model gives both languages' parts. Tests compare parts to see
 * where a change in the deal landed.
 */
export function modelParts(model: DocumentModel): Map<string, string> {
  const parts = new Map<string, string>();
  const primary = model.meta.lang;
  parts.set(`${primary}:front`, model.front.map(blockText).join("\n"));
  const second = model.continuation;
  if (second) parts.set(`${second.lang}:front`, second.front.map(blockText).join("\n"));
  for (const c of [...model.clauses, ...(second?.clauses ?? []), ...model.schedules]) {
    const lang = second && c.anchor.endsWith(`-${second.lang}`) ? second.lang : primary;
    parts.set(`${lang}:${c.id}`, clauseText(c));
  }
  const s = model.signatures;
  parts.set("*:signatures", [s.heading, runs(s.intro), s.noFurtherText ?? "", ...s.parties.flatMap((p) => [p.role, p.name, ...p.lines.map((l) => `${l.label} ${l.value ?? ""}`)])].join("\n"));
  return parts;
}
