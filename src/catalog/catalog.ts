import semver from "semver";
import { builtinRules } from "../check/rules/index.js";
import type { Rule } from "../check/types.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import { TemplateEnvironment, type CompiledTemplate } from "../template/env.js";
import { VERSION } from "../version.js";
import type { z } from "zod";
import type { NumberingProfile } from "../assemble/numbering.js";
import type { Deal } from "../deal/schema.js";
import { buildDealSchema } from "./deal-schema.js";
import { fitsPart, PARTS, type PartName } from "./layout-parts.js";
import { mergePacks, type MergedPacks, type ReplacedTemplate } from "./merge.js";
import { checkOverrides, type CatalogOverride, type RuleReplacement } from "./overrides.js";
import { contextResolver, packPathProblems, templatePathProblems, templatePosition, type CheckedTemplate } from "./path-checks.js";
import { profileFromSpec } from "./numbering-spec.js";
import { mergeJurisdictions, type JurisdictionProfile, type Jurisdictions } from "./jurisdictions.js";
import { makePhraser, makeSpeller, respellTemplate } from "../text/spelling.js";
import { positionAt } from "./positions.js";
import { checkLanguageStructure, termKeys } from "./language-structure.js";
import { zhPunctuationProblems } from "./zh-punctuation.js";
import { catalogStandard, type CatalogStandard } from "./standard.js";
import { glossaryProblems } from "./glossary.js";
import { CATEGORIES, type AgreementLayout, type ClauseDef, type Pack, type Placement, type SourcePosition, type TemplateSource, type TermDef, type Titles } from "./types.js";

/** A defined term with its definition templates compiled. */
export interface CatalogTerm extends TermDef {
  readonly definitions: ReadonlyMap<Lang, CompiledTemplate>;
}

/** A clause with its templates compiled, per variant and language. */
export interface CatalogClause extends ClauseDef {
  /** Name of the pack the clause came from. */
  readonly pack: string;
  /** variant id → language → compiled template. */
  readonly compiled: ReadonlyMap<string, ReadonlyMap<Lang, CompiledTemplate>>;
  readonly terms: readonly CatalogTerm[];
}

/** Where a template marks a defined term: `[[Customer Data]]`. */
export const TERM_USE = /\[\[([^[\]\n]+?)\]\]/g;

/** Every `[[term]]` in a template source, with its position. */
export function termUses(source: string): { term: string; line: number; column: number }[] {
  const out: { term: string; line: number; column: number }[] = [];
  for (const m of source.matchAll(TERM_USE)) {
    const before = source.slice(0, m.index).split("\n");
    out.push({ term: m[1] ?? "", line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 });
  }
  return out;
}

/** A set of packs, compiled and checked, with its own template environment. */
export interface Catalog {
  readonly packs: readonly Pack[];
  readonly clauses: ReadonlyMap<string, CatalogClause>;
  readonly agreements: ReadonlyMap<string, AgreementLayout>;
  /** Problems that are not errors (warnings), found while building. */
  readonly warnings: readonly Problem[];
  /** Ids of clauses a pack disabled: references to them are reported as references to an omitted clause. */
  readonly disabled: ReadonlySet<string>;
  /** Numbering profiles the packs declare, by id. */
  readonly numbering: ReadonlyMap<string, NumberingProfile>;
  /**
   * The deal-sheet schema with every pack's fields under `extensions.<pack>`.
   * Pass the catalogue to `validateDeal` / `parseDeal` to use it.
   */
  readonly dealSchema: z.ZodType<Deal>;
  /** Jurisdiction profiles by governing-law id, and the spellings they use. */
  readonly jurisdictions: Jurisdictions;
  /**
   * The clause with its English text as the governing law writes it (titles, terms, templates):
   * US spelling by the packs' word list where the profile says so, and the profile's `wording`
   * phrases. Compiled once per clause and profile, and kept; the clause itself when nothing changes.
   */
  readonly localEnglish: (clause: CatalogClause, profile: JurisdictionProfile) => CatalogClause;
  /** The checks `check` and `draft` run: the built-in rules, then each pack's (a later rule with the same id replaces an earlier one). */
  readonly rules: readonly Rule[];
  /** Every clause and rule a pack replaced (declared under `overrides:`), in pack order; the assembly record lists them. */
  readonly overrides: readonly CatalogOverride[];
  /**
   * The provider's standard position, from the last pack that ships one (standard.yaml), or
   * undefined when none does; `standardDeal` lays it over a deal.
   */
  readonly standard?: CatalogStandard | undefined;
}

