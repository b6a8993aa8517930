import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { appendFile, mkdir, open, readdir, readFile, rm, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { nameClashKey, nameClashProblem } from "../../batch/names.js";
import { ClausewrightError } from "../../errors/error.js";
import type { Problem } from "../../errors/problem.js";
import { DEFAULT_FORMATS, FORMATS, type Format } from "../../options.js";
import { VERSION } from "../../version.js";
import { errnoCode } from "../io-error.js";
import { recoverOutputs } from "../output-recover.js";
import { writeFileAtomic, writeFilesAtomicRecovered } from "../write.js";
import { lockBatchFolder } from "./folder-lock.js";
import { draftWithin, type DraftManyInput, type DraftManyOptions, type DraftManyResult, type WorkerStats } from "./pool.js";

/**
 * How far ahead of the earliest unfinished deal the pool may start deals, so that results waiting
 * to be settled in input order stay few (each holds its rendered files): eight per worker, at
 * least 16. Only a deal that takes longer than that many others together makes the workers wait.
 */
const SETTLE_WINDOW_PER_WORKER = 8;
const SETTLE_WINDOW_MIN = 16;

/** The report a batch leaves in its output folder. */
export const BATCH_REPORT = "batch-report.json";
/**
 * The batch's running record of finished deals, one JSON line each; replaced by the report at the
 * end, but for the deals of earlier runs that the run did not reach, which it keeps for `--resume`.
 */
export const BATCH_JOURNAL = ".clausewright-batch.jsonl";

/** One file a batch wrote (or found already written, when resuming). */
export interface BatchOutput {
  /** File name in the output folder. */
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** What became of one deal of a batch. */
export interface BatchEntry {
  /** The deal's input: its file as named, `file.jsonl:<line>`, or `#<n>`. */
  readonly input: string;
  /**
   * `drafted`: its files were written. `skipped` (resuming): its files were already there with the
   * same record hash, and were left as they are. `failed`: nothing was written for it; see `problems`.
   */
  readonly status: "drafted" | "skipped" | "failed";
  readonly reference?: string;
  readonly outputs: readonly BatchOutput[];
  /** SHA-256 of the assembly record (see `recordSha256`): same deal, catalogue, packs and options. */
  readonly recordSha256?: string;
  readonly warnings: readonly Problem[];
  readonly problems: readonly Problem[];
}

/** How far a batch is, after each deal. */
export interface BatchProgress {
  /** Deals in the batch, when known up front. */
  readonly total?: number;
  readonly done: number;
  readonly drafted: number;
  readonly skipped: number;
  readonly failed: number;
  readonly elapsedMs: number;
  /** Deals finished per second so far. */
  readonly perSecond: number;
  /** Estimated time left at that rate, when `total` is known. */
  readonly remainingMs?: number;
}

/** What {@link draftBatch} reports after each deal. */
export interface BatchEvent {
  readonly entry: BatchEntry;
  readonly progress: BatchProgress;
  /** The worker that drafted the deal: its thread and memory (absent for a deal no worker finished). */
  readonly worker?: WorkerStats;
}

/** `batch-report.json`: what a batch did, deal by deal in input order. */
export interface BatchReport {
  readonly clausewright: string;
  /**
   * `complete`: every deal was tried. `interrupted`: stopped by its signal (SIGINT) after the deals
   * in flight finished. `stopped`: `failFast` stopped it at the first failure.
   */
  readonly status: "complete" | "interrupted" | "stopped";
  readonly formats: readonly Format[];
  /** What the files depend on beyond each deal's record; `--resume` keeps files only when it is the same. */
  readonly settings: BatchSettings;
  readonly summary: {
    readonly total?: number;
    readonly drafted: number;
    readonly skipped: number;
    readonly failed: number;
    /** Deals not tried (interrupted or stopped), when `total` is known. */
    readonly notStarted?: number;
    readonly seconds: number;
  };
  readonly deals: readonly BatchEntry[];
}

/**
 * What {@link draftBatch} returns: its report as written to `reportFile`, without the deals. Each
 * deal's entry reaches `onDeal` as it finishes and is in the file; none is held until the end, so
 * a batch of a million deals returns in the memory of a batch of ten.
 */
export type BatchResult = Omit<BatchReport, "deals"> & {
  /** The path of `batch-report.json`. */
  readonly reportFile: string;
  /**
   * Files in `out` named for a deal of this run that the run neither wrote nor kept: another
   * format (`CW-1.docx` left by an earlier run when this one wrote only `CW-1.md`), or the same
   * name in other letter case. They may hold an earlier version of the agreement.
   */
  readonly leftovers: readonly string[];
};

/**
 * What a batch's files depend on that their assembly records do not say: the formats written, and
 * the Chinese font the PDFs were set in (its SHA-256). Resuming needs both to be unchanged.
 */
export interface BatchSettings {
  readonly formats: readonly Format[];
  readonly fontSha256?: string;
}

/** Options of {@link draftBatch}: those of `draftMany` (but `skipRecords`: `resume` sets it from the earlier run) and the batch's own. */
export interface BatchOptions extends Omit<DraftManyOptions, "skipRecords"> {
  /** The output folder: every deal's files, named from its reference, and `batch-report.json`. */
  readonly out: string;
  /**
   * Keep the files of deals an earlier run into `out` drafted, when their record hash is unchanged
   * and their files are still there as written: such a deal is matched by its record hash (the same
   * deal, catalogue, packs and options), whichever input it comes from this time.
   */
  readonly resume?: boolean;
  /** Stop taking new deals at the first failure. */
  readonly failFast?: boolean;
  /** The number of deals, for progress (the batch itself does not need it). */
  readonly total?: number;
  /** Called after each deal, in input order. */
  readonly onDeal?: (event: BatchEvent) => void;
  /** With `resume`: called once before the first deal, with what the earlier runs left to keep. */
  readonly onResume?: (found: BatchResume) => void;
}

/** What `resume` found of earlier runs into the output folder, before the first deal. */
export interface BatchResume {
  /** Deals earlier runs finished with this run's settings (formats, Chinese font). */
  readonly earlier: number;
  /** Of those, the deals whose files are all still there as written: not rendered again when met. */
  readonly kept: number;
  /**
   * Why an earlier report or journal in the folder was not used (`BATCH_RESUME_IGNORED`, as
   * warnings): damaged, not a batch report, or written with other settings. Its deals are drafted again.
   */
  readonly ignored: readonly Problem[];
}

/**
 * Drafts every deal into one folder, on worker threads (see `draftMany`), as `clausewright batch`
 * does: each deal's files are named from its agreement reference and written all or none; a deal
 * that fails does not stop the others; `batch-report.json` says what happened to each deal, with
 * the hashes of its files and of its assembly record.
 *
 * Two deals never write the same file: the second deal whose reference gives a name already taken
 * in this batch (ignoring case) fails with `BATCH_NAME_CLASH`, and the first one's files stand.
 *
 * A batch stopped half way (its signal, a crash, a killed process) leaves only complete files: each
 * deal's set is written atomically, a running journal records each finished deal, and on a signal
 * the deals in flight finish and the report is written with status `interrupted`. With `resume`,
 * a deal whose files are all there, unchanged, from the earlier run (report and journal) is
 * checked again up to its record and skipped when the record hash is the same.
 *
 * Throws a {@link ClausewrightError} only for what stops the whole batch: bad options, a broken
 * pack, an output folder that cannot be written, or one another batch is drafting into
 * (`BATCH_FOLDER_BUSY`: a batch holds `.clausewright-batch.lock` in its folder while it runs).
 */
export async function draftBatch(inputs: Iterable<DraftManyInput> | AsyncIterable<DraftManyInput>, options: BatchOptions): Promise<BatchResult> {
  const { out } = options;
  await mkdir(out, { recursive: true }).catch((err: unknown) => {
    throw new ClausewrightError([{ code: "OUTPUT_NOT_WRITABLE", severity: "error", file: out, message: `Cannot create the output folder ${out}: ${String(err)}` }]);
  });
  // One batch at a time in a folder (`BATCH_FOLDER_BUSY` for the second), held until the report is written.
  const release = await lockBatchFolder(out);
  try {
    return await draftBatchLocked(inputs, options);
  } finally {
    await release();
  }
}

async function draftBatchLocked(inputs: Iterable<DraftManyInput> | AsyncIterable<DraftManyInput>, options: BatchOptions): Promise<BatchResult> {
  const started = performance.now();
  const { out, resume = false, failFast = false, total, onDeal, onResume, signal, ...draftOptions } = options;
  // A write a killed run left half done is finished or undone first, as `draft` does.
  await recoverOutputs(out);
  const journal = join(out, BATCH_JOURNAL);
  const formats = draftOptions.formats ?? DEFAULT_FORMATS;
  const settings = await batchSettings(formats, draftOptions.font, draftOptions.fontBold);
  const { found: previous, ignored } = resume ? await previousEntries(out, settings) : { found: new Map<string, BatchEntry>(), ignored: [] };
  // A new journal unless this run continues one with the same settings.
  if (previous.size === 0) await rm(journal, { force: true });
  if (!(await stat(journal).catch(() => undefined))) await appendFile(journal, `${JSON.stringify({ settings })}\n`);

  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) stop.abort();

  // Where each finished deal's entry is in the journal (deal index → [offset, bytes]): the report is
  // written from the journal at the end, so no entry stays in memory once its deal is done.
  const placed = new Map<number, readonly [number, number]>();
  let journalBytes = (await stat(journal)).size;
  const claimed = new Map<string, Claim>();
  const counts = { drafted: 0, skipped: 0, failed: 0 };
  let stoppedByFailure = false;
  // Earlier deals this run kept (skipped): the report lists them, so they need not be carried over.
  const reached = new Set<string>();

  const kept = await keptRecords(out, previous);
  if (resume) onResume?.({ earlier: previous.size, kept: kept.size, ignored });
  // Results are settled (named, written, journaled, reported) in input order, whatever order the
  // workers finish them in: of two deals whose references give one file name, the one earlier in
  // the input is written and the later one fails, in every run alike, and `onDeal` sees the deals
  // in input order. A result that finishes before an earlier one waits (inInputOrder), and the pool
  // starts no deal `window` places past the earliest unfinished one, so fewer than that wait.
  const concurrency = draftOptions.concurrency ?? availableParallelism();
  const window = Math.max(SETTLE_WINDOW_MIN, SETTLE_WINDOW_PER_WORKER * concurrency);
  try {
    for await (const result of inInputOrder(draftWithin(inputs, { ...draftOptions, signal: stop.signal, ...(kept.size > 0 ? { skipRecords: kept } : {}) }, window))) {
      const entry = await settle(result, out, claimed, result.ok && result.skipped ? previous.get(result.recordSha256)?.outputs : undefined);
      counts[entry.status]++;
      if (entry.status === "skipped" && entry.recordSha256 !== undefined) reached.add(entry.recordSha256);
      const line = Buffer.from(`${JSON.stringify(entry)}\n`);
      await appendFile(journal, line);
      placed.set(result.index, [journalBytes, line.byteLength - 1]);
      journalBytes += line.byteLength;
      const done = counts.drafted + counts.skipped + counts.failed;
      const elapsedMs = performance.now() - started;
      const perSecond = done / (elapsedMs / 1000);
      const progress: BatchProgress = {
        ...(total === undefined ? {} : { total, remainingMs: perSecond > 0 ? (Math.max(total - done, 0) / perSecond) * 1000 : 0 }),
        done,
        ...counts,
        elapsedMs,
        perSecond,
      };
      onDeal?.({ entry, progress, ...(result.stats ? { worker: result.stats } : {}) });
      if (failFast && entry.status === "failed" && !stop.signal.aborted) {
        stoppedByFailure = true;
        stop.abort();
      }
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  const done = counts.drafted + counts.skipped + counts.failed;
  const report: Omit<BatchReport, "deals"> = {
    clausewright: VERSION,
    status: stoppedByFailure ? "stopped" : signal?.aborted ? "interrupted" : "complete",
    formats: [...formats],
    settings,
    summary: {
      ...(total === undefined ? {} : { total }),
      ...counts,
      ...(total === undefined ? {} : { notStarted: Math.max(total - done, 0) }),
      seconds: Math.round((performance.now() - started) / 10) / 100,
    },
  };
  const reportFile = join(out, BATCH_REPORT);
  await writeFileAtomic(reportFile, reportText(report, placed, journal));
  await carryOver(journal, settings, previous, kept, reached);
  return { ...report, reportFile, leftovers: await leftoverFiles(out, claimed, formats) };
}

/**
 * Files in the folder that carry the name of a deal this run wrote or kept, but are not among its
 * files: a format this run did not ask for, or the name in other letter case. A deal redrafted as
 * Markdown alone would otherwise sit beside its superseded DOCX with nothing to say so.
 */
async function leftoverFiles(out: string, claimed: ReadonlyMap<string, Claim>, formats: readonly Format[]): Promise<string[]> {
  if (claimed.size === 0) return [];
  const found: string[] = [];
  for (const file of (await readdir(out)).sort()) {
    const dot = file.lastIndexOf(".");
    // A deal's files are `<name>.<format>` (see `draftedFiles`).
    const ext = FORMATS.find((f) => f === file.slice(dot + 1));
    if (dot <= 0 || ext === undefined) continue;
    const base = file.slice(0, dot);
    const claim = claimed.get(nameClashKey(base));
    if (claim !== undefined && (claim.name !== base || !formats.includes(ext))) found.push(file);
  }
  return found;
}

/**
 * What becomes of the journal once the report is written. The report holds this run's deals, so
 * the journal goes, unless an earlier run finished deals this run did not reach (it was
 * interrupted or stopped, or was given fewer inputs): then the journal is rewritten to hold just
 * those deals, whose files are still as written, so that a later `--resume`, which reads the
 * report and then the journal, still keeps their files rather than drafting them again.
 */
async function carryOver(journal: string, settings: BatchSettings, previous: ReadonlyMap<string, BatchEntry>, kept: ReadonlySet<string>, reached: ReadonlySet<string>): Promise<void> {
  const carried = [...previous].filter(([hash]) => kept.has(hash) && !reached.has(hash)).map(([, entry]) => entry);
  if (carried.length === 0) {
    await rm(journal, { force: true });
    return;
  }
  await writeFileAtomic(journal, [{ settings }, ...carried].map((line) => `${JSON.stringify(line)}\n`).join(""));
}

/**
 * The report's text, a deal at a time, each entry read back from the journal in input order: the
 * very text of `JSON.stringify(report, null, 2)` without the report ever being in memory whole.
 */
async function* reportText(head: Omit<BatchReport, "deals">, placed: ReadonlyMap<number, readonly [number, number]>, journal: string): AsyncGenerator<string> {
  // `deals` is the last key, so the text up to its `[]` is the report's opening.
  const empty = JSON.stringify({ ...head, deals: [] }, null, 2);
  const opening = empty.slice(0, empty.lastIndexOf("[]"));
  if (placed.size === 0) {
    yield `${empty}\n`;
    return;
  }
  const source = await open(journal, "r");
  try {
    let pending = `${opening}[`;
    let first = true;
    for (const [, [offset, bytes]] of [...placed].sort((a, b) => a[0] - b[0])) {
      const line = Buffer.alloc(bytes);
      await source.read(line, 0, bytes, offset);
      // Raw line breaks in JSON.stringify's output are all layout (those in strings are escaped).
      pending += `${first ? "" : ","}\n    ${JSON.stringify(JSON.parse(line.toString("utf8")), null, 2).replaceAll("\n", "\n    ")}`;
      first = false;
      if (pending.length >= 1 << 16) {
        yield pending;
        pending = "";
      }
    }
    yield `${pending}\n  ]\n}\n`;
  } finally {
    await source.close();
  }
}

/**
 * The results in input order (by `index`, from 0), each as soon as every earlier one has come: a
 * result that finishes before an earlier one is held until then.
 */
async function* inInputOrder(results: AsyncIterable<DraftManyResult>): AsyncGenerator<DraftManyResult> {
  const waiting = new Map<number, DraftManyResult>();
  let next = 0;
  for await (const result of results) {
    waiting.set(result.index, result);
    for (let r = waiting.get(next); r; r = waiting.get(next)) {
      waiting.delete(next);
      next++;
      yield r;
    }
  }
  // Every deal the pool started comes back, so nothing is left here; were one missing, the rest in order.
  for (const index of [...waiting.keys()].sort((a, b) => a - b)) {
    const r = waiting.get(index);
    if (r) yield r;
  }
}

/**
 * Who holds a file name in this batch: the deal's input, its own spelling of the name, and the
 * start of its deal hash (enough to tell the same deal given twice from two deals that clash).
 */
interface Claim {
  readonly source: string;
  readonly name: string;
  readonly deal: string;
}

/** The entry of one result: its files written (or kept, when skipped), or why not. */
async function settle(result: DraftManyResult, out: string, claimed: Map<string, Claim>, kept: readonly BatchOutput[] | undefined): Promise<BatchEntry> {
  if (!result.ok) return { input: result.source, status: "failed", outputs: [], warnings: [], problems: result.problems };
  const base = { input: result.source, reference: result.reference, recordSha256: result.recordSha256, warnings: result.warnings };
  const entry = (status: BatchEntry["status"], outputs: readonly BatchOutput[], problems: readonly Problem[]): BatchEntry => ({
    input: base.input,
    status,
    reference: base.reference,
    outputs,
    recordSha256: base.recordSha256,
    warnings: base.warnings,
    problems,
  });
  const key = nameClashKey(result.name);
  const holder = claimed.get(key);
  const deal = result.dealSha256.slice(0, 16);
  if (holder !== undefined && holder.deal === deal) {
    return entry("failed", [], [nameClashProblem(`Not written: the same deal as ${holder.source}, whose files are named ${holder.name}`, "Give each deal once in the input.")]);
  }
  if (holder !== undefined) {
    const spelt = holder.name === result.name ? "" : ` (this deal's reference gives ${result.name}, the same name ignoring case)`;
    return entry("failed", [], [nameClashProblem(`Not written: the files of ${holder.source} are already named ${holder.name} in this batch${spelt}`)]);
  }
  claimed.set(key, { source: result.source, name: result.name, deal });
  if (result.skipped) return entry("skipped", kept ?? [], []);
  try {
    await writeFilesAtomicRecovered(result.files.map((f) => ({ path: join(out, f.name), data: f.data })));
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    return entry("failed", [], err.problems);
  }
  return entry(
    "drafted",
    result.files.map((f) => ({ file: f.name, sha256: f.sha256, bytes: f.bytes })),
    [],
  );
}

/**
 * The record hashes of the deals an earlier run finished whose files are all still in the folder
 * unchanged: a deal of this run with one of these hashes is the same draft (same deal, catalogue,
 * packs and options), so it is not rendered again, whichever input it comes from.
 */
async function keptRecords(out: string, previous: ReadonlyMap<string, BatchEntry>): Promise<Set<string>> {
  const kept = new Set<string>();
  const entries = [...previous];
  // A few files hashed at once: reading is the cost, and one at a time leaves the disk idle.
  const lane = async (): Promise<void> => {
    for (let e = entries.pop(); e !== undefined; e = entries.pop()) {
      const [hash, entry] = e;
      if (await unchanged(out, entry.outputs)) kept.add(hash);
    }
  };
  await Promise.all(Array.from({ length: RESUME_HASH_LANES }, lane));
  return kept;
}

const RESUME_HASH_LANES = 8;

/** True when every file is in the folder with the hash recorded for it. */
async function unchanged(out: string, outputs: readonly BatchOutput[]): Promise<boolean> {
  for (const o of outputs) {
    const sha = await fileSha256(join(out, o.file));
    if (sha !== o.sha256) return false;
  }
  return true;
}

async function fileSha256(path: string): Promise<string | undefined> {
  try {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest("hex");
  } catch (err) {
    if (errnoCode(err) === "ENOENT" || errnoCode(err) === "EISDIR") return undefined;
    throw err;
  }
}

async function batchSettings(formats: readonly Format[], font: string | undefined, fontBold: string | undefined): Promise<BatchSettings> {
  const sorted = [...formats].sort();
  if (!formats.includes("pdf") || font === undefined) return { formats: sorted };
  const hash = createHash("sha256");
  for (const f of [font, fontBold ?? font]) hash.update((await fileSha256(f)) ?? f);
  return { formats: sorted, fontSha256: hash.digest("hex") };
}

const sameSettings = (a: unknown, b: BatchSettings): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The deals an earlier run with the same settings finished, by record hash: its report's, then its
 * journal's (a run killed before its report, or the deals an interrupted run did not reach). A
 * report or journal that is damaged, not ours, or from a run with other settings is not used (its
 * files are not this run's to keep), and why is said, so that a resume that drafts everything
 * again does not do it silently.
 */
async function previousEntries(out: string, settings: BatchSettings): Promise<{ found: Map<string, BatchEntry>; ignored: Problem[] }> {
  const found = new Map<string, BatchEntry>();
  const ignored: Problem[] = [];
  const keep = (e: unknown): void => {
    if (!isEntry(e) || e.status === "failed" || e.recordSha256 === undefined || e.outputs.length === 0) return;
    found.set(e.recordSha256, e);
  };
  const notUsed = (file: string, why: string): void => {
    ignored.push({ code: "BATCH_RESUME_IGNORED", severity: "warning", file: join(out, file), message: `Not resumed from ${file}: ${why}; its deals are drafted again` });
  };
  const otherSettings = (theirs: unknown): string => `it was written with other settings (${JSON.stringify(theirs ?? null)}, this run ${JSON.stringify(settings)})`;
  const report = await readFile(join(out, BATCH_REPORT), "utf8").catch(() => undefined);
  if (report !== undefined) {
    let parsed: { deals?: unknown; settings?: unknown } | undefined;
    try {
      parsed = JSON.parse(report) as { deals?: unknown; settings?: unknown };
    } catch {
      notUsed(BATCH_REPORT, "it is not JSON (damaged, or cut short)");
    }
    if (parsed !== undefined) {
      if (typeof parsed !== "object" || parsed === null || !Array.isArray(parsed.deals)) notUsed(BATCH_REPORT, "it is not a clausewright batch report");
      else if (!sameSettings(parsed.settings, settings)) notUsed(BATCH_REPORT, otherSettings(parsed.settings));
      else parsed.deals.forEach(keep);
    }
  }
  try {
    const reader = createInterface({ input: createReadStream(join(out, BATCH_JOURNAL), { encoding: "utf8" }), crlfDelay: Number.POSITIVE_INFINITY });
    let first = true;
    for await (const line of reader) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line) as unknown;
      } catch {
        // The last line of a killed run may be cut short.
        continue;
      }
      if (first) {
        first = false;
        // A journal starts with its run's settings; one with other settings is not resumed from.
        const theirs = (parsed as { settings?: unknown } | null)?.settings;
        if (!sameSettings(theirs, settings)) {
          notUsed(BATCH_JOURNAL, otherSettings(theirs));
          break;
        }
        continue;
      }
      keep(parsed);
    }
  } catch (err) {
    if (errnoCode(err) !== "ENOENT") throw err;
  }
  return { found, ignored };
}

function isEntry(e: unknown): e is BatchEntry {
  if (typeof e !== "object" || e === null) return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o["input"] === "string" &&
    typeof o["status"] === "string" &&
    Array.isArray(o["outputs"]) &&
    o["outputs"].every((x) => typeof x === "object" && x !== null && typeof (x as Record<string, unknown>)["file"] === "string" && safeName(String((x as Record<string, unknown>)["file"])))
  );
}

/** A bare file name: what the report of a batch names its files by; anything else in a report is not ours. */
function safeName(name: string): boolean {
  return name !== "" && !/[/\\]/.test(name) && name !== "." && name !== "..";
}
