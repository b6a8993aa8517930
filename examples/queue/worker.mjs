// A queue worker: drafts the jobs producer.mjs enqueues into a folder. Start as many as you like,
// on as many machines as share the folder (or use a callback store instead: docs/scaling.md).
//   node examples/queue/worker.mjs [output folder]   (default: out/queue)
// Redis: REDIS_HOST (default 127.0.0.1) and REDIS_PORT (default 6379). Ctrl-C finishes the jobs in
// hand and stops. Needs bullmq and ioredis.
import { createDraftWorker } from "clausewright/queue";

const connection = { host: process.env.REDIS_HOST ?? "127.0.0.1", port: Number(process.env.REDIS_PORT ?? 6379) };
const dir = process.argv[2] ?? "out/queue";

const worker = await createDraftWorker({
  connection,
  queueName: "agreements",
  formats: ["docx", "pdf", "md"],
  // Threads of this process; each loads the catalogue and fonts once. Default: one per core.
  concurrency: 2,
  store: { dir },
});
worker.on("completed", (job, result) => console.log(`drafted ${result.outputs.map((o) => o.file).join(", ")} (job ${job.id.slice(0, 17)}…)`));
worker.on("failed", (job, err) => console.error(`failed ${job?.name}: ${err.message}`));
console.log(`drafting jobs of "agreements" into ${dir}; Ctrl-C to stop`);
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => void worker.close());
