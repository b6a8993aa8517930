import type { Catalog } from "../catalog/catalog.js";
import type { DraftResultBase } from "../draft.js";
import type { Problem } from "../errors/problem.js";
import { formatPath } from "../errors/problem.js";
import type { Clause, DocumentModel, Lang } from "../model/types.js";
import { countBlockChanges, countChanges, countClauseChanges, countSignatureChanges, type ChangeCount, type NumberedBy } from "./count.js";
import { dealDifferences, type FieldDifference } from "./fields-diff.js";

/** What became of a clause between the base and the new draft. */
export type ClauseStatus = "unchanged" | "changed" | "added" | "removed";

/** One clause (or the front matter, the signature page, a schedule) in a {@link DeviationReport}. */
export interface ClauseDeviation {
  /** Catalogue id; "front" for the front matter, "signatures" for the signature page. */
  readonly id: string;
  /** Its label in the new draft ("9.", "第九条", "Schedule 1"); a removed clause's label in the base draft. */
  readonly label: string;
  readonly title: string;
  /** Bilingual drafts: the label and title in the second language. */
  readonly labelAlt?: string;
  readonly titleAlt?: string;
  readonly status: ClauseStatus;
  /** Tracked changes inside it. */
  readonly changes: number;
  /** Of those, changes that only renumber a cross-reference (a clause before its target came or went). */
  readonly references: number;
}

/** A deal value that differs, and the clauses it changed. */
export interface FieldDeviation extends FieldDifference {
  /**
   * Ids of the changed clauses that read this value (declared `reads`, or printed it); when only
   * this value differs, every changed clause (a clause that came or went because of it included).
   */
  readonly clauses: readonly string[];
}

/** A check finding, as the report lists it. */
export interface FindingSummary {
  readonly code: string;
  readonly severity: string;
  readonly path?: string;
  readonly message: string;
  readonly messageZh?: string;
}

/**
 * What a redline changed, for a lawyer's cover note and for programs: clause by clause, value by
 * value, and the check findings this round brings or clears.
 */
export interface DeviationReport {
  /** What the draft was compared with: "standard", or the base deal's name. */
  readonly base: string;
  readonly reference: { readonly base: string; readonly deal: string };
  readonly lang: Lang;
  /** Every language of the document, primary first. */
  readonly langs: readonly Lang[];
  /** Tracked changes in the redline, as Word and LibreOffice count them. */
  readonly changes: number;
  readonly clauses: readonly ClauseDeviation[];
  readonly fields: readonly FieldDeviation[];
  readonly findings: { readonly new: readonly FindingSummary[]; readonly resolved: readonly FindingSummary[] };
}

function statusOf(c: Clause, changes: number): ClauseStatus {
  if (c.change === "insert") return "added";
  if (c.change === "delete") return "removed";
  return changes > 0 ? "changed" : "unchanged";
}

function clauseRow(c: Clause, numbered: NumberedBy | undefined, parallel: boolean): ClauseDeviation {
  const { changes, references } = countClauseChanges(c, numbered, parallel);
  return {
    id: c.id,
    label: c.label,
    title: c.title,
    ...(c.alt ? { labelAlt: c.alt.label } : {}),
    ...(c.alt?.title ? { titleAlt: c.alt.title } : {}),
    status: statusOf(c, changes),
    changes,
    references,
  };
}

function part(id: string, title: string, count: ChangeCount): ClauseDeviation {
  return { id, label: "", title, status: count.changes > 0 ? "changed" : "unchanged", ...count };
}

function sum(counts: readonly ChangeCount[]): ChangeCount {
  return { changes: counts.reduce((n, c) => n + c.changes, 0), references: counts.reduce((n, c) => n + c.references, 0) };
}

function summary(p: Problem): FindingSummary {
  const path = formatPath(p.path);
  return { code: p.code, severity: p.severity, ...(path ? { path } : {}), message: p.message, ...(p.messageZh ? { messageZh: p.messageZh } : {}) };
}

const findingKey = (p: Problem): string => `${p.code}\u0000${formatPath(p.path)}\u0000${p.clause ?? ""}`;

/** Whether two data paths overlap: one is the other or lies under it ("fees.lines" and "fees.lines[2].unitPrice"). */
function overlaps(a: string, b: string): boolean {
  const under = (x: string, y: string): boolean => x === y || x.startsWith(`${y}.`) || x.startsWith(`${y}[`);
  return under(a, b) || under(b, a);
}

/**
 * Ids of clauses that read a value at `path` or around it: the paths a clause declares under
 * `reads` (its templates can read nothing else, `pack check` makes sure), and the values it printed.
 */
function readersOf(catalog: Catalog, draft: DraftResultBase, path: string): Set<string> {
  const ids = new Set<string>();
  for (const c of draft.assembly.clauses) {
    const reads = catalog.clauses.get(c.id)?.reads ?? [];
    if (reads.some((r) => overlaps(r, path)) || c.printed.some((p) => overlaps(p.path, path))) ids.add(c.id);
  }
  return ids;
}

/**
 * The deviation report of a redline: `model` is the redline (see `diffModels`), `base` and `next`
 * the two drafts it was made from. Pure.
 */
export function deviationReport(model: DocumentModel, base: DraftResultBase, next: DraftResultBase, baseName: string, catalog: Catalog, numbered?: NumberedBy): DeviationReport {
  const parallel = model.meta.bilingual?.layout === "parallel";
  const clauses: ClauseDeviation[] = [
    part("front", model.meta.title, countBlockChanges(model.front, numbered, parallel)),
    ...model.clauses.map((c) => clauseRow(c, numbered, parallel)),
    ...(model.continuation
      ? [part("continuation", model.continuation.lang, sum([countBlockChanges(model.continuation.front, numbered), ...model.continuation.clauses.map((c) => countClauseChanges(c, numbered))]))]
      : []),
    part("signatures", model.signatures.heading, countSignatureChanges(model.signatures)),
    ...model.schedules.map((c) => clauseRow(c, numbered, parallel)),
  ];
  const changed = clauses.filter((c) => c.status !== "unchanged").map((c) => c.id);
  const diffs = dealDifferences(base.deal, next.deal);
  const fields = diffs.map((d): FieldDeviation => {
    if (diffs.length === 1) return { ...d, clauses: changed };
    const readers = new Set([...readersOf(catalog, base, d.path), ...readersOf(catalog, next, d.path)]);
    return { ...d, clauses: changed.filter((id) => readers.has(id)) };
  });
  const before = new Set(base.warnings.map(findingKey));
  const after = new Set(next.warnings.map(findingKey));
  return {
    base: baseName,
    reference: { base: base.deal.agreement.reference, deal: next.deal.agreement.reference },
    lang: model.meta.lang,
    langs: model.meta.bilingual ? model.meta.bilingual.langs : [model.meta.lang],
    changes: countChanges(model, numbered),
    clauses,
    fields,
    findings: {
      new: next.warnings.filter((p) => !before.has(findingKey(p))).map(summary),
      resolved: base.warnings.filter((p) => !after.has(findingKey(p))).map(summary),
    },
  };
}
