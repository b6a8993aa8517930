import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import { positionAt } from "./positions.js";
import { fitsPart, partOf, PARTS } from "./layout-parts.js";
import type { AgreementLayout, ClauseDef, ClauseRequirement, ClauseVariant, Pack, TemplateSource } from "./types.js";

/** A clause as the packs leave it, with the pack that last defined or changed it. */
export interface MergedClause {
  readonly def: ClauseDef;
  readonly pack: Pack;
}

/** The packs layered in order: clauses, layouts, and what was disabled. */
export interface MergedPacks {
  readonly clauses: ReadonlyMap<string, MergedClause>;
  /** Layouts by id, without disabled clauses (so numbering closes the gap). */
  readonly agreements: ReadonlyMap<string, AgreementLayout>;
  /** Every layout as its pack wrote it, for positions in messages. */
  readonly layoutSources: readonly { readonly layout: AgreementLayout; readonly pack: Pack; readonly index: number }[];
  readonly disabled: ReadonlySet<string>;
  /** Every template an override replaced, with the wording it replaced, so the catalogue can tell what the new wording no longer prints. */
  readonly replaced: readonly ReplacedTemplate[];
  /** Every clause a pack replaced (a clause folder or an override of an earlier pack's clause), in order. */
  readonly replacements: readonly ClauseReplacement[];
}

/** A clause of an earlier pack that a later pack replaced, and where it did so. */
export interface ClauseReplacement {
  readonly id: string;
  /** The pack that replaced it. */
  readonly pack: Pack;
  /** The pack whose clause was replaced. */
  readonly replaces: string;
  /** "clause": a clause folder with the same id; "wording": `overrides/<id>/`. */
  readonly how: "clause" | "wording";
  readonly file?: string | undefined;
  readonly at?: { readonly line: number; readonly column: number } | undefined;
}

/** A template an override replaced: the clause, variant and language, and the text before and after. */
export interface ReplacedTemplate {
  readonly clause: string;
  readonly variant: string;
  readonly lang: Lang;
  readonly before: TemplateSource;
  readonly after: TemplateSource;
}

/**
 * Layers packs in order. A later pack's clause with the same id replaces the
 * earlier one; an override replaces only the templates (and titles) it gives;
 * a disabled clause leaves the catalogue and every layout; pack terms join the
 * clause they name (by default the one that generates the definitions).
 */
