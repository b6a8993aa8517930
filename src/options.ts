import type { EngineProblemCode } from "./errors/codes.js";
import { z } from "zod";
import { languagePair, prevailingFirst } from "./assemble/languages.js";
import type { NumberingStyle } from "./assemble/numbering.js";
import type { Catalog } from "./catalog/catalog.js";
import type { Pack } from "./catalog/types.js";
import type { Rule } from "./check/types.js";
import { ClausewrightError } from "./errors/error.js";
import type { Problem } from "./errors/problem.js";
import { BILINGUAL_LAYOUTS, type BilingualLayout, type Lang } from "./model/types.js";
import type { FontSet } from "./render/pdf/index.js";
import type { DateStyle } from "./text/dates.js";

/** An output format. */
export type Format = "docx" | "pdf" | "md" | "html";

/** All formats, in the order they are produced. */
export const FORMATS: readonly Format[] = ["docx", "pdf", "md", "html"];

/** The formats drafted when none are named: the three a signing process uses (HTML is asked for by name). */
export const DEFAULT_FORMATS: readonly Format[] = ["docx", "pdf", "md"];

/** Language(s) of a draft: one language, or both ("en+zh") for a bilingual agreement. */
export type DraftLang = Lang | "en+zh";

/** All values of {@link DraftLang}. */
export const DRAFT_LANGS: readonly DraftLang[] = ["en", "zh", "en+zh"];

const DATE_STYLES: readonly DateStyle[] = ["en-GB", "en-US", "zh"];
const BUILTIN_NUMBERING: readonly NumberingStyle[] = ["en", "zh-article-decimal", "zh-gbt9704"];

/**
 * What decides the document: shared by `draft` and `checkDeal` (and the CLI's
 * `draft` and `check`), so a check judges exactly the document a draft writes.
 */
export interface PrepareOptions {
  /**
   * Language of the agreement; default "en". "en+zh" is a bilingual agreement
   * (it needs `agreement.prevailingLanguage` in the deal), laid out by
   * `layout`, with `primary` first / on the left.
   */
  readonly lang?: DraftLang;
  /** Bilingual only: "parallel" (default; side by side), "sequential" (one language, then the other) or "interleaved" (each block, then its translation). */
  readonly layout?: BilingualLayout;
  /**
   * Bilingual only: the language that comes first (left in a parallel layout).
   * Default: the prevailing one (`agreement.prevailingLanguage`), so a text
   * that governs is never the second one; English when both are equal.
   */
  readonly primary?: Lang;
  /** Agreement layout id from the catalogue; default the first ("crm-saas"). */
  readonly agreement?: string;
  /** Extra packs layered over the built-in CRM pack (later packs win). Ignored when `catalog` is given. */
  readonly packs?: readonly Pack[];
  /** A prebuilt catalogue (see `createCatalog`); reuse one across drafts for speed. */
  readonly catalog?: Catalog;
  /**
   * Safety rules the `packs` may replace (see `Rule.safety`): a pack alone never can. Recorded
   * in the assembly record. Ignored when `catalog` is given (pass it to `createCatalog` then).
   */
  readonly allowRuleOverride?: readonly string[];
  /** English date style; default the governing law's (jurisdictions.yaml: "en-US" under US law, else "en-GB"). `--us-dates` sets "en-US". */
  readonly dateStyle?: DateStyle;
  /** Numbering style or a pack's numbering profile id; default the agreement's, else "en" for English. In a bilingual document it applies to the primary language, and the other keeps its own. */
  readonly numbering?: NumberingStyle | (string & Record<never, never>);
  /**
   * Draft even when the checks find errors: they come back in `warnings`, and
   * the assembly record says `force: true` and lists them under `forcedChecks`.
   * `checkDeal` accepts and ignores it.
   */
  readonly force?: boolean;
  /** Run exactly these rules instead of the catalogue's (built-in plus every pack's). */
  readonly rules?: readonly Rule[];
}

/** Options for `draft`: {@link PrepareOptions} plus what to render. */
export interface DraftOptions extends PrepareOptions {
  /** Formats to produce; default {@link DEFAULT_FORMATS} (DOCX, PDF, Markdown). */
  readonly formats?: readonly Format[];
  /** Font bytes for the PDF; required when "pdf" is requested. `defaultFonts()` from "clausewright/node" loads the bundled ones. */
  readonly fonts?: FontSet;
}

/**
 * Options for `checkDeal`: {@link PrepareOptions}, plus `document`. `formats`
 * and `fonts` are accepted (and ignored), so one options object can serve
 * both `checkDeal` and `draft`.
 */
