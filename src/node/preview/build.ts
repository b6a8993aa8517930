import { createHash } from "node:crypto";
import { resolveCatalog } from "../../catalog/builtin.js";
import type { Catalog } from "../../catalog/catalog.js";
import type { Pack } from "../../catalog/types.js";
import { mergeResults } from "../../check/engine.js";
import type { CheckedClause, CheckProblem } from "../../check/types.js";
import { parseDealSheet } from "../../deal/parse.js";
import { sheetLocator, type Locator } from "../../deal/sheet-positions.js";
import { decodeDealBytes } from "../../deal/text-input.js";
import { ClausewrightError } from "../../errors/error.js";
import { formatPath, type Problem, type Severity } from "../../errors/problem.js";
import type { Clause, DocumentModel } from "../../model/types.js";
import type { DraftOptions } from "../../options.js";
import { prepare } from "../../prepare.js";
import { renderHtmlParts } from "../../render/html/index.js";
import { readDealBytes } from "../deal-file.js";
import { checkPackDir, packStack, type PackCheckResult } from "../pack-check.js";
import { readPackFiles } from "../pack-dir.js";

/** What the preview drafts: a deal sheet file, the pack folders laid over the built-in pack, and the document options of `draft`. */
export interface PreviewInput {
  /** The deal sheet file (.yaml, .yml or .json); messages name it as given. */
  readonly deal: string;
  /** Pack folders, in order; messages name their files from the folder as given. */
  readonly packs?: readonly string[];
  /** Safety rules the packs may replace (as `draft --allow-rule-override`). */
  readonly allowRuleOverride?: readonly string[];
  /** The document options, as for `draft`. */
  readonly options?: Pick<DraftOptions, "lang" | "layout" | "primary" | "agreement" | "numbering" | "dateStyle">;
}

/** One problem as the preview shows it: where it is (file:line:column, data path) and the clause it belongs to. */
export interface PreviewProblem {
  /** The problem code (`TEMPLATE_SYNTAX`, `CHECK_P1`, …). */
  readonly code: string;
  /** A check's rule id ("P1"); absent for other problems. */
  readonly rule?: string;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string;
  /** Data path in the deal sheet ("fees.lines[0].unitPrice"). */
  readonly path?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The clause the problem concerns: its own, or for a problem about a deal value, the first clause that reads the value. */
  readonly clause?: string;
  /** The line of `file` the problem points at, as it was read for this build, when the file is the deal sheet or a pack file. */
  readonly source?: string;
}

/** A clause of the agreement shown: its id and the anchor of its heading in the article. */
export interface PreviewClause {
  readonly id: string;
  readonly anchor: string;
  /** Its number and title as printed ("9. Limitation of Liability"). */
  readonly heading: string;
}

/** The agreement as HTML (the parts `renderHtml` puts together), and where its clauses are. */
export interface PreviewDocument {
  /** The `lang` of the page: the primary language. */
  readonly lang: string;
  /** The page title (plain text). */
  readonly title: string;
  /** The agreement's stylesheet. */
  readonly css: string;
  /** The `<article>` holding the agreement. */
  readonly article: string;
  readonly clauses: readonly PreviewClause[];
}

