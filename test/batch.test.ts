import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fileNameOfReference, nameClashKey } from "../src/batch/names.js";
import { recordSha256 } from "../src/batch/outputs.js";
import { draftBatch, type BatchEvent, type BatchReport } from "../src/node/batch/batch.js";
import { draftMany, draftWithin, workerLost, type DraftManyResult } from "../src/node/batch/pool.js";
import { draft } from "../src/draft.js";
import { defaultFonts } from "../src/node/fonts.js";
import type { DealInput } from "../src/deal/schema.js";
import { ClausewrightError } from "../src/errors/error.js";
import { progressLine } from "../src/cli/commands/batch.js";
import { runCli as runCliInProcess } from "../src/cli/run.js";
import { ROOT, runCli, runCliProcess } from "./helpers/cli.js";
import { tempDir } from "./helpers/tools.js";

const sha = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex");
const england = (): DealInput => parse(readFileSync(join(ROOT, "examples/deals/england-saas.yaml"), "utf8")) as DealInput;

/** A valid English deal, the England example with its own reference and customer. */
function variant(i: number): DealInput {
  const d = england() as DealInput & { agreement: { reference: string }; customer: { legalName: string } };
  d.agreement.reference = `CW-T-${String(i).padStart(4, "0")}`;
  d.customer.legalName = `Customer ${i} Limited`;
  return d;
}

async function collect(it: AsyncIterable<DraftManyResult>): Promise<DraftManyResult[]> {
  const all: DraftManyResult[] = [];
  for await (const r of it) all.push(r);
  return all.sort((a, b) => a.index - b.index);
}

function readReport(out: string): BatchReport {
  return JSON.parse(readFileSync(join(out, "batch-report.json"), "utf8")) as BatchReport;
}

/** Files of ours a write or a batch leaves only while it runs. */
const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith(".clausewright"));

describe("file names from the agreement reference", () => {
  it.each([
    ["CW-2026-0418", "CW-2026-0418"],
    ["ACME/2026 #7", "ACME-2026-7"],
    ["../../etc/passwd", "etc-passwd"],
    ["  .hidden  ", "hidden"],
    ["合同-2026-001", "合同-2026-001"],
    ["CON", "CON-agreement"],
    ["///", "agreement"],
  ])("%s → %s", (reference, name) => {
    expect(fileNameOfReference(reference)).toBe(name);
  });

  it("is always one safe file name of at most 80 characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (reference) => {
        const name = fileNameOfReference(reference);
        expect(name).toMatch(/^[\p{L}\p{N}\p{M}_][\p{L}\p{N}\p{M}._-]*$/u);
        expect([...name].length).toBeLessThanOrEqual(80);
        expect(name).not.toMatch(/[.-]$/);
      }),
      { seed: 17, numRuns: 500 },
    );
  });

  it("clashes ignore case", () => {
    expect(nameClashKey("CW-1")).toBe(nameClashKey("cw-1"));
  });
});

