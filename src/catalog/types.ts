import type { Rule } from "../check/types.js";
import type { Lang } from "../model/types.js";
import type { PackJurisdictions } from "./jurisdictions.js";
import type { StandardTerms } from "./standard.js";

/** The fixed category vocabulary of the built-in catalogue (a pack may add its own). */
export const CATEGORIES = [
  "parties",
  "definitions",
  "scope",
  "modules",
  "customization",
  "integration",
  "implementation",
  "acceptance",
  "responsibilities",
  "training",
  "data-ownership",
  "data-protection",
  "security",
  "sla",
  "support",
  "maintenance",
  "fees",
  "payment",
  "term",
  "termination",
  "exit",
  "confidentiality",
  "ip",
  "warranties",
  "liability",
  "indemnification",
  "breach",
  "force-majeure",
  "governing-law",
  "disputes",
  "compliance",
  "general",
  "signatures",
] as const;

/** A clause category. */
export type Category = (typeof CATEGORIES)[number];

/**
 * Where a clause goes: on the cover page / order form, in the front matter
 * before the numbered clauses, among them, as the signature lead-in, or as a
 * schedule after the signature page.
 */
export type Placement = "cover" | "front" | "body" | "signatures" | "schedule";

/**
 * A condition on the deal: the value at `path` is truthy, or equals one of the
 * given values. Data, not code, so packs loaded from YAML stay inert.
 */
export interface Condition {
  readonly path: string;
  readonly equals?: readonly (string | number | boolean)[] | undefined;
  /** Invert the test. */
  readonly not?: boolean | undefined;
}

/** A title per language. */
export type Titles = { readonly [L in Lang]?: string | undefined };

/** A template's source text and where it came from (for file:line:column messages). */
export interface TemplateSource {
  readonly text: string;
  /** File path inside the pack, e.g. "clauses/liability/en.hbs". */
  readonly file: string;
  /** Line in `file` where the text starts, when it is embedded in a larger file (a definition in clause.yaml). */
  readonly line?: number;
  /** Column on `line` where the text starts, when it is embedded. */
  readonly column?: number;
}

/** A variant: alternative wording chosen by a condition on the deal. */
export interface ClauseVariant {
  readonly id: string;
  readonly when?: Condition;
  readonly templates: Partial<Record<Lang, TemplateSource>>;
}

/** A term a clause defines, per language, with its definition template ("means …"). */
export interface TermDef {
  /** The term as written in each language, e.g. { en: "Customer Data", zh: "客户数据" }. */
  readonly term: Titles;
  /** Definition templates per language; absent for a term defined inline in the clause's own text. */
  readonly definition: Partial<Record<Lang, TemplateSource>>;
  /** Defined in the clause's own text (e.g. the parties), so not listed in the Definitions clause. */
  readonly inline: boolean;
}

/** One clause of a pack. */
export interface ClauseDef {
  readonly id: string;
  readonly category: string;
  readonly placement: Placement;
  readonly titles: Titles;
  /** Deal data paths the templates read ("customer.legalName", "fees.lines"); a path covers its children. */
  readonly reads: readonly string[];
  /** Include the clause only when this holds. */
  readonly when?: Condition;
  /** Clause ids that must be present when this one is. */
  readonly requires: readonly string[];
  /** Clause ids that must not be present when this one is. */
  readonly excludes: readonly string[];
  /** Variants in order; the first whose condition holds is used. Always at least one. */
  readonly variants: readonly ClauseVariant[];
  /** Terms the clause defines. */
  readonly defines: readonly TermDef[];
  /** "definitions": the engine fills the `::definitions` line of this clause with the terms the agreement uses. */
  readonly generate?: "definitions" | undefined;
  /**
   * Every agreement layout must place this clause: "always" (e.g. the
   * signatures), or "bilingual" when only a bilingual document needs it (the
   * prevailing-language clause) — a layout without it cannot draft bilingually.
   */
  readonly required?: ClauseRequirement | undefined;
  /** File the metadata came from. */
  readonly file: string;
  /** Where each metadata field is in `file`. */
  readonly positions?: SourcePositions;
}