export interface CheckOptions extends PrepareOptions {
  /** Also assemble the agreement and run the document rules; default true. */
  readonly document?: boolean;
  /** Accepted so draft options can be passed as they are; a check renders nothing. */
  readonly formats?: readonly Format[];
  /** Accepted so draft options can be passed as they are; a check renders nothing. */
  readonly fonts?: FontSet;
}

/**
 * The options with the deal's default primary language applied: only for a
 * bilingual draft whose options did not name one (an explicit `primary` wins).
 */
export function withDealPrimary(resolved: ResolvedOptions, given: { readonly primary?: Lang | undefined }, prevailing: "en" | "zh" | "equal" | undefined): ResolvedOptions {
  if (!resolved.bilingual || given.primary !== undefined) return resolved;
  const primary = prevailingFirst(prevailing);
  return { ...resolved, primary, langs: languagePair(primary) };
}

/** The options {@link validateOptions} returns: defaults applied. */
export interface ResolvedOptions {
  readonly formats: readonly Format[];
  readonly lang: DraftLang;
  /** The languages of the document, primary first. */
  readonly langs: readonly Lang[];
  readonly bilingual: boolean;
  readonly layout: BilingualLayout;
  /** The language that comes first; "en" unless given, until the deal is known (see {@link withDealPrimary}). */
  readonly primary: Lang;
  readonly agreement?: string;
  readonly dateStyle?: DateStyle;
  readonly numbering?: string;
  readonly force: boolean;
  readonly document: boolean;
  readonly fonts?: FontSet;
  readonly rules?: readonly Rule[];
}

const isObject = (v: unknown): v is object => typeof v === "object" && v !== null;

/**
 * The one schema of the options of `draft`, `checkDeal` and the CLI. Unknown
 * keys are refused (`OPTION_UNKNOWN`): a misspelt option would otherwise
 * silently draft a different document.
 */
export const optionsSchema = z.strictObject({
  formats: z.array(z.enum(FORMATS as [Format, ...Format[]])).optional(),
  lang: z.enum(DRAFT_LANGS as [DraftLang, ...DraftLang[]]).optional(),
  layout: z.enum(BILINGUAL_LAYOUTS as [BilingualLayout, ...BilingualLayout[]]).optional(),
  primary: z.enum(["en", "zh"]).optional(),
  agreement: z.string().min(1).optional(),
  packs: z.array(z.custom<Pack>(isObject)).optional(),
  catalog: z.custom<Catalog>((v) => isObject(v) && "clauses" in v && "rules" in v).optional(),
  allowRuleOverride: z.array(z.string().min(1)).optional(),
  fonts: z.custom<FontSet>((v) => isObject(v) && "regular" in v).optional(),
  dateStyle: z.enum(DATE_STYLES as [DateStyle, ...DateStyle[]]).optional(),
  numbering: z.string().min(1).optional(),
  force: z.boolean().optional(),
  rules: z.array(z.custom<Rule>((v) => isObject(v) && "check" in v && typeof (v as { check: unknown }).check === "function")).optional(),
  document: z.boolean().optional(),
});

/** What the options are validated for: `draft` renders (fonts needed for a PDF) and always assembles. */
export type OptionsPurpose = "draft" | "check";

/** The stable code of a schema issue on an option. */
function codeOf(key: string | undefined): EngineProblemCode {
  switch (key) {
    case "formats":
      return "OPTION_UNKNOWN_FORMAT";
    case "lang":
      return "OPTION_UNKNOWN_LANG";
    case "layout":
      return "OPTION_UNKNOWN_LAYOUT";
    case "primary":
      return "OPTION_UNKNOWN_PRIMARY";
    case "dateStyle":
      return "OPTION_UNKNOWN_DATE_STYLE";
    default:
      return "OPTION_INVALID";
  }
}

const ALLOWED: Readonly<Record<string, string>> = {
  formats: FORMATS.join(", "),
  lang: DRAFT_LANGS.join(", "),
  layout: BILINGUAL_LAYOUTS.join(", "),
  primary: "en, zh",
  dateStyle: DATE_STYLES.join(", "),
};

function describe(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : Array.isArray(value) ? "a list" : value === null ? "null" : typeof value;
}

