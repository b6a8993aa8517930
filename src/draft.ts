import { assemble, type AssemblyDetails } from "./assemble/build.js";
import { resolveCatalog } from "./catalog/builtin.js";
import type { Catalog } from "./catalog/catalog.js";
import { documentForCheck, isDocumentRule, mergeResults, parseLangs, runRules, toProblem } from "./check/engine.js";
import type { Pack } from "./catalog/types.js";
import { validateDeal } from "./deal/parse.js";
import type { Deal, DealInput } from "./deal/schema.js";
import { ClausewrightError } from "./errors/error.js";
import type { Problem } from "./errors/problem.js";
import { BILINGUAL_LAYOUTS, type BilingualLayout, type DocumentModel, type Lang } from "./model/types.js";
import { assembleBilingual } from "./assemble/bilingual.js";
import { renderDocx } from "./render/docx/index.js";
import { renderMarkdown } from "./render/markdown/index.js";
import { renderPdf, type FontSet } from "./render/pdf/index.js";
import type { DateStyle } from "./text/dates.js";
import type { NumberingStyle } from "./assemble/numbering.js";
import { buildRecord, type AssemblyRecord } from "./record/record.js";

/** An output format. */
export type Format = "docx" | "pdf" | "md";

/** All formats, in the order they are produced. */
export const FORMATS: readonly Format[] = ["docx", "pdf", "md"];

/** Language(s) of a draft: one language, or both ("en+zh") for a bilingual agreement. */
export type DraftLang = Lang | "en+zh";

/** All values of {@link DraftLang}. */
export const DRAFT_LANGS: readonly DraftLang[] = ["en", "zh", "en+zh"];

/** Options for {@link draft}. */
export interface DraftOptions {
  /** Formats to produce; default all three. */
  readonly formats?: readonly Format[];
  /**
   * Language of the agreement; default "en". "en+zh" drafts a bilingual
   * agreement (it needs `agreement.prevailingLanguage` in the deal), laid out
   * by `layout`, with `primary` first / on the left.
   */
  readonly lang?: DraftLang;
  /** Bilingual only: "parallel" (default; side by side), "sequential" (one language, then the other) or "interleaved" (each block, then its translation). */
  readonly layout?: BilingualLayout;
  /** Bilingual only: the language that comes first (left in a parallel layout); default "en". */
  readonly primary?: Lang;
  /** Agreement layout id from the catalogue; default the first ("crm-saas"). */
  readonly agreement?: string;
  /** Extra packs layered over the built-in CRM pack (later packs win). Ignored when `catalog` is given. */
  readonly packs?: readonly Pack[];
  /** A prebuilt catalogue (see {@link createCatalog}); reuse one across drafts for speed. */
  readonly catalog?: Catalog;
  /** Font bytes for the PDF; required when "pdf" is requested. `defaultFonts()` from "clausewright/node" loads the bundled ones. */
  readonly fonts?: FontSet;
  /** English date style; default "en-GB" ("1 December 2026"). */
  readonly dateStyle?: DateStyle;
  /** Numbering style; default "en" for English. In a bilingual draft it applies to the primary language, and the other keeps its own. */
  readonly numbering?: NumberingStyle;
  /**
   * Draft even when the checks (see `checkDeal`) find errors. The errors then
   * come back in `warnings`, and the assembly record says `force: true` and
   * lists them under `forcedChecks`.
   */
  readonly force?: boolean;
}

/** What {@link draft} returns: the bytes and text asked for, the model, and what went into it. */
export interface DraftResult {
  readonly deal: Deal;
  readonly model: DocumentModel;
  readonly assembly: AssemblyDetails;
  /** What produced the document (versions, clause and deal hashes, options); also embedded in the DOCX and PDF. */
  readonly record: AssemblyRecord;
  readonly docx?: Uint8Array;
  readonly pdf?: Uint8Array;
  readonly markdown?: string;
  /** Problems that did not stop the draft: catalogue and assembly warnings, check warnings and info, and check errors overridden by `force`. */
  readonly warnings: readonly Problem[];
}

/**
 * Drafts an agreement from a deal sheet object: validates it, assembles the
 * document model from the catalogue and renders the requested formats. Pure:
 * no file system, no clock; the same inputs give the same bytes.
 * The checks run first: rules on the deal before assembly, rules on the
 * document after it; their errors stop the draft (codes `CHECK_<RULE>`) unless
 * `force` is set. Throws a {@link ClausewrightError} listing every problem.
 */
