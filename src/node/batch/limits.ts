// The range of a batch worker's heap limit, apart from the pool so that the CLI can check
// --worker-memory without loading piscina and the drafting code at start-up.

/** The least `DraftManyOptions.workerMemoryMb` may be, in MB: below it a worker spends its time collecting. */
export const MIN_WORKER_MEMORY_MB = 64;
/** The most `DraftManyOptions.workerMemoryMb` may be, in MB. */
export const MAX_WORKER_MEMORY_MB = 65_536;
