import type { Rule } from "../check/types.js";
import type { Lang } from "../model/types.js";

/** The fixed category vocabulary of the built-in catalogue (a pack may add its own). */
export const CATEGORIES = [
  "parties", "definitions", "scope", "modules", "customization", "integration", "implementation",
  "acceptance", "responsibilities", "training", "data-ownership", "data-protection", "security", "sla",
  "support", "maintenance", "fees", "payment", "term", "termination", "exit", "confidentiality", "ip",
  "warranties", "liability", "indemnification", "breach", "force-majeure", "governing-law", "disputes",
  "compliance", "general", "signatures",
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
  /** File the metadata came from. */
  readonly file: string;
}

/** A pack's agreement template: which clauses, in which order. */
export interface AgreementLayout {
  readonly id: string;
  readonly titles: Titles;
  readonly clauses: readonly string[];
}

/** A clause pack, as data. */
export interface Pack {
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
