import { stat } from "node:fs/promises";
import { resolveCatalog } from "../../catalog/builtin.js";
import { compareDocx } from "../../compare/compare.js";
import { formatCompareReport } from "../../compare/text.js";
import { ClausewrightError } from "../../errors/error.js";
import { readReturnedFile } from "../../node/returned-file.js";
import { writeFilesAtomic } from "../../node/write.js";
import { fsPath, type CommandContext } from "../context.js";
import { parseDealInput, readDealInput } from "../deal-input.js";
import { EXIT, jsonOfProblem, printReport, reportFailure } from "../report.js";
import { loadPacks, problemLog } from "./shared.js";

/** The flags of `compare`. */
export interface CompareFlags {
  readonly deal: string;
  readonly pack: readonly string[];
  readonly allowRuleOverride: readonly string[];
  /** Where to write the JSON report. */
  readonly report?: string;
}

/** True when both paths name one existing file (also through a link). */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}

/** Refuses a `--report` that names the file being compared or the deal sheet: the comparison writes into neither. */
async function checkReportTarget(report: string, inputs: readonly string[], ctx: CommandContext): Promise<void> {
  for (const input of inputs) {
    if (input === "-" || !(await sameFile(fsPath(ctx, report), fsPath(ctx, input)))) continue;
    throw new ClausewrightError([{ code: "OUTPUT_NOT_WRITABLE", severity: "error", file: report, message: `Cannot write ${report}: it is ${input}, an input of the comparison; nothing was written` }]);
  }
}

/**
 * `compare <returned.docx> --deal <deal>`: drafts the deal again as the file's record says, and
 * reports per clause what the returned file changed, with and without tracked changes. Prints the
 * text report (or, with `--json`, the JSON one on stdout) and writes the JSON report to `--report`
 * atomically. Exit 0 whenever the comparison ran, whatever it found; 1 on bad input (nothing is
 * written, and never into the returned file).
 */
export async function runCompare(fileArg: string, opts: CompareFlags, ctx: CommandContext): Promise<number> {
  const { notes, note } = problemLog(ctx);
  try {
    if (opts.report !== undefined) await checkReportTarget(opts.report, [fileArg, opts.deal], ctx);
    const packs = await loadPacks(opts.pack, ctx);
    const catalog = resolveCatalog({ packs, allowRuleOverride: opts.allowRuleOverride });
    const input = await readDealInput(opts.deal, ctx);
    const { deal, warnings } = parseDealInput(input, catalog);
    note(warnings);
    const bytes = await readReturnedFile(fsPath(ctx, fileArg), fileArg);
    const report = await compareDocx(bytes, deal, { catalog, file: fileArg });
    note(report.warnings);
    const outputs: string[] = [];
    if (opts.report !== undefined) {
      await writeFilesAtomic([{ path: fsPath(ctx, opts.report), data: `${JSON.stringify(report, null, 2)}\n` }]);
      outputs.push(opts.report);
    }
    if (ctx.json) {
      printReport(ctx, { ok: true, problems: notes.map(jsonOfProblem), outputs, comparison: report });
      return EXIT.ok;
    }
    ctx.stdout.write(formatCompareReport(report));
    for (const o of outputs) ctx.stdout.write(`wrote ${o}\n`);
    return EXIT.ok;
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    reportFailure(ctx, ctx.json ? [...notes, ...err.problems] : err.problems);
    return EXIT.invalid;
  }
}
