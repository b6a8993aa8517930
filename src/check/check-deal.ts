import type { Deal, DealInput } from "../deal/schema.js";
import type { Problem } from "../errors/problem.js";
import type { CheckOptions } from "../options.js";
import { prepare } from "../prepare.js";
import { mergeResults, resultOf } from "./engine.js";
import type { CheckProblem, CheckResult } from "./types.js";

export type { CheckOptions } from "../options.js";

/**
 * Checks a deal: validates the options and the deal, runs every rule on it
 * and, unless `document` is false, assembles the agreement exactly as `draft`
 * does (every language, with the layout, primary language, agreement, date
 * style and numbering given; see `prepare`) and runs the document rules on
 * each language's copy. Returns every problem found; a problem that stops
 * assembly (a template error, misaligned languages, a bilingual deal without a
 * prevailing language) is returned too, with its own code as its id, and the
 * document rules then skip what did not assemble. Throws a
 * {@link ClausewrightError} only for invalid options (`OPTION_*`, all at once)
 * or an invalid deal.
 */
export function checkDeal(deal: DealInput | Deal, options: CheckOptions = {}): CheckResult {
  const prepared = prepare(deal, options, "check");
  return mergeResults(prepared.dealChecks, resultOf(prepared.assemblyProblems.map(fromProblem)), prepared.documentChecks);
}

/** An assembly problem as a check problem: its code is its id. */
function fromProblem(p: Problem): CheckProblem {
  return {
    id: p.code,
    code: p.code,
    severity: p.severity,
    message: { en: p.message, zh: p.messageZh ?? p.message },
    path: p.path ?? [],
    hint: p.hint ? { en: p.hint, zh: p.hint } : { en: "The agreement cannot be drafted until this is fixed (see the message).", zh: "修正此问题之前无法生成协议（见说明）。" },
    ...(p.clause ? { clause: p.clause } : {}),
  };
}
