import { resolveCatalog } from "../catalog/builtin.js";
import { standardDeal } from "../catalog/standard-deal.js";
import type { Deal, DealInput } from "../deal/schema.js";
import { DEFAULT_FORMATS, draft, type DraftOptions, type DraftResultBase } from "../draft.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import type { DocumentModel } from "../model/types.js";
import type { AssemblyRecord } from "../record/record.js";
import { renderOutputs } from "../render-outputs.js";
import { ALTERNATE_MINUTES } from "../render/docx/blocks.js";
import { HeadingNumbering } from "../render/docx/heading-numbering.js";
import { countChanges } from "./count.js";
import { diffModels } from "./model-diff.js";
import { deviationReport, type DeviationReport } from "./report.js";

/** Options for {@link redline}: the draft options both drafts are made with, and who the changes are by. */
export interface RedlineOptions extends DraftOptions {
  /** Author of the tracked changes; default "clausewright". */
  readonly author?: string;
  /** What the base is called in the report ("standard", a file name); default "base". */
  readonly baseName?: string;
}

/** What {@link redline} returns. */
export interface RedlineResult {
  /** The redline: the new draft with what differs from the base marked (see `Change`). */
  readonly model: DocumentModel;
  /** The two drafts it was made from. */
  readonly base: DraftResultBase;
  readonly next: DraftResultBase;
  /** Clause by clause and value by value, what changed. */
  readonly report: DeviationReport;
  /** DOCX with Word tracked changes, when asked for. */
  readonly docx?: Uint8Array;
  /** PDF with insertions underlined and deletions struck through, when asked for. */
  readonly pdf?: Uint8Array;
  /** Markdown with CriticMarkup change marks, when asked for. */
  readonly markdown?: string;
  /** HTML with insertions as `<ins>` and deletions as `<del>`, when asked for. */
  readonly html?: string;
}

/** The base that stands for the catalogue's standard terms (see `standardDeal`). */
export const STANDARD = "standard";

/** Default author of a redline's tracked changes. */
export const DEFAULT_REDLINE_AUTHOR = "clausewright";

/**
 * The dates a redline's tracked changes carry: the new deal's creation time and the same two
 * minutes later, as the DOCX renderer writes them. They go into the record so that `compareDocx`
 * can tell our tracked changes from the other side's.
 */
function redlineDates(date: string): string[] {
  const time = Date.parse(date);
  return Number.isNaN(time) ? [date] : [date, new Date(time + ALTERNATE_MINUTES * 60_000).toISOString()];
}

/** At most this many characters in an author name (Word shows it in a balloon). */
const MAX_AUTHOR = 200;

function refuse(problems: readonly Problem[]): never {
  const [first, ...rest] = problems;
  if (!first) throw new Error("unreachable: refuse() without problems");
  throw new ClausewrightError([first, ...rest]);
}

function sameShape(base: DocumentModel, next: DocumentModel, baseName: string): Problem[] {
  const b = base.meta.bilingual;
  const n = next.meta.bilingual;
  const layout = (m: DocumentModel): string => (m.meta.bilingual ? `${m.meta.bilingual.langs.join("+")} ${m.meta.bilingual.layout}` : m.meta.lang);
  if (base.meta.lang !== next.meta.lang || b?.layout !== n?.layout || b?.langs.join() !== n?.langs.join()) {
    return [
      {
        code: "REDLINE_OTHER_LAYOUT",
        severity: "error",
        message: `The base (${baseName}) drafts as ${layout(base)} and the deal as ${layout(next)}: a redline compares two drafts of one layout`,
        hint: "Give the base the same prevailing language as the deal, or pass `primary`.",
      },
    ];
  }
  return [];
}

/**
 * A redline of a deal against a base deal (the previous round), or against `"standard"`: the deal on
 * the catalogue's standard terms (`standardDeal`; `REDLINE_NO_STANDARD` when no pack has any). Both
 * are drafted with the same options and catalogue, aligned clause by clause
 * (see `diffModels`), and rendered with every difference as a tracked change: DOCX with `w:ins` /
 * `w:del` by `author`, dated from the deal (so the bytes stay deterministic), PDF and Markdown
 * with the same changes drawn. Renumbering is not a change. Also returns the deviation report.
 *
 * The base is drafted even when its checks find errors (they are its findings, reported as
 * resolved or not); the deal's check errors stop the redline unless `force` is set, as in `draft`.
 * Throws a ClausewrightError for a bad deal or base (a base with fields of a pack not loaded is
 * `DEAL_UNKNOWN_FIELD`), a base whose draft has another language layout (`REDLINE_OTHER_LAYOUT`:
 * a bilingual base whose other language prevails), or a bad author (`OPTION_INVALID`).
 */
export async function redline(base: DealInput | Deal | typeof STANDARD, deal: DealInput | Deal, options: RedlineOptions = {}): Promise<RedlineResult> {
  const { author = DEFAULT_REDLINE_AUTHOR, baseName = base === STANDARD ? STANDARD : "base", formats = DEFAULT_FORMATS, ...draftOptions } = options;
  // The catalogue once, for the standard terms and both drafts.
  const catalog = resolveCatalog(draftOptions);
  const baseDeal = base === STANDARD ? standardDeal(deal, catalog) : base;
  if (author.trim() === "" || author.length > MAX_AUTHOR || /[\u0000-\u001F\u007F]/.test(author)) {
    refuse([{ code: "OPTION_INVALID", severity: "error", path: ["author"], message: `The redline author must be 1 to ${MAX_AUTHOR} characters without control characters` }]);
  }
  // Models only: the redline renders its own files from the combined model.
  const { packs: _packs, ...rest } = draftOptions;
  const [b, n] = await Promise.all([draft(baseDeal, { ...rest, catalog, formats: [], force: true }), draft(deal, { ...rest, catalog, formats: [] })]);
  const shape = sameShape(b.model, n.model, baseName);
  if (shape.length > 0) refuse(shape);
  const combined = diffModels(b.model, n.model);
  // The numbers the DOCX draws with Word numbering: their renumbering is no tracked change.
  const plan = new HeadingNumbering(combined);
  const numbered = (owner: object): boolean => plan.placement(owner) !== undefined;
  const date = n.model.meta.createdAt;
  const record: AssemblyRecord = { ...n.record, redline: { author, dates: redlineDates(date), baseDealSha256: b.record.dealSha256 } };
  const model: DocumentModel = {
    ...combined,
    meta: { ...combined.meta, record: JSON.stringify(record), redline: { author, date, changes: countChanges(combined, numbered) } },
  };
  return {
    model,
    base: b,
    next: n,
    report: deviationReport(model, b, n, baseName, catalog, numbered),
    ...(await renderOutputs(model, formats, draftOptions.fonts, n.deal)),
  };
}