/** When every layout must place a clause: in every document, or in every bilingual one. */
export type ClauseRequirement = "always" | "bilingual";

/**
 * A clause a pack inserts into existing agreement layouts next to an anchor
 * clause, without restating the layout (pack.yaml `place:`). Exactly one of
 * `before` / `after` is given.
 */
export interface ClausePlacement {
  readonly clause: string;
  readonly before?: string | undefined;
  readonly after?: string | undefined;
  /** The layout to insert into; default every layout of the catalogue that places the anchor. */
  readonly agreement?: string | undefined;
}

/** A pack's agreement template: which clauses, in which order. */
export interface AgreementLayout {
  readonly id: string;
  readonly titles: Titles;
  readonly clauses: readonly string[];
  /** Numbering profile per language (a built-in style or a pack profile id). */
  readonly numbering?: { readonly [L in Lang]?: string | undefined };
  /**
   * The parts, when the layout names them (an `agreements/<id>.yaml` file):
   * each clause's placement must fit its part. `clauses` is their concatenation.
   */
  readonly parts?: { readonly cover: readonly string[]; readonly standardTerms: readonly string[]; readonly schedules: readonly string[] };
  /** File the layout came from, for messages. */
  readonly file?: string;
}

/** A clause pack, as data. */
export interface Pack extends PackExtensions {
  readonly name: string;
  readonly version: string;
  /** Semver range of clausewright versions the pack works with. */
  readonly engine: string;
  readonly languages: readonly Lang[];
  readonly clauses: readonly ClauseDef[];
  readonly agreements: readonly AgreementLayout[];
  /**
   * Checks the pack adds to the built-in ones (see docs/checks.md): read from
   * `rules.yaml` for a pack folder, or any {@link Rule} objects for a pack built
   * in code. A rule with the id of an earlier one replaces it.
   */
  readonly rules?: readonly Rule[] | undefined;
}

/** A pack as a set of files: relative path → text. What a folder or a bundle provides. */
export type PackFiles = Readonly<Record<string, string>>;

/** A 1-based line and column in a pack file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Positions of the nodes of a YAML file, keyed by their dotted data path
 * ("variants.1.id", "requires.0"); "" is the document itself. Data, so a pack
 * stays plain data while checks can still name a line and column.
 */
export type SourcePositions = Readonly<Record<string, SourcePosition>>;

/**
 * New wording for a clause of an earlier pack, by id: templates per variant
 * and language (only those given are replaced), and optionally new titles and
 * extra data paths the new wording reads.
 */
export interface ClauseOverride {
  readonly id: string;
  readonly titles?: Titles;
  /** Extra deal paths the new wording reads, added to the clause's own `reads`. */
  readonly reads: readonly string[];
  /** variant id ("default" for a clause without variants) → language → template. */
  readonly variants: Readonly<Record<string, Partial<Record<Lang, TemplateSource>>>>;
  /** File the override came from (its override.yaml, or its folder when it has none). */
  readonly file: string;
  readonly positions?: SourcePositions;
}

/** A defined term a pack adds, attached to a clause (by default the clause that generates the definitions). */
export interface PackTerm extends TermDef {
  /** Clause the term belongs to; default the clause with `generate: definitions`. */
  readonly clause?: string;
  readonly file: string;
  /** Where the term's Chinese form is written in `file`, for glossary messages. */
  readonly termAt?: SourcePosition;
}

