import type { DealInput } from "../../deal/schema.js";
import type { Problem } from "../../errors/problem.js";
import type { NumberingStyle } from "../../assemble/numbering.js";
import type { BilingualLayout, Lang } from "../../model/types.js";
import type { DateStyle } from "../../text/dates.js";
import type { DraftLang, Format } from "../../options.js";
import type { AssemblyRecord } from "../../record/record.js";
import type { DraftedFile } from "../../batch/outputs.js";

// What the batch's main thread and its worker threads send each other. Everything here crosses a
// thread boundary by structured clone, so it is data only: pack folders rather than loaded packs,
// font file paths rather than parsed fonts (each worker loads them once).

/** The options every deal of a pool is drafted with, as data a worker thread can receive. */
export interface WorkerSetup {
  /** Pack folders, loaded once per worker and layered over the built-in pack in this order. */
  readonly packs: readonly string[];
  readonly allowRuleOverride: readonly string[];
  readonly formats: readonly Format[];
  /** A TTF/OTF/TTC file for Chinese text in the PDF (default: the bundled font). */
  readonly font?: string;
  readonly fontBold?: string;
  readonly lang?: DraftLang;
  readonly layout?: BilingualLayout;
  readonly primary?: Lang;
  readonly agreement?: string;
  readonly numbering?: NumberingStyle | (string & Record<never, never>);
  readonly dateStyle?: DateStyle;
  readonly force?: boolean;
  /** Record hashes of drafts the caller has the files of: such a deal is not rendered (`skipped`). */
  readonly skipRecords?: readonly string[];
}

/** One deal for a worker: a deal sheet file, a deal sheet's text or a deal object (exactly one of `path`, `sheet`, `deal`). */
export interface DraftTask {
  readonly index: number;
  readonly source: string;
  /** A deal sheet's text; `file` is the name problems give for it (default `source`). */
  readonly sheet?: { readonly text: string; readonly format: "yaml" | "json"; readonly file?: string };
  readonly deal?: DealInput;
  /** A deal sheet file the worker reads itself (JSON when it ends in `.json`, else YAML); `source` names it in problems. */
  readonly path?: string;
  /** The sheet's first line in `source` less one (a line of a JSON Lines file), added to the lines problems name. */
  readonly lineOffset?: number;
}

/** What one worker thread reports of itself with each result: which thread, and its own memory. */
export interface WorkerStats {
  /** The worker thread's id (`worker_threads.threadId`). */
  readonly threadId: number;
  /** Milliseconds the worker spent on this deal (parse, check, assemble, render, hash). */
  readonly elapsedMs: number;
  /** The worker's V8 heap in use after the deal, in bytes (its own isolate; threads share the process RSS). */
  readonly heapUsedBytes: number;
  /** Memory outside the heap the worker's objects hold (buffers), in bytes. */
  readonly externalBytes: number;
  /**
   * The worker's V8 heap in use just after its latest full (mark-compact) collection, in bytes;
   * absent until one has run. `heapUsedBytes` counts garbage not yet collected too, so it swings
   * from deal to deal; this figure rises over a run only if the worker keeps what it should drop.
   */
  readonly liveHeapBytes?: number;
  /** The most the worker's V8 heap may grow to, in bytes: `workerMemoryMb` plus its young generation. */
  readonly heapLimitBytes: number;
}

/** A deal drafted (or recognised as unchanged) by a worker. */
export interface TaskDrafted {
  readonly ok: true;
  readonly index: number;
  readonly source: string;
  /** True when the record hash was one of the setup's `skipRecords`: nothing was rendered and `files` is empty. */
  readonly skipped: boolean;
  /** The deal's `agreement.reference`. */
  readonly reference: string;
  /** The base file name from the reference (see `fileNameOfReference`). */
  readonly name: string;
  readonly record: AssemblyRecord;
  readonly recordSha256: string;
  /** SHA-256 of the validated deal, as in the record: two inputs with the same one are the same deal. */
  readonly dealSha256: string;
  /** The files, `data` always bytes (Markdown and HTML as UTF-8): written as they are, byte for byte `draft`'s. */
  readonly files: readonly DraftedFile[];
  readonly warnings: readonly Problem[];
  readonly stats: WorkerStats;
}

/** A deal a worker could not draft: invalid, refused by the checks, or a failure inside the library. */
export interface TaskFailed {
  readonly ok: false;
  readonly index: number;
  readonly source: string;
  readonly problems: readonly Problem[];
  readonly stats?: WorkerStats;
}

/** A worker's answer for one {@link DraftTask}. */
export type TaskResult = TaskDrafted | TaskFailed;