/** How a catalogue is built: what the caller allows the packs to do. */
export interface CatalogOptions {
  /**
   * Safety rules (see `Rule.safety`) a pack may replace. A pack can never weaken a safety rule
   * on its own, even when it declares the override; the person running the draft opts in here
   * (CLI: `--allow-rule-override <id>`), and the record says so.
   */
  readonly allowRuleOverride?: readonly string[] | undefined;
}

/** English views of clauses per jurisdiction profile, compiled on first use: most drafts need one or none. */
function localEnglish(env: TemplateEnvironment, jurisdictions: Jurisdictions): (clause: CatalogClause, profile: JurisdictionProfile) => CatalogClause {
  const us = makeSpeller(jurisdictions.spelling.us);
  const writers = new Map<string, (text: string) => string>();
  const writerFor = (profile: JurisdictionProfile): ((text: string) => string) | undefined => {
    const spelling = profile.spelling === "us" && jurisdictions.spelling.us.size > 0;
    if (!spelling && Object.keys(profile.wording).length === 0) return undefined;
    let w = writers.get(profile.id);
    if (!w) {
      const phrase = makePhraser(profile.wording);
      w = spelling ? (text) => phrase(us(text)) : phrase;
      writers.set(profile.id, w);
    }
    return w;
  };
  const cache = new Map<string, WeakMap<CatalogClause, CatalogClause>>();
  return (clause, profile) => {
    const write = writerFor(profile);
    if (!write) return clause;
    const perProfile = cache.get(profile.id) ?? new WeakMap<CatalogClause, CatalogClause>();
    cache.set(profile.id, perProfile);
    const hit = perProfile.get(clause);
    if (hit) return hit;
    const recompile = (t: CompiledTemplate | undefined): CompiledTemplate | undefined => {
      if (!t) return t;
      const source = respellTemplate(t.source, write);
      return source === t.source ? t : (env.compile(source, t.file, clause.id).template ?? t);
    };
    const titles = (t: Titles): Titles => (t.en ? { ...t, en: write(t.en) } : t);
    const compiled = new Map<string, ReadonlyMap<Lang, CompiledTemplate>>();
    for (const [variant, perLang] of clause.compiled) {
      const copy = new Map(perLang);
      const en = recompile(perLang.get("en"));
      if (en) copy.set("en", en);
      compiled.set(variant, copy);
    }
    const terms = clause.terms.map((t): CatalogTerm => {
      const definitions = new Map(t.definitions);
      const en = recompile(t.definitions.get("en"));
      if (en) definitions.set("en", en);
      return { ...t, term: titles(t.term), definitions };
    });
    const out: CatalogClause = { ...clause, titles: titles(clause.titles), compiled, terms };
    perProfile.set(clause, out);
    return out;
  };
}

/** Languages in the order structure checks compare them: each against the first the clause has. */
const LANGS: readonly Lang[] = ["en", "zh"];

const categorySet: ReadonlySet<string> = new Set(CATEGORIES);

/** True when `declared` covers `used`: the same path, or a parent of it ("fees" covers "fees.lines[].item"). */
function covers(declared: string, used: string): boolean {
  return used === declared || used.startsWith(`${declared}.`) || used.startsWith(`${declared}[`);
}

/** True when a declared path is read by `used` (itself, a child, or a parent read as a whole). */
function isUsed(declared: string, used: string): boolean {
  return covers(declared, used) || covers(used, declared);
}

