import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { Queue, type Job } from "bullmq";
import { describe, expect } from "vitest";
import { parse } from "yaml";
import { recordSha256 } from "../src/batch/outputs.js";
import type { DealInput } from "../src/deal/schema.js";
import { draft, recordDraft } from "../src/draft.js";
import type { Format } from "../src/options.js";
import type { DraftJobData, DraftJobResult } from "../src/node/queue/job.js";
import { CLAIMS_FOLDER } from "../src/node/queue/name-claims.js";
import { ROOT } from "./helpers/cli.js";
import { itWithTools, tempDir } from "./helpers/tools.js";

// A real redis-server on a loopback port, two worker processes running the built
// clausewright/queue (test/fixtures/queue-worker.mjs), one of them killed mid-run.

const sha = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex");
const ENGLISH = ["us-crm-enterprise", "us-delaware-gdpr-ccpa", "us-newyork-saas", "us-healthcare-hipaa", "england-saas", "eu-gdpr-icc", "ireland-eu-saas", "singapore-saas"];
const FORMATS: Format[] = ["docx", "md"];
const DEALS = 200;

/** Deal `i`: one of the English examples with its own reference and customer. */
function deal(i: number): DealInput {
  const d = parse(readFileSync(join(ROOT, "examples/deals", `${ENGLISH[i % ENGLISH.length]}.yaml`), "utf8")) as DealInput & { agreement: { reference: string }; customer: { legalName: string } };
  d.agreement.reference = `Q-${String(i).padStart(3, "0")}`;
  d.customer.legalName = `Queue Customer ${i} Limited`;
  return d;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Waits until `out` of the child has printed `line`. */
function waitFor(child: ChildProcess, line: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      if (seen.includes(line)) {
        child.stdout?.off("data", onData);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code, signal) => reject(new Error(`${what} exited (${code ?? signal}) before "${line}": ${seen}`)));
  });
}

async function startRedis(dir: string): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: ["ignore", "pipe", "inherit"] });
  await waitFor(redis, "Ready to accept connections", "redis-server");
  return { port, stop: () => redis.kill("SIGTERM") };
}