export function mergePacks(packs: readonly Pack[], problems: Problem[]): MergedPacks {
  const clauses = new Map<string, MergedClause>();
  const disabled = new Set<string>();
  const layouts = new Map<string, AgreementLayout>();
  const layoutSources: { layout: AgreementLayout; pack: Pack; index: number }[] = [];
  const replaced: ReplacedTemplate[] = [];
  const replacements: ClauseReplacement[] = [];

  for (const pack of packs) {
    const manifest = pack.manifestFile ?? "pack.yaml";
    const seen = new Set<string>();
    for (const def of pack.clauses) {
      if (seen.has(def.id)) {
        problems.push({
          code: "PACK_DUPLICATE_ID",
          severity: "error",
          file: def.file,
          ...(def.positions?.["id"] ?? {}),
          clause: def.id,
          message: `Clause id "${def.id}" is defined twice in pack "${pack.name}"`,
        });
        continue;
      }
      seen.add(def.id);
      disabled.delete(def.id);
      const earlier = clauses.get(def.id);
      if (earlier) replacements.push({ id: def.id, pack, replaces: earlier.pack.name, how: "clause", file: def.file, at: def.positions?.["id"] });
      // A replacement cannot drop a requirement: the language clause stays required whoever writes it.
      const required = strongerRequirement(clauses.get(def.id)?.def.required, def.required);
      clauses.set(def.id, { def: required && required !== def.required ? { ...def, required } : def, pack });
    }

    for (const ov of pack.overrides ?? []) {
      const target = clauses.get(ov.id);
      if (!target) {
        problems.push({
          code: disabled.has(ov.id) ? "PACK_OVERRIDE_DISABLED" : "PACK_OVERRIDE_UNKNOWN_CLAUSE",
          severity: "error",
          file: ov.file,
          clause: ov.id,
          message: disabled.has(ov.id) ? `Override of clause "${ov.id}", which is disabled` : `Override of unknown clause "${ov.id}" (the folder name must be a clause id)`,
        });
        continue;
      }
      replacements.push({ id: ov.id, pack, replaces: target.pack.name, how: "wording", file: ov.file });
      const variants: ClauseVariant[] = target.def.variants.map((v) => {
        const given = ov.variants[v.id];
        if (!given) return v;
        for (const [lang, after] of Object.entries(given) as [Lang, TemplateSource | undefined][]) {
          const before = v.templates[lang];
          if (before && after) replaced.push({ clause: ov.id, variant: v.id, lang, before, after });
        }
        return { ...v, templates: { ...v.templates, ...given } };
      });
      for (const [variantId, langs] of Object.entries(ov.variants)) {
        if (!target.def.variants.some((v) => v.id === variantId)) {
          const first = Object.values(langs as Partial<Record<Lang, TemplateSource>>)[0];
          problems.push({
            code: "PACK_OVERRIDE_UNKNOWN_VARIANT",
            severity: "error",
            file: first?.file ?? ov.file,
            clause: ov.id,
            message: `Clause "${ov.id}" has no variant "${variantId}" (variants: ${target.def.variants.map((v) => v.id).join(", ")}); a clause without variants is overridden by <lang>.hbs`,
          });
        }
      }
      const def: ClauseDef = {
        ...target.def,
        titles: { ...target.def.titles, ...ov.titles },
        reads: [...new Set([...target.def.reads, ...ov.reads])],
        variants,
      };
      clauses.set(ov.id, { def, pack });
    }

    (pack.disable ?? []).forEach((id, i) => {
      if (!clauses.delete(id)) {
        const at = positionAt(pack.positions, ["disable", i]);
        problems.push({ code: "PACK_DISABLE_UNKNOWN_CLAUSE", severity: "error", file: manifest, ...(at ?? {}), message: `Pack "${pack.name}" disables unknown clause "${id}"` });
        return;
      }
      disabled.add(id);
    });

    for (const term of pack.terms ?? []) {
      const owner = term.clause ? clauses.get(term.clause) : [...clauses.values()].find((c) => c.def.generate === "definitions");
      if (!owner) {
        problems.push({
          code: "PACK_UNKNOWN_CLAUSE",
          severity: "error",
          file: term.file,
          message: term.clause
            ? `Term ${JSON.stringify(term.term.en ?? term.term.zh)} names unknown clause "${term.clause}"`
            : `Term ${JSON.stringify(term.term.en ?? term.term.zh)} needs a clause: no clause generates the definitions`,
        });
        continue;
      }
      clauses.set(owner.def.id, { def: { ...owner.def, defines: [...owner.def.defines, { term: term.term, definition: term.definition, inline: false }] }, pack: owner.pack });
    }

    pack.agreements.forEach((layout, index) => {
      layouts.set(layout.id, layout);
      layoutSources.push({ layout, pack, index });
    });
    applyPlacements(pack, clauses, disabled, layouts, problems);
  }

  const agreements = new Map<string, AgreementLayout>();
  for (const [id, layout] of layouts) agreements.set(id, disabled.size ? { ...layout, clauses: layout.clauses.filter((c) => !disabled.has(c)) } : layout);
  return { clauses, agreements, layoutSources, disabled, replaced, replacements };
}

const STRENGTH: Readonly<Record<ClauseRequirement, number>> = { bilingual: 1, always: 2 };

function strongerRequirement(a: ClauseRequirement | undefined, b: ClauseRequirement | undefined): ClauseRequirement | undefined {
  if (!a) return b;
  if (!b) return a;
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}

