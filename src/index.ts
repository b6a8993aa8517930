/**
 * clausewright: draft service agreements from a typed clause catalogue.
 * This entry is pure (no file system); Node helpers live in "clausewright/node".
 */
export {
  draft,
  FORMATS,
  DEFAULT_FORMATS,
  DRAFT_LANGS,
  type DraftLang,
  type DraftOptions,
  type DraftResult,
  type DraftResultBase,
  type DraftOutputs,
  type DefaultFormat,
  type OutputKey,
  type RequestedFormats,
  type Format,
} from "./draft.js";
/**
 * The one preparation behind `draft` and `checkDeal`, and the one options
 * schema both validate against (every `OPTION_*` problem at once).
 */
export { prepare, type Prepared, type PreparedDocument } from "./prepare.js";
export { optionsSchema, validateOptions, optionProblems, type PrepareOptions, type ResolvedOptions, type OptionsPurpose } from "./options.js";
export { parseDeal, parseDealSheet, validateDeal, type DealSource, type ParsedDealSheet } from "./deal/parse.js";
export { dealSchema, dealSheetSchema, JURISDICTIONS, ARBITRATION_INSTITUTIONS, type Deal, type DealInput } from "./deal/schema.js";
export { dealJsonSchema } from "./deal/json-schema.js";
export { ClausewrightError } from "./errors/error.js";
export { formatProblem, formatPath, type Problem, type ProblemLocation, type Severity } from "./errors/problem.js";
/** Every problem code as data and as a union type, for exhaustive handling of `Problem.code`. */
export { PROBLEM_CODES, isEngineProblemCode, type ProblemCode, type EngineProblemCode, type CheckCode, type PackFileCode, type PackRuleCode, type RebasedCode } from "./errors/codes.js";
export { assemble, type AssembleOptions, type AssemblyDetails, type DocumentFacts } from "./assemble/build.js";
export { assembleBilingual, bilingualProblems, checkAlignment, combineBilingual, type BilingualAssembly, type BilingualOptions } from "./assemble/bilingual.js";
export { computeValues, type Computed, type PaymentStageRow } from "./assemble/compute.js";
export { createCatalog, type Catalog, type CatalogClause, type CatalogOptions } from "./catalog/catalog.js";
export type { CatalogOverride } from "./catalog/overrides.js";
export { PACK_LIMITS } from "./catalog/pack-limits.js";
export { TEMPLATE_BUDGET } from "./template/budget.js";
/**
 * Checks that catch a bad deal before a client sees it (docs/checks.md):
 * `checkDeal(deal, { lang })` runs every rule and returns the problems;
 * `builtinRules` lists the built-in rules; a `Rule` is data plus a pure
 * function, and packs add their own (`Pack.rules`, or `rules.yaml`).
 */
export {
  checkDeal,
  builtinRules,
  runRules,
  documentForCheck,
  parseLangs,
  problemCode,
  toProblem,
  ruleFromSpec,
  evaluateCondition,
  type CheckOptions,
  type LangOption,
  type RuleSpec,
  type RuleCondition,
  type Bilingual,
  type CheckContext,
  type CheckedClause,
  type CheckedDocument,
  type CheckProblem,
  type CheckResult,
  type Finding,
  type Rule,
} from "./check/index.js";
export { parsePackRules, RULES_FILE } from "./catalog/pack-rules.js";
export { parsePack, type ParsedPack } from "./catalog/parse-pack.js";
export { builtinPack, builtinPackNames, defaultCatalog, resolveCatalog } from "./catalog/builtin.js";
/**
 * The provider's standard position (a pack's standard.yaml): `standardDeal(deal, catalog)` is the
 * deal on the house terms, the base of a redline against `standard`; `standardProblems` checks a
 * pack's standard against the deal schema and sample deals, as `pack check` does.
 */
export { standardDeal } from "./catalog/standard-deal.js";
export { mergeStandard } from "./deal/standard-merge.js";
export { standardProblems, type StandardSample } from "./catalog/standard-check.js";
export { STANDARD_FILE, type StandardTerms, type StandardPart, type CatalogStandard } from "./catalog/standard.js";
export { listClauses, formatClauseTable, type ClauseListing } from "./catalog/listing.js";
export { scanZhPunctuation, fixZhPunctuation, isChineseChar, zhPunctuationProblems, ZH_FULL_WIDTH, type ZhPunctuationHit } from "./catalog/zh-punctuation.js";
export { avoidedVariants, glossaryProblems, parseGlossary, GLOSSARY_FILE } from "./catalog/glossary.js";
export {
  CATEGORIES,
  type Category,
  type Pack,
  type PackFiles,
  type ClauseDef,
  type ClauseVariant,
  type Condition,
  type AgreementLayout,
  type Placement,
  type TemplateSource,
  type Titles,
} from "./catalog/types.js";
/**
 * Redlines: a deal against a base deal (the last round, or the pack's standard terms) as one
 * document with tracked changes, and the deviation report (docs/redline.md).
 */
export { redline, STANDARD, DEFAULT_REDLINE_AUTHOR, type RedlineOptions, type RedlineResult } from "./redline/redline.js";
export { diffModels, PAIR_SIMILARITY } from "./redline/model-diff.js";
export { countChanges } from "./redline/count.js";
export { deviationReport, type DeviationReport, type ClauseDeviation, type ClauseStatus, type FieldDeviation, type FindingSummary } from "./redline/report.js";
export { formatDeviationReport } from "./redline/report-text.js";
export { dealDifferences, type FieldDifference } from "./redline/fields-diff.js";
export { renderDocx, type DocxOptions } from "./render/docx/index.js";
export { renderPdf, type CjkFontBytes, type FontSet, type PdfOptions } from "./render/pdf/index.js";
export { renderMarkdown } from "./render/markdown/index.js";
export { renderHtml } from "./render/html/index.js";
export { formatMoney } from "./text/money.js";
export { amountInWords, type AmountInWordsOptions } from "./text/words.js";
export { formatDate, termEnd, renewalPeriodEnd, renewalPeriod, type DateStyle } from "./text/dates.js";
export type { PrintedValue } from "./template/env.js";
export type * from "./model/types.js";
export { BILINGUAL_LAYOUTS } from "./model/types.js";
export { buildRecord, canonicalJson, type AssemblyRecord, type RecordClause } from "./record/record.js";
/**
 * What the other side changed in a DOCX of ours that came back (`compareDocx`): per clause, the
 * edits made without tracked changes and the tracked changes left in; `formatCompareReport` prints it.
 */
export {
  compareDocx,
  formatCompareReport,
  COMPARE_LABELS,
  COMPARE_LIMITS,
  type CompareOptions,
  type CompareReport,
  type CompareCounts,
  type ClauseComparison,
  type EditKind,
  type RevisionKind,
  type SegmentKind,
  type TextEdit,
  type TrackedChange,
} from "./compare/index.js";
export { numberingProfile, type NumberingProfile, type NumberingStyle } from "./assemble/numbering.js";
export { VERSION } from "./version.js";
export { definePack, defineClause, type ClauseSpec, type PackSpec, type TypedPack, type PackDealFields, type Templates, type BuiltinClauseId } from "./catalog/define.js";
export { relocatePack } from "./catalog/relocate.js";
export { EXTENSIONS_KEY, type FieldValue, type FieldValues } from "./catalog/fields.js";
export type { FieldSpec, FieldType, ClauseOverride, PackTerm, GlossaryEntry, NumberingProfileSpec, PackExtensions, SourcePosition, SourcePositions } from "./catalog/types.js";
export type { DealSchemaSource } from "./deal/parse.js";
