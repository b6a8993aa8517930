import { mkdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { ConnectionOptions, Job, Worker, WorkerOptions } from "bullmq";
import type { Piscina } from "piscina";
import { nameClashProblem } from "../../batch/names.js";
import type { DraftedFile } from "../../batch/outputs.js";
import { ClausewrightError } from "../../errors/error.js";
import { formatProblem, type Problem } from "../../errors/problem.js";
import { checkedSetup, startThreads, toTask, workerLost, type DraftManyOptions } from "../batch/pool.js";
import type { DraftTask, TaskResult } from "../batch/protocol.js";
import { recoverOutputs } from "../output-recover.js";
import { writeFilesAtomicRecovered } from "../write.js";
import { readJobData, type DraftJobData, type DraftJobResult } from "./job.js";
import { loadBullMQ } from "./load-bullmq.js";
import { claimName, removeStaleClaimTemps } from "./name-claims.js";

/** A drafted deal handed to a callback store: the job's result and the bytes of each file. */
export interface DraftedDeal extends DraftJobResult {
  /** The BullMQ job id. */
  readonly jobId: string;
  /** The files, named from the reference (`<name>.docx`, `.pdf`, `.md`, `.html`), with their bytes and hashes. */
  readonly files: readonly DraftedFile[];
}

/**
 * Where a worker puts each deal's files. `{ dir }`: in that folder (shared by every worker that
 * writes there, on one machine or many), each deal's set written atomically and named from its
 * reference. A function: it receives the bytes (to send them to object storage, a database, …);
 * the job completes when its promise resolves and is retried when it rejects.
 */
export type DraftStore = { readonly dir: string } | ((deal: DraftedDeal) => Promise<void>);

/** Options of {@link createDraftWorker}. */
export interface DraftWorkerOptions
  extends Pick<
    DraftManyOptions,
    "formats" | "lang" | "layout" | "primary" | "agreement" | "numbering" | "dateStyle" | "force" | "allowRuleOverride" | "packs" | "font" | "fontBold" | "workerMemoryMb"
  > {
  /** How to reach Redis (BullMQ's `connection`: options, or an ioredis instance). */
  readonly connection: ConnectionOptions;
  readonly queueName: string;
  /**
   * Deals drafted at once by this worker: its threads, each loading the catalogue, packs and fonts
   * once (default: the machine's available parallelism). It takes twice as many jobs at a time,
   * so that each thread has its next deal ready while the last one's files are stored.
   */
  readonly concurrency?: number;
  readonly store: DraftStore;
  /** Other BullMQ worker options: `prefix`, `lockDuration`, `stalledInterval`, `maxStalledCount`, `autorun`, … */
  readonly workerOptions?: Omit<WorkerOptions, "connection" | "concurrency">;
}

/** The error a job fails with when its deal cannot be drafted: an `UnrecoverableError` (no retries) with every problem. */
export interface DraftJobError extends Error {
  readonly problems: readonly Problem[];
}

/**
 * Starts a BullMQ worker that drafts the jobs {@link enqueueDeals} adds. It checks the options and
 * loads the packs before it takes a job; each of its `concurrency` threads loads the catalogue,
 * the packs and the fonts once and drafts each deal exactly as `draft()` does (the same bytes,
 * the same record hash).
 *
 * A job's return value is its {@link DraftJobResult} (files with SHA-256 and size, record hash,
 * warnings). A deal with problems (invalid, refused by the checks, or whose file name another deal
 * holds: `BATCH_NAME_CLASH`) fails its job with an `UnrecoverableError` carrying the problems as
 * `problems` (also in the job's log as JSON), so BullMQ does not retry it; anything else (a
 * crashed thread, a store that cannot be written) fails the attempt, and BullMQ retries it with
 * the job's attempts and backoff. A worker killed mid-job leaves its job to BullMQ's stalled-job
 * check, which hands it to another worker.
 *
 * With `store: { dir }`, file names are claimed in `dir/.clausewright-names/` before anything is
 * written, atomically across processes and machines: a name held by another deal is a clash,
 * never an overwrite; the same deal again (a retry, a repeat) writes its set again, after
 * finishing or undoing what a killed writer left.
 *
 * Close it with `await worker.close()`: that also stops its threads.
 */
export async function createDraftWorker(options: DraftWorkerOptions): Promise<Worker<DraftJobData, DraftJobResult>> {
  const bull = await loadBullMQ();
  const { connection, queueName, store, workerOptions, concurrency = availableParallelism(), ...draftOptions } = options;
  const { setup, workerMemoryMb } = await checkedSetup({ ...draftOptions, concurrency });
  const dir = typeof store === "function" ? undefined : store.dir;
  if (dir !== undefined) {
    await mkdir(dir, { recursive: true }).catch((err: unknown) => {
      throw new ClausewrightError([{ code: "OUTPUT_NOT_WRITABLE", severity: "error", file: dir, message: `Cannot create the output folder ${dir}: ${String(err)}` }], { cause: err });
    });
    // What killed writers left is finished or undone once here; afterwards only on a retry.
    await recoverOutputs(dir);
    await removeStaleClaimTemps(dir);
  }
  // A worker waits for jobs for as long as it runs: its threads never end for being idle.
  const pool = startThreads(setup, { concurrency, workerMemoryMb, idleTimeout: Number.POSITIVE_INFINITY });

  const failure = (problems: readonly Problem[]): DraftJobError => {
    const err = new bull.UnrecoverableError(problems.map((p) => formatProblem(p)).join("\n")) as Error & { problems?: readonly Problem[] };
    err.problems = problems;
    return err as DraftJobError;
  };

  const processor = async (job: Job<DraftJobData, DraftJobResult>): Promise<DraftJobResult> => {
    const jobId = job.id ?? "";
    const data = readJobData(job.data);
    if (!data) {
      throw failure([{ code: "QUEUE_JOB_INVALID", severity: "error", message: `Job ${jobId} is not a clausewright draft job (enqueue deals with enqueueDeals)` }]);
    }
    const result = await draft(pool, taskOf(data));
    if (!result.ok) {
      // A thread that died or a bug is not the deal's fault: BullMQ tries again.
      if (result.problems.some((p) => p.code === "BATCH_DEAL_CRASHED")) throw new Error(result.problems.map((p) => formatProblem(p)).join("\n"));
      await job.log(JSON.stringify({ problems: result.problems })).catch(() => undefined);
      throw failure(result.problems);
    }
    const drafted: DraftJobResult = {
      reference: result.reference,
      name: result.name,
      outputs: result.files.map((f) => ({ file: f.name, sha256: f.sha256, bytes: f.bytes })),
      recordSha256: result.recordSha256,
      dealSha256: result.dealSha256,
      warnings: result.warnings,
    };
    if (typeof store === "function") {
      await store({ ...drafted, jobId, files: result.files });
      return drafted;
    }
    const claim = await claimName(store.dir, result.name, { dealSha256: result.dealSha256, reference: result.reference, source: `${data.source} (job ${jobId})` });
    if (claim.status === "clash") {
      const problems = [
        nameClashProblem(
          `Not written: the files named ${result.name} belong to another deal (${claim.holder.source}, reference ${claim.holder.reference}); its reference gives the same file name, ignoring case`,
        ),
      ];
      await job.log(JSON.stringify({ problems })).catch(() => undefined);
      throw failure(problems);
    }
    // The same deal was here before: a writer killed under it may have left a set half written.
    if (claim.status === "same") await recoverOutputs(store.dir);
    try {
      await writeFilesAtomicRecovered(result.files.map((f) => ({ path: join(store.dir, f.name), data: f.data })));
    } catch (err) {
      // A folder that cannot be written now may be writable on the next attempt: a plain error, retried.
      if (ClausewrightError.is(err)) throw new Error(err.message, { cause: err });
      throw err;
    }
    return drafted;
  };

  // Twice as many jobs as threads, as the batch keeps twice as many deals in flight: while one job's
  // files are written and its completion sent to Redis, the next is already being drafted.
  const worker = new bull.Worker<DraftJobData, DraftJobResult>(queueName, processor, { ...workerOptions, connection, concurrency: concurrency * 2 });
  worker.on("closed", () => {
    void pool.destroy();
  });
  return worker;
}

function taskOf(data: DraftJobData): DraftTask {
  if (data.sheet) return toTask({ sheet: data.sheet.text, format: data.sheet.format, source: data.source }, 0);
  return toTask({ deal: data.deal as never, source: data.source }, 0);
}

async function draft(pool: Piscina, task: DraftTask): Promise<TaskResult> {
  try {
    return (await pool.run(task)) as TaskResult;
  } catch (err) {
    return workerLost(task, err);
  }
}
