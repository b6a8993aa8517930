import type { AssemblyDetails } from "./assemble/build.js";
import { mergeResults, toProblem } from "./check/engine.js";
import type { Deal, DealInput } from "./deal/schema.js";
import { ClausewrightError } from "./errors/error.js";
import type { Problem } from "./errors/problem.js";
import type { DocumentModel } from "./model/types.js";
import type { DraftOptions } from "./options.js";
import { prepare } from "./prepare.js";
import { renderMarkdown } from "./render/markdown/index.js";
import { buildRecord, type AssemblyRecord } from "./record/record.js";

export { FORMATS, DRAFT_LANGS, type Format, type DraftLang, type DraftOptions } from "./options.js";

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
 * The options are validated first (every `OPTION_*` problem at once), then
 * the deal; the preparation is the one `checkDeal` runs (see `prepare`): rules
 * on the deal, assembly of every language, rules on the document. Check errors
 * stop the draft (codes `CHECK_<RULE>`) unless `force` is set. Throws a
 * {@link ClausewrightError} listing every problem.
 */
export async function draft(deal: DealInput | Deal, options: DraftOptions = {}): Promise<DraftResult> {
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
  const formats = o.formats;
  const fonts = o.fonts;
  // Each renderer is loaded when its format is asked for: docx, pdfkit and fontkit take longer to
  // load than a Markdown draft takes to make.
  const [docx, pdf] = await Promise.all([
    formats.includes("docx") ? import("./render/docx/index.js").then((m) => m.renderDocx(model)) : undefined,
    formats.includes("pdf") && fonts ? import("./render/pdf/index.js").then((m) => m.renderPdf(model, { fonts })) : undefined,
  ]);
  return {
    deal: validated,
    model,
    assembly: details,
    record,
    ...(docx ? { docx } : {}),
    ...(pdf ? { pdf } : {}),
    ...(formats.includes("md") ? { markdown: renderMarkdown(model) } : {}),
    warnings: [...prepared.warnings, ...checks.problems.map(toProblem)],
  };
}

function stopOnErrors(errors: readonly Problem[]): void {
  const [first, ...rest] = errors;
  if (first) throw new ClausewrightError([first, ...rest]);
}
