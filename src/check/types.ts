import type { ProblemCode } from "../errors/codes.js";
import type { Placement } from "../catalog/types.js";
import type { Deal } from "../deal/schema.js";
import type { PrintedValue } from "../template/env.js";
import type { Severity } from "../errors/problem.js";
import type { DocumentModel, Lang } from "../model/types.js";
import type { DateStyle } from "../text/dates.js";

/** A text in English and Chinese. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** A clause of an assembled document, as the document rules see it. */
export interface CheckedClause {
  readonly id: string;
  readonly category: string;
  /** Deal paths the clause's templates read ("privacy.processing"); a path covers its children. */
  readonly reads: readonly string[];
  /** Terms the clause defines, per language. */
  readonly terms: readonly { readonly en?: string | undefined; readonly zh?: string | undefined }[];
  /** Where the clause sits: "cover" (the order form), "front", "body", "schedule" or "signatures"; absent when unknown. */
  readonly placement?: Placement;
  /** Deal values the clause printed through `period`, `money`, `moneyWords` or `date`, with their data paths; absent when unknown. */
  readonly printed?: readonly PrintedValue[];
}

/** One assembled document (one language), for the rules that look at the agreement itself. */
export interface CheckedDocument {
  readonly lang: Lang;
  readonly model: DocumentModel;
  /** The clauses in the document, in order. */
  readonly clauses: readonly CheckedClause[];
  /** How the document prints dates ("zh" for a Chinese copy); default "en-GB" for English, "zh" for Chinese. */
  readonly dateStyle?: DateStyle;
}

/** What a rule knows besides the deal. */
export interface CheckContext {
  /** Languages of the agreement: `["en"]`, `["zh"]`, or `["en", "zh"]` for a bilingual agreement. */
  readonly langs: readonly Lang[];
  /** The assembled documents, one per language; present only when document rules run. */
  readonly documents?: readonly CheckedDocument[] | undefined;
}

/** One thing a rule found. */
export interface Finding {
  /** Data path of the offending value; defaults to the rule's first path. */
  readonly path?: readonly (string | number)[];
  /** Values for `{name}` placeholders in the rule's message and hint; a {@link Bilingual} value gives each language its own text. */
  readonly params?: Readonly<Record<string, string | number | Bilingual>>;
  /** The clause involved, for document rules. */
  readonly clause?: string;
}

/**
 * A check on a deal (and, for `scope: "document"`, on the assembled agreement).
 * Rules are data plus a pure function: the function looks, never changes, and
 * returns one finding per problem it sees (none when the deal is fine).
 */
export interface Rule {
  /** Stable id, e.g. "D1" or "D1-transfer". The problem code is `CHECK_` + the id in upper case ("CHECK_D1_TRANSFER"). */
  readonly id: string;
  readonly severity: Severity;
  /** Group the rule belongs to ("data-protection", "liability", …); a pack's rules use the pack name. */
  readonly group: string;
  /** What is wrong, in both languages; `{name}` placeholders take a finding's params. */
  readonly message: Bilingual;
  /** The deal paths the rule looks at, dotted ("privacy.regimes"). */
  readonly paths: readonly string[];
  /** How to fix it, in both languages; `{name}` placeholders take a finding's params. */
  readonly hint: Bilingual;
  /** `deal` (default): needs only the deal. `document`: runs on the assembled agreement too, so only when one is given. */
  readonly scope?: "deal" | "document";
  /**
   * A safety rule guards what makes an agreement unenforceable or self-contradicting (the forum,
   * payment stages, the liability cap, data protection). A pack cannot replace one unless the
   * person drafting allows it by id (`allowRuleOverride`); the built-in pack marks its own.
   */
  readonly safety?: boolean;
  readonly check: (deal: Deal, context: CheckContext) => readonly Finding[];
}

/** A problem found by a rule. */
export interface CheckProblem {
  /** The rule id. */
  readonly id: string;
  /** The problem code used in errors and warnings: `CHECK_<ID>` for a rule, the assembly problem's own code otherwise. */
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly message: Bilingual;
  /** Data path of the offending value (empty when the problem is not about one value). */
  readonly path: readonly (string | number)[];
  readonly hint: Bilingual;
  /** The clause involved, for document rules. */
  readonly clause?: string;
}

/** The outcome of checking a deal. */
export interface CheckResult {
  /** Every problem, errors first, then warnings, then info; within a severity in rule order. */
  readonly problems: readonly CheckProblem[];
  readonly errors: readonly CheckProblem[];
  readonly warnings: readonly CheckProblem[];
  readonly infos: readonly CheckProblem[];
  /** True when there are no errors (warnings and info do not stop a draft). */
  readonly ok: boolean;
}