function startWorker(port: number, queueName: string, out: string): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, "test/fixtures/queue-worker.mjs")], {
    env: { ...process.env, CW_REDIS_PORT: String(port), CW_QUEUE: queueName, CW_OUT: out, CW_FORMATS: FORMATS.join(","), CW_CONCURRENCY: "1", CW_LOCK_MS: "2000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return child;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ms: number, test: () => Promise<boolean> | boolean): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe("clausewright/queue on a real Redis", () => {
  itWithTools(["redis-server"], "drafts 200 deals on two worker processes, one killed mid-run: every agreement once, complete, with the record hash of draft()", async () => {
    expect(existsSync(join(ROOT, "dist/queue.js")), "npm run build first").toBe(true);
    const { enqueueDeals } = (await import(join(ROOT, "dist/queue.js"))) as typeof import("../src/node/queue/index.js");
    const tmp = tempDir("cw-queue-");
    const out = join(tmp, "out");
    const redis = await startRedis(tmp);
    const connection = { host: "127.0.0.1", port: redis.port };
    const queueName = "drafts";
    const queue = new Queue<DraftJobData, DraftJobResult>(queueName, { connection });
    const workers: ChildProcess[] = [];
    try {
      workers.push(startWorker(redis.port, queueName, out), startWorker(redis.port, queueName, out));
      await Promise.all(workers.map((w, i) => waitFor(w, "ready", `worker ${i}`)));

      const deals = Array.from({ length: DEALS }, (_, i) => deal(i));
      const invalid = { ...deal(0), agreement: { ...deal(0).agreement, effectiveDate: "soon" } } as DealInput;
      // The deals, one invalid deal, and deal 7 again: the invalid one is no job, the repeat is the same job.
      const report = await enqueueDeals({ connection, queueName }, [...deals, invalid, deal(7)]);
      expect(report.rejected.map((r) => [r.index, r.problems.map((p) => `${p.code} ${p.path?.join(".")}`)])).toEqual([[DEALS, ["DEAL_INVALID_DATE agreement.effectiveDate"]]]);
      expect(report.enqueued).toHaveLength(DEALS + 1);
      expect(report.enqueued[DEALS]?.jobId).toBe(report.enqueued[7]?.jobId);
      expect(await queue.count()).toBeGreaterThan(0);

      // Kill one worker while it drafts, after both have written some agreements.
      const victim = workers[0] as ChildProcess;
      await until("40 agreements", 60_000, () => readdirSync(out).filter((f) => f.endsWith(".md")).length >= 40);
      victim.kill("SIGKILL");
      await new Promise((r) => victim.once("exit", r));

      await until("every job done", 120_000, async () => {
        const counts = await queue.getJobCounts("completed", "failed");
        return (counts["completed"] ?? 0) + (counts["failed"] ?? 0) >= DEALS;
      });
      const jobs = (await queue.getJobs(["completed", "failed"], 0, -1)) as Job<DraftJobData, DraftJobResult>[];
      expect(jobs.filter((j) => j.failedReason).map((j) => `${j.id}: ${j.failedReason}`)).toEqual([]);
      expect(jobs).toHaveLength(DEALS);
      // The killed worker's job went back to the queue through BullMQ's stalled-job check.
      expect(jobs.filter((j) => (j.stalledCounter ?? 0) > 0).length).toBeGreaterThanOrEqual(1);

      // Each agreement once, complete, nothing of ours left behind: only the name claims.
      const names = deals.map((_, i) => `Q-${String(i).padStart(3, "0")}`);
      expect(readdirSync(out).sort()).toEqual([CLAIMS_FOLDER, ...names.flatMap((n) => FORMATS.map((f) => `${n}.${f}`))].sort());
      expect(readdirSync(join(out, CLAIMS_FOLDER)).sort()).toEqual(names.map((n) => `${n.toLowerCase()}.json`).sort());
      const byReference = new Map(jobs.map((j) => [j.returnvalue.reference, j.returnvalue]));
      for (const [i, name] of names.entries()) {
        const result = byReference.get(name);
        expect(result?.outputs.map((o) => o.file)).toEqual(FORMATS.map((f) => `${name}.${f}`));
        for (const o of result?.outputs ?? []) {
          const bytes = readFileSync(join(out, o.file));
          expect([o.file, sha(bytes), bytes.length]).toEqual([o.file, o.sha256, o.bytes]);
        }
        // The record hash of drafting the same deal alone (assembled, not rendered), for one run of
        // eight deals in four: 56 deals, each example seven times.
        if (Math.floor(i / ENGLISH.length) % 4 === 0) expect(result?.recordSha256, name).toBe(recordSha256(recordDraft(deals[i] as DealInput, { formats: FORMATS }).record));
      }
      // And the bytes, for a sample: one deal of each example.
      for (let i = 0; i < ENGLISH.length; i++) {
        const alone = await draft(deals[i] as DealInput, { formats: FORMATS });
        expect(sha(readFileSync(join(out, `${names[i]}.docx`)))).toBe(sha(alone.docx as Uint8Array));
        expect(readFileSync(join(out, `${names[i]}.md`), "utf8")).toBe(alone.markdown);
      }

      // A different deal whose reference gives a taken name fails at once (no retries), with the problem as data.
      const clash = deal(3);
      (clash as { agreement: { reference: string } }).agreement.reference = "q-003";
      const second = await enqueueDeals({ connection, queueName }, [clash]);
      const clashId = second.enqueued[0]?.jobId ?? "";
      await until("the clash to fail", 60_000, async () => (await queue.getJob(clashId))?.failedReason !== undefined);
      const failed = await queue.getJob(clashId);
      expect(failed?.attemptsMade).toBe(1);
      expect(failed?.failedReason).toMatch(/^error BATCH_NAME_CLASH at agreement\.reference: Not written: the files named q-003 belong to another deal/);
      const logs = await queue.getJobLogs(clashId);
      expect((JSON.parse(logs.logs[0] ?? "{}") as { problems: { code: string; path: string[] }[] }).problems.map((p) => [p.code, p.path.join(".")])).toEqual([
        ["BATCH_NAME_CLASH", "agreement.reference"],
      ]);
      expect(readFileSync(join(out, "Q-003.md"), "utf8")).toContain("Queue Customer 3 Limited");

      // A job that is not ours fails at once too.
      const stranger = await queue.add("stranger", { v: 1, source: "elsewhere" } as DraftJobData, { attempts: 3 });
      await until("the stranger to fail", 60_000, async () => (await queue.getJob(stranger.id ?? ""))?.failedReason !== undefined);
      const refused = await queue.getJob(stranger.id ?? "");
      expect([refused?.attemptsMade, refused?.failedReason]).toEqual([1, `error QUEUE_JOB_INVALID: Job ${stranger.id} is not a clausewright draft job (enqueue deals with enqueueDeals)`]);
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGTERM");
      await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once("exit", r)) : undefined)));
      await queue.close();
      redis.stop();
    }
  });
});