/** What one build of the preview found: the agreement when it could be drafted, and every problem. */
export interface PreviewBuild {
  /** The agreement; absent when the deal or a pack is broken so that nothing could be assembled. */
  readonly document?: PreviewDocument;
  /** Every problem: the packs', the deal sheet's, the checks' and the assembly's; errors first. */
  readonly problems: readonly PreviewProblem[];
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Builds the preview, again and again: see {@link createPreviewBuilder}. */
export interface PreviewBuilder {
  build(): Promise<PreviewBuild>;
}

/** What checking one pack folder gave, kept while its files stay the same. */
interface CheckedPack {
  readonly dir: string;
  /** The pack's files as read for the check, by their path inside the pack; empty when the folder could not be read. */
  readonly files: Readonly<Record<string, string>>;
  readonly fingerprint: string;
  readonly result: PackCheckResult;
}

/**
 * Builds the preview once (see {@link createPreviewBuilder}). A builder is faster for a preview
 * that rebuilds: it checks a pack again only when its files changed.
 */
export function buildPreview(input: PreviewInput): Promise<PreviewBuild> {
  return createPreviewBuilder(input).build();
}

/**
 * A builder of the preview: each build checks every pack folder (all its problems, warnings
 * included, as `pack check` reports them), reads and validates the deal sheet, runs the checks and
 * assembles the agreement as `draft` would with the same options, and renders it as HTML. It draws
 * the agreement even when the checks find errors (a preview, not a draft), and never throws for a
 * problem of the deal or a pack: those come back as data, with file:line:column where known.
 *
 * Checking a pack and building the catalogue is most of a build's time, so the builder keeps each
 * pack's result, and the catalogue, until the pack's files change: an edit of the deal sheet only
 * reassembles the agreement.
 */
export function createPreviewBuilder(input: PreviewInput): PreviewBuilder {
  const checked = new Map<string, CheckedPack>();
  let catalogOf: { readonly key: string; readonly catalog: Catalog } | undefined;
  const catalogOptions = input.allowRuleOverride ? { allowRuleOverride: input.allowRuleOverride } : {};

  async function checkPack(dir: string): Promise<CheckedPack> {
    // The files as the pack reader sees them (links refused, sizes bounded); a folder it cannot read is checked afresh, to report why.
    const files = await readPackFiles(dir).catch(() => undefined);
    const fingerprint = files ? createHash("sha256").update(JSON.stringify(files)).digest("hex") : "";
    const before = checked.get(dir);
    if (before && fingerprint !== "" && before.fingerprint === fingerprint) return before;
    const result = { dir, files: files ?? {}, fingerprint, result: await checkPackDir(dir, catalogOptions) };
    checked.set(dir, result);
    return result;
  }

  async function build(): Promise<PreviewBuild> {
    const problems: Problem[] = [];
    const checks: CheckProblem[] = [];
    let where: Locator | undefined;
    let dealText: string | undefined;
    const results: CheckedPack[] = [];
    for (const dir of input.packs ?? []) results.push(await checkPack(dir));
    for (const { result } of results) problems.push(...result.problems);
    const packsOk = results.every(({ result }) => result.pack !== undefined && !result.problems.some((p) => p.severity === "error"));
    let document: PreviewDocument | undefined;
    let clauses: readonly CheckedClause[] = [];
    // Without its packs the deal cannot be judged (its pack fields would look unknown): the packs' problems come first.
    if (packsOk) {
      try {
        const text = decodeDealBytes(await readDealBytes(input.deal), input.deal);
        dealText = text;
        where = sheetLocator(text, input.deal);
        const key = results.map((r) => r.fingerprint).join(",");
        if (catalogOf?.key !== key) {
          const packs = results.flatMap(({ result }) => (result.pack ? [result.pack] : []));
          // One pack's check built the very catalogue a draft with it uses (the built-in pack and this one).
          const [only] = results;
          const reuse = results.length === 1 && only?.result.catalog && packStack(packs[0] as Pack).length === 2 ? only.result.catalog : undefined;
          catalogOf = { key, catalog: reuse ?? resolveCatalog({ packs, allowRuleOverride: input.allowRuleOverride }) };
        }
        const catalog = catalogOf.catalog;
        const parsed = parseDealSheet(text, { file: input.deal, catalog });
        problems.push(...parsed.warnings);
        const prepared = prepare(parsed.deal, { ...input.options, catalog });
        checks.push(...mergeResults(prepared.dealChecks, prepared.documentChecks).problems);
        problems.push(...prepared.assemblyProblems, ...prepared.warnings);
        clauses = prepared.documents[0]?.clauses ?? [];
        if (prepared.document) document = previewDocument(prepared.document.model);
      } catch (err) {
        if (!ClausewrightError.is(err)) throw err;
        problems.push(...err.problems);
      }
    }
    const shown = [...dedupe(problems).map((p) => fromProblem(p, where)), ...checks.map((p) => fromCheck(p, where ?? sheetLocator("", input.deal)))];
    const lineOf = sourceLines(input.deal, dealText, results);
    const placed = shown.map((p) => withSource(p.clause === undefined && p.path !== undefined ? withReader(p, clauses) : p, lineOf));
    placed.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    return { ...(document ? { document } : {}), problems: placed };
  }

  return { build };
}

/** Finds line `line` of a file this build read (the deal sheet, a pack file), by the name problems give it. */
type LineFinder = (file: string, line: number) => string | undefined;

function sourceLines(deal: string, dealText: string | undefined, packs: readonly CheckedPack[]): LineFinder {
  const textOf = (file: string): string | undefined => {
    if (file === deal) return dealText;
    for (const pack of packs) {
      const base = pack.dir.replace(/\/+$/, "");
      if (file.startsWith(`${base}/`)) return pack.files[file.slice(base.length + 1)];
    }
    return undefined;
  };
  return (file, line) => textOf(file)?.split(/\r?\n/)[line - 1];
}

function withSource(p: PreviewProblem, lineOf: LineFinder): PreviewProblem {
  if (p.file === undefined || p.line === undefined) return p;
  const source = lineOf(p.file, p.line);
  return source === undefined ? p : { ...p, source };
}

/** The HTML parts of the agreement and the anchors of its clauses (both languages' in a sequential bilingual document). */
function previewDocument(model: DocumentModel): PreviewDocument {
  const all: Clause[] = [...model.clauses, ...(model.continuation?.clauses ?? []), ...model.schedules];
  const clauses = all.map((c) => ({ id: c.id, anchor: c.anchor, heading: [c.label, c.title].filter(Boolean).join(" ") }));
  return { ...renderHtmlParts(model), clauses };
}

/** The same problem reported twice (by the pack check and by the catalogue that layers the packs) is shown once. */
function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = [p.code, p.file, p.line, p.column, p.clause, formatPath(p.path), p.message].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fromProblem(p: Problem, where: Locator | undefined): PreviewProblem {
  const path = formatPath(p.path);
  // A deal problem without a position (a rule's finding turned into a problem) gets one from the sheet.
  const at = p.file === undefined && p.path !== undefined && p.path.length > 0 && where ? where(p.path) : undefined;
  return {
    code: p.code,
    severity: p.severity,
    message: p.message,
    ...(p.hint !== undefined ? { hint: p.hint } : {}),
    ...(path ? { path } : {}),
    ...position(p.file !== undefined ? p : at),
    ...(p.clause !== undefined ? { clause: p.clause } : {}),
  };
}

function fromCheck(p: CheckProblem, where: Locator): PreviewProblem {
  const path = formatPath(p.path);
  return {
    code: p.code,
    rule: p.id,
    severity: p.severity,
    message: p.message.en,
    hint: p.hint.en,
    ...(path ? { path } : {}),
    ...position(p.path.length > 0 ? where(p.path) : undefined),
    ...(p.clause !== undefined ? { clause: p.clause } : {}),
  };
}

function position(at: { readonly file?: string | undefined; readonly line?: number | undefined; readonly column?: number | undefined } | undefined): Pick<PreviewProblem, "file" | "line" | "column"> {
  if (!at?.file) return {};
  return { file: at.file, ...(at.line !== undefined ? { line: at.line } : {}), ...(at.column !== undefined ? { column: at.column } : {}) };
}

/**
 * A problem about a deal value belongs beside the first clause that prints it: `fees.lines[2]`
 * concerns the clause that reads `fees.lines`, and `privacy` the one that reads `privacy.regimes`.
 */
function withReader(p: PreviewProblem, clauses: readonly CheckedClause[]): PreviewProblem {
  const path = (p.path ?? "").replace(/\[\d+\]/g, "");
  if (path === "") return p;
  const covers = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`);
  const reader = clauses.find((c) => c.reads.some((r) => covers(path, r) || covers(r, path)));
  return reader ? { ...p, clause: reader.id } : p;
}
