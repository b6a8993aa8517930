import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { resolveCatalog } from "../../catalog/builtin.js";
import type { DealInput } from "../../deal/schema.js";
import { ClausewrightError } from "../../errors/error.js";
import type { Problem } from "../../errors/problem.js";
import { DEFAULT_FORMATS, validateOptions } from "../../options.js";
import type { DraftOptions } from "../../options.js";
import { fontsWithChineseFont } from "../fonts.js";
import { loadPackDir } from "../pack-dir.js";
import { packageRoot } from "../package-root.js";
import { MAX_WORKER_MEMORY_MB, MIN_WORKER_MEMORY_MB } from "./limits.js";
import type { DraftTask, TaskDrafted, TaskFailed, TaskResult, WorkerSetup, WorkerStats } from "./protocol.js";

export type { WorkerStats };

/** A deal sheet file for {@link draftMany}, read by the worker that drafts it (JSON when it ends in `.json`, else YAML). */
export interface DealFileInput {
  readonly path: string;
  /** How problems and the result name it (default: `path`). */
  readonly source?: string;
}

/** A deal sheet's text for {@link draftMany}. */
export interface DealSheetInput {
  readonly sheet: string;
  /** JSON or YAML (default: YAML, which reads JSON too). */
  readonly format?: "yaml" | "json";
  /** How problems and the result name it (default: `#<n>`, its place in the input, from 1). */
  readonly source?: string;
  /** The file name problems give for the text, when it is one part of a file (default: `source`). */
  readonly file?: string;
  /** Lines of `file` above the text (a line of a JSON Lines file), so problems name the file's own lines. */
  readonly lineOffset?: number;
}

/** A deal object for {@link draftMany}, with a name for it. A bare deal object works too. */
export interface DealObjectInput {
  readonly deal: DealInput;
  readonly source?: string;
}

/** One deal for {@link draftMany}: a deal object, or one of the wrappers that name it. */
export type DraftManyInput = DealInput | DealFileInput | DealSheetInput | DealObjectInput;

/**
 * Options of {@link draftMany}: the options of `draft` that are data (every deal gets the same),
 * packs as folders and fonts as files (each worker thread loads them once), and the pool's size.
 */
export interface DraftManyOptions extends Pick<DraftOptions, "formats" | "lang" | "layout" | "primary" | "agreement" | "numbering" | "dateStyle" | "force" | "allowRuleOverride"> {
  /** Worker threads, and so deals drafted at once (default: the machine's available parallelism). */
  readonly concurrency?: number;
  /** Clause pack folders layered over the built-in pack, in order (as `--pack`). */
  readonly packs?: readonly string[];
  /** A TTF/OTF/TTC file for Chinese text in the PDF, and its bold face (default: the bundled Noto Serif SC). */
  readonly font?: string;
  readonly fontBold?: string;
  /**
   * Each worker thread's heap limit for long-lived objects, in MB (default 512). A deal needs a
   * tenth of that; the limit is there because V8 lets a worker with no limit of its own pile up
   * garbage until it takes the machine's (about 4 GB here), so a long batch's memory would creep up
   * for hours. A deal that needs more fails with `BATCH_DEAL_CRASHED` and the worker is replaced.
   */
  readonly workerMemoryMb?: number;
  /** Aborting stops taking new deals; the deals already being drafted finish and are yielded. */
  readonly signal?: AbortSignal;
  /**
   * Resuming: the record hashes of drafts the caller already has the files of. A deal whose record
   * hash is one of them, whatever input it comes from, is assembled but not rendered; its result is
   * `skipped`, with no files.
   */
  readonly skipRecords?: Iterable<string>;
}

/** A deal {@link draftMany} drafted: its files (named from the reference, as bytes with hashes; Markdown and HTML as UTF-8), record and warnings. */
export type DraftManyDrafted = TaskDrafted;
/** A deal {@link draftMany} could not draft, with every problem. */
export type DraftManyFailed = TaskFailed;
/** One result of {@link draftMany}; `index` is the deal's place in the input, from 0. */
export type DraftManyResult = TaskResult;

/**
 * Drafts many deals on a pool of worker threads and yields each result as it completes (not in
 * input order: `index` says which deal it is). Each worker loads the catalogue, the packs and the
 * fonts once; each deal is drafted exactly as `draft` drafts it alone, so the bytes are the same.
 * A deal that fails is a result with `ok: false` and its problems; the others go on.
 *
 * Memory stays flat however many deals there are: the input is read as it is needed (an async
 * iterable can stream from a file or a database), at most twice `concurrency` deals are in flight,
 * and a result is not held once the consumer has taken it. Breaking out of the loop stops the
 * workers at once; `signal` stops taking new deals and lets the deals in flight finish.
 *
 * Options are checked before any worker starts: a bad option or pack throws a
 * {@link ClausewrightError} from the first `next()`.
 */