describe("draftMany", () => {
  it("drafts deal objects, files and sheet texts on worker threads, each as draft() does alone, and a bad deal fails alone", async () => {
    const one = variant(1);
    const results = await collect(
      draftMany(
        [
          one,
          { path: join(ROOT, "examples/deals/singapore-saas.yaml"), source: "singapore-saas.yaml" },
          { sheet: "agreement:\n  reference: X-1\n", source: "broken.yaml" },
          { deal: variant(2), source: "second" },
        ],
        { concurrency: 2, formats: ["docx", "pdf", "md", "html"] },
      ),
    );
    expect(results.map((r) => [r.index, r.source, r.ok])).toEqual([
      [0, "#1", true],
      [1, "singapore-saas.yaml", true],
      [2, "broken.yaml", false],
      [3, "second", true],
    ]);
    const first = results[0];
    if (!first?.ok) throw new Error("expected a draft");
    expect(first.name).toBe("CW-T-0001");
    expect(first.files.map((f) => f.name)).toEqual(["CW-T-0001.docx", "CW-T-0001.pdf", "CW-T-0001.md", "CW-T-0001.html"]);
    const alone = await draft(one, { formats: ["docx", "pdf", "md", "html"], fonts: defaultFonts() });
    expect(sha(first.files[0]?.data ?? "")).toBe(sha(alone.docx));
    expect(sha(first.files[1]?.data ?? "")).toBe(sha(alone.pdf));
    // Markdown and HTML come as UTF-8 bytes, transferred from the worker rather than copied as text.
    expect(first.files[2]?.data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(first.files[2]?.data ?? "").toString("utf8")).toBe(alone.markdown);
    expect(Buffer.from(first.files[3]?.data ?? "").toString("utf8")).toBe(alone.html);
    expect(first.files[0]?.sha256).toBe(sha(alone.docx));
    expect(first.recordSha256).toBe(recordSha256(alone.record));
    expect(first.stats.threadId).toBeGreaterThan(0);
    const broken = results[2];
    if (broken?.ok !== false) throw new Error("expected a failure");
    expect(broken.problems.map((p) => p.code)).toContain("DEAL_MISSING_FIELD");
    expect(broken.problems.every((p) => p.file === "broken.yaml")).toBe(true);
  });

  it("skips rendering any deal whose record hash is one of skipRecords, whatever input it comes from", async () => {
    const { record } = await draft(variant(4), { formats: ["md"] });
    const results = await collect(
      draftMany([variant(5), { sheet: JSON.stringify(variant(4)), format: "json", source: "four" }], { concurrency: 1, formats: ["md"], skipRecords: [recordSha256(record)] }),
    );
    const bySource = Object.fromEntries(results.map((r) => [r.source, r.ok && { skipped: r.skipped, files: r.files.length }]));
    expect(bySource).toEqual({ "#1": { skipped: false, files: 1 }, four: { skipped: true, files: 0 } });
  });

  it("stops the workers when the consumer breaks off, and takes no new deal once its signal is aborted", async () => {
    const deals = function* () {
      for (let i = 0; i < 1000; i++) yield variant(500 + i);
    };
    let taken = 0;
    for await (const r of draftMany(deals(), { concurrency: 2, formats: ["md"] })) {
      expect(r.ok).toBe(true);
      if (++taken === 2) break;
    }
    expect(taken).toBe(2);
    const stop = new AbortController();
    let pulled = 0;
    const counted = function* () {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield variant(600 + i);
      }
    };
    const results: DraftManyResult[] = [];
    for await (const r of draftMany(counted(), { concurrency: 2, formats: ["md"], signal: stop.signal })) {
      results.push(r);
      stop.abort();
    }
    // What was in flight when the signal came finished (at most twice the workers), and no more was read.
    expect(pulled).toBeLessThanOrEqual(4);
    expect(results.length).toBe(pulled);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it("refuses bad options before any worker starts", async () => {
    const err = await collect(draftMany([variant(4)], { concurrency: 0, formats: ["md"] })).catch((e: unknown) => e);
    expect(ClausewrightError.is(err) && err.problems.map((p) => [p.code, p.path])).toEqual([["OPTION_INVALID", ["concurrency"]]]);
    const lang = await collect(draftMany([variant(4)], { lang: "fr" as never, formats: ["md"] })).catch((e: unknown) => e);
    expect(ClausewrightError.is(lang) && lang.problems[0]?.code).toBe("OPTION_UNKNOWN_LANG");
    for (const workerMemoryMb of [10, 100.5, 70_000]) {
      const memory = await collect(draftMany([variant(4)], { workerMemoryMb, formats: ["md"] })).catch((e: unknown) => e);
      expect(ClausewrightError.is(memory) && memory.problems.map((p) => [p.code, p.path])).toEqual([["OPTION_INVALID", ["workerMemoryMb"]]]);
    }
  });

  it("holds each worker to workerMemoryMb and reports what its heap keeps after a full collection", async () => {
    const results = await collect(draftMany([1, 2, 3, 4, 5, 6].map(variant), { concurrency: 1, workerMemoryMb: 64, formats: ["md", "docx"] }));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, true]);
    const stats = results.map((r) => r.stats).filter((s) => s !== undefined);
    const MB = 1024 * 1024;
    // 64 MB for long-lived objects plus the young generation's 192 MB.
    for (const s of stats) expect(s.heapLimitBytes).toBe((64 + 192) * MB);
    const withDefault = await collect(draftMany([variant(7)], { concurrency: 1, formats: ["md"] }));
    expect(withDefault[0]?.stats?.heapLimitBytes).toBe((512 + 192) * MB);
    // Under a 64 MB limit V8 collects in full within six DOCX drafts (about 30 MB of garbage each).
    const live = stats.map((s) => s.liveHeapBytes).filter((b) => b !== undefined);
    expect(live.length).toBeGreaterThan(0);
    for (const b of live) expect(b).toBeGreaterThan(10 * MB);
    for (const b of live) expect(b).toBeLessThan(64 * MB);
  });

  it("says how to give a worker more memory when one runs out of it", () => {
    const task = { index: 3, source: "deals.jsonl:4", deal: variant(4) };
    const oom = Object.assign(new Error("Worker terminated due to reaching memory limit: JS heap out of memory"), { code: "ERR_WORKER_OUT_OF_MEMORY" });
    expect(workerLost(task, oom)).toEqual({
      ok: false,
      index: 3,
      source: "deals.jsonl:4",
      problems: [
        {
          code: "BATCH_DEAL_CRASHED",
          severity: "error",
          message: "The worker drafting this deal stopped: Worker terminated due to reaching memory limit: JS heap out of memory",
          hint: "The deal needs more memory than a worker may use: raise workerMemoryMb (--worker-memory on the command line).",
        },
      ],
    });
    expect(workerLost(task, new Error("boom")).problems[0]).not.toHaveProperty("hint");
  });
});

