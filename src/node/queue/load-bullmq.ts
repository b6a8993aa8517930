import { ClausewrightError } from "../../errors/error.js";

/** The parts of BullMQ the queue uses, as the package exports them. */
export type BullMQ = typeof import("bullmq");

let loading: Promise<BullMQ> | undefined;

/**
 * BullMQ, imported on first use: it is an optional peer dependency (the service that runs the
 * queue has it already), so `clausewright/queue` must load without it and say what to install
 * when it is missing rather than fail with a module resolution error at import time.
 */
export function loadBullMQ(): Promise<BullMQ> {
  loading ??= import("bullmq").then(
    (m) => ((m as { default?: BullMQ }).default && !("Queue" in m) ? ((m as { default?: BullMQ }).default as BullMQ) : m),
    (err: unknown) => {
      loading = undefined;
      if (!isMissing(err)) throw err;
      throw new ClausewrightError(
        [
          {
            code: "QUEUE_BULLMQ_MISSING",
            severity: "error",
            message: "clausewright/queue needs the bullmq package, which is not installed",
            hint: "npm install bullmq (it brings ioredis, the Redis client it uses)",
          },
        ],
        { cause: err },
      );
    },
  );
  return loading;
}

function isMissing(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : "";
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && /['"]bullmq['"]/.test(message);
}
