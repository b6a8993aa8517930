import { basename, extname, join } from "node:path";
import { resolveCatalog } from "../../catalog/builtin.js";
import { draft, type DraftLang, type Format } from "../../draft.js";
import { ClausewrightError } from "../../errors/error.js";
import { defaultFonts, fontsWithChineseFont } from "../../node/fonts.js";
import { writeFilesAtomic } from "../../node/write.js";
import { fsPath, type CommandContext } from "../context.js";
import { dealLocator, parseDealInput, readDealInput } from "../deal-input.js";
import { EXIT, jsonOfProblem, printReport, reportFailure } from "../report.js";
import { documentFiles, documentOptions, loadPacks, located, problemLog, recoverOut, relocate, type DocumentFlags } from "./shared.js";

/** The flags of `draft`. */
export interface DraftFlags extends DocumentFlags {
  readonly out: string;
  readonly format: readonly Format[];
  readonly name?: string;
  readonly font?: string;
  readonly fontBold?: string;
  readonly record?: boolean;
  readonly force?: boolean;
}

/** The base name of the files when `--name` is not given: the deal file's name, `agreement` for standard input. */
function defaultName(dealArg: string): string {
  return dealArg === "-" ? "agreement" : basename(dealArg, extname(dealArg));
}

/**
 * `draft <deal>`: validates and checks the deal, drafts the agreement and
 * writes every file or none. Problems go to stderr (warnings too), or all
 * into the `--json` report.
 */
export async function runDraft(dealArg: string, opts: DraftFlags, ctx: CommandContext): Promise<number> {
  const { notes, note } = problemLog(ctx);
  try {
    note(await recoverOut(opts.out, ctx));
    const packs = await loadPacks(opts.pack, ctx);
    // The catalogue first: its schema validates the packs' deal fields.
    const catalog = resolveCatalog({ packs, allowRuleOverride: opts.allowRuleOverride });
    const input = await readDealInput(dealArg, ctx);
    const { deal, warnings } = parseDealInput(input, catalog);
    // Printed first: a value cut short by a comment is what the agreement will say.
    note(warnings);
    const where = dealLocator(input);
    const fontPath = (p: string): string => fsPath(ctx, p);
    const result = await draft(deal, {
      formats: [...opts.format],
      catalog,
      lang: opts.lang as DraftLang,
      ...(opts.force ? { force: true } : {}),
      ...(opts.format.includes("pdf") ? { fonts: opts.font ? fontsWithChineseFont(fontPath(opts.font), opts.fontBold === undefined ? undefined : fontPath(opts.fontBold)) : defaultFonts() } : {}),
      ...documentOptions(opts),
    }).catch(relocate(where));
    const name = opts.name ?? defaultName(dealArg);
    const files = documentFiles(opts.out, name, result);
    if (opts.record) files.push({ path: join(opts.out, `${name}.json`), data: `${JSON.stringify(result.record, null, 2)}\n` });
    note(located(result.warnings, where));
    await writeFilesAtomic(files.map((f) => ({ path: fsPath(ctx, f.path), data: f.data })));
    if (ctx.json) {
      printReport(ctx, { ok: true, problems: notes.map(jsonOfProblem), outputs: files.map((f) => f.path) });
      return EXIT.ok;
    }
    for (const f of files) ctx.stdout.write(`wrote ${f.path}\n`);
    const forced = result.warnings.filter((w) => w.severity === "error" && w.code.startsWith("CHECK_")).length;
    if (forced > 0) ctx.stderr.write(`Drafted despite ${forced} check error(s) because of --force; the assembly record says so.\n`);
    return EXIT.ok;
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    // The warnings already printed stay on stderr; the report carries everything.
    reportFailure(ctx, ctx.json ? [...notes, ...err.problems] : err.problems, { draft: true });
    return EXIT.invalid;
  }
}