export async function draft(deal: DealInput | Deal, options: DraftOptions = {}): Promise<DraftResult> {
  const validated = validateDeal(deal);
  const formats = options.formats ?? FORMATS;
  const unknown = formats.filter((f) => !FORMATS.includes(f));
  if (unknown.length > 0) {
    throw new ClausewrightError([{ code: "OPTION_UNKNOWN_FORMAT", severity: "error", message: `Unknown format(s): ${unknown.join(", ")} (use ${FORMATS.join(", ")})` }]);
  }
  if (options.lang !== undefined && !DRAFT_LANGS.includes(options.lang)) {
    throw new ClausewrightError([{ code: "OPTION_UNKNOWN_LANG", severity: "error", path: ["lang"], message: `Unknown language "${String(options.lang)}" (use ${DRAFT_LANGS.join(", ")})` }]);
  }
  if (formats.includes("pdf") && !options.fonts) {
    throw new ClausewrightError([
      {
        code: "OPTION_FONTS_REQUIRED",
        severity: "error",
        message: "PDF output needs fonts: pass options.fonts",
        hint: 'import { defaultFonts } from "clausewright/node" and pass { fonts: defaultFonts() }',
      },
    ]);
  }
  const catalog = resolveCatalog(options);
  const langs = parseLangs(String(options.lang ?? "en")) ?? ["en"];
  const force = options.force === true;
  const dealChecks = runRules(catalog.rules.filter((r) => !isDocumentRule(r)), validated, { langs });
  if (!force) stopOnErrors(dealChecks.errors.map(toProblem));
  const assembleOptions = {
    ...(options.lang && options.lang !== "en+zh" ? { lang: options.lang } : {}),
    ...(options.agreement ? { agreement: options.agreement } : {}),
    ...(options.dateStyle ? { dateStyle: options.dateStyle } : {}),
    ...(options.numbering ? { numbering: options.numbering } : {}),
  };
  const lang = options.lang ?? "en";
  const bilingual = lang === "en+zh";
  if (!bilingual && (options.layout !== undefined || options.primary !== undefined)) {
    throw new ClausewrightError([{ code: "OPTION_NOT_BILINGUAL", severity: "error", message: `The layout and primary options are for bilingual drafts (lang "en+zh"), not lang "${lang}"` }]);
  }
  if (options.layout !== undefined && !BILINGUAL_LAYOUTS.includes(options.layout)) {
    throw new ClausewrightError([{ code: "OPTION_UNKNOWN_LAYOUT", severity: "error", message: `Unknown layout "${String(options.layout)}" (use ${BILINGUAL_LAYOUTS.join(", ")})` }]);
  }
  let assembled: { model: DocumentModel; details: AssemblyDetails; warnings: Problem[] };
  let recordOptions: Readonly<Record<string, string | boolean | readonly string[]>> = assembleOptions;
  if (bilingual) {
    const primary = options.primary ?? "en";
    const order = [primary, primary === "en" ? "zh" : "en"] as const;
    const layout = options.layout ?? "parallel";
    const { lang: _lang, numbering, ...common } = assembleOptions;
    const both = assembleBilingual(catalog, validated, { ...common, langs: order, layout, ...(numbering ? { numbering: { [primary]: numbering } } : {}) });
    assembled = { model: both.model, details: both.details[0], warnings: both.warnings };
    recordOptions = { ...assembleOptions, lang: "en+zh", langs: [...order], layout };
  } else {
    assembled = assemble(catalog, validated, assembleOptions);
  }
  const details = assembled.details;
  const docChecks = runRules(catalog.rules.filter(isDocumentRule), validated, { langs, documents: [documentForCheck(catalog, assembled.model, details)] });
  const checks = mergeResults(dealChecks, docChecks);
  if (!force) stopOnErrors(checks.errors.map(toProblem));
  const forced = checks.errors.map((p) => p.code);
  // Formats are left out of the record on purpose: asking for a PDF too must not change the DOCX bytes.
  const record = buildRecord(catalog, validated, details, {
    ...recordOptions,
    ...(force ? { force: true, ...(forced.length > 0 ? { forcedChecks: [...new Set(forced)] } : {}) } : {}),
  });
  const model: DocumentModel = { ...assembled.model, meta: { ...assembled.model.meta, record: JSON.stringify(record) } };
  const [docx, pdf] = await Promise.all([
    formats.includes("docx") ? renderDocx(model) : undefined,
    formats.includes("pdf") && options.fonts ? renderPdf(model, { fonts: options.fonts }) : undefined,
  ]);
  return {
    deal: validated,
    model,
    assembly: details,
    record,
    ...(docx ? { docx } : {}),
    ...(pdf ? { pdf } : {}),
    ...(formats.includes("md") ? { markdown: renderMarkdown(model) } : {}),
    warnings: [...catalog.warnings, ...assembled.warnings, ...checks.problems.map(toProblem)],
  };
}

function stopOnErrors(errors: readonly Problem[]): void {
  const [first, ...rest] = errors;
  if (first) throw new ClausewrightError([first, ...rest]);
}
