// Benchmark section "batch" (issue 17, "Must hold"), each figure printed beside its target:
//
// - Throughput: N varied English deals (bench/deal-variants.mjs, default 1,000) drafted by
//   `clausewright batch deals.jsonl --jobs 1` and `--jobs 2`, timed as a user times the command
//   (start-up included). The target run is the command as a user runs it: every deal in all three
//   formats (DOCX, PDF and Markdown, the default of `--format`). The time per format comes from a
//   run of each format alone (`--format docx`, …), whose ratios are printed beside the ceiling the
//   machine sets them (see docs/scaling.md: with one worker V8's background threads already keep
//   part of the second core busy, most of all for the quick formats). Target: --jobs 2 at least
//   1.8× the throughput of --jobs 1 for the batch as run. The order of the two runs alternates
//   from one run to the next (1 then 2, 2 then 1, …), so a drift in the machine's load does not
//   always favour the same one.
// - Byte identity: every file of both runs against the other run, and against the same deal drafted
//   alone with `draft()` in this process: every deal for Markdown, an even sample for DOCX and PDF
//   (the costly ones). Target: all identical.
// - Soak: M deals (default 10,000) as Markdown + DOCX through `draftBatch` in a child process
//   (bench/batch-soak.mjs): peak RSS of the process and peak heap + buffers of each worker thread
//   (and, for the record, what each worker's heap keeps after a full collection)
//   at the tenth of the run (the 1,000th deal) and at the end. Target: within 10 %.
//
// BENCH_BATCH_DEALS, BENCH_SOAK_DEALS and BENCH_IDENTITY_SAMPLE shrink a run; `BENCH_ONLY=batch npm
// run bench` runs only this section.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { defaultCatalog, defaultFonts, draft, validateDeal } from "../dist/node.js";
import { dealVariants } from "./deal-variants.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = `${root}bin/clausewright.js`;
const MB = 1024 * 1024;
const FORMATS = ["docx", "pdf", "md"];
// Each format alone, then all three in one command (no --format: the default).
const RUNS = [...FORMATS, "all"];
const THROUGHPUT_TARGET = 1.8;
const MEMORY_TARGET = 0.1;

const verdict = (ok, target) => `${target} ${ok ? "met" : "MISSED"}`;
const sha256 = (data) => createHash("sha256").update(data).digest("hex");
const mb = (bytes) => (bytes / MB).toFixed(0);

/**
 * One `clausewright batch` run, timed from the command's start to its exit, with the CPU time the
 * process used (all its threads; a hook writes it at exit); throws unless every deal was drafted.
 */
