import { bilingualProblems, combineBilingual } from "./assemble/bilingual.js";
import { assemble, type AssembleOptions, type AssemblyDetails } from "./assemble/build.js";
import { resolveCatalog } from "./catalog/builtin.js";
import type { Catalog } from "./catalog/catalog.js";
import { documentForCheck, isDocumentRule, runRules } from "./check/engine.js";
import type { CheckedDocument, CheckResult, Rule } from "./check/types.js";
import { validateDeal } from "./deal/parse.js";
import type { Deal, DealInput } from "./deal/schema.js";
import { ClausewrightError } from "./errors/error.js";
import type { Problem } from "./errors/problem.js";
import type { DocumentModel, Lang } from "./model/types.js";
import { optionProblems, validateOptions, withDealPrimary, type CheckOptions, type DraftOptions, type OptionsPurpose, type ResolvedOptions } from "./options.js";

/** The assembled agreement, as `draft` renders it. */
export interface PreparedDocument {
  /** The document model: for a bilingual agreement, both languages combined in the chosen layout. */
  readonly model: DocumentModel;
  /** What went into the primary language's copy. */
  readonly details: AssemblyDetails;
  /** Each language's own copy, primary first (one for a single-language agreement). */
  readonly parts: readonly { readonly model: DocumentModel; readonly details: AssemblyDetails }[];
  /** Options as the assembly record states them. */
  readonly recordOptions: Readonly<Record<string, string | boolean | readonly string[]>>;
}

/** Everything `draft` and `checkDeal` share: validated options and deal, the document, and the checks. */
export interface Prepared {
  readonly catalog: Catalog;
  readonly deal: Deal;
  readonly options: ResolvedOptions;
  /** The rules that ran: `options.rules`, else the catalogue's. */
  readonly rules: readonly Rule[];
  /** The rules that need only the deal. */
  readonly dealChecks: CheckResult;
  /** The document rules, run on {@link Prepared.documents}; empty when there is no document. */
  readonly documentChecks: CheckResult;
  /** The assembled agreement; absent when it could not be assembled (see `assemblyProblems`) or `document: false`. */
  readonly document?: PreparedDocument;
  /** What the document rules saw: each language's copy, primary first. */
  readonly documents: readonly CheckedDocument[];
  /** Problems that stopped the assembly (template errors, misaligned languages…); the document rules skip what did not assemble. */
  readonly assemblyProblems: readonly Problem[];
  /** Catalogue and assembly warnings (unused terms, …). */
  readonly warnings: readonly Problem[];
}

/**
 * The one preparation behind `draft` and `checkDeal` (and the CLI's `draft`
 * and `check`): validates the options (every problem at once, before any
 * work) and the deal, runs the deal rules, assembles every language of the
 * document exactly as `draft` renders it (with the document's languages, so a
 * bilingual check sees the Language clause), and runs the document rules on
 * each language's copy. Throws a {@link ClausewrightError} for invalid options
 * or an invalid deal; check findings and assembly problems are returned, and
 * each caller decides what stops it.
 */
