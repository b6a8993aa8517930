import type { Catalog, CatalogClause } from "../catalog/catalog.js";
import type { AgreementLayout, Condition } from "../catalog/types.js";
import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";

/** A clause chosen for this deal, with the variant that applies. */
export interface SelectedClause {
  readonly clause: CatalogClause;
  readonly variant: string;
}

/** A clause of the layout that this deal leaves out, and why. */
export interface OmittedClause {
  readonly id: string;
  readonly reason: string;
}

/** The outcome of selection. */
export interface Selection {
  readonly layout: AgreementLayout;
  readonly selected: readonly SelectedClause[];
  readonly omitted: readonly OmittedClause[];
  readonly problems: readonly Problem[];
}

/** Reads a dotted data path ("law.forum.type") from a context object. */
export function readPath(context: unknown, path: string): unknown {
  let value: unknown = context;
  for (const seg of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = Object.hasOwn(value, seg) ? (value as Record<string, unknown>)[seg] : undefined;
  }
  return value;
}

/** Evaluates a pack condition against the template context. */
export function holds(condition: Condition, context: unknown): boolean {
  const value = readPath(context, condition.path);
  const result = condition.equals ? condition.equals.some((e) => e === value) : Array.isArray(value) ? value.length > 0 : Boolean(value);
  return condition.not ? !result : result;
}

/**
 * Chooses the clauses of a layout for a deal: applies each clause's `when`,
 * picks the first matching variant, then checks requires / excludes.
 */
export function selectClauses(catalog: Catalog, context: unknown, lang: Lang, layoutId?: string, forced?: Readonly<Record<string, string>>): Selection {
  const problems: Problem[] = [];
  const layout = layoutId ? catalog.agreements.get(layoutId) : catalog.agreements.values().next().value;
  if (!layout) {
    const known = [...catalog.agreements.keys()].join(", ") || "none";
    problems.push({ code: "ASSEMBLE_UNKNOWN_AGREEMENT", severity: "error", message: `Unknown agreement "${layoutId ?? ""}" (known: ${known})` });
    return { layout: { id: layoutId ?? "", titles: {}, clauses: [] }, selected: [], omitted: [], problems };
  }
  problems.push(...missingRequired(catalog, layout, readPath(context, "document.bilingual") === true));
  const selected: SelectedClause[] = [];
  const omitted: OmittedClause[] = [];
  for (const id of layout.clauses) {
    const clause = catalog.clauses.get(id);
    if (!clause) {
      problems.push({ code: "ASSEMBLE_UNKNOWN_CLAUSE", severity: "error", message: `Agreement "${layout.id}" lists unknown clause "${id}"` });
      continue;
    }
    if (clause.when && !holds(clause.when, context)) {
      omitted.push({ id, reason: `condition on ${clause.when.path} does not hold` });
      continue;
    }
    const force = forced?.[id];
    const variant = force !== undefined ? clause.variants.find((v) => v.id === force) : clause.variants.find((v) => !v.when || holds(v.when, context));
    if (!variant) {
      problems.push({
        code: "ASSEMBLE_NO_VARIANT",
        severity: "error",
        clause: id,
        message: `No variant of clause "${id}" fits this deal (variants: ${clause.variants.map((v) => v.id).join(", ")})`,
      });
      continue;
    }
    if (!clause.compiled.get(variant.id)?.has(lang)) {
      problems.push({ code: "ASSEMBLE_MISSING_LANGUAGE", severity: "error", clause: id, message: `Clause "${id}" variant "${variant.id}" has no ${lang} text` });
      continue;
    }
    selected.push({ clause, variant: variant.id });
  }
  const ids = new Set(selected.map((s) => s.clause.id));
  for (const { clause } of selected) {
    for (const req of clause.requires) {
      if (!ids.has(req)) {
        problems.push({ code: "ASSEMBLE_MISSING_REQUIRED", severity: "error", clause: clause.id, message: `Clause "${clause.id}" requires clause "${req}", which this deal leaves out` });
      }
    }
    for (const ex of clause.excludes) {
      if (ids.has(ex)) {
        problems.push({ code: "ASSEMBLE_CONFLICT", severity: "error", clause: clause.id, message: `Clause "${clause.id}" cannot be used together with clause "${ex}"` });
      }
    }
  }
  return { layout, selected, omitted, problems };
}

/**
 * Clauses the document needs that the layout does not place: `required:
 * always` ones, and `required: bilingual` ones in a bilingual draft. The
 * catalogue already refuses such layouts in packs that declare two languages;
 * this catches a one-language pack's layout drafted bilingually.
 */
function missingRequired(catalog: Catalog, layout: AgreementLayout, bilingual: boolean): Problem[] {
  const out: Problem[] = [];
  for (const c of catalog.clauses.values()) {
    if (!c.required || layout.clauses.includes(c.id)) continue;
    if (c.required === "bilingual" && !bilingual) continue;
    out.push({
      code: "ASSEMBLE_LAYOUT_MISSING_CLAUSE",
      severity: "error",
      clause: c.id,
      message: `Agreement "${layout.id}" does not place clause "${c.id}", which ${c.required === "always" ? "every agreement" : "a bilingual agreement"} needs`,
      hint: `Add "${c.id}" to the layout, or place it with place: in the pack.`,
    });
  }
  return out;
}
