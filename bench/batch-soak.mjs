// The batch soak (issue 17), run by bench/batch.mjs in a process of its own so that nothing else
// counts against its memory: `count` varied English deals as Markdown + DOCX through draftBatch
// (worker threads, files written, report), with the peak memory of the process and of each worker
// thread taken at every tenth of the run: the first (the 1,000th of 10,000 deals) and the last are
// compared, the others show the trend between them.
//
//   node bench/batch-soak.mjs <count> <out-dir>
// prints one JSON line: { workers, drafted, failed, seconds, checkpoints: { [deal]: figures } }.
import { GCProfiler } from "node:v8";
import { draftBatch } from "../dist/node.js";
import { dealVariants } from "./deal-variants.mjs";

const count = Number(process.argv[2]);
const out = process.argv[3];
if (!Number.isInteger(count) || count < 10 || !out) throw new Error("usage: node bench/batch-soak.mjs <count ≥ 10> <out-dir>");
const first = Math.round(count / 10);

// Worker threads share the process, so RSS is one figure for all of them; what each worker holds is
// its own V8 heap and the buffers outside it, which it reports with every deal (WorkerStats).
let peakRss = 0;
let peakMainHeap = 0;
const workers = new Map();
const checkpoints = {};
// The main thread's heap after its latest full collection, as each worker reports its own: its
// peak heapUsed mixes what it keeps with garbage V8 has not collected yet (the main thread has no
// heap limit of its own, so V8 lets more garbage pass between collections as a run goes on).
const gcProfiler = new GCProfiler();
gcProfiler.start();
let mainLive = 0;
function mainLiveHeap() {
  for (const gc of gcProfiler.stop().statistics) if (gc.gcType === "MarkSweepCompact") mainLive = gc.afterGC.heapStatistics.usedHeapSize;
  gcProfiler.start();
  return mainLive;
}

function snapshot() {
  return {
    // The kernel's high-water mark, so a peak between two samples is not missed.
    maxRss: process.resourceUsage().maxRSS * 1024,
    sampledRss: peakRss,
    mainHeap: peakMainHeap,
    mainLive: mainLiveHeap(),
    workers: Object.fromEntries([...workers].map(([id, w]) => [id, { ...w }])),
  };
}

const report = await draftBatch(
  // The deals are made as the pool asks for them: ten thousand deal objects are never held at once.
  (function* () {
    for (const { source, deal } of dealVariants(count)) yield { source, deal };
  })(),
  {
    out,
    formats: ["md", "docx"],
    total: count,
    onDeal({ entry, progress, worker }) {
      if (entry.status === "failed") throw new Error(`${entry.input} failed: ${entry.problems.map((p) => `${p.code} ${p.message}`).join("; ")}`);
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakMainHeap = Math.max(peakMainHeap, m.heapUsed);
      if (worker) {
        const w = workers.get(worker.threadId) ?? { deals: 0, heap: 0, external: 0, total: 0, live: 0 };
        w.deals++;
        w.heap = Math.max(w.heap, worker.heapUsedBytes);
        w.external = Math.max(w.external, worker.externalBytes);
        w.total = Math.max(w.total, worker.heapUsedBytes + worker.externalBytes);
        // The heap after the worker's latest full collection: what it keeps, without uncollected garbage.
        w.live = worker.liveHeapBytes ?? 0;
        workers.set(worker.threadId, w);
      }
      // Every tenth, so the figures show the trend between the two that are compared.
      if (progress.done % first === 0 || progress.done === count) checkpoints[progress.done] = snapshot();
    },
  },
);
console.log(JSON.stringify({ drafted: report.summary.drafted, failed: report.summary.failed, seconds: report.summary.seconds, workers: workers.size, first, checkpoints }));