/**
 * Builds a catalogue from packs, in order: a later pack's clause replaces an
 * earlier one with the same id. Every problem in every pack is reported at
 * once; errors throw a {@link ClausewrightError}.
 */
export function createCatalog(packs: readonly Pack[], options: CatalogOptions = {}): Catalog {
  return buildCatalog(packs, false, options);
}

/**
 * The catalogue of packs that were checked when they were built: the built-in pack, whose checks
 * run in its build (scripts/bundle-packs.mjs) and its tests (test/catalogue.test.ts compares this
 * catalogue with the fully checked one). It skips the pack checks and compiles a clause's
 * templates when a draft first uses it: checking and compiling every template was most of the
 * time to a first draft, and a deal uses about half the clauses.
 */
export function createVerifiedCatalog(packs: readonly Pack[]): Catalog {
  return buildCatalog(packs, true, {});
}

/** A clause whose templates compile on first use; a template that fails to compile throws its problems then. */
function lazyClause(env: TemplateEnvironment, def: ClauseDef, pack: string): CatalogClause {
  const compile = (src: TemplateSource): CompiledTemplate => {
    const result = env.compile(src.text, src.file, def.id);
    const [first, ...rest] = result.problems.filter((p) => p.severity === "error");
    if (first || !result.template)
      throw new ClausewrightError(
        first ? [first, ...rest] : [{ code: "TEMPLATE_SYNTAX", severity: "error", file: src.file, clause: def.id, message: `Template of clause "${def.id}" does not compile` }],
      );
    return result.template;
  };
  const perLang = (templates: Readonly<Partial<Record<Lang, TemplateSource>>>): ReadonlyMap<Lang, CompiledTemplate> =>
    new Map((Object.entries(templates) as [Lang, TemplateSource][]).map(([lang, src]) => [lang, compile(src)]));
  let compiled: ReadonlyMap<string, ReadonlyMap<Lang, CompiledTemplate>> | undefined;
  let terms: readonly CatalogTerm[] | undefined;
  const clause = { ...def, pack } as Omit<CatalogClause, "compiled" | "terms">;
  return Object.defineProperties(clause, {
    compiled: { enumerable: true, get: () => (compiled ??= new Map(def.variants.map((v) => [v.id, perLang(v.templates)]))) },
    terms: { enumerable: true, get: () => (terms ??= def.defines.map((t) => ({ ...t, definitions: perLang(t.definition) }))) },
  }) as CatalogClause;
}