describe("draftBatch", () => {
  it("returns the report without its deals, which are in the file in input order and went to onDeal one by one", async () => {
    const out = tempDir("cw-batch-api-");
    const events: BatchEvent[] = [];
    const result = await draftBatch([variant(41), variant(42), { agreement: {} } as unknown as DealInput, variant(44)], {
      out,
      formats: ["md"],
      concurrency: 2,
      onDeal: (e) => events.push(e),
    });
    expect(result).not.toHaveProperty("deals");
    expect(result.reportFile).toBe(join(out, "batch-report.json"));
    expect(result.summary).toMatchObject({ drafted: 3, skipped: 0, failed: 1 });
    const report = readReport(out);
    expect(report.deals.map((d) => [d.input, d.status, d.reference])).toEqual([
      ["#1", "drafted", "CW-T-0041"],
      ["#2", "drafted", "CW-T-0042"],
      ["#3", "failed", undefined],
      ["#4", "drafted", "CW-T-0044"],
    ]);
    expect([...events.map((e) => e.entry)].sort((a, b) => a.input.localeCompare(b.input))).toEqual(report.deals);
    const { deals: _deals, ...head } = report;
    expect({ ...head, reportFile: result.reportFile, leftovers: [] }).toEqual(result);
    expect(readdirSync(out).sort()).toEqual(["CW-T-0041.md", "CW-T-0042.md", "CW-T-0044.md", "batch-report.json"]);
  });

  it("one batch at a time in a folder: a second fails with BATCH_FOLDER_BUSY and writes nothing; a lock left by a process that is gone is taken over", async () => {
    const out = tempDir("cw-batch-lock-");
    const lock = join(out, ".clausewright-batch.lock");
    // Held by a running process (this one), as a batch running beside it would hold it.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: "2026-12-03T07:00:00.000Z" }));
    const err = await draftBatch([variant(95)], { out, formats: ["md"], concurrency: 1 }).catch((e: unknown) => e);
    expect(ClausewrightError.is(err) && err.problems.map((p) => [p.code, p.message])).toEqual([
      ["BATCH_FOLDER_BUSY", `Another batch (process ${process.pid} on ${hostname()}, started 2026-12-03T07:00:00.000Z) is drafting into ${out}; nothing was written`],
    ]);
    expect(readdirSync(out)).toEqual([".clausewright-batch.lock"]);
    // Left by a process that has exited (a killed batch): taken over, and given back at the end.
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(lock, JSON.stringify({ pid: gone, host: hostname(), started: "2026-12-03T07:00:00.000Z" }));
    expect((await draftBatch([variant(95)], { out, formats: ["md"], concurrency: 1 })).summary).toMatchObject({ drafted: 1 });
    expect(readdirSync(out).sort()).toEqual(["CW-T-0095.md", "batch-report.json"]);
  });

  it("fails with OUTPUT_NOT_WRITABLE when the report cannot take its place, leaving no partial file", async () => {
    const out = tempDir("cw-batch-blocked-");
    // A folder where the report should go.
    mkdirSync(join(out, "batch-report.json", "inside"), { recursive: true });
    const err = await draftBatch([variant(51)], { out, formats: ["md"], concurrency: 1 }).catch((e: unknown) => e);
    expect(ClausewrightError.is(err) && err.problems.map((p) => [p.code, p.file])).toEqual([["OUTPUT_NOT_WRITABLE", join(out, "batch-report.json")]]);
    // The deal's file is written; the journal stays, so --resume can still find it.
    expect(readdirSync(out).sort()).toEqual([".clausewright-batch.jsonl", "CW-T-0051.md", "batch-report.json"]);
  });

  it("writes an empty report for no deals", async () => {
    const out = tempDir("cw-batch-none-");
    const result = await draftBatch([], { out, formats: ["md"], concurrency: 1 });
    const text = readFileSync(join(out, "batch-report.json"), "utf8");
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(readReport(out).deals).toEqual([]);
    expect(result.summary).toMatchObject({ drafted: 0, skipped: 0, failed: 0 });
  });
});

/** A folder of deal sheets: `n` England variants as YAML files. */
function dealFolder(n: number, start = 1): string {
  const dir = tempDir("cw-batch-in-");
  for (let i = start; i < start + n; i++) writeFileSync(join(dir, `deal-${String(i).padStart(3, "0")}.json`), JSON.stringify(variant(i)));
  return dir;
}

