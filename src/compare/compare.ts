import { resolveCatalog } from "../catalog/builtin.js";
import type { Catalog } from "../catalog/catalog.js";
import type { Pack } from "../catalog/types.js";
import { validateDeal } from "../deal/parse.js";
import type { Deal, DealInput } from "../deal/schema.js";
import { draft } from "../draft.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import type { DocumentModel } from "../model/types.js";
import { DEFAULT_REDLINE_AUTHOR } from "../redline/redline.js";
import { acceptedText, readParagraphs, rejectedText, type DocxParagraph } from "./document.js";
import { changedTemplates, checkOrigin, draftOptionsOf, notOurs, parseFileRecord } from "./origin.js";
import { readDocxParts, type DocxParts } from "./package.js";
import { countsOf, type ClauseComparison, type CompareReport } from "./report.js";
import { alignReturned, normalise, outlineOf, splitOurs, type Outline, type Range, type SegmentDef } from "./segments.js";
import { acceptOurs, oursTest, pendingOurs } from "./redline.js";
import { readStyles } from "./styles.js";
import { rejectedParagraphs, trackedChanges } from "./tracked.js";
import { wordEdits } from "./words.js";

/** Options for {@link compareDocx}: the catalogue the deal is drafted with; the document options come from the file's record. */
export interface CompareOptions {
  /** Extra packs layered over the built-in CRM pack, as the file was drafted with. Ignored when `catalog` is given. */
  readonly packs?: readonly Pack[];
  /** A prebuilt catalogue (see `createCatalog`). */
  readonly catalog?: Catalog;
  /** Safety rules the `packs` may replace, as for `draft`. Ignored when `catalog` is given. */
  readonly allowRuleOverride?: readonly string[];
  /** What messages call the returned file (its path, in the CLI); default "the returned file". */
  readonly file?: string;
}

const OPTION_KEYS = new Set(["packs", "catalog", "allowRuleOverride", "file"]);

function checkOptions(options: CompareOptions): void {
  const unknown = Object.keys(options).filter((k) => !OPTION_KEYS.has(k));
  const [first, ...rest] = unknown.map(
    (k): Problem => ({
      code: "OPTION_UNKNOWN",
      severity: "error",
      path: [k],
      message: `Unknown option "${k}"`,
      hint: `The options of compareDocx are ${[...OPTION_KEYS].join(", ")}; the document options come from the file.`,
    }),
  );
  if (first) throw new ClausewrightError([first, ...rest]);
}

/** Our document's paragraphs and the returned one's, read the same way. */
function paragraphsOf(parts: DocxParts, file: string): DocxParagraph[] {
  const styles = readStyles(parts.styles, { file, part: "styles" });
  return readParagraphs(parts.document, styles, { file, part: parts.documentPart });
}

/** A part of ours as the report names it. */
function described(s: SegmentDef): Pick<ClauseComparison, "kind" | "id" | "number" | "heading" | "lang"> {
  return { kind: s.kind, id: s.id, number: s.number, heading: s.heading, ...(s.lang ? { lang: s.lang } : {}) };
}

/**
 * Compares a DOCX that came back from the other side with the agreement drafted from `deal`: which
 * clauses are unchanged, changed, added or removed, each change made WITHOUT tracked changes as a
 * word-level edit (with the sub-clause it is in), and the tracked changes left in the file. Chinese
 * text is compared character by character.
 *
 * The file must be one of ours: a DOCX (`COMPARE_NOT_DOCX`) that carries our assembly record
 * (`COMPARE_NOT_OURS`), drafted with the same packs and an agreement layout the catalogue has
 * (`COMPARE_OTHER_AGREEMENT`), from this deal (`COMPARE_OTHER_DEAL`); the zip is read within
 * `COMPARE_LIMITS` (`COMPARE_TOO_LARGE`). The agreement is drafted again with the options its
 * record holds (language, bilingual layout, dates, numbering; checks do not stop it) and both
 * files are read by the same reader, so our own unmodified file compares equal by construction.
 * Clauses are aligned by the bookmarks on their headings, falling back to the headings' text; the
 * table of contents is left out (Word rebuilds it). A returned redline of ours (its record has
 * `redline`) is read with our own tracked changes accepted — the new draft is the reference — and
 * `report.redline` says how many of them are still pending. Pure: nothing is written, the returned bytes
 * are only read. Throws a {@link ClausewrightError}.
 */
