import { basename, extname, join } from "node:path";
import { resolveCatalog } from "../../catalog/builtin.js";
import type { Deal } from "../../deal/schema.js";
import type { DraftLang, Format } from "../../draft.js";
import { ClausewrightError } from "../../errors/error.js";
import { defaultFonts } from "../../node/fonts.js";
import { writeFilesAtomic } from "../../node/write.js";
import { redline, STANDARD } from "../../redline/redline.js";
import { formatDeviationReport } from "../../redline/report-text.js";
import { fsPath, type CommandContext } from "../context.js";
import { dealLocator, parseDealInput, readDealInput } from "../deal-input.js";
import { EXIT, jsonOfProblem, printReport, reportFailure } from "../report.js";
import { documentFiles, documentOptions, loadPacks, located, problemLog, recoverOut, relocate, type DocumentFlags } from "./shared.js";

/** The flags of `redline`. */
export interface RedlineFlags extends DocumentFlags {
  readonly against: string;
  readonly out: string;
  readonly format: readonly Format[];
  readonly name?: string;
  readonly author?: string;
  readonly report?: boolean;
  readonly force?: boolean;
}

function defaultName(dealArg: string): string {
  return `${dealArg === "-" ? "agreement" : basename(dealArg, extname(dealArg))}-redline`;
}

/**
 * `redline <deal> --against <base|standard>`: drafts both, writes the redline (DOCX with tracked
 * changes, PDF and Markdown with the changes drawn) and, with `--report`, the deviation report as
 * text and JSON; all files or none. The report's text also goes to stdout.
 */
export async function runRedline(dealArg: string, opts: RedlineFlags, ctx: CommandContext): Promise<number> {
  const { notes, note } = problemLog(ctx);
  try {
    note(await recoverOut(opts.out, ctx));
    const packs = await loadPacks(opts.pack, ctx);
    const catalog = resolveCatalog({ packs, allowRuleOverride: opts.allowRuleOverride });
    const input = await readDealInput(dealArg, ctx);
    const parsed = parseDealInput(input, catalog);
    note(parsed.warnings);
    const where = dealLocator(input);
    let base: Deal | typeof STANDARD;
    let baseName: string;
    if (opts.against === STANDARD) {
      base = STANDARD;
      baseName = STANDARD;
    } else {
      const baseInput = await readDealInput(opts.against, ctx);
      const b = parseDealInput(baseInput, catalog);
      note(b.warnings);
      base = b.deal;
      baseName = basename(opts.against);
    }
    const result = await redline(base, parsed.deal, {
      formats: [...opts.format],
      catalog,
      lang: opts.lang as DraftLang,
      baseName,
      ...(opts.author !== undefined ? { author: opts.author } : {}),
      ...(opts.force ? { force: true } : {}),
      ...(opts.format.includes("pdf") ? { fonts: defaultFonts() } : {}),
      ...documentOptions(opts),
    }).catch(relocate(where));
    const name = opts.name ?? defaultName(dealArg);
    const files = documentFiles(opts.out, name, result);
    const text = formatDeviationReport(result.report);
    if (opts.report) {
      files.push({ path: join(opts.out, `${name}.report.txt`), data: text });
      files.push({ path: join(opts.out, `${name}.report.json`), data: `${JSON.stringify(result.report, null, 2)}\n` });
    }
    // The deal's own warnings and check findings, as `draft` prints them.
    note(located(result.next.warnings, where));
    await writeFilesAtomic(files.map((f) => ({ path: fsPath(ctx, f.path), data: f.data })));
    if (ctx.json) {
      printReport(ctx, { ok: true, problems: notes.map(jsonOfProblem), outputs: files.map((f) => f.path), report: result.report });
      return EXIT.ok;
    }
    for (const f of files) ctx.stdout.write(`wrote ${f.path}\n`);
    if (opts.report) ctx.stdout.write(text);
    else ctx.stdout.write(`${result.report.changes} tracked change(s); --report for the deviation report\n`);
    return EXIT.ok;
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    reportFailure(ctx, ctx.json ? [...notes, ...err.problems] : err.problems, { draft: true });
    return EXIT.invalid;
  }
}