function buildCatalog(packs: readonly Pack[], verified: boolean, options: CatalogOptions): Catalog {
  const env = new TemplateEnvironment();
  const problems: Problem[] = [];
  const clauses = new Map<string, CatalogClause>();
  // A Map keeps first-insertion order, so a replaced built-in rule stays in its place.
  const rules = new Map<string, Rule>(builtinRules.map((r) => [r.id, r]));
  const ruleOwner = new Map<string, string>(builtinRules.map((r) => [r.id, "crm"]));
  const ruleReplacements: RuleReplacement[] = [];

  for (const pack of packs) {
    const ruleIds = new Set<string>();
    for (let rule of pack.rules ?? []) {
      if (ruleIds.has(rule.id)) {
        problems.push({ code: "PACK_DUPLICATE_RULE", severity: "error", message: `Rule id "${rule.id}" is defined twice in pack "${pack.name}"` });
        continue;
      }
      ruleIds.add(rule.id);
      const earlier = rules.get(rule.id);
      if (earlier) {
        ruleReplacements.push({ id: rule.id, pack, replaces: ruleOwner.get(rule.id) ?? "crm", safety: earlier.safety === true });
        // A replacement of a safety rule stays one: a third pack cannot launder it.
        if (earlier.safety && !rule.safety) rule = { ...rule, safety: true };
      }
      ruleOwner.set(rule.id, pack.name);
      rules.set(rule.id, rule);
    }
    const manifest = pack.manifestFile ?? "pack.yaml";
    const engineAt = pack.positions?.["engine"];
    if (!semver.validRange(pack.engine)) {
      problems.push({ code: "PACK_BAD_ENGINE_RANGE", severity: "error", file: manifest, ...(engineAt ?? {}), message: `Pack "${pack.name}": engine "${pack.engine}" is not a semver range` });
    } else if (!semver.satisfies(VERSION, pack.engine, { includePrerelease: true })) {
      problems.push({
        code: "PACK_INCOMPATIBLE_ENGINE",
        severity: "error",
        file: manifest,
        ...(engineAt ?? {}),
        message: `Pack "${pack.name}" needs clausewright ${pack.engine}, this is ${VERSION}`,
      });
    }
  }
  if (!verified) {
    // Each pack's own Chinese text, before merging, so a problem is charged to the pack that wrote it (error in the built-in pack, warning in others).
    for (const pack of packs) problems.push(...zhPunctuationProblems(pack));
    // Each pack against the glossary merged up to it: a layered pack inherits the built-in entries.
    problems.push(...glossaryProblems(packs));
  }
  // Overrides, disabled clauses and pack terms are applied first, so the checks below see the clauses as drafted.
  const merged = mergePacks(packs, problems);
  const agreements = merged.agreements;
  const overrides = checkOverrides(packs, merged.replacements, ruleReplacements, new Set(options.allowRuleOverride ?? []), problems);

  for (const { def, pack } of merged.clauses.values()) {
    if (verified) clauses.set(def.id, lazyClause(env, def, pack.name));
    else {
      if (!categorySet.has(def.category)) {
        problems.push({
          code: "PACK_UNKNOWN_CATEGORY",
          severity: "error",
          file: def.file,
          ...(def.positions?.["category"] ?? {}),
          clause: def.id,
          message: `Clause "${def.id}" has unknown category "${def.category}"`,
          hint: `Use one of: ${CATEGORIES.join(", ")}`,
        });
      }
      const compiled = new Map<string, Map<Lang, CompiledTemplate>>();
      const used: { path: string; file: string; line?: number | undefined; column?: number | undefined }[] = [];
      for (const variant of def.variants) {
        const perLang = new Map<Lang, CompiledTemplate>();
        for (const [lang, src] of Object.entries(variant.templates) as [Lang, { text: string; file: string }][]) {
          const result = env.compile(src.text, src.file, def.id);
          problems.push(...result.problems);
          if (!result.template) continue;
          perLang.set(lang, result.template);
          for (const r of result.template.reads) used.push({ path: r.path, ...templatePosition(src.file, r.line, r.column, startOf(src)) });
        }
        compiled.set(variant.id, perLang);
      }
      const terms: CatalogTerm[] = def.defines.map((t) => {
        const definitions = new Map<Lang, CompiledTemplate>();
        for (const [lang, src] of Object.entries(t.definition) as [Lang, TemplateSource][]) {
          const result = env.compile(src.text, src.file, def.id);
          problems.push(...result.problems);
          if (!result.template) continue;
          definitions.set(lang, result.template);
          for (const r of result.template.reads) used.push({ path: r.path, ...templatePosition(src.file, r.line, r.column, startOf(src)) });
        }
        return { ...t, definitions };
      });
      for (const u of used) {
        if (!def.reads.some((d) => covers(d, u.path))) {
          problems.push({
            code: "PACK_UNDECLARED_VARIABLE",
            severity: "error",
            file: u.file,
            ...(u.line !== undefined ? { line: u.line } : {}),
            ...(u.column !== undefined ? { column: u.column } : {}),
            clause: def.id,
            message: `Template reads "${u.path}", which clause "${def.id}" does not declare under reads`,
            hint: `Add "${u.path}" (or a parent of it) to the clause's reads${pack.clauses.some((c) => c.id === def.id) ? "" : " (for an override: reads in overrides/<id>/override.yaml)"}.`,
          });
        }
      }
      def.reads.forEach((d, i) => {
        if (!used.some((u) => isUsed(d, u.path)) && !conditionPaths(def).some((p) => isUsed(d, p))) {
          problems.push({
            code: "PACK_UNUSED_VARIABLE",
            severity: "warning",
            file: def.file,
            ...(def.positions?.[`reads.${i}`] ?? {}),
            clause: def.id,
            message: `Clause "${def.id}" declares "${d}" under reads but no template reads it`,
          });
        }
      });
      clauses.set(def.id, { ...def, pack: pack.name, compiled, terms });
    }
  }

  const numbering = new Map<string, NumberingProfile>();
  for (const pack of packs) for (const spec of pack.numbering ?? []) numbering.set(spec.id, profileFromSpec(spec));
  const jurisdictions = mergeJurisdictions(packs, problems);
  const dealSchema = buildDealSchema(packs, problems, [...jurisdictions.profiles.keys()]);
  if (!verified) catalogProblems(env, merged, clauses, packs, dealSchema, problems);

  const errors = problems.filter((p) => p.severity === "error");
  const [first, ...rest] = errors;
  if (first) throw new ClausewrightError([first, ...rest]);
  const standard = catalogStandard(packs);
  return {
    packs,
    clauses,
    agreements,
    warnings: problems.filter((p) => p.severity !== "error"),
    disabled: merged.disabled,
    numbering,
    jurisdictions,
    localEnglish: localEnglish(env, jurisdictions),
    dealSchema,
    rules: [...rules.values()],
    overrides,
    ...(standard ? { standard } : {}),
  };
}