describe("deals are settled in input order, whatever order they finish in", () => {
  it("of two deals whose references give one name, the earlier in the input wins even when the later finishes first; onDeal sees input order", async () => {
    const dir = tempDir("cw-batch-order-");
    // The first deal is read from a named pipe that gets its text only once the second deal has
    // long been drafted, so the second finishes first.
    const fifo = join(dir, "slow.json");
    execFileSync("mkfifo", [fifo]);
    const first = { ...variant(1), agreement: { ...variant(1).agreement, reference: "ACME/1" } };
    const second = { ...variant(2), agreement: { ...variant(2).agreement, reference: "acme 1" } };
    const out = join(dir, "out");
    const seen: BatchEvent[] = [];
    const feed = setTimeout(() => writeFileSync(fifo, JSON.stringify(first)), 4000);
    try {
      const result = await draftBatch(
        [
          { path: fifo, source: "slow.json" },
          { deal: second, source: "fast" },
        ],
        { out, formats: ["md"], concurrency: 2, onDeal: (e) => seen.push(e) },
      );
      expect(result.summary).toMatchObject({ drafted: 1, failed: 1 });
    } finally {
      clearTimeout(feed);
    }
    expect(seen.map((e) => [e.entry.input, e.entry.status, e.entry.problems[0]?.code])).toEqual([
      ["slow.json", "drafted", undefined],
      ["fast", "failed", "BATCH_NAME_CLASH"],
    ]);
    // The reordering was exercised: the second deal took far less than the 4 s the first waited.
    const [slow, fast] = seen.map((e) => e.worker?.elapsedMs ?? 0);
    expect(slow).toBeGreaterThan(3500);
    expect(fast).toBeLessThan(3500);
    expect(readdirSync(out).sort()).toEqual(["ACME-1.md", "batch-report.json"]);
    expect(readReport(out).deals.map((d) => d.input)).toEqual(["slow.json", "fast"]);
    // The message names the file as it is on disk, and this deal's own spelling of it.
    expect(seen[1]?.entry.problems[0]?.message).toBe("Not written: the files of slow.json are already named ACME-1 in this batch (this deal's reference gives acme-1, the same name ignoring case)");
  }, 30_000);

  it("the same deal given twice is written once, and the second is told it is a repeat", async () => {
    const out = tempDir("cw-batch-twice-");
    const result = await draftBatch(
      [
        { deal: variant(81), source: "line 1" },
        { deal: variant(82), source: "line 2" },
        { sheet: JSON.stringify(variant(81)), format: "json", source: "line 3" },
      ],
      { out, formats: ["md"], concurrency: 1 },
    );
    expect(result.summary).toMatchObject({ drafted: 2, failed: 1 });
    const repeat = readReport(out).deals[2]?.problems[0];
    expect(repeat).toMatchObject({ code: "BATCH_NAME_CLASH", message: "Not written: the same deal as line 1, whose files are named CW-T-0081", hint: "Give each deal once in the input." });
  });

  it("the pool starts no deal a window's width past the earliest unfinished one", async () => {
    const dir = tempDir("cw-batch-window-");
    const fifo = join(dir, "slow.json");
    execFileSync("mkfifo", [fifo]);
    const inputs = [{ path: fifo, source: "slow" }, ...[2, 3].map((i) => ({ deal: variant(i), source: `#${i}` }))];
    const feed = setTimeout(() => writeFileSync(fifo, JSON.stringify(variant(1))), 3000);
    const order: string[] = [];
    try {
      // Window 2: while the first deal waits for its text, the second may start, the third not.
      for await (const r of draftWithin(inputs, { formats: ["md"], concurrency: 2 }, 2)) order.push(r.source);
    } finally {
      clearTimeout(feed);
    }
    expect(order).toEqual(["#2", "slow", "#3"]);
  }, 30_000);
});

