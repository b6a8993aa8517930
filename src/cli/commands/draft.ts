import { basename, extname, join, relative } from "node:path";
import { resolveCatalog } from "../../catalog/builtin.js";
import { draft, type DraftLang, type Format } from "../../draft.js";
import { ClausewrightError } from "../../errors/error.js";
import { formatProblem, type Problem } from "../../errors/problem.js";
import { defaultFonts, fontsWithChineseFont } from "../../node/fonts.js";
import { recoverOutputs } from "../../node/output-recover.js";
import { writeFilesAtomic } from "../../node/write.js";
import { fsPath, type CommandContext } from "../context.js";
import { dealLocator, parseDealInput, readDealInput } from "../deal-input.js";
import { EXIT, jsonOfProblem, printReport, reportFailure } from "../report.js";
import { documentOptions, loadPacks, located, type DocumentFlags } from "./shared.js";

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
 * Finishes an interrupted earlier write into `--out` (a killed draft), and says so when it had to
 * put files back: the folder then holds what it held before that draft, not its output.
 */
async function recoverOut(out: string, ctx: CommandContext): Promise<Problem[]> {
  const dir = fsPath(ctx, out);
  const { rolledBack } = await recoverOutputs(dir);
  if (rolledBack.length === 0) return [];
  const names = rolledBack.map((f) => relative(dir, f)).join(", ");
  return [{ code: "OUTPUT_RECOVERED", severity: "warning", file: out, message: `An earlier write into ${out} was interrupted half way and has been undone (put back: ${names})` }];
}

/**
 * `draft <deal>`: validates and checks the deal, drafts the agreement and
 * writes every file or none. Problems go to stderr (warnings too), or all
 * into the `--json` report.
 */
export async function runDraft(dealArg: string, opts: DraftFlags, ctx: CommandContext): Promise<number> {
  const notes: Problem[] = [];
  const note = (problems: readonly Problem[]): void => {
    notes.push(...problems);
    if (!ctx.json) for (const p of problems) ctx.stderr.write(`${formatProblem(p)}\n`);
  };
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
    }).catch((err: unknown) => {
      if (!ClausewrightError.is(err)) throw err;
      const [first, ...rest] = located(err.problems, where);
      throw first ? new ClausewrightError([first, ...rest]) : err;
    });
    const name = opts.name ?? defaultName(dealArg);
    const files: { path: string; data: Uint8Array | string }[] = [];
    if (result.docx) files.push({ path: join(opts.out, `${name}.docx`), data: result.docx });
    if (result.pdf) files.push({ path: join(opts.out, `${name}.pdf`), data: result.pdf });
    if (result.markdown !== undefined) files.push({ path: join(opts.out, `${name}.md`), data: result.markdown });
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