/** The checks across clauses and packs, once every clause is compiled; problems are added to `problems`. */
function catalogProblems(env: TemplateEnvironment, merged: MergedPacks, clauses: ReadonlyMap<string, CatalogClause>, packs: readonly Pack[], dealSchema: z.ZodType<Deal>, problems: Problem[]): void {
  problems.push(...droppedByOverrides(env, merged.replaced, clauses));

  // Links between clauses are checked once every pack is in, since a pack may refer to another's clauses.
  for (const c of clauses.values()) {
    for (const [kind, ids] of [
      ["requires", c.requires],
      ["excludes", c.excludes],
    ] as const) {
      ids.forEach((id, i) => {
        const at = c.positions?.[`${kind}.${i}`] ?? {};
        if (merged.disabled.has(id)) {
          // Excluding a disabled clause is harmless; requiring one fails only for deals that select this clause.
          if (kind === "requires")
            problems.push({ code: "PACK_REQUIRES_DISABLED", severity: "warning", file: c.file, ...at, clause: c.id, message: `Clause "${c.id}" requires clause "${id}", which a pack disables` });
        } else if (!clauses.has(id)) {
          problems.push({ code: "PACK_UNKNOWN_CLAUSE", severity: "error", file: c.file, ...at, clause: c.id, message: `Clause "${c.id}" ${kind} unknown clause "${id}"` });
        }
      });
    }
    for (const perLang of c.compiled.values()) {
      for (const t of perLang.values()) {
        for (const r of t.refs) {
          const target = r.id.split(".")[0] ?? r.id;
          if (merged.disabled.has(target)) {
            problems.push({
              code: "PACK_REF_TO_DISABLED",
              severity: "warning",
              file: t.file,
              line: r.line,
              column: r.column,
              clause: c.id,
              message: `Reference to "${r.id}", whose clause a pack disables: a draft that includes clause "${c.id}" will fail with ASSEMBLE_REF_TO_OMITTED`,
            });
          } else if (!clauses.has(target)) {
            problems.push({ code: "PACK_UNKNOWN_REFERENCE", severity: "error", file: t.file, line: r.line, column: r.column, clause: c.id, message: `Reference to unknown clause "${r.id}"` });
          }
        }
      }
    }
  }
  // Every [[term]] a template marks must be defined by some clause of the catalogue, in that language.
  const known = new Map<Lang, Set<string>>();
  for (const c of clauses.values()) {
    for (const t of c.terms) {
      for (const [lang, text] of Object.entries(t.term) as [Lang, string | undefined][]) {
        if (text) (known.get(lang) ?? known.set(lang, new Set()).get(lang))?.add(text);
      }
    }
  }
  for (const c of clauses.values()) {
    const sources: { lang: Lang; t: CompiledTemplate }[] = [];
    for (const perLang of c.compiled.values()) for (const [lang, t] of perLang) sources.push({ lang, t });
    for (const term of c.terms) for (const [lang, t] of term.definitions) sources.push({ lang, t });
    for (const { lang, t } of sources) {
      for (const use of termUses(t.source)) {
        if (!known.get(lang)?.has(use.term)) {
          problems.push({
            code: "PACK_UNDEFINED_TERM",
            severity: "error",
            file: t.file,
            line: use.line,
            column: use.column,
            clause: c.id,
            message: `Term "${use.term}" is used but no clause defines it`,
          });
        }
      }
    }
  }
  // Every language of a clause must have the same structure, so bilingual layouts align.
  const keys = termKeys(clauses.values());
  for (const c of clauses.values()) problems.push(...checkLanguageStructure(c, LANGS, keys));
  for (const { layout: a, pack, index } of merged.layoutSources) {
    a.clauses.forEach((id, i) => {
      if (!clauses.has(id) && !merged.disabled.has(id)) {
        const at = a.file ? undefined : positionAt(pack.positions, ["agreements", index, "clauses", i]);
        problems.push({ code: "PACK_UNKNOWN_CLAUSE", severity: "error", file: a.file ?? pack.manifestFile ?? "pack.yaml", ...(at ?? {}), message: `Agreement "${a.id}" lists unknown clause "${id}"` });
      }
    });
    problems.push(...layoutPlacementProblems(a, clauses));
  }
  problems.push(...placementCoverageProblems(merged, clauses));
  // Paths are checked against the finished schema, since a pack may read another pack's fields.
  const resolve = contextResolver(dealSchema);
  const resolveCondition = contextResolver(dealSchema, true);
  for (const pack of packs) problems.push(...packPathProblems(pack, resolve, resolveCondition));
  for (const c of clauses.values()) problems.push(...templatePathProblems(c.id, checkedTemplates(c), resolve));
}

