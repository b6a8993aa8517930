// Bench section "queue" (issue 17): what the BullMQ queue costs per agreement.
// N English deals (the examples, each with its own reference and customer; BENCH_QUEUE_DEALS,
// default 200) in DOCX + PDF + Markdown, drafted twice on one thread each: through the queue (a
// redis-server on a loopback port, enqueueDeals, one worker process with concurrency 1 writing
// to a folder) and through draftBatch with concurrency 1. Target: the queue's time per agreement
// ≤ 1.25× the batch's, measured in the same run (batch, queue, queue, batch; the enqueuing
// counts as the queue's). Both must give the same record hashes.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
const ENGLISH = ["us-crm-enterprise", "us-delaware-gdpr-ccpa", "us-newyork-saas", "us-healthcare-hipaa", "england-saas", "eu-gdpr-icc", "ireland-eu-saas", "singapore-saas"];
const FORMATS = ["docx", "pdf", "md"];
const TARGET = 1.25;

function deals(n) {
  const examples = ENGLISH.map((name) => parse(readFileSync(join(root, "examples/deals", `${name}.yaml`), "utf8")));
  return Array.from({ length: n }, (_, i) => {
    const d = structuredClone(examples[i % examples.length]);
    d.agreement.reference = `QB-${String(i).padStart(5, "0")}`;
    d.customer.legalName = `Bench Customer ${i} Limited`;
    return d;
  });
}

function hasRedis() {
  return new Promise((resolve) => {
    const probe = spawn("redis-server", ["--version"], { stdio: "ignore" });
    probe.on("error", () => resolve(false));
    probe.on("exit", (code) => resolve(code === 0));
  });
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function waitFor(child, line, what) {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      if (seen.includes(line)) resolve();
    });
    child.once("exit", (code, signal) => reject(new Error(`${what} exited (${code ?? signal}) before "${line}"`)));
  });
}

/** Prints the queue's figures; skipped (with a line saying so) when redis-server is not installed. */
export async function queueBench() {
  const n = Number(process.env.BENCH_QUEUE_DEALS ?? 200);
  console.log(`\nqueue (BullMQ on Redis), ${n} English deals, ${FORMATS.join("+")}, one thread each way:`);
  if (!(await hasRedis())) {
    console.log("  skipped: redis-server is not installed (.ci/run installs it)");
    return;
  }
  const { draftBatch } = await import("../dist/node.js");
  const { enqueueDeals } = await import("../dist/queue.js");
  const { Queue } = await import("bullmq");
  const work = mkdtempSync(join(tmpdir(), "cw-bench-queue-"));
  const all = deals(n);
  const children = [];
  try {
    const port = await freePort();
    const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", work], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(redis);
    await waitFor(redis, "Ready to accept connections", "redis-server");
    const connection = { host: "127.0.0.1", port };

    const viaBatch = async (round) => {
      const t0 = performance.now();
      const hashes = new Map();
      // draftBatch returns the summary; each deal's entry comes to onDeal as it finishes.
      const report = await draftBatch(all, { out: join(work, `batch-${round}`), formats: FORMATS, concurrency: 1, onDeal: ({ entry }) => hashes.set(entry.reference, entry.recordSha256) });
      if (report.summary.drafted !== n) throw new Error(`draftBatch drafted ${report.summary.drafted} of ${n}`);
      return { ms: performance.now() - t0, hashes };
    };
    const viaQueue = async (round) => {
      const queueName = `bench-${round}`;
      const worker = spawn(process.execPath, [join(root, "test/fixtures/queue-worker.mjs")], {
        env: { ...process.env, CW_REDIS_PORT: String(port), CW_QUEUE: queueName, CW_OUT: join(work, `queue-${round}`), CW_FORMATS: FORMATS.join(","), CW_CONCURRENCY: "1" },
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(worker);
      await waitFor(worker, "ready", "the queue worker");
      const queue = new Queue(queueName, { connection });
      const t0 = performance.now();
      const enqueued = await enqueueDeals(queue, all);
      const enqueueMs = performance.now() - t0;
      if (enqueued.enqueued.length !== n) throw new Error(`enqueued ${enqueued.enqueued.length} of ${n}`);
      for (;;) {
        const counts = await queue.getJobCounts("completed", "failed");
        if (counts.completed + counts.failed >= n) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const ms = performance.now() - t0;
      const jobs = await queue.getJobs(["completed"], 0, -1);
      await queue.close();
      worker.kill("SIGTERM");
      await new Promise((r) => worker.once("exit", r));
      return { ms, enqueueMs, hashes: new Map(jobs.map((j) => [j.returnvalue.reference, j.returnvalue.recordSha256])) };
    };
    // Batch, queue, queue, batch: a machine that gets busier or quieter during the run weighs on both alike.
    const b1 = await viaBatch(1);
    const q1 = await viaQueue(1);
    const q2 = await viaQueue(2);
    const b2 = await viaBatch(2);
    const batchMs = (b1.ms + b2.ms) / (2 * n);
    const queueMs = (q1.ms + q2.ms) / (2 * n);
    const enqueueMs = (q1.enqueueMs + q2.enqueueMs) / (2 * n);
    const same = [q1, q2, b2].every((r) => r.hashes.size === n && [...b1.hashes].every(([ref, h]) => r.hashes.get(ref) === h));
    console.log(`  draftBatch (concurrency 1): ${batchMs.toFixed(0)} ms per agreement (two runs: ${(b1.ms / n).toFixed(0)}, ${(b2.ms / n).toFixed(0)})`);
    console.log(
      `  queue (enqueueDeals + 1 worker process, 1 thread): ${queueMs.toFixed(0)} ms per agreement (two runs: ${(q1.ms / n).toFixed(0)}, ${(q2.ms / n).toFixed(0)}; enqueuing ${enqueueMs.toFixed(1)} ms of it); same record hashes as the batch: ${same ? "yes" : "NO"}`,
    );
    const ratio = queueMs / batchMs;
    console.log(`  queue / batch per agreement: ${ratio.toFixed(2)}× — ≤ ${TARGET}× ${ratio <= TARGET && same ? "met" : "MISSED"}`);
  } finally {
    for (const c of children.reverse()) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await queueBench();