function batchRun(jsonl, out, format, jobs, cpuHook) {
  // "all" gives no --format: the command's default, every format.
  const formatArgs = format === "all" ? [] : ["--format", format];
  const shown = `clausewright batch ${[...formatArgs, "--jobs", String(jobs)].join(" ")}`;
  // A run takes minutes: say what is running (stderr, so stdout keeps only the figures).
  process.stderr.write(`bench batch: ${shown}\n`);
  const t0 = performance.now();
  const cpuFile = `${out}.cpu`;
  const r = spawnSync(process.execPath, ["--require", cpuHook, cli, "batch", jsonl, "--out", out, ...formatArgs, "--jobs", String(jobs)], {
    cwd: root,
    env: { ...process.env, CW_BENCH_CPU: cpuFile },
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 16 * MB,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${shown} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const report = JSON.parse(readFileSync(join(out, "batch-report.json"), "utf8"));
  return { seconds, cpuSeconds: Number(readFileSync(cpuFile, "utf8")), report };
}

/** Deal index (from 0) ↦ its file of `format` in a batch report (inputs are `deals.jsonl:<line>`). */
function filesByDeal(report, out, format) {
  const files = new Map();
  for (const entry of report.deals) {
    const line = Number(entry.input.slice(entry.input.lastIndexOf(":") + 1));
    const output = entry.outputs.find((o) => o.file.endsWith(`.${format}`));
    if (output) files.set(line - 1, { path: join(out, output.file), sha256: output.sha256 });
  }
  return files;
}

/** Runs the section and prints its figures. Returns whether every target was met. */
export async function batchBench({
  deals = Number(process.env.BENCH_BATCH_DEALS ?? 1000),
  soakDeals = Number(process.env.BENCH_SOAK_DEALS ?? 10_000),
  identitySample = Number(process.env.BENCH_IDENTITY_SAMPLE ?? 50),
} = {}) {
  const work = mkdtempSync(join(tmpdir(), "cw-bench-batch-"));
  try {
    const catalog = defaultCatalog();
    const jsonl = join(work, "deals.jsonl");
    // Every deal is checked against the schema before the clock starts: the runs measure drafting.
    writeFileSync(jsonl, [...dealVariants(deals, { validate: (d) => validateDeal(d, catalog) })].map(({ deal }) => `${JSON.stringify(deal)}\n`).join(""));

    // ---- throughput -------------------------------------------------------------------------
    // CPU time beside wall time: on a busy machine the wall times say little, while the CPU each
    // run used says whether two workers do the same work as one (the ratio's ceiling is then 2×).
    const cpuHook = join(work, "cpu-hook.cjs");
    writeFileSync(cpuHook, `process.on("exit", () => { const u = process.resourceUsage(); require("fs").writeFileSync(process.env.CW_BENCH_CPU, String((u.userCPUTime + u.systemCPUTime) / 1e6)); });`);
    const runs = {};
    // "all": no --format, so the command's default, all three formats for each deal.
    RUNS.forEach((format, i) => {
      runs[format] = {};
      for (const jobs of i % 2 === 0 ? [1, 2] : [2, 1]) {
        const out = join(work, `${format}-jobs${jobs}`);
        runs[format][jobs] = { out, ...batchRun(jsonl, out, format, jobs, cpuHook) };
      }
    });
    // Two bounds on the ratio, from the CPU times: --jobs 2 cannot take less than its CPU time over
    // the cores (so the ratio is at most cores × jobs-1 wall / jobs-2 CPU), and when two workers do
    // no less work than one, at most cores / (the cores --jobs 1 already keeps busy).
    const cores = availableParallelism();
    const row = (what, one, two, cpu, target) => ({
      run: what,
      "jobs 1 s": one.toFixed(1),
      "jobs 2 s": two.toFixed(1),
      "CPU s (1 / 2)": `${cpu[1].toFixed(1)} / ${cpu[2].toFixed(1)}`,
      "jobs 1 cores": (cpu[1] / one).toFixed(2),
      "jobs 1 deals/s": (deals / one).toFixed(1),
      "jobs 2 deals/s": (deals / two).toFixed(1),
      ratio: `${(one / two).toFixed(2)}×`,
      "ceiling (CPU)": `${((cores * one) / cpu[2]).toFixed(2)}×`,
      target: target ? verdict(one / two >= THROUGHPUT_TARGET, `≥ ${THROUGHPUT_TARGET}×`) : "-",
    });
    const cpuOf = (r) => ({ 1: r[1].cpuSeconds, 2: r[2].cpuSeconds });
    const rows = [
      row("all three formats (the default)", runs.all[1].seconds, runs.all[2].seconds, cpuOf(runs.all), true),
      ...FORMATS.map((f) => row(`${f} alone`, runs[f][1].seconds, runs[f][2].seconds, cpuOf(runs[f]), false)),
    ];
    const sum = (jobs, key = "seconds") => FORMATS.reduce((s, f) => s + runs[f][jobs][key], 0);
    rows.push(row("the three alone, summed", sum(1), sum(2), { 1: sum(1, "cpuSeconds"), 2: sum(2, "cpuSeconds") }, false));
    const throughputMet = runs.all[1].seconds / runs.all[2].seconds >= THROUGHPUT_TARGET;

    // ---- byte identity ------------------------------------------------------------------------
    // Each format's files in four runs: alone with --jobs 1 and 2, and with the other formats with
    // --jobs 1 and 2. All four must hold the same bytes, on disk as in their report.
    let betweenRuns = 0;
    let betweenRunsSame = 0;
    const files = {};
    for (const f of FORMATS) {
      const sets = [runs[f][1], runs[f][2], runs.all[1], runs.all[2]].map((r) => filesByDeal(r.report, r.out, f));
      files[f] = sets[1];
      for (let i = 0; i < deals; i++) {
        const found = sets.map((set) => set.get(i));
        betweenRuns += found.length - 1;
        const [first] = found;
        // The bytes on disk, not only the report's word for them.
        const ok = (x) => x !== undefined && sha256(readFileSync(x.path)) === x.sha256 && x.sha256 === first?.sha256;
        if (found.every(ok)) betweenRunsSame += found.length - 1;
      }
    }
    process.stderr.write("bench batch: the same deals drafted alone\n");
    const fonts = defaultFonts();
    const every = Math.max(1, Math.ceil(deals / identitySample));
    const alone = {};
    let index = 0;
    for (const { deal } of dealVariants(deals)) {
      const i = index++;
      for (const f of FORMATS) {
        if (f !== "md" && i % every !== 0) continue;
        // With the options the command drafts with: `--lang` defaults to "en", and the assembly record
        // embedded in the DOCX and PDF keeps the options given, so `lang: "en"` is part of the bytes.
        const result = await draft(deal, { catalog, lang: "en", formats: [f], ...(f === "pdf" ? { fonts } : {}) });
        const bytes = f === "md" ? result.markdown : result[f];
        const a = (alone[f] ??= { compared: 0, same: 0 });
        a.compared++;
        if (files[f].get(i)?.sha256 === sha256(bytes)) a.same++;
      }
    }
    const aloneCompared = FORMATS.reduce((s, f) => s + alone[f].compared, 0);
    const aloneSame = FORMATS.reduce((s, f) => s + alone[f].same, 0);
    const identityMet = betweenRuns > 0 && betweenRunsSame === betweenRuns && aloneSame === aloneCompared;

    // ---- soak ---------------------------------------------------------------------------------
    process.stderr.write(`bench batch: soak, ${soakDeals} deals\n`);
    const soakOut = join(work, "soak");
    const soak = spawnSync(process.execPath, [`${root}bench/batch-soak.mjs`, String(soakDeals), soakOut], { cwd: root, encoding: "utf8", maxBuffer: 16 * MB });
    if (soak.status !== 0) throw new Error(`bench/batch-soak.mjs exited ${soak.status}: ${soak.stderr.slice(-2000)}`);
    const s = JSON.parse(soak.stdout.trim().split("\n").pop());
    const early = s.checkpoints[s.first];
    const late = s.checkpoints[soakDeals];
    const growth = (a, b) => b / a - 1;
    const memoryRows = [
      { what: "process peak RSS (all threads)", early: early.maxRss, late: late.maxRss },
      { what: "main thread peak heap", early: early.mainHeap, late: late.mainHeap, informative: true },
      { what: "main thread heap after its latest full GC", early: early.mainLive || undefined, late: late.mainLive, informative: true },
      ...Object.keys(late.workers)
        .sort((a, b) => a - b)
        .map((id) => ({ what: `worker ${id} peak heap + buffers (${late.workers[id].deals} deals)`, early: early.workers[id]?.total, late: late.workers[id].total })),
      // What a worker's heap keeps after a full collection, garbage aside: a leak shows here first.
      ...Object.keys(late.workers)
        .sort((a, b) => a - b)
        .map((id) => ({ what: `worker ${id} heap after its latest full GC`, early: early.workers[id]?.live || undefined, late: late.workers[id].live, informative: true })),
    ].map((r) => {
      const g = r.early === undefined ? undefined : growth(r.early, r.late);
      return {
        ...r,
        ok: r.informative || (g !== undefined && g <= MEMORY_TARGET),
        row: {
          figure: r.what,
          [`at deal ${s.first} MB`]: r.early === undefined ? "-" : mb(r.early),
          [`at deal ${soakDeals} MB`]: mb(r.late),
          growth: g === undefined ? "-" : `${(g * 100).toFixed(1)} %`,
          target: r.informative ? "-" : verdict(g !== undefined && g <= MEMORY_TARGET, `≤ ${MEMORY_TARGET * 100} %`),
        },
      };
    });
    const memoryMet = memoryRows.every((r) => r.ok) && s.failed === 0;

    console.log(
      `\nBatch drafting (issue 17): ${deals} varied English deals (${Math.ceil(deals / 8)} of each of the 8 English examples), clausewright batch --jobs 1 and --jobs 2 on ${availableParallelism()} cores, all three formats in one command (the target) and each format alone (the time per format):`,
    );
    console.table(rows);
    console.log(
      `"jobs 1 cores": CPU time over wall time of --jobs 1 (V8's compiler and garbage-collector threads run beside the one worker); "ceiling (CPU)": ${cores} × jobs 1 s / jobs 2 CPU s, the ratio --jobs 2 would reach keeping all ${cores} cores busy with the CPU time it needed.`,
    );
    // What each command spent outside draftBatch (Node and CLI start-up, listing the input, exit):
    // the same for both job counts, so it weighs on the ratio of a quick format most.
    const outside = RUNS.flatMap((f) => [1, 2].map((j) => runs[f][j].seconds - runs[f][j].report.summary.seconds));
    console.log(`outside the batch itself (start-up, exit): ${Math.min(...outside).toFixed(1)}–${Math.max(...outside).toFixed(1)} s per command`);
    console.log(
      `byte identity: ${betweenRunsSame} of ${betweenRuns} file pairs the same across the runs (each format alone and with the others, --jobs 1 and 2); against draft() alone ${aloneSame} of ${aloneCompared} (md ${alone.md.same}/${alone.md.compared}, docx ${alone.docx.same}/${alone.docx.compared}, pdf ${alone.pdf.same}/${alone.pdf.compared}) — ${verdict(identityMet, "all identical")}`,
    );
    console.log(`\nBatch soak: ${soakDeals} Markdown + DOCX drafts through draftBatch (${s.workers} workers, ${s.drafted} drafted, ${s.failed} failed, ${s.seconds.toFixed(0)} s):`);
    console.table(memoryRows.map((r) => r.row));
    // The peaks at every tenth: a leak climbs all the way, a heap that settles flattens out.
    const tenths = Object.keys(s.checkpoints)
      .map(Number)
      .sort((a, b) => a - b)
      .map((n) => s.checkpoints[n]);
    const trend = (label, of) => `  ${label}: ${tenths.map((c) => (of(c) === undefined ? "-" : mb(of(c)))).join(" → ")} MB`;
    console.log(`peaks at each tenth of the soak:\n${trend("process RSS", (c) => c.maxRss)}`);
    console.log(trend("main thread heap", (c) => c.mainHeap));
    console.log(trend("main thread heap after its latest full GC", (c) => c.mainLive || undefined));
    for (const id of Object.keys(late.workers).sort((a, b) => a - b)) console.log(trend(`worker ${id} heap + buffers`, (c) => c.workers[id]?.total));
    for (const id of Object.keys(late.workers).sort((a, b) => a - b)) console.log(trend(`worker ${id} heap after its latest full GC`, (c) => c.workers[id]?.live || undefined));
    return throughputMet && identityMet && memoryMet;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await batchBench();