describe("clausewright batch", () => {
  it("drafts a folder: files named from the reference, byte for byte the single draft, a report with hashes; a bad deal and a clash fail alone", async () => {
    const dir = dealFolder(3);
    // Same reference as deal-001, another customer: would overwrite its files.
    const clash = { ...variant(1), customer: { ...variant(1).customer, legalName: "Other Limited" } };
    writeFileSync(join(dir, "deal-004.json"), JSON.stringify(clash));
    writeFileSync(join(dir, "deal-005.yaml"), "agreement:\n  reference: CW-BAD\n  effectiveDate: 2027-13-01\n");
    const out = tempDir("cw-batch-out-");
    const r = await runCli(["batch", dir, "--out", out, "--jobs", "1", "--format", "docx,md"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`failed: ${join(dir, "deal-004.json")}`);
    expect(r.stderr).toMatch(/batch done: 3 drafted, 0 skipped, 2 failed of 5 in [\d.]+ s; report: /);
    const report = readReport(out);
    // Written a deal at a time from the journal, yet the very text of JSON.stringify(report, null, 2).
    expect(readFileSync(join(out, "batch-report.json"), "utf8")).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(report.status).toBe("complete");
    expect(report.deals.map((d) => [d.input.slice(dir.length + 1), d.status, d.problems.map((p) => p.code)[0]])).toEqual([
      ["deal-001.json", "drafted", undefined],
      ["deal-002.json", "drafted", undefined],
      ["deal-003.json", "drafted", undefined],
      ["deal-004.json", "failed", "BATCH_NAME_CLASH"],
      ["deal-005.yaml", "failed", expect.stringMatching(/^DEAL_/)],
    ]);
    expect(report.deals[3]?.problems[0]?.message).toContain("deal-001.json");
    expect(report.deals[4]?.problems[0]).toMatchObject({ file: join(dir, "deal-005.yaml"), line: expect.any(Number) });
    expect(readdirSync(out).sort()).toEqual(["CW-T-0001.docx", "CW-T-0001.md", "CW-T-0002.docx", "CW-T-0002.md", "CW-T-0003.docx", "CW-T-0003.md", "batch-report.json"]);
    for (const d of report.deals.filter((e) => e.status === "drafted")) {
      for (const o of d.outputs) expect(sha(readFileSync(join(out, o.file)))).toBe(o.sha256);
    }
    // The clash left the first deal's files as they were: they are still deal-001's.
    expect(readFileSync(join(out, "CW-T-0001.md"), "utf8")).toContain("Customer 1 Limited");
    const single = tempDir("cw-single-");
    expect((await runCli(["draft", join(dir, "deal-002.json"), "--out", single, "--format", "docx,md"])).code).toBe(0);
    expect(sha(readFileSync(join(single, "deal-002.docx")))).toBe(sha(readFileSync(join(out, "CW-T-0002.docx"))));
    expect(readFileSync(join(single, "deal-002.md"), "utf8")).toBe(readFileSync(join(out, "CW-T-0002.md"), "utf8"));
    // The CLI passes --lang (default en), which the record keeps, as `clausewright draft` does.
    expect(report.deals[1]?.recordSha256).toBe(recordSha256((await draft(variant(2), { formats: ["md"], lang: "en" })).record));
  });

  it("reads JSON Lines, names problems by the file's own line, and prints one JSON line per deal with --json", async () => {
    const dir = tempDir("cw-batch-jsonl-");
    writeFileSync(join(dir, "deals.jsonl"), `${JSON.stringify(variant(11))}\n\n${JSON.stringify({ agreement: { reference: "CW-X" } })}\n${JSON.stringify(variant(12))}\n`);
    const out = join(dir, "out");
    const r = await runCli(["batch", "deals.jsonl", "--out", "out", "--format", "md", "--jobs", "2", "--json"], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; input?: string; status?: string; problems?: { id: string; file?: string; line?: number }[]; summary?: unknown });
    expect(lines.map((l) => l.type)).toEqual(["deal", "deal", "deal", "summary"]);
    expect(
      lines
        .filter((l) => l.type === "deal")
        .map((l) => [l.input, l.status])
        .sort(),
    ).toEqual([
      ["deals.jsonl:1", "drafted"],
      ["deals.jsonl:3", "failed"],
      ["deals.jsonl:4", "drafted"],
    ]);
    const failed = lines.find((l) => l.status === "failed");
    expect(failed?.problems?.[0]).toMatchObject({ file: "deals.jsonl", line: 3 });
    expect(lines[3]?.summary).toMatchObject({ total: 3, drafted: 2, failed: 1, skipped: 0 });
    expect(readdirSync(out).sort()).toEqual(["CW-T-0011.md", "CW-T-0012.md", "batch-report.json"]);
  });

  it("--fail-fast stops taking deals at the first failure", async () => {
    const dir = dealFolder(4, 21);
    writeFileSync(join(dir, "a-first.yaml"), "agreement: {}\n");
    const out = tempDir("cw-batch-ff-");
    const r = await runCli(["batch", dir, "--out", out, "--jobs", "1", "--format", "md", "--fail-fast"]);
    expect(r.code).toBe(1);
    const report = readReport(out);
    expect(report.status).toBe("stopped");
    expect(report.summary.failed).toBe(1);
    // One deal was already waiting for the worker when the first failed; the rest were never started.
    expect(report.summary.notStarted).toBeGreaterThanOrEqual(2);
    expect(r.stderr).toContain("batch stopped at the first failure");
  });

  it("--resume keeps unchanged files and drafts again what is missing, altered or changed in the deal", async () => {
    const dir = dealFolder(4, 31);
    const out = tempDir("cw-batch-resume-");
    expect((await runCli(["batch", dir, "--out", out, "--format", "md", "--jobs", "2"])).code).toBe(0);
    unlinkSync(join(out, "CW-T-0031.md"));
    writeFileSync(join(out, "CW-T-0032.md"), "edited by hand\n");
    writeFileSync(join(dir, "deal-033.json"), JSON.stringify({ ...variant(33), customer: { ...variant(33).customer, legalName: "Renamed Limited" } }));
    const r = await runCli(["batch", dir, "--out", out, "--format", "md", "--jobs", "2", "--resume"]);
    expect(r.code).toBe(0);
    const report = readReport(out);
    expect(Object.fromEntries(report.deals.map((d) => [d.reference, d.status]))).toEqual({ "CW-T-0031": "drafted", "CW-T-0032": "drafted", "CW-T-0033": "drafted", "CW-T-0034": "skipped" });
    expect(readFileSync(join(out, "CW-T-0033.md"), "utf8")).toContain("Renamed Limited");
    expect(readFileSync(join(out, "CW-T-0032.md"), "utf8")).toContain("Customer 32 Limited");
    expect(report.deals[3]?.outputs.map((o) => o.file)).toEqual(["CW-T-0034.md"]);
    // Formats are not in the assembly record: asking for another set drafts every deal again.
    const more = await runCli(["batch", dir, "--out", out, "--format", "md,docx", "--jobs", "2", "--resume"]);
    expect(more.code).toBe(0);
    expect(readReport(out).summary).toMatchObject({ drafted: 4, skipped: 0 });
    expect(readReport(out).settings).toEqual({ formats: ["docx", "md"] });
  });

  it("--resume knows a deal by its record hash, however its input is named: another spelling or working folder, a renamed .jsonl, a line inserted above", async () => {
    const parent = tempDir("cw-batch-spell-");
    const dir = join(parent, "deals");
    mkdirSync(dir);
    mkdirSync(join(parent, "elsewhere"));
    writeFileSync(join(dir, "a.json"), JSON.stringify(variant(41)));
    writeFileSync(join(parent, "more.jsonl"), `${JSON.stringify(variant(42))}\n`);
    const out = join(parent, "out");
    // The command as a process: relative paths are resolved against the process's working folder.
    const first = runCliProcess(["batch", "deals", "more.jsonl", "--out", "out", "--format", "md", "--jobs", "1"], { cwd: parent });
    expect(first.code).toBe(0);
    const written = readReport(out).deals.map((d) => d.outputs);
    for (const [cwd, args] of [
      [parent, ["./deals", "./more.jsonl"]],
      [join(parent, "elsewhere"), [dir, join(parent, "more.jsonl")]],
    ] as const) {
      const r = runCliProcess(["batch", ...args, "--out", out, "--format", "md", "--jobs", "1", "--resume"], { cwd });
      expect(r.code).toBe(0);
      expect(readReport(out).summary).toMatchObject({ drafted: 0, skipped: 2, failed: 0 });
    }
    // The JSON Lines file renamed, with a new deal on the line above: only the new deal is drafted.
    unlinkSync(join(parent, "more.jsonl"));
    writeFileSync(join(parent, "renamed.jsonl"), `${JSON.stringify(variant(43))}\n${JSON.stringify(variant(42))}\n`);
    const r = runCliProcess(["batch", "deals", "renamed.jsonl", "--out", "out", "--format", "md", "--jobs", "1", "--resume"], { cwd: parent });
    expect(r.code).toBe(0);
    const report = readReport(out);
    expect(report.deals.map((d) => [d.input, d.reference, d.status])).toEqual([
      [join("deals", "a.json"), "CW-T-0041", "skipped"],
      ["renamed.jsonl:1", "CW-T-0043", "drafted"],
      ["renamed.jsonl:2", "CW-T-0042", "skipped"],
    ]);
    // A kept deal's entry lists its files as the first run wrote them.
    expect([report.deals[0]?.outputs, report.deals[2]?.outputs]).toEqual(written);
  });

  it("--resume never forgets an earlier run's deals: after a run that reaches only some of them (fewer inputs, or interrupted), the next keeps the rest", async () => {
    const out = tempDir("cw-batch-carry-");
    const deals = [61, 62, 63, 64].map(variant);
    const options = { out, formats: ["md" as const], concurrency: 1, resume: true };
    expect((await draftBatch(deals, options)).summary).toMatchObject({ drafted: 4 });
    const journal = join(out, ".clausewright-batch.jsonl");
    expect(existsSync(journal)).toBe(false);
    // Fewer inputs: the report lists the one deal, the journal keeps the other three.
    expect((await draftBatch([deals[1] as DealInput], options)).summary).toMatchObject({ drafted: 0, skipped: 1 });
    expect(readReport(out).deals.map((d) => d.reference)).toEqual(["CW-T-0062"]);
    const carried = readFileSync(journal, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { settings?: unknown; reference?: string });
    expect(carried[0]).toEqual({ settings: { formats: ["md"] } });
    expect(
      carried
        .slice(1)
        .map((e) => e.reference)
        .sort(),
    ).toEqual(["CW-T-0061", "CW-T-0063", "CW-T-0064"]);
    // Interrupted before any deal: nothing reached, nothing forgotten.
    const stop = new AbortController();
    stop.abort();
    expect((await draftBatch(deals, { ...options, signal: stop.signal })).status).toBe("interrupted");
    const all = await draftBatch(deals, options);
    expect(all.summary).toMatchObject({ drafted: 0, skipped: 4 });
    // Every deal reached again: the report holds them all and the journal is gone.
    expect(existsSync(journal)).toBe(false);
  });

  it("--resume says before the first deal what it keeps, and why an earlier report it cannot use is not used", async () => {
    const dir = dealFolder(3, 71);
    const out = tempDir("cw-batch-notice-");
    expect((await runCli(["batch", dir, "--out", out, "--format", "md", "--jobs", "1"])).code).toBe(0);
    unlinkSync(join(out, "CW-T-0071.md"));
    const kept = await runCli(["batch", dir, "--out", out, "--format", "md", "--jobs", "1", "--resume"]);
    expect(kept.stderr.split("\n")[0]).toBe(
      "resume: 2 of the 3 deals earlier runs finished have their files as written, kept for each deal met unchanged; 1 whose files were changed or removed is drafted again",
    );
    // Other formats: the earlier report is not used, and the user is told why.
    const other = await runCli(["batch", dir, "--out", out, "--format", "md,docx", "--jobs", "1", "--resume"]);
    expect(other.stderr).toContain("warning BATCH_RESUME_IGNORED");
    expect(other.stderr).toContain('Not resumed from batch-report.json: it was written with other settings ({"formats":["md"]}, this run {"formats":["docx","md"]}); its deals are drafted again');
    expect(readReport(out).summary).toMatchObject({ drafted: 3, skipped: 0 });
    // A damaged report: said on the resume line of --json, before the first deal.
    writeFileSync(join(out, "batch-report.json"), '{ "deals": [');
    const json = await runCli(["batch", dir, "--out", out, "--format", "md,docx", "--jobs", "1", "--resume", "--json"]);
    const lines = json.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; earlier?: number; kept?: number; ignored?: { id: string; message: { en: string } }[] });
    expect(lines.map((l) => l.type)).toEqual(["resume", "deal", "deal", "deal", "summary"]);
    expect(lines[0]).toMatchObject({ earlier: 0, kept: 0 });
    expect(lines[0]?.ignored?.map((p) => [p.id, p.message.en])).toEqual([
      ["BATCH_RESUME_IGNORED", "Not resumed from batch-report.json: it is not JSON (damaged, or cut short); its deals are drafted again"],
    ]);
  });

  it("names the files left from an earlier run beside this run's deals: another format, or the name in other letter case", async () => {
    const dir = dealFolder(2, 91);
    const out = tempDir("cw-batch-leftover-");
    expect((await runCli(["batch", dir, "--out", out, "--format", "md,docx", "--jobs", "1"])).code).toBe(0);
    const mdOnly = await runCli(["batch", dir, "--out", out, "--format", "md", "--jobs", "1"]);
    expect(mdOnly.code).toBe(0);
    expect(mdOnly.stderr).toContain(
      `warning: 2 files in ${out} named for deals of this batch were not written by it (another format, or other letter case, from an earlier run) and may be out of date: CW-T-0091.docx, CW-T-0092.docx`,
    );
    // The same deal under its reference in other letter case: the old spelling is a leftover too.
    const lower = { ...variant(91), agreement: { ...variant(91).agreement, reference: "cw-t-0091" } };
    const result = await draftBatch([lower], { out, formats: ["md"], concurrency: 1 });
    expect(result.leftovers).toEqual(["CW-T-0091.docx", "CW-T-0091.md"]);
    // Nothing is said when the folder holds only this run's files.
    expect((await draftBatch([variant(93)], { out: tempDir("cw-batch-clean-"), formats: ["md"], concurrency: 1 })).leftovers).toEqual([]);
  });

  it("refuses inputs that do not exist or hold no deals, writing nothing", async () => {
    const out = join(tempDir("cw-batch-none-"), "out");
    const missing = await runCli(["batch", "no/such/folder", "--out", out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("BATCH_INPUT_UNREADABLE");
    const empty = await runCli(["batch", tempDir("cw-empty-"), "--out", out]);
    expect(empty.stderr).toContain("BATCH_NO_DEALS");
    expect(existsSync(out)).toBe(false);
    expect((await runCli(["batch", "x", "--out", out, "--jobs", "0"])).code).toBe(2);
    const memory = await runCli(["batch", "x", "--out", out, "--worker-memory", "32"]);
    expect(memory.code).toBe(2);
    expect(memory.stderr).toContain('--worker-memory is a whole number of MB from 64 to 65536 (got "32")');
  });
});