/** Where an embedded template's text starts in its YAML file. */
function startOf(src: TemplateSource): SourcePosition | undefined {
  return src.line !== undefined ? { line: src.line, column: src.column ?? 1 } : undefined;
}

/** Every compiled template of a clause (variants, then term definitions), with where embedded ones start. */
function checkedTemplates(c: CatalogClause): CheckedTemplate[] {
  const out: CheckedTemplate[] = [];
  for (const perLang of c.compiled.values()) for (const template of perLang.values()) out.push({ template });
  for (const term of c.terms) {
    for (const [lang, template] of term.definitions) {
      const src = term.definition[lang];
      out.push({ template, start: src ? startOf(src) : undefined });
    }
  }
  return out;
}

/**
 * Nothing is lost between the packs and the layouts: every clause of the
 * catalogue must be placed by some layout (a clause no layout places would
 * never reach a document), and every layout must place the clauses marked
 * `required` — "always", or "bilingual" for a layout of a pack that drafts in
 * two languages (a one-language pack's layout is checked when it is drafted
 * bilingually, see select.ts).
 */
function placementCoverageProblems(merged: MergedPacks, clauses: ReadonlyMap<string, CatalogClause>): Problem[] {
  const out: Problem[] = [];
  const placed = new Set<string>();
  for (const layout of merged.agreements.values()) for (const id of layout.clauses) placed.add(id);
  for (const c of clauses.values()) {
    if (placed.has(c.id)) continue;
    out.push({
      code: "PACK_CLAUSE_NOT_PLACED",
      severity: "error",
      file: c.file,
      ...(c.positions?.["id"] ?? {}),
      clause: c.id,
      message: `Clause "${c.id}" is in no agreement layout, so it would never reach a document`,
      hint: `Place it: add it to a layout, or in pack.yaml \`place: [{ clause: ${c.id}, after: <clause id> }]\`; or disable it.`,
    });
  }
  // The last source of each layout id is the one in use; it names where the layout is written.
  const sourceOf = new Map(merged.layoutSources.map((s) => [s.layout.id, s]));
  for (const layout of merged.agreements.values()) {
    const source = sourceOf.get(layout.id);
    const bilingualPack = (source?.pack.languages.length ?? 0) > 1;
    for (const c of clauses.values()) {
      if (!c.required || layout.clauses.includes(c.id)) continue;
      if (c.required === "bilingual" && !bilingualPack) continue;
      const at = source && !source.layout.file ? positionAt(source.pack.positions, ["agreements", source.index, "clauses"]) : undefined;
      out.push({
        code: "PACK_LAYOUT_MISSING_CLAUSE",
        severity: "error",
        file: layout.file ?? source?.pack.manifestFile ?? "pack.yaml",
        ...(at ?? {}),
        clause: c.id,
        message: `Agreement "${layout.id}" does not place clause "${c.id}", which ${c.required === "always" ? "every agreement needs" : "every bilingual agreement needs"}`,
        hint: `Add "${c.id}" to the layout (it is left out of documents its condition does not fit), or add it with place: [{ clause: ${c.id}, after: <clause id> }].`,
      });
    }
  }
  return out;
}