/** Every problem with the options, each with its path and stable code (`OPTION_*`); empty when they are fine. */
export function optionProblems(options: unknown, purpose: OptionsPurpose, catalog?: Catalog): Problem[] {
  const problems: Problem[] = [];
  const parsed = optionsSchema.safeParse(options ?? {}, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
      const key = typeof path[0] === "string" ? path[0] : undefined;
      if (issue.code === "unrecognized_keys") {
        for (const k of issue.keys)
          problems.push({ code: "OPTION_UNKNOWN", severity: "error", path: [k], message: `Unknown option "${k}"`, hint: `The options are ${Object.keys(optionsSchema.shape).join(", ")}.` });
        continue;
      }
      const input = (issue as { input?: unknown }).input;
      const allowed = key ? ALLOWED[key] : undefined;
      const what = key === "formats" ? "format" : key === "lang" ? "language" : key === "dateStyle" ? "date style" : key === "primary" ? "primary language" : (key ?? "option");
      problems.push({
        code: codeOf(key),
        severity: "error",
        path,
        message: allowed ? `Unknown ${what} ${describe(input)} (use ${allowed})` : `Invalid option ${path.join(".")}: ${issue.message}`,
      });
    }
  }
  const o = (isObject(options) ? options : {}) as Record<string, unknown>;
  const bilingual = o["lang"] === "en+zh";
  if (!bilingual && (o["layout"] !== undefined || o["primary"] !== undefined)) {
    problems.push({
      code: "OPTION_NOT_BILINGUAL",
      severity: "error",
      path: [o["layout"] !== undefined ? "layout" : "primary"],
      message: `The layout and primary options are for bilingual drafts (lang "en+zh"), not lang "${String(o["lang"] ?? "en")}"`,
    });
  }
  if (purpose === "draft") {
    if (o["document"] === false) {
      problems.push({
        code: "OPTION_NOT_FOR_DRAFT",
        severity: "error",
        path: ["document"],
        message: "A draft always assembles the document and runs the document rules: document: false is for checkDeal",
      });
    }
    const formats = Array.isArray(o["formats"]) ? (o["formats"] as unknown[]) : DEFAULT_FORMATS;
    if (formats.includes("pdf") && o["fonts"] === undefined) {
      problems.push({
        code: "OPTION_FONTS_REQUIRED",
        severity: "error",
        path: ["fonts"],
        message: "PDF output needs fonts: pass options.fonts",
        hint: 'import { defaultFonts } from "clausewright/node" and pass { fonts: defaultFonts() }',
      });
    }
  }
  if (catalog) {
    const agreement = o["agreement"];
    if (typeof agreement === "string" && agreement !== "" && !catalog.agreements.has(agreement)) {
      problems.push({
        code: "OPTION_UNKNOWN_AGREEMENT",
        severity: "error",
        path: ["agreement"],
        message: `Unknown agreement "${agreement}" (known: ${[...catalog.agreements.keys()].join(", ") || "none"})`,
      });
    }
    const numbering = o["numbering"];
    if (typeof numbering === "string" && numbering !== "" && !catalog.numbering.has(numbering) && !(BUILTIN_NUMBERING as readonly string[]).includes(numbering)) {
      problems.push({
        code: "OPTION_UNKNOWN_NUMBERING",
        severity: "error",
        path: ["numbering"],
        message: `Unknown numbering profile "${numbering}" (known: ${[...BUILTIN_NUMBERING, ...catalog.numbering.keys()].join(", ")})`,
      });
    }
  }
  return problems;
}

/**
 * Validates the options of `draft` or `checkDeal` against {@link optionsSchema}
 * (and, given the catalogue, the agreement and numbering ids), reporting every
 * problem at once in a {@link ClausewrightError}; returns them with defaults.
 */
export function validateOptions(options: DraftOptions | CheckOptions | undefined, purpose: OptionsPurpose, catalog?: Catalog): ResolvedOptions {
  const [first, ...rest] = optionProblems(options, purpose, catalog);
  if (first) throw new ClausewrightError([first, ...rest]);
  const o = (options ?? {}) as DraftOptions & CheckOptions;
  const lang = o.lang ?? "en";
  const primary = o.primary ?? "en";
  const bilingual = lang === "en+zh";
  const langs: readonly Lang[] = bilingual ? languagePair(primary) : [lang];
  return {
    formats: o.formats ? [...new Set(o.formats)] : DEFAULT_FORMATS,
    lang,
    langs,
    bilingual,
    layout: o.layout ?? "parallel",
    primary,
    ...(o.agreement !== undefined ? { agreement: o.agreement } : {}),
    ...(o.dateStyle !== undefined ? { dateStyle: o.dateStyle } : {}),
    ...(o.numbering !== undefined ? { numbering: o.numbering } : {}),
    force: o.force === true,
    document: o.document !== false,
    ...(o.fonts !== undefined ? { fonts: o.fonts } : {}),
    ...(o.rules !== undefined ? { rules: o.rules } : {}),
  };
}
