import { assemble } from "../assemble/build.js";
import { resolveCatalog } from "../catalog/builtin.js";
import type { Catalog } from "../catalog/catalog.js";
import type { Pack } from "../catalog/types.js";
import { validateDeal } from "../deal/parse.js";
import type { Deal, DealInput } from "../deal/schema.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import { documentForCheck, isDocumentRule, mergeResults, parseLangs, resultOf, runRules, type LangOption } from "./engine.js";
import type { CheckedDocument, CheckProblem, CheckResult, Rule } from "./types.js";

/** Options for {@link checkDeal}. */
export interface CheckOptions {
  /** Language(s) of the agreement: "en" (default), "zh", or "en+zh" for a bilingual one (rule B1 and friends). */
  readonly lang?: LangOption;
  /** Extra packs over the built-in one; their rules run too. Ignored when `catalog` is given. */
  readonly packs?: readonly Pack[];
  /** A prebuilt catalogue; its `rules` (built-in plus its packs') are the ones run. */
  readonly catalog?: Catalog;
  /** Run these rules instead of the catalogue's. */
  readonly rules?: readonly Rule[];
  /** Also assemble the agreement (per language) and run the document rules; default true. */
  readonly document?: boolean;
  /** Agreement layout id for assembling; default the catalogue's first. */
  readonly agreement?: string;
}

/**
 * Checks a deal: validates it, runs every rule on it and, unless `document` is
 * false, assembles the agreement in each language and runs the document rules
 * (cross-references, required schedules…). Returns every problem found; a
 * problem that stops assembly (a template error, a language the packs lack) is
 * returned too, with its own code as its id, and the document rules then skip
 * that language. Throws a {@link ClausewrightError} only for an invalid deal.
 */
export function checkDeal(deal: DealInput | Deal, options: CheckOptions = {}): CheckResult {
  const langs = parseLangs(options.lang ?? "en");
  if (!langs) {
    throw new ClausewrightError([{ code: "OPTION_UNKNOWN_LANG", severity: "error", message: `Unknown language "${String(options.lang)}" (use en, zh or en+zh)` }]);
  }
  const validated = validateDeal(deal);
  const catalog = resolveCatalog(options);
  const rules = options.rules ?? catalog.rules;
  const dealResult = runRules(rules.filter((r) => !isDocumentRule(r)), validated, { langs });
  if (options.document === false) return dealResult;
  const documents: CheckedDocument[] = [];
  const assembly: CheckProblem[] = [];
  for (const lang of langs) {
    try {
      const { model, details } = assemble(catalog, validated, { lang, ...(options.agreement ? { agreement: options.agreement } : {}) });
      documents.push(documentForCheck(catalog, model, details));
    } catch (err) {
      if (!ClausewrightError.is(err)) throw err;
      assembly.push(...err.problems.map(fromProblem));
    }
  }
  const docResult = runRules(rules.filter(isDocumentRule), validated, { langs, documents });
  return mergeResults(dealResult, resultOf(assembly), docResult);
}

/** An assembly problem as a check problem: its code is its id. */
function fromProblem(p: Problem): CheckProblem {
  return {
    id: p.code,
    code: p.code,
    severity: p.severity,
    message: { en: p.message, zh: p.messageZh ?? p.message },
    path: p.path ?? [],
    hint: p.hint
      ? { en: p.hint, zh: p.hint }
      : { en: "The agreement cannot be drafted until this is fixed (see the message).", zh: "修正此问题之前无法生成协议(见说明)。" },
    ...(p.clause ? { clause: p.clause } : {}),
  };
}
