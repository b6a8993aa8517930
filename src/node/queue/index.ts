/**
 * `clausewright/queue`: drafting on many machines through BullMQ on Redis. `enqueueDeals` adds deal
 * sheets as jobs; `createDraftWorker` drafts them, on any number of machines, into a shared folder
 * or through a callback. BullMQ is an optional peer dependency: install it (`npm install bullmq`)
 * to use this entry point.
 */
export { enqueueDeals, type EnqueueOptions, type EnqueueReport, type EnqueuedDeal, type RejectedDeal, type QueueTarget } from "./producer.js";
export { createDraftWorker, type DraftWorkerOptions, type DraftStore, type DraftedDeal, type DraftJobError } from "./worker.js";
export { dealJobId, type DraftJobData, type DraftJobResult } from "./job.js";
export { CLAIMS_FOLDER, claimName, type NameHolder, type ClaimOutcome } from "./name-claims.js";
export type { DraftManyInput, DealFileInput, DealSheetInput, DealObjectInput } from "../batch/pool.js";
export type { DraftedFile } from "../../batch/outputs.js";
export type { BatchOutput } from "../batch/batch.js";