export function draftMany(inputs: Iterable<DraftManyInput> | AsyncIterable<DraftManyInput>, options: DraftManyOptions = {}): AsyncGenerator<DraftManyResult, void, undefined> {
  return draftWithin(inputs, options, Number.POSITIVE_INFINITY);
}

/**
 * {@link draftMany} that starts no deal `window` or more places after the earliest deal still
 * being drafted. A consumer that takes results in input order (the batch) then holds fewer than
 * `window` finished results while it waits for a slow one, whatever their number.
 */
export async function* draftWithin(inputs: Iterable<DraftManyInput> | AsyncIterable<DraftManyInput>, options: DraftManyOptions, window: number): AsyncGenerator<DraftManyResult, void, undefined> {
  const { setup, concurrency, workerMemoryMb } = await checkedSetup(options);
  const pool = startThreads(setup, { concurrency, workerMemoryMb, idleTimeout: 60_000 });
  const iterator = Symbol.asyncIterator in inputs ? inputs[Symbol.asyncIterator]() : inputs[Symbol.iterator]();
  const running = new Map<number, Promise<{ readonly index: number; readonly result: TaskResult }>>();
  // Twice the workers: each has its next deal waiting while the main thread handles a result.
  const limit = concurrency * 2;
  let next = 0;
  let exhausted = false;
  try {
    for (;;) {
      // `running` keeps insertion order, so its first key is the earliest deal still being drafted.
      while (!exhausted && running.size < limit && !options.signal?.aborted && next - (running.keys().next().value ?? next) < window) {
        const item = await iterator.next();
        if (item.done) {
          exhausted = true;
          break;
        }
        const task = toTask(item.value, next++);
        running.set(
          task.index,
          pool.run(task).then(
            (result: TaskResult) => ({ index: task.index, result }),
            (err: unknown) => ({ index: task.index, result: workerLost(task, err) }),
          ),
        );
      }
      if (running.size === 0) return;
      const done = await Promise.race(running.values());
      running.delete(done.index);
      yield done.result;
    }
  } finally {
    await iterator.return?.();
    await pool.destroy();
  }
}

