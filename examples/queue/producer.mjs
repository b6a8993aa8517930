// Enqueues deal sheets for the queue workers (worker.mjs), on any machine that reaches Redis.
//   node examples/queue/producer.mjs [deal sheets or folders…]   (default: examples/deals)
// Redis: REDIS_HOST (default 127.0.0.1) and REDIS_PORT (default 6379). Needs bullmq and ioredis.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { enqueueDeals } from "clausewright/queue";

const connection = { host: process.env.REDIS_HOST ?? "127.0.0.1", port: Number(process.env.REDIS_PORT ?? 6379) };
const args = process.argv.slice(2);
const inputs = args.length > 0 ? args : [fileURLToPath(new URL("../deals", import.meta.url))];

// Each file is read and validated here; only deals without problems become jobs.
const deals = inputs.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .map((f) => ({ path: join(p, f) }))
    : [{ path: p }],
);
const { enqueued, rejected } = await enqueueDeals({ connection, queueName: "agreements" }, deals);
for (const e of enqueued) console.log(`queued ${e.reference} from ${e.source} as job ${e.jobId.slice(0, 17)}…`);
for (const r of rejected) for (const p of r.problems) console.error(`not queued: ${r.source}: ${p.code} ${p.message}`);
process.exitCode = rejected.length > 0 ? 1 : 0;