/**
 * Applies a pack's `place:` entries to the layouts as they stand after the
 * pack's own agreements: each clause goes before or after its anchor, in the
 * anchor's part, in the named layout or in every layout that places the
 * anchor. Every way this can go wrong is a problem at the entry's position,
 * and the entry is skipped, so nothing is placed by accident.
 */
function applyPlacements(pack: Pack, clauses: ReadonlyMap<string, MergedClause>, disabled: ReadonlySet<string>, layouts: Map<string, AgreementLayout>, problems: Problem[]): void {
  const manifest = pack.manifestFile ?? "pack.yaml";
  (pack.place ?? []).forEach((entry, i) => {
    const anchor = entry.before ?? entry.after ?? "";
    const side = entry.before !== undefined ? "before" : "after";
    const at = (key: string): { file: string; line?: number; column?: number } => ({ file: manifest, ...(positionAt(pack.positions, ["place", i, key]) ?? {}) });
    const clause = clauses.get(entry.clause);
    if (!clause) {
      problems.push({
        ...at("clause"),
        code: "PACK_UNKNOWN_CLAUSE",
        severity: "error",
        message: disabled.has(entry.clause) ? `Pack "${pack.name}" places clause "${entry.clause}", which is disabled` : `Pack "${pack.name}" places unknown clause "${entry.clause}"`,
      });
      return;
    }
    let targets: AgreementLayout[];
    if (entry.agreement !== undefined) {
      const layout = layouts.get(entry.agreement);
      if (!layout) {
        problems.push({
          ...at("agreement"),
          code: "PACK_UNKNOWN_AGREEMENT",
          severity: "error",
          message: `Pack "${pack.name}" places clause "${entry.clause}" in unknown agreement "${entry.agreement}" (known: ${[...layouts.keys()].join(", ") || "none"})`,
        });
        return;
      }
      targets = [layout];
    } else {
      targets = [...layouts.values()].filter((l) => l.clauses.includes(anchor));
    }
    const missing = targets.length === 0 || targets.some((l) => !l.clauses.includes(anchor));
    if (missing) {
      const where = entry.agreement !== undefined ? `agreement "${entry.agreement}"` : "any agreement";
      problems.push({
        ...at(side),
        code: "PACK_UNKNOWN_ANCHOR",
        severity: "error",
        clause: entry.clause,
        message: `Pack "${pack.name}" places clause "${entry.clause}" ${side} "${anchor}", which is not in ${where}`,
      });
      return;
    }
    for (const layout of targets) {
      if (layout.clauses.includes(entry.clause)) {
        problems.push({
          ...at("clause"),
          code: "PACK_DUPLICATE_PLACEMENT",
          severity: "error",
          clause: entry.clause,
          message: `Agreement "${layout.id}" already places clause "${entry.clause}"; place it once`,
        });
        continue;
      }
      const insert = (ids: readonly string[]): string[] => {
        const k = ids.indexOf(anchor) + (side === "after" ? 1 : 0);
        return [...ids.slice(0, k), entry.clause, ...ids.slice(k)];
      };
      if (!layout.parts) {
        layouts.set(layout.id, { ...layout, clauses: insert(layout.clauses) });
        continue;
      }
      const part = partOf(layout.parts, anchor);
      if (!part) continue; // unreachable: the anchor is in the layout, so in one of its parts
      if (!fitsPart(part, clause.def.placement)) {
        problems.push({
          ...at(side),
          code: "PACK_LAYOUT_PLACEMENT",
          severity: "error",
          clause: entry.clause,
          message: `Pack "${pack.name}" places clause "${entry.clause}" (placement "${clause.def.placement}") ${side} "${anchor}", in ${PARTS[part].name} of agreement "${layout.id}"`,
          hint: `Choose an anchor in the part for "${clause.def.placement}", or change the clause's placement.`,
        });
        continue;
      }
      const parts = { ...layout.parts, [part]: insert(layout.parts[part]) };
      layouts.set(layout.id, { ...layout, parts, clauses: [...parts.cover, ...parts.standardTerms, ...parts.schedules] });
    }
  });
}