/** A worker that died under a deal (out of memory, killed): the deal fails, the pool replaces the worker. */
export function workerLost(task: DraftTask, err: unknown): TaskFailed {
  const message = err instanceof Error ? err.message : String(err);
  const outOfMemory = isObject(err) && err["code"] === "ERR_WORKER_OUT_OF_MEMORY";
  const problem: Problem = {
    code: "BATCH_DEAL_CRASHED",
    severity: "error",
    message: `The worker drafting this deal stopped: ${message}`,
    ...(outOfMemory ? { hint: "The deal needs more memory than a worker may use: raise workerMemoryMb (--worker-memory on the command line)." } : {}),
  };
  return { ok: false, index: task.index, source: task.source, problems: [problem] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** How results and problems name an input: its `source`, else its path, else `#<n>` (its place from 1). */
export function inputSource(given: DraftManyInput, index: number): string {
  const input: unknown = given;
  if (isObject(input) && typeof input["source"] === "string" && !("agreement" in input)) return input["source"];
  if (isObject(input) && typeof input["path"] === "string") return input["path"];
  return `#${index + 1}`;
}

export function toTask(given: DraftManyInput, index: number): DraftTask {
  const input: unknown = given;
  const source = inputSource(given, index);
  if (isObject(input) && typeof input["path"] === "string") {
    const i = given as DealFileInput;
    return { index, source, path: i.path };
  }
  if (isObject(input) && typeof input["sheet"] === "string") {
    const i = given as DealSheetInput;
    return {
      index,
      source,
      sheet: { text: i.sheet, format: i.format ?? "yaml", ...(i.file === undefined ? {} : { file: i.file }) },
      ...(i.lineOffset ? { lineOffset: i.lineOffset } : {}),
    };
  }
  if (isObject(input) && "deal" in input && !("agreement" in input)) {
    const i = given as DealObjectInput;
    return { index, source, deal: i.deal };
  }
  return { index, source, deal: given as DealInput };
}

/**
 * The drafting threads: `concurrency` of them, each loading the catalogue, packs and fonts of
 * `setup` once. A thread idle for `idleTimeout` ms ends; a new one would load all that again, so
 * callers keep them for as long as deals may still come.
 */
export function startThreads(setup: WorkerSetup, pool: { readonly concurrency: number; readonly workerMemoryMb: number; readonly idleTimeout: number }): Piscina {
  const { concurrency, workerMemoryMb, idleTimeout } = pool;
  return new Piscina({
    filename: pathToFileURL(workerFile()).href,
    minThreads: concurrency,
    maxThreads: concurrency,
    idleTimeout,
    concurrentTasksPerWorker: 1,
    workerData: setup,
    recordTiming: false,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: workerMemoryMb },
  });
}

/**
 * The default of {@link DraftManyOptions.workerMemoryMb}. With no limit of its own a worker gets
 * the process's (some 4 GB on a machine with 24 GB), and V8 then lets up to four times the live
 * heap pass between full collections, a factor it raises as a run goes on: over 4,000 Markdown +
 * DOCX deals (2026-12-02) each worker's peak heap went from 175 MB at the 400th deal to 348 MB, the
 * process's RSS from 713 to 1,063 MB, while what the heap kept after a full collection stayed
 * between 43 and 62 MB. Any limit up to 1 GB makes V8 collect at a small, steady factor: with 512,
 * the peaks went 171 → 189 MB and 703 → 792 MB, for about 5 % more time.
 */
export const DEFAULT_WORKER_MEMORY_MB = 512;

/**
 * Each worker's young generation, in MB (V8 splits it into semi-spaces of a third each; its
 * default here is 48). Drafting a DOCX allocates about 32 MB of short-lived objects (most of it
 * the docx library building XML), so the default scavenges twice a deal and promotes what is
 * merely mid-build to the old generation, which the costly mark-compacts must then clear. Measured
 * on 300 DOCX deals on the 2-core machine (2026-12-02): 48 → 19.0–19.3 s with one worker, 14.7–15.0
 * s with two; 96 → 17.5 / 14.2; 192 → 16.4–16.7 / 12.0–12.4; 384 → 17.0 / 12.7 with 250 MB more
 * peak RSS. 192 costs about 40 MB of RSS per worker.
 */
const YOUNG_GENERATION_MB = 192;

/** The options as worker data, checked here once (not once per deal by every worker). */
export async function checkedSetup(options: DraftManyOptions): Promise<{ setup: WorkerSetup; concurrency: number; workerMemoryMb: number }> {
  const concurrency = options.concurrency ?? availableParallelism();
  const workerMemoryMb = options.workerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB;
  const problems: Problem[] = [];
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    problems.push({ code: "OPTION_INVALID", severity: "error", path: ["concurrency"], message: `concurrency must be a whole number from 1 to 256 (got ${String(concurrency)})` });
  }
  if (!Number.isInteger(workerMemoryMb) || workerMemoryMb < MIN_WORKER_MEMORY_MB || workerMemoryMb > MAX_WORKER_MEMORY_MB) {
    problems.push({
      code: "OPTION_INVALID",
      severity: "error",
      path: ["workerMemoryMb"],
      message: `workerMemoryMb must be a whole number of MB from ${MIN_WORKER_MEMORY_MB} to ${MAX_WORKER_MEMORY_MB} (got ${String(workerMemoryMb)})`,
    });
  }
  const { concurrency: _c, workerMemoryMb: _m, packs: packDirs = [], font, fontBold, signal: _s, skipRecords, allowRuleOverride = [], ...draftOptions } = options;
  // Loaded here only to report a broken pack before the workers start; each worker loads its own.
  const packs = await Promise.all(packDirs.map((dir) => loadPackDir(dir)));
  const catalog = resolveCatalog({ packs, allowRuleOverride });
  const formats = draftOptions.formats ?? DEFAULT_FORMATS;
  try {
    // Without the PDF, whose fonts each worker loads itself (they are not needed here).
    validateOptions({ ...draftOptions, formats: formats.filter((f) => f !== "pdf") }, "draft", catalog);
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    problems.push(...err.problems);
  }
  // A font file that cannot be read or parsed fails here, once, rather than in every deal.
  if (font !== undefined && formats.includes("pdf")) fontsWithChineseFont(font, fontBold);
  const [first, ...rest] = problems;
  if (first) throw new ClausewrightError([first, ...rest]);
  const setup: WorkerSetup = {
    ...draftOptions,
    packs: [...packDirs],
    allowRuleOverride: [...allowRuleOverride],
    formats: [...formats],
    ...(font === undefined ? {} : { font }),
    ...(fontBold === undefined ? {} : { fontBold }),
    ...(skipRecords === undefined ? {} : { skipRecords: [...skipRecords] }),
  };
  return { setup, concurrency, workerMemoryMb };
}

/**
 * The worker's file, `batch-worker.js` beside the built module (dist/). Run from the sources (the
 * tests run src/ through vitest), it is the built one in the package's dist/: a worker thread
 * cannot load TypeScript, and `npm test` builds first.
 */
function workerFile(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), "batch-worker.js");
  if (existsSync(beside)) return beside;
  const root = packageRoot();
  const built = root === undefined ? undefined : join(root, "dist", "batch-worker.js");
  if (built !== undefined && existsSync(built)) return built;
  throw new ClausewrightError([
    {
      code: "BATCH_DEAL_CRASHED",
      severity: "error",
      message: `Cannot find the batch worker (batch-worker.js) beside ${fileURLToPath(import.meta.url)}`,
      hint: "When clausewright is bundled into another file, copy dist/batch-worker.js and its chunks along; from a source checkout, run npm run build first.",
    },
  ]);
}
