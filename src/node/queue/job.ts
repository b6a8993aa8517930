import type { BatchOutput } from "../batch/batch.js";
import type { Problem } from "../../errors/problem.js";

/**
 * What a draft job holds in Redis: one deal, as the sheet's text or a deal object (JSON), and the
 * name problems give it. Written by `enqueueDeals`, read by `createDraftWorker`; `v` lets a later
 * version read the jobs an earlier one left in the queue.
 */
export interface DraftJobData {
  readonly v: 1;
  /** How problems and the result name the deal: the producer's `source`, a file, or `#<n>`. */
  readonly source: string;
  /** A deal sheet's text (YAML, or JSON when `format` says so). */
  readonly sheet?: { readonly text: string; readonly format: "yaml" | "json" };
  /** A deal object, as JSON gives it back. */
  readonly deal?: Record<string, unknown>;
}

/** A drafted job's return value, as BullMQ stores it (`job.returnvalue`). */
export interface DraftJobResult {
  /** The deal's `agreement.reference`. */
  readonly reference: string;
  /** The base file name, from the reference. */
  readonly name: string;
  /** Each file: name, SHA-256 and size in bytes (as in `batch-report.json`). */
  readonly outputs: readonly BatchOutput[];
  /** SHA-256 of the assembly record: the same as `draft()` of the same deal with the same options gives. */
  readonly recordSha256: string;
  /** SHA-256 of the validated deal (the record's `dealSha256`). */
  readonly dealSha256: string;
  readonly warnings: readonly Problem[];
}

/** The BullMQ job id of a deal: one per validated deal (its canonical JSON's SHA-256). */
export function dealJobId(dealSha256: string): string {
  // BullMQ refuses ids with ":" (its key separator) and ids that are whole numbers.
  return `deal-${dealSha256}`;
}

/** The job's data, or undefined when it is not a draft job this version can read. */
export function readJobData(data: unknown): DraftJobData | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (d["v"] !== 1 || typeof d["source"] !== "string") return undefined;
  const sheet = d["sheet"] as Record<string, unknown> | undefined;
  const deal = d["deal"];
  const hasSheet = typeof sheet === "object" && sheet !== null && typeof sheet["text"] === "string" && (sheet["format"] === "yaml" || sheet["format"] === "json");
  const hasDeal = typeof deal === "object" && deal !== null && !Array.isArray(deal);
  if (hasSheet === hasDeal) return undefined;
  return data as DraftJobData;
}