describe("batch progress", () => {
  it("reads done/total, counts, rate and time left", () => {
    expect(progressLine({ total: 1000, done: 120, drafted: 118, skipped: 0, failed: 2, elapsedMs: 3400, perSecond: 35.24, remainingMs: 25_000 })).toBe(
      "[ 120/1000] 118 drafted, 2 failed, 35.2/s, 25 s left",
    );
    expect(progressLine({ total: 50, done: 50, drafted: 20, skipped: 30, failed: 0, elapsedMs: 3400, perSecond: 14.7, remainingMs: 0 })).toBe("[50/50] 20 drafted, 30 skipped, 0 failed, 14.7/s");
    expect(progressLine({ total: 10_000, done: 1, drafted: 1, skipped: 0, failed: 0, elapsedMs: 1, perSecond: 8, remainingMs: 1_249_875 })).toBe(
      "[    1/10000] 1 drafted, 0 failed, 8.0/s, 20 min 50 s left",
    );
  });

  it("redraws one line in place on a terminal", async () => {
    const dir = dealFolder(3, 41);
    let stderr = "";
    const code = await runCliInProcess(["batch", dir, "--out", join(dir, "out"), "--format", "md", "--jobs", "1"], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t), isTTY: true },
      cwd: ROOT,
    });
    expect(code).toBe(0);
    expect(stderr).toContain("\r\u001b[2K[3/3] 3 drafted, 0 failed");
    expect(
      stderr
        .split("\n")
        .filter(Boolean)
        .map((l) => l.replace(/.*\r\u001b\[2K/s, "")),
    ).toEqual([expect.stringMatching(/^\[3\/3\] 3 drafted, 0 failed, [\d.]+\/s$/), expect.stringMatching(/^batch done: 3 drafted/)]);
  });
});