export async function compareDocx(returned: Uint8Array, deal: DealInput | Deal, options: CompareOptions = {}): Promise<CompareReport> {
  checkOptions(options);
  const file = options.file ?? "the returned file";
  const parts = readDocxParts(returned, file);
  if (parts.record === undefined) throw notOurs(file);
  const record = parseFileRecord(parts.record, file);
  // Read before drafting: a damaged or oversized body is refused without the work of a draft.
  const theirs = paragraphsOf(parts, file);
  const catalog = resolveCatalog(options);
  const validated = validateDeal(deal, catalog);
  const warnings = checkOrigin(record, catalog, validated, file);
  const ours = await draft(validated, { ...draftOptionsOf(record), catalog, force: true, formats: [] }).catch((err: unknown) => {
    // An option the record holds that this catalogue cannot draft (a numbering profile of a pack not given).
    if (ClausewrightError.is(err) && err.problems.every((p) => p.code.startsWith("OPTION_"))) {
      throw new ClausewrightError([
        {
          code: "COMPARE_OTHER_AGREEMENT",
          severity: "error",
          file,
          message: `${file} was drafted with options the catalogue here cannot reproduce: ${err.problems.map((p) => p.message).join("; ")}`,
          hint: "Pass the pack folders the file was drafted with.",
        },
      ]);
    }
    throw err;
  });
  const outline = outlineOf(ours.model);
  const mine = paragraphsOf(readDocxParts(await referenceDocx(ours.model, record.redline !== undefined), "our draft"), "our draft");
  // A returned redline is read with our own tracked changes accepted: what we proposed is the reference, not a change of theirs.
  const ourMark = record.redline ? oursTest(record.redline) : undefined;
  const theirsRead = ourMark ? acceptOurs(theirs, ourMark) : theirs;

  const templates = changedTemplates(record, ours.record);
  const frontChanged = ours.record.clauses.some((c) => c.number === "" && templates.has(c.id));
  const clauses = compareParagraphs(outline, mine, theirsRead).map(
    (c): ClauseComparison => (c.id !== null && (c.kind === "front" ? frontChanged : templates.has(c.id)) ? { ...c, templateChanged: true } : c),
  );

  const authors: string[] = [];
  for (const c of clauses) for (const t of c.tracked) if (!authors.includes(t.author)) authors.push(t.author);
  return {
    reference: ours.model.meta.reference,
    agreement: record.agreement,
    lang: draftOptionsOf(record).lang ?? record.lang,
    counts: countsOf(clauses),
    authors,
    clauses,
    warnings,
    ...(record.redline && ourMark ? { redline: { author: record.redline.author, pending: pendingOurs(theirs, ourMark) } } : {}),
  };
}

/**
 * Our side of the comparison as a DOCX: the plain draft, or for a returned redline the new draft
 * rendered as a redline without changes, so that its clause and sub-clause numbers are Word
 * numbering as in the redline (not text) and both sides read alike. Nothing from the file goes
 * into this render (the author is never written when there is no change).
 */
async function referenceDocx(model: DocumentModel, asRedline: boolean): Promise<Uint8Array> {
  const { renderDocx } = await import("../render/docx/index.js");
  return renderDocx(asRedline ? { ...model, meta: { ...model.meta, redline: { author: DEFAULT_REDLINE_AUTHOR, date: model.meta.createdAt, changes: 0 } } } : model);
}

/**
 * The comparison proper: our paragraphs and the returned ones split into the parts of `outline`
 * and aligned, each part compared (untracked word edits against the text with tracked changes
 * rejected, and the tracked changes left in), in the returned file's order with the parts it
 * lacks where ours had them.
 */
export function compareParagraphs(outline: Outline, mine: readonly DocxParagraph[], theirs: readonly DocxParagraph[]): ClauseComparison[] {
  const ourRanges = splitOurs(outline, mine);
  const returnedParts = alignReturned(outline, mine, ourRanges, theirs);
  const compared = (s: SegmentDef, ourRange: Range, theirRange: Range, movedAfter: string | undefined): ClauseComparison => {
    const untracked = wordEdits(rejectedParagraphs(mine, ourRange, outline.subclauses), rejectedParagraphs(theirs, theirRange, outline.subclauses));
    const tracked = trackedChanges(theirs, theirRange, outline.subclauses);
    const status = untracked.length > 0 || tracked.length > 0 || movedAfter !== undefined ? "changed" : "unchanged";
    return { ...described(s), status, ...(movedAfter !== undefined ? { moved: true, after: movedAfter } : {}), untracked, tracked };
  };
  const clauses: ClauseComparison[] = [];
  const seen = new Set<number>();
  let previous = "front";
  for (const part of returnedParts) {
    const s = part.index === undefined ? undefined : outline.segments[part.index];
    const ourRange = part.index === undefined ? undefined : ourRanges[part.index];
    if (s && ourRange && part.index !== undefined) {
      seen.add(part.index);
      clauses.push(compared(s, ourRange, part.range, part.moved === true ? previous : undefined));
      previous = s.id;
      continue;
    }
    clauses.push(added(outline, theirs, part.range, previous));
  }
  // Parts of ours the returned file lacks, each after the part before it in our order.
  outline.segments.forEach((s, i) => {
    const range = ourRanges[i];
    if (seen.has(i) || !range) return;
    const entry: ClauseComparison = { ...described(s), status: "removed", untracked: wordEdits(rejectedParagraphs(mine, range, outline.subclauses), []), tracked: [] };
    const before = outline.segments.slice(0, i).reverse();
    const at = before.map((b) => clauses.findIndex((c) => c.id === b.id && c.kind === b.kind && c.lang === b.lang)).find((k) => k >= 0);
    clauses.splice(at === undefined ? clauses.length : at + 1, 0, entry);
  });
  return clauses;
}

/** A clause the other side added: its heading as the file has it, its text as one insertion. */
function added(outline: Outline, theirs: readonly DocxParagraph[], range: Range, after: string): ClauseComparison {
  const first = theirs[range.start];
  const heading = first ? normalise(rejectedText(first)) || normalise(acceptedText(first)) : "";
  return {
    kind: "clause",
    id: null,
    number: "",
    heading,
    status: "added",
    after,
    untracked: wordEdits([], rejectedParagraphs(theirs, range, outline.subclauses)),
    tracked: trackedChanges(theirs, range, outline.subclauses),
  };
}
