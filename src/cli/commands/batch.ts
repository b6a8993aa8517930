import { join } from "node:path";
import type { Format } from "../../draft.js";
import { ClausewrightError } from "../../errors/error.js";
import { formatProblem } from "../../errors/problem.js";
import { BATCH_REPORT, draftBatch, type BatchEvent, type BatchProgress, type BatchResult, type BatchResume } from "../../node/batch/batch.js";
import { planInputs } from "../../node/batch/inputs.js";
import { fsPath, type CommandContext } from "../context.js";
import { EXIT, jsonOfProblem, reportFailure } from "../report.js";
import { documentOptions, type DocumentFlags } from "./shared.js";

/** The flags of `batch`. */
export interface BatchFlags extends DocumentFlags {
  readonly out: string;
  readonly format: readonly Format[];
  readonly jobs?: number;
  readonly workerMemory?: number;
  readonly font?: string;
  readonly fontBold?: string;
  readonly force?: boolean;
  readonly failFast?: boolean;
  readonly resume?: boolean;
}

/** How often a terminal's progress line is redrawn, and how often plain progress lines come at most. */
const REDRAW_MS = 100;
const PLAIN_EVERY_MS = 5000;

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** `[ 120/1000] 118 drafted, 2 failed, 35.2/s, 25 s left` */
export function progressLine(p: BatchProgress): string {
  const total = p.total === undefined ? "" : `/${p.total}`;
  const parts = [`${p.drafted} drafted`];
  if (p.skipped > 0) parts.push(`${p.skipped} skipped`);
  parts.push(`${p.failed} failed`, `${p.perSecond.toFixed(1)}/s`);
  if (p.remainingMs !== undefined && p.done < (p.total ?? 0)) parts.push(`${duration(p.remainingMs)} left`);
  return `[${String(p.done).padStart(String(p.total ?? p.done).length)}${total}] ${parts.join(", ")}`;
}

/** What `--resume` found, said before the first deal: how many earlier deals' files are kept. */
export function resumeLine(r: BatchResume): string {
  if (r.earlier === 0) return "resume: the folder holds no deals of an earlier run with these settings; every deal is drafted";
  const changed = r.earlier - r.kept;
  const again = changed > 0 ? `; ${changed} whose files were changed or removed ${changed === 1 ? "is" : "are"} drafted again` : "";
  return `resume: ${r.kept} of the ${r.earlier} deals earlier runs finished have their files as written, kept for each deal met unchanged${again}`;
}

/** The warning about files named for this batch's deals that it did not write (see `BatchResult.leftovers`). */
export function leftoversLine(files: readonly string[], out: string): string {
  const shown = files.length > LEFTOVERS_SHOWN ? `${files.slice(0, LEFTOVERS_SHOWN).join(", ")} and ${files.length - LEFTOVERS_SHOWN} more` : files.join(", ");
  const count = files.length === 1 ? "1 file" : `${files.length} files`;
  return `warning: ${count} in ${out} named for deals of this batch ${files.length === 1 ? "was" : "were"} not written by it (another format, or other letter case, from an earlier run) and may be out of date: ${shown}`;
}

const LEFTOVERS_SHOWN = 5;

/** The one line a batch ends with. */
export function summaryLine(report: BatchResult, out: string): string {
  const s = report.summary;
  const what = report.status === "complete" ? "batch done" : report.status === "interrupted" ? "batch interrupted" : "batch stopped at the first failure";
  const counts = [`${s.drafted} drafted`, `${s.skipped} skipped`, `${s.failed} failed`];
  if (s.notStarted) counts.push(`${s.notStarted} not started`);
  const of = s.total === undefined ? "" : ` of ${s.total}`;
  return `${what}: ${counts.join(", ")}${of} in ${s.seconds.toFixed(1)} s; report: ${join(out, BATCH_REPORT)}`;
}

/**
 * `batch <inputs…>`: drafts every deal named (files, folders, JSON Lines) into `--out` on worker
 * threads, shows progress, writes `batch-report.json`. Exit 0 when every deal was drafted (or kept,
 * resuming), 1 when any failed, 130 when interrupted.
 */