/**
 * An override's new wording that no longer prints a deal value the wording it
 * replaced printed (the deal's uncapped claims, say) silently drops a term the
 * client negotiated. A warning, not an error: a legal team may mean it, but it
 * must be told. `document.*` facts are left out: they describe the document,
 * not the deal.
 */
function droppedByOverrides(env: TemplateEnvironment, replaced: readonly ReplacedTemplate[], clauses: ReadonlyMap<string, CatalogClause>): Problem[] {
  const out: Problem[] = [];
  for (const r of replaced) {
    const after = clauses.get(r.clause)?.compiled.get(r.variant)?.get(r.lang);
    const before = env.compile(r.before.text, r.before.file, r.clause).template;
    if (!after || !before) continue;
    const now = after.reads.map((x) => x.path);
    const all = [...new Set(before.reads.map((x) => x.path))].filter((p) => !p.startsWith("document.") && !now.some((n) => isUsed(p, n)));
    // "computed.liability.superCap" says it all; its children need not be listed too.
    const dropped = all.filter((p) => !all.some((q) => q !== p && covers(q, p)));
    if (dropped.length === 0) continue;
    out.push({
      code: "PACK_OVERRIDE_DROPS_VALUE",
      severity: "warning",
      file: r.after.file,
      clause: r.clause,
      message: `The new ${r.lang} wording of clause "${r.clause}" (variant "${r.variant}") no longer prints ${dropped.join(", ")}, which the wording it replaces prints: a deal that sets ${dropped.length === 1 ? "it" : "them"} would lose ${dropped.length === 1 ? "that term" : "those terms"} without a word`,
      hint: "Print the value in the new wording, or make sure the deal cannot set it differently.",
    });
  }
  return out;
}

function conditionPaths(def: ClauseDef): string[] {
  const out: string[] = [];
  if (def.when) out.push(def.when.path);
  for (const v of def.variants) if (v.when) out.push(v.when.path);
  return out;
}

/** In a layout that names its parts, each clause's placement must fit the part it is listed in. */
function layoutPlacementProblems(layout: AgreementLayout, clauses: ReadonlyMap<string, { readonly placement: Placement }>): Problem[] {
  if (!layout.parts) return [];
  const out: Problem[] = [];
  for (const part of Object.keys(PARTS) as PartName[]) {
    const name = PARTS[part].name;
    for (const id of layout.parts[part]) {
      const placement = clauses.get(id)?.placement;
      if (placement !== undefined && !fitsPart(part, placement)) {
        out.push({
          code: "PACK_LAYOUT_PLACEMENT",
          severity: "error",
          ...(layout.file ? { file: layout.file } : {}),
          clause: id,
          message: `Agreement "${layout.id}" lists clause "${id}" in ${name}, but the clause is placed in "${placement}"`,
          hint: `Move it to the part for "${placement}", or change the clause's placement.`,
        });
      }
    }
  }
  return out;
}