export function prepare(deal: DealInput | Deal, options: DraftOptions | CheckOptions = {}, purpose: OptionsPurpose = "check"): Prepared {
  // The options that need no catalogue first, so a bad pack does not hide them.
  const early = optionProblems(options, purpose);
  const [firstEarly, ...restEarly] = early;
  if (firstEarly) throw new ClausewrightError([firstEarly, ...restEarly]);
  const catalog = resolveCatalog(options);
  const checked = validateOptions(options, purpose, catalog);
  // The catalogue's schema: pack fields are validated under extensions.<pack>.
  const validated = validateDeal(deal, catalog);
  // Which language comes first depends on the deal: the prevailing text leads unless the options say otherwise.
  const resolved = withDealPrimary(checked, options, validated.agreement.prevailingLanguage);
  const rules = resolved.rules ?? catalog.rules;
  const dealChecks = runRules(
    rules.filter((r) => !isDocumentRule(r)),
    validated,
    { langs: resolved.langs },
  );
  const empty = runRules([], validated, { langs: resolved.langs });
  if (!resolved.document) {
    return { catalog, deal: validated, options: resolved, rules, dealChecks, documentChecks: empty, documents: [], assemblyProblems: [], warnings: catalog.warnings };
  }
  // Only an explicitly given language is recorded, as before this module existed: the record (and so the DOCX bytes) must not change.
  const lang = (options as { lang?: unknown }).lang;
  const assembled = assembleDocument(catalog, validated, resolved, typeof lang === "string" && lang !== "en+zh" ? { lang } : {});
  const documentChecks = runRules(rules.filter(isDocumentRule), validated, { langs: resolved.langs, documents: assembled.documents });
  return {
    catalog,
    deal: validated,
    options: resolved,
    rules,
    dealChecks,
    documentChecks,
    ...(assembled.document ? { document: assembled.document } : {}),
    documents: assembled.documents,
    assemblyProblems: assembled.problems,
    warnings: [...catalog.warnings, ...assembled.warnings],
  };
}

/** Assembles each language (a failed language is reported, the others still checked), then combines two into one bilingual model. */
function assembleDocument(
  catalog: Catalog,
  deal: Deal,
  o: ResolvedOptions,
  givenLang: Readonly<Record<string, string>>,
): { document?: PreparedDocument; documents: CheckedDocument[]; problems: Problem[]; warnings: Problem[] } {
  const common: { agreement?: string; dateStyle?: NonNullable<AssembleOptions["dateStyle"]> } = {
    ...(o.agreement ? { agreement: o.agreement } : {}),
    ...(o.dateStyle ? { dateStyle: o.dateStyle } : {}),
  };
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (o.bilingual) {
    const pair: readonly [Lang, Lang] = [o.langs[0] ?? "en", o.langs[1] ?? "zh"];
    problems.push(...bilingualProblems(deal, pair));
    if (problems.length > 0) return { documents: [], problems, warnings };
  }
  const parts: { model: DocumentModel; details: AssemblyDetails }[] = [];
  const documents: CheckedDocument[] = [];
  for (const lang of o.langs) {
    // The numbering option applies to the primary language; the other keeps its own profile.
    const numbering = o.numbering !== undefined && lang === o.langs[0] ? { numbering: o.numbering } : {};
    try {
      const one = assemble(catalog, deal, { ...common, ...numbering, lang, langs: o.langs });
      parts.push({ model: one.model, details: one.details });
      documents.push(
        documentForCheck(catalog, one.model, one.details, { dateStyle: lang === "zh" ? "zh" : (o.dateStyle ?? catalog.jurisdictions.profiles.get(deal.law.governingLaw)?.dateStyle ?? "en-GB") }),
      );
      // The same warning from both languages is reported once.
      const before = [...warnings];
      warnings.push(...one.warnings.filter((w) => !before.some((p) => p.code === w.code && p.message === w.message)));
    } catch (err) {
      if (!ClausewrightError.is(err)) throw err;
      problems.push(...err.problems);
    }
  }
  const [primary, secondary] = parts;
  if (!primary || parts.length !== o.langs.length) return { documents, problems, warnings };
  const recordBase: Record<string, string> = { ...common, ...(o.numbering !== undefined ? { numbering: o.numbering } : {}) };
  if (!secondary) {
    return { document: { model: primary.model, details: primary.details, parts, recordOptions: { ...givenLang, ...recordBase } }, documents, problems, warnings };
  }
  try {
    const model = combineBilingual(primary.model, secondary.model, o.layout);
    return {
      document: { model, details: primary.details, parts, recordOptions: { ...recordBase, lang: "en+zh", langs: [...o.langs], layout: o.layout } },
      documents,
      problems,
      warnings,
    };
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    return { documents, problems: [...problems, ...err.problems], warnings };
  }
}
