import type { ConnectionOptions, JobsOptions, Queue } from "bullmq";
import { resolveCatalog } from "../../catalog/builtin.js";
import type { Catalog } from "../../catalog/catalog.js";
import { parseDealSheet, validateDeal } from "../../deal/parse.js";
import type { Deal, DealInput } from "../../deal/schema.js";
import { ClausewrightError } from "../../errors/error.js";
import type { Problem } from "../../errors/problem.js";
import { canonicalJson, sha256 } from "../../record/record.js";
import { decodeDealBytes } from "../../deal/text-input.js";
import { readDealBytes } from "../deal-file.js";
import { inputSource, type DraftManyInput } from "../batch/pool.js";
import { loadPackDir } from "../pack-dir.js";
import { dealJobId, type DraftJobData } from "./job.js";
import { loadBullMQ } from "./load-bullmq.js";

/** Where {@link enqueueDeals} adds its jobs: a BullMQ queue you made, or how to reach one. */
export type QueueTarget = Queue | { readonly connection: ConnectionOptions; readonly queueName: string; readonly prefix?: string };

/** Options of {@link enqueueDeals}. */
export interface EnqueueOptions {
  /**
   * Clause pack folders the workers use, in the same order: deal sheets are validated against the
   * same schema (a pack's own fields) before they become jobs.
   */
  readonly packs?: readonly string[];
  /**
   * The job id of each deal. `"deal"` (the default): one id per validated deal, `deal-<SHA-256>`,
   * so enqueuing the same deal again, as an object or as sheet text, adds nothing while BullMQ
   * keeps its job. `"unique"`: a new job every time. A function: your own id (no `:`, not a whole number).
   */
  readonly jobId?: "deal" | "unique" | ((deal: { readonly dealSha256: string; readonly reference: string; readonly source: string }) => string);
  /**
   * BullMQ job options for every job (attempts, backoff, priority, removeOnComplete, …). Default:
   * 3 attempts with exponential backoff from 1 s, for failures that are not the deal's fault; a
   * deal with problems is never retried.
   */
  readonly jobOptions?: Omit<JobsOptions, "jobId">;
}

/** A deal that became a job. */
export interface EnqueuedDeal {
  /** The deal's place in the input, from 0. */
  readonly index: number;
  readonly source: string;
  readonly jobId: string;
  readonly reference: string;
  /** Warnings its sheet gave (a `#` that cut a value short, …); the worker reports them again. */
  readonly warnings: readonly Problem[];
}

/** A deal that was not enqueued: the problems validation found. */
export interface RejectedDeal {
  readonly index: number;
  readonly source: string;
  readonly problems: readonly Problem[];
}

/** What {@link enqueueDeals} did with each deal, in input order. */
export interface EnqueueReport {
  readonly enqueued: readonly EnqueuedDeal[];
  readonly rejected: readonly RejectedDeal[];
}

/** Jobs sent to Redis in one round trip. */
const BULK = 100;

const DEFAULT_JOB_OPTIONS: Omit<JobsOptions, "jobId"> = { attempts: 3, backoff: { type: "exponential", delay: 1000 } };

/**
 * Adds deals to a BullMQ queue as draft jobs for {@link createDraftWorker}. Each deal (a deal
 * object, a sheet's text `{ sheet }`, a file `{ path }` read here, or `{ deal, source }`) is
 * validated first, against the built-in catalogue and `packs`: a deal with problems is reported
 * in `rejected` and never becomes a job, so a worker only sees deals that parse. (The checks that
 * need the assembled document run in the worker, which fails such a job at once, without retries.)
 *
 * Jobs hold the deal as given (a sheet's text stays text, so the worker's problems keep its lines),
 * named by the agreement reference. By default a job's id comes from the deal, so the same deal
 * enqueued twice is one job (see `jobId`).
 */
export async function enqueueDeals(target: QueueTarget, deals: Iterable<DraftManyInput> | AsyncIterable<DraftManyInput>, options: EnqueueOptions = {}): Promise<EnqueueReport> {
  const { Queue: QueueClass } = await loadBullMQ();
  const packs = await Promise.all((options.packs ?? []).map((dir) => loadPackDir(dir)));
  const catalog = resolveCatalog({ packs });
  const owned = "connection" in target && !("add" in target);
  const queue: Queue = owned ? new QueueClass(target.queueName, { connection: target.connection, ...(target.prefix === undefined ? {} : { prefix: target.prefix }) }) : (target as Queue);
  const jobOptions = { ...DEFAULT_JOB_OPTIONS, ...options.jobOptions };
  const enqueued: EnqueuedDeal[] = [];
  const rejected: RejectedDeal[] = [];
  let pending: { entry: EnqueuedDeal; data: DraftJobData }[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await queue.addBulk(batch.map(({ entry, data }) => ({ name: entry.reference, data, opts: { ...jobOptions, jobId: entry.jobId } })));
    enqueued.push(...batch.map((b) => b.entry));
  };
  try {
    let index = 0;
    for await (const input of deals) {
      const i = index++;
      const source = inputSource(input, i);
      try {
        const { data, deal, warnings } = await jobData(input, source, catalog);
        const dealSha256 = sha256(canonicalJson(deal));
        const reference = deal.agreement.reference;
        pending.push({ entry: { index: i, source, jobId: jobIdOf(options.jobId, { dealSha256, reference, source }), reference, warnings }, data });
      } catch (err) {
        if (!ClausewrightError.is(err)) throw err;
        rejected.push({ index: i, source, problems: err.problems });
      }
      if (pending.length >= BULK) await flush();
    }
    await flush();
  } finally {
    if (owned) await queue.close();
  }
  return { enqueued, rejected };
}

function jobIdOf(choice: EnqueueOptions["jobId"], deal: { readonly dealSha256: string; readonly reference: string; readonly source: string }): string {
  if (typeof choice === "function") return choice(deal);
  // BullMQ gives a job without an id a number; a random id keeps the shape of ours.
  if (choice === "unique") return `deal-${deal.dealSha256.slice(0, 16)}-${crypto.randomUUID()}`;
  return dealJobId(deal.dealSha256);
}

/** The job's data for one input, validated as the worker will read it. */
async function jobData(input: DraftManyInput, source: string, catalog: Catalog): Promise<{ data: DraftJobData; deal: Deal; warnings: readonly Problem[] }> {
  const given: unknown = input;
  const o = (typeof given === "object" && given !== null ? given : {}) as Record<string, unknown>;
  let sheet: { text: string; format: "yaml" | "json" } | undefined;
  if (typeof o["path"] === "string") {
    const path = o["path"];
    sheet = { text: decodeDealBytes(await readDealBytes(path, source), source), format: path.toLowerCase().endsWith(".json") ? "json" : "yaml" };
  } else if (typeof o["sheet"] === "string") {
    sheet = { text: o["sheet"], format: o["format"] === "json" ? "json" : "yaml" };
  }
  if (sheet) {
    const parsed = parseDealSheet(sheet.text, { file: source, format: sheet.format, catalog });
    return { data: { v: 1, source, sheet }, deal: parsed.deal, warnings: parsed.warnings };
  }
  const object: unknown = "deal" in o && !("agreement" in o) ? o["deal"] : (input as DealInput);
  // The job carries JSON: what is validated here is what the worker will read back.
  const json = JSON.parse(JSON.stringify(object ?? null)) as unknown;
  const deal = validateDeal(json, catalog);
  return { data: { v: 1, source, deal: json as Record<string, unknown> }, deal, warnings: [] };
}
