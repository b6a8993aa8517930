import { resolveCatalog } from "../../catalog/builtin.js";
import { checkDeal } from "../../check/check-deal.js";
import { parseLangs } from "../../check/engine.js";
import type { CheckProblem } from "../../check/types.js";
import { ClausewrightError } from "../../errors/error.js";
import { formatPath, formatProblem, type Problem, type Severity } from "../../errors/problem.js";
import type { Lang } from "../../model/types.js";
import type { CommandContext } from "../context.js";
import { dealLocator, parseDealInput, readDealInput } from "../deal-input.js";
import { EXIT, jsonOfCheck, jsonOfProblem, printReport, reportFailure, type Locator } from "../report.js";
import { documentOptions, loadPacks, type DocumentFlags } from "./shared.js";

const HEADINGS: Readonly<Record<Severity, string>> = { error: "Errors", warning: "Warnings", info: "Info" };

/** The human form of `check`: problems grouped by severity, each with its rule id, path, message and hint. */
function formatCheck(problems: readonly CheckProblem[], langs: readonly Lang[], where: Locator): string {
  if (problems.length === 0) return "No problems found.\n";
  const english = langs.includes("en") || !langs.includes("zh");
  let out = "";
  for (const severity of ["error", "warning", "info"] as const) {
    const group = problems.filter((p) => p.severity === severity);
    if (group.length === 0) continue;
    out += `${HEADINGS[severity]} (${group.length}):\n`;
    for (const p of group) {
      const path = formatPath(p.path);
      const at = where(p.path);
      out += `  ${p.id}${path ? ` at ${path}` : ""} (${at.file}${at.line !== undefined ? `:${at.line}:${at.column ?? 1}` : ""})${p.clause ? ` [clause ${p.clause}]` : ""}\n`;
      if (english) out += `    ${p.message.en}\n`;
      if (langs.includes("zh")) out += `    ${p.message.zh}\n`;
      out += `    hint: ${english ? p.hint.en : p.hint.zh}\n`;
    }
  }
  const count = (s: Severity): number => problems.filter((p) => p.severity === s).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  out += `${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${count("info")} info\n`;
  return out;
}

/**
 * `check <deal>`: runs the checks on the document `draft` would write with
 * the same flags. An invalid deal or pack, or a file that cannot be read, is
 * reported in the same place and shape as the findings. Exit 1 on errors.
 */
export async function runCheck(dealArg: string, opts: DocumentFlags, ctx: CommandContext): Promise<number> {
  const langs = parseLangs(opts.lang) ?? ["en"];
  let warnings: readonly Problem[] = [];
  try {
    const packs = await loadPacks(opts.pack, ctx);
    // The catalogue's schema validates the packs' deal fields.
    const catalog = resolveCatalog({ packs, allowRuleOverride: opts.allowRuleOverride });
    const input = await readDealInput(dealArg, ctx);
    const parsed = parseDealInput(input, catalog);
    warnings = parsed.warnings;
    if (!ctx.json) for (const w of warnings) ctx.stderr.write(`${formatProblem(w)}\n`);
    // The same document options as draft, so the check judges the document draft would write.
    const result = checkDeal(parsed.deal, { lang: opts.lang, catalog, ...documentOptions(opts) });
    const where = dealLocator(input);
    if (ctx.json) {
      // The deal sheet's own warnings are problems like the others (id = code), after the errors.
      const problems = [...result.errors.map((p) => jsonOfCheck(p, where)), ...warnings.map(jsonOfProblem), ...result.problems.filter((p) => p.severity !== "error").map((p) => jsonOfCheck(p, where))];
      printReport(ctx, { ok: result.ok, problems });
    } else {
      ctx.stdout.write(formatCheck(result.problems, langs, where));
    }
    return result.ok ? EXIT.ok : EXIT.invalid;
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    reportFailure(ctx, ctx.json ? [...err.problems, ...warnings] : err.problems);
    return EXIT.invalid;
  }
}