/** Runs the built CLI as a real process; resolves with its exit code and stderr. */
function startBatch(args: string[], cwd: string): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [join(ROOT, "bin/clausewright.js"), "batch", ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

/** Waits until the batch's journal names at least `n` finished deals. */
async function journalLines(out: string, n: number): Promise<void> {
  const journal = join(out, ".clausewright-batch.jsonl");
  for (let i = 0; i < 600; i++) {
    // The first line is the run's settings; one line per finished deal follows.
    if (existsSync(journal) && readFileSync(journal, "utf8").split("\n").filter(Boolean).length - 1 >= n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the batch never finished ${n} deals`);
}

describe("interrupting a batch", () => {
  it("Ctrl-C (SIGINT) finishes the deals in flight, leaves only complete files and a report, and --resume finishes the rest", async () => {
    const dir = tempDir("cw-batch-int-");
    const n = 40;
    writeFileSync(join(dir, "deals.jsonl"), `${Array.from({ length: n }, (_, i) => JSON.stringify(variant(100 + i))).join("\n")}\n`);
    const out = join(dir, "out");
    const run = startBatch(["deals.jsonl", "--out", "out", "--format", "md,docx", "--jobs", "2"], dir);
    await journalLines(out, 3);
    run.child.kill("SIGINT");
    const first = await run.done;
    expect(first.code).toBe(130);
    expect(first.stderr).toContain("interrupted: finishing the deals in flight");
    expect(first.stderr).toMatch(/batch interrupted: \d+ drafted, 0 skipped, 0 failed, \d+ not started of 40/);
    const report = readReport(out);
    expect(report.status).toBe("interrupted");
    const done = report.deals.filter((d) => d.status === "drafted");
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done.length).toBeLessThan(n);
    expect(report.summary.notStarted).toBe(n - done.length);
    // Only complete files: every file in the folder is a finished deal's, with the report's hash.
    const listed = done.flatMap((d) => d.outputs);
    expect(readdirSync(out).sort()).toEqual([...listed.map((o) => o.file), "batch-report.json"].sort());
    for (const o of listed) expect(sha(readFileSync(join(out, o.file)))).toBe(o.sha256);
    expect(leftovers(out)).toEqual([]);

    const resumed = await startBatch(["deals.jsonl", "--out", "out", "--format", "md,docx", "--jobs", "2", "--resume"], dir).done;
    expect(resumed.code).toBe(0);
    const final = readReport(out);
    expect(final.status).toBe("complete");
    expect(final.summary).toMatchObject({ total: n, skipped: done.length, drafted: n - done.length, failed: 0, notStarted: 0 });
    expect(final.deals.map((d) => d.reference)).toEqual(Array.from({ length: n }, (_, i) => `CW-T-${String(100 + i).padStart(4, "0")}`));
    // Every file is the one drafting its deal alone gives.
    for (const i of [0, done.length, n - 1]) {
      const alone = await draft(variant(100 + i), { formats: ["docx", "md"], lang: "en" });
      const name = `CW-T-${String(100 + i).padStart(4, "0")}`;
      expect(sha(readFileSync(join(out, `${name}.docx`)))).toBe(sha(alone.docx));
      expect(readFileSync(join(out, `${name}.md`), "utf8")).toBe(alone.markdown);
    }
    expect(leftovers(out)).toEqual([]);
  }, 60_000);

  it("a killed batch (SIGKILL, no report) resumes from its journal", async () => {
    const dir = tempDir("cw-batch-kill-");
    const n = 30;
    writeFileSync(join(dir, "deals.jsonl"), `${Array.from({ length: n }, (_, i) => JSON.stringify(variant(200 + i))).join("\n")}\n`);
    const out = join(dir, "out");
    mkdirSync(out);
    const run = startBatch(["deals.jsonl", "--out", "out", "--format", "md", "--jobs", "2"], dir);
    await journalLines(out, 4);
    run.child.kill("SIGKILL");
    await run.done;
    expect(existsSync(join(out, "batch-report.json"))).toBe(false);
    const journaled = readFileSync(join(out, ".clausewright-batch.jsonl"), "utf8").split("\n").filter(Boolean).length - 1;
    expect(journaled).toBeGreaterThanOrEqual(4);
    const resumed = await startBatch(["deals.jsonl", "--out", "out", "--format", "md", "--jobs", "2", "--resume"], dir).done;
    expect(resumed.code).toBe(0);
    const final = readReport(out);
    expect(final.summary.skipped).toBeGreaterThanOrEqual(journaled);
    expect(final.summary.drafted + final.summary.skipped).toBe(n);
    expect(leftovers(out)).toEqual([]);
  }, 60_000);
});
