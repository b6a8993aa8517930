/**
 * The Node layer: everything that touches the file system. Re-exports the
 * pure core, so `clausewright/node` is a superset of `clausewright`.
 */
export * from "../index.js";
export { defaultFonts, fontsWithChineseFont, type FontSource } from "./fonts.js";
export { readPackFiles, loadPackDir } from "./pack-dir.js";
export { readDealFile, readDealSheet } from "./deal-file.js";
export { writeFileAtomic, writeFilesAtomic, type OutputData, type OutputFile } from "./write.js";
export { recoverOutputs, type OutputRecovery } from "./output-recover.js";
export { checkPackDir, formatPackProblem, packStack, type PackCheckResult } from "./pack-check.js";
export { testPackDir, renderPackSnapshots, type PackTestResult, type SnapshotResult } from "./pack-test.js";
export {
  draftMany,
  type DraftManyInput,
  type DraftManyOptions,
  type DraftManyResult,
  type DraftManyDrafted,
  type DraftManyFailed,
  type DealFileInput,
  type DealSheetInput,
  type DealObjectInput,
  type WorkerStats,
} from "./batch/pool.js";
export type { DraftedFile } from "../batch/outputs.js";
export {
  draftBatch,
  BATCH_REPORT,
  type BatchOptions,
  type BatchReport,
  type BatchResult,
  type BatchEntry,
  type BatchOutput,
  type BatchEvent,
  type BatchProgress,
  type BatchResume,
} from "./batch/batch.js";
export {
  startPreview,
  type Preview,
  type PreviewOptions,
  type PreviewView,
  type PreviewBuild,
  type PreviewClause,
  type PreviewDocument,
  type PreviewInput,
  type PreviewProblem,
} from "./preview/index.js";
export { buildPreview } from "./preview/build.js";