export async function runBatch(inputs: readonly string[], opts: BatchFlags, ctx: CommandContext): Promise<number> {
  const stop = new AbortController();
  let unsubscribe: (() => void) | undefined;
  try {
    const out = fsPath(ctx, opts.out);
    const planned = await planInputs(inputs, ctx.cwd, [out]);
    const show = progressPrinter(ctx);
    unsubscribe = ctx.onInterrupt?.(() => {
      if (!ctx.json) show.note("interrupted: finishing the deals in flight, then writing the report (press Ctrl-C again to stop at once)");
      stop.abort();
    });
    const report = await draftBatch(planned.deals(), {
      out,
      total: planned.total,
      formats: [...opts.format],
      lang: opts.lang,
      packs: opts.pack.map((p) => fsPath(ctx, p)),
      allowRuleOverride: opts.allowRuleOverride,
      ...(opts.jobs === undefined ? {} : { concurrency: opts.jobs }),
      ...(opts.workerMemory === undefined ? {} : { workerMemoryMb: opts.workerMemory }),
      ...(opts.font === undefined ? {} : { font: fsPath(ctx, opts.font) }),
      ...(opts.fontBold === undefined ? {} : { fontBold: fsPath(ctx, opts.fontBold) }),
      ...(opts.force ? { force: true } : {}),
      ...(opts.failFast ? { failFast: true } : {}),
      ...(opts.resume ? { resume: true } : {}),
      ...documentOptions(opts),
      signal: stop.signal,
      onDeal: show.deal,
      onResume: show.resume,
    });
    show.end();
    if (ctx.json) {
      const leftovers = report.leftovers.length > 0 ? { leftovers: report.leftovers } : {};
      ctx.stdout.write(`${JSON.stringify({ type: "summary", status: report.status, summary: report.summary, report: join(opts.out, BATCH_REPORT), ...leftovers })}\n`);
    } else {
      ctx.stderr.write(`${summaryLine(report, opts.out)}\n`);
      if (report.leftovers.length > 0) ctx.stderr.write(`${leftoversLine(report.leftovers, opts.out)}\n`);
    }
    if (report.status === "interrupted") return EXIT.interrupted;
    return report.summary.failed > 0 ? EXIT.invalid : EXIT.ok;
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    reportFailure(ctx, err.problems);
    return EXIT.invalid;
  } finally {
    unsubscribe?.();
  }
}

/**
 * Prints a batch's progress: a line redrawn in place on a terminal; on anything else (a log, a
 * pipe) a plain line at every tenth of the batch and at least every five seconds. A failed deal's
 * problems are printed as they come. With `--json`, one JSON line per deal on stdout instead.
 */
function progressPrinter(ctx: CommandContext): { deal: (e: BatchEvent) => void; resume: (r: BatchResume) => void; note: (text: string) => void; end: () => void } {
  const tty = ctx.stderr.isTTY === true && !ctx.json;
  let lastDraw = 0;
  let lastLine = "";
  let nextTenth = 0;
  let last: BatchProgress | undefined;
  const clear = (): void => {
    if (tty && lastLine !== "") ctx.stderr.write("\r\u001b[2K");
  };
  const draw = (p: BatchProgress): void => {
    lastLine = progressLine(p);
    ctx.stderr.write(`\r\u001b[2K${lastLine}`);
  };
  return {
    deal: ({ entry, progress }) => {
      last = progress;
      if (ctx.json) {
        ctx.stdout.write(`${JSON.stringify({ type: "deal", ...entry, warnings: entry.warnings.map(jsonOfProblem), problems: entry.problems.map(jsonOfProblem) })}\n`);
        return;
      }
      if (entry.status === "failed") {
        clear();
        ctx.stderr.write(`failed: ${entry.input}\n`);
        for (const p of entry.problems) ctx.stderr.write(`  ${formatProblem(p)}\n`);
        if (tty) draw(progress);
      }
      const now = progress.elapsedMs;
      if (tty) {
        if (now - lastDraw >= REDRAW_MS || progress.done === progress.total) {
          lastDraw = now;
          draw(progress);
        }
        return;
      }
      const tenth = progress.total === undefined ? Number.POSITIVE_INFINITY : Math.floor((progress.done * 10) / progress.total);
      if (tenth > nextTenth || now - lastDraw >= PLAIN_EVERY_MS) {
        nextTenth = Math.max(nextTenth, tenth);
        lastDraw = now;
        ctx.stderr.write(`${progressLine(progress)}\n`);
      }
    },
    resume: (r) => {
      if (ctx.json) {
        ctx.stdout.write(`${JSON.stringify({ type: "resume", earlier: r.earlier, kept: r.kept, ignored: r.ignored.map(jsonOfProblem) })}\n`);
        return;
      }
      for (const p of r.ignored) ctx.stderr.write(`${formatProblem(p)}\n`);
      ctx.stderr.write(`${resumeLine(r)}\n`);
    },
    note: (text) => {
      clear();
      ctx.stderr.write(`${text}\n`);
      if (tty && last) draw(last);
    },
    end: () => {
      if (tty && lastLine !== "") ctx.stderr.write("\n");
    },
  };
}
