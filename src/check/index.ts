export { checkDeal, type CheckOptions } from "./check-deal.js";
export { documentForCheck, parseLangs, problemCode, runRules, toProblem, type LangOption } from "./engine.js";
export { builtinRules } from "./rules/index.js";
export { ruleFromSpec, evaluateCondition, type RuleSpec, type RuleCondition } from "./conditions.js";
export type { Bilingual, CheckContext, CheckedClause, CheckedDocument, CheckProblem, CheckResult, Finding, Rule } from "./types.js";
