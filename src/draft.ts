import type { AssemblyDetails } from "./assemble/build.js";
import { mergeResults, toProblem } from "./check/engine.js";
import type { Deal, DealInput } from "./deal/schema.js";
import { ClausewrightError } from "./errors/error.js";
import type { Problem } from "./errors/problem.js";
import type { DocumentModel } from "./model/types.js";
import type { DraftOptions, Format } from "./options.js";
import { prepare } from "./prepare.js";
import { renderOutputs } from "./render-outputs.js";
import { buildRecord, type AssemblyRecord } from "./record/record.js";

export { FORMATS, DEFAULT_FORMATS, DRAFT_LANGS, type Format, type DraftLang, type DraftOptions } from "./options.js";

/** The outputs {@link draft} can produce, by result key. */
export interface DraftOutputs {
  /** The DOCX file's bytes. */
  readonly docx: Uint8Array;
  /** The PDF file's bytes. */
  readonly pdf: Uint8Array;
  /** The Markdown text. */
  readonly markdown: string;
  /** The HTML page (see `renderHtml`). */
  readonly html: string;
}

/** The formats {@link draft} produces when `formats` is not given (see `DEFAULT_FORMATS`). */
export type DefaultFormat = "docx" | "pdf" | "md";

/** The result key of a format: `"md"` comes back as `markdown`, the others under their own name. */
export type OutputKey<F extends Format> = F extends "md" ? "markdown" : F;

/**
 * The formats a `formats` option is known to ask for: the members of a tuple (an array literal
 * such as `["docx", "md"]`), and none for an array whose members the compiler does not know.
 */
export type RequestedFormats<F extends readonly Format[]> = number extends F["length"] ? never : F[number];

/**
 * What {@link draft} returns: the bytes and text asked for, the model, and what went into it.
 * `F` is the formats asked for: their outputs are present (not optional); outputs of other formats
 * are typed optional. `DraftResult` alone (DOCX, PDF, Markdown) is what `draft` returns without `formats`.
 */
export type DraftResult<F extends Format = DefaultFormat> = DraftResultBase & Pick<DraftOutputs, OutputKey<F>> & Partial<DraftOutputs>;

/** The part of a {@link DraftResult} every draft has. */
export interface DraftResultBase {
  readonly deal: Deal;
  readonly model: DocumentModel;
  readonly assembly: AssemblyDetails;
  /** What produced the document (versions, clause and deal hashes, options); also embedded in the DOCX and PDF. */
  readonly record: AssemblyRecord;
  /** Problems that did not stop the draft: catalogue and assembly warnings, check warnings and info, and check errors overridden by `force`. */
  readonly warnings: readonly Problem[];
}

/**
 * Drafts an agreement from a deal sheet object: validates it, assembles the
 * document model from the catalogue and renders the requested formats. Pure:
 * no file system, no clock; the same inputs give the same bytes.
 * The options are validated first (every `OPTION_*` problem at once), then
 * the deal; the preparation is the one `checkDeal` runs (see `prepare`): rules
 * on the deal, assembly of every language, rules on the document. Check errors
 * stop the draft (codes `CHECK_<RULE>`) unless `force` is set. Throws a
 * {@link ClausewrightError} listing every problem.
 *
 * The result's type follows `formats`: with `formats: ["docx", "md"]`, `result.docx` and
 * `result.markdown` are typed present; without `formats`, DOCX, PDF and Markdown are.
 */
export function draft<const F extends readonly Format[]>(deal: DealInput | Deal, options: DraftOptions & { readonly formats: F }): Promise<DraftResult<RequestedFormats<F>>>;
export function draft(deal: DealInput | Deal, options?: DraftOptions & { readonly formats?: undefined }): Promise<DraftResult>;
export function draft(deal: DealInput | Deal, options?: DraftOptions): Promise<DraftResult<never>>;
export async function draft(deal: DealInput | Deal, options: DraftOptions = {}): Promise<DraftResult<never>> {
  return renderDraft(recordDraft(deal, options));
}

/**
 * A draft up to its assembly record, not rendered yet: {@link draft} without the rendering, so a
 * caller can decide from the record (its hash) whether the files it already has are this draft's.
 * Internal (the batch uses it to resume); `renderDraft` finishes it with the same bytes `draft` gives.
 */
export interface RecordedDraft extends DraftResultBase {
  readonly formats: readonly Format[];
  readonly fonts: DraftOptions["fonts"];
}

/** The first half of {@link draft}: validation, checks, assembly and the record; throws as `draft` does. */
export function recordDraft(deal: DealInput | Deal, options: DraftOptions = {}): RecordedDraft {
  // The same preparation as checkDeal: a check judges exactly the document written here.
  const prepared = prepare(deal, options, "draft");
  const { catalog, deal: validated, options: o } = prepared;
  const checks = mergeResults(prepared.dealChecks, prepared.documentChecks);
  if (!o.force) stopOnErrors([...checks.errors.map(toProblem), ...prepared.assemblyProblems]);
  stopOnErrors([...prepared.assemblyProblems]);
  const document = prepared.document;
  if (!document) throw new Error("unreachable: a draft without assembly problems has a document");
  const details = document.details;
  const forced = checks.errors.map((p) => p.code);
  // Formats are left out of the record on purpose: asking for a PDF too must not change the DOCX bytes.
  const record = buildRecord(catalog, validated, details, {
    ...document.recordOptions,
    ...(o.force ? { force: true, ...(forced.length > 0 ? { forcedChecks: [...new Set(forced)] } : {}) } : {}),
  });
  const model: DocumentModel = { ...document.model, meta: { ...document.model.meta, record: JSON.stringify(record) } };
  return {
    deal: validated,
    model,
    assembly: details,
    record,
    warnings: [...prepared.warnings, ...checks.problems.map(toProblem)],
    formats: o.formats,
    fonts: o.fonts,
  };
}

/** The second half of {@link draft}: renders a {@link RecordedDraft} to the formats it was asked for. */
export async function renderDraft(recorded: RecordedDraft): Promise<DraftResult<never>> {
  const { formats, fonts, ...base } = recorded;
  return { ...base, ...(await renderOutputs(base.model, formats, fonts, base.deal)) };
}

function stopOnErrors(errors: readonly Problem[]): void {
  const [first, ...rest] = errors;
  if (first) throw new ClausewrightError([first, ...rest]);
}