/** One entry: the Chinese term for an English term, and variants to avoid. */
export interface GlossaryEntry {
  readonly en: string;
  readonly zh: string;
  readonly avoid: readonly string[];
  /** Where the entry is: the glossary file and the position of its English key. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * A declarative numbering profile: labels per level with placeholders
 * `{n}` (clause number), `{cn}` (Chinese numeral), `{s}` (sub-clause number),
 * `{a}`/`{A}` (letters), `{i}` (roman), `{title}`.
 */
export interface NumberingProfileSpec {
  readonly id: string;
  /** Clause label, e.g. "Article {n}" or "第{cn}条". */
  readonly clause: string;
  /** Sub-clause number, e.g. "{n}.{s}". */
  readonly subclause: string;
  /** List labels by depth (cycled), e.g. ["({a})", "({i})", "({A})"]. */
  readonly list: readonly string[];
  /** Text of a reference to a clause, e.g. "Article {n} ({title})". */
  readonly clauseRef: string;
  /** Text of a reference to a sub-clause, e.g. "Article {n}.{s}". */
  readonly subclauseRef: string;
  readonly bullet: string;
  /** Schedule label, e.g. "Schedule {n} —" (the default). */
  readonly schedule?: string | undefined;
  /** Reference to a schedule, e.g. "Schedule {n} ({title})" (the default). */
  readonly scheduleRef?: string | undefined;
  /** Reference to paragraph {s} of schedule {n}, e.g. "paragraph {s} of Schedule {n}" (the default). */
  readonly scheduleItemRef?: string | undefined;
}

/** The type of a deal field a pack declares. */
export type FieldType = "string" | "number" | "money" | "date" | "enum" | "boolean" | "list" | "object";

/** A deal field a pack declares (YAML `fields:` or `definePack({ fields })`). */
export interface FieldSpec {
  readonly type: FieldType;
  /** Must the deal give it? Default false (a field with a default is never required). */
  readonly required?: boolean | undefined;
  readonly default?: unknown;
  /** What the field means, shown in the JSON Schema. */
  readonly doc?: string | undefined;
  /** Allowed values of an `enum`. */
  readonly values?: readonly string[] | undefined;
  /** Bounds of a `number` (inclusive). */
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  /** A `number` must be a whole number. */
  readonly integer?: boolean | undefined;
  /** Item spec of a `list`. */
  readonly items?: FieldSpec | undefined;
  /** Member specs of an `object`. */
  readonly fields?: Readonly<Record<string, FieldSpec>> | undefined;
}

/** What a pack adds besides clauses and agreements (all optional, so older packs stay valid). */
export interface PackExtensions {
  /** Where pack.yaml came from, for messages (default "pack.yaml"). */
  readonly manifestFile?: string;
  readonly positions?: SourcePositions;
  /** New wording for clauses of earlier packs. */
  readonly overrides?: readonly ClauseOverride[];
  /**
   * Ids of the earlier packs' clauses and rules this pack replaces (`overrides:` in pack.yaml):
   * a clause folder or `overrides/<id>/` for a clause that already exists, or a rule whose id an
   * earlier pack (the built-in one included) uses, is an error unless its id is listed here.
   * Listed replacements are reported as `PACK_OVERRIDE` warnings and kept in the assembly record.
   */
  readonly declaredOverrides?: readonly string[];
  /** Ids of clauses of earlier packs to leave out of every agreement. */
  readonly disable?: readonly string[];
  /** Clauses to insert into existing layouts before or after an anchor clause, applied in order after the pack's own agreements. */
  readonly place?: readonly ClausePlacement[];
  readonly terms?: readonly PackTerm[];
  /** English term → Chinese term (glossary.yaml), checked at load against defined terms and Chinese text. */
  readonly glossary?: readonly GlossaryEntry[];
  /** Jurisdiction profiles and spellings (jurisdictions.yaml): the house style each governing law sets. */
  readonly jurisdictions?: PackJurisdictions;
  readonly numbering?: readonly NumberingProfileSpec[];
  /** Deal fields, validated under `extensions.<pack name>` in the deal sheet. */
  readonly fields?: Readonly<Record<string, FieldSpec>>;
  /** File the fields came from (fields.yaml or pack.yaml), with positions. */
  readonly fieldsFile?: string;
  readonly fieldsPositions?: SourcePositions;
  /**
   * The provider's standard position (standard.yaml): a partial deal sheet laid over a deal to give
   * the base of a redline against `standard`. Its form is checked when it loads, its values by
   * `pack check` (see standardProblems); the last pack of a catalogue that has one wins.
   */
  readonly standard?: StandardTerms;
  /** File the standard came from, with positions. */
  readonly standardFile?: string;
  readonly standardPositions?: SourcePositions;
}
