import type { CheckCode } from "../errors/codes.js";
import type { AssemblyDetails } from "../assemble/build.js";
import type { Catalog } from "../catalog/catalog.js";
import type { Deal } from "../deal/schema.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem, Severity } from "../errors/problem.js";
import type { DocumentModel, Lang } from "../model/types.js";
import type { DateStyle } from "../text/dates.js";
import type { Bilingual, CheckContext, CheckedDocument, CheckProblem, CheckResult, Finding, Rule } from "./types.js";

/** The languages of an agreement as the CLI and the options write them. */
export type LangOption = Lang | "en+zh";

/** The language list of a `--lang` value ("en", "zh", "en+zh"); undefined for anything else. */
export function parseLangs(value: string): Lang[] | undefined {
  switch (value) {
    case "en":
      return ["en"];
    case "zh":
      return ["zh"];
    case "en+zh":
      return ["en", "zh"];
    default:
      return undefined;
  }
}

/** The problem code of a rule id: "D1-transfer" → "CHECK_D1_TRANSFER". */
export function problemCode(id: string): CheckCode {
  return `CHECK_${id
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_|_$/g, "")}`;
}

function fill(template: string, params: Finding["params"], lang: Lang): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    if (v === undefined) return whole;
    return typeof v === "object" ? v[lang] : String(v);
  });
}

function localized(text: Bilingual, params: Finding["params"]): Bilingual {
  return { en: fill(text.en, params, "en"), zh: fill(text.zh, params, "zh") };
}

const ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** True for rules that need the assembled document. */
export function isDocumentRule(rule: Rule): boolean {
  return rule.scope === "document";
}

/**
 * Runs rules on a validated deal. Deal rules always run; document rules only
 * when `context.documents` is given. A rule that throws is reported as an
 * error (`CHECK_RULE_FAILED`) rather than crashing the check.
 */
export function runRules(rules: readonly Rule[], deal: Deal, context: CheckContext): CheckResult {
  const problems: CheckProblem[] = [];
  for (const rule of rules) {
    if (isDocumentRule(rule) && !context.documents) continue;
    let findings: readonly Finding[];
    try {
      findings = rule.check(deal, context);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      problems.push({
        id: rule.id,
        code: "CHECK_RULE_FAILED",
        severity: "error",
        message: { en: `Rule ${rule.id} failed: ${why}`, zh: `规则 ${rule.id} 执行失败:${why}` },
        path: [],
        hint: { en: "Fix the rule (a pack's rule function must not throw).", zh: "请修正该规则（条款包的规则函数不得抛出异常）。" },
      });
      continue;
    }
    for (const f of findings) {
      problems.push({
        id: rule.id,
        code: problemCode(rule.id),
        severity: rule.severity,
        message: localized(rule.message, f.params),
        path: f.path ?? rule.paths[0]?.split(".") ?? [],
        hint: localized(rule.hint, f.params),
        ...(f.clause ? { clause: f.clause } : {}),
      });
    }
  }
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => ORDER[a.p.severity] - ORDER[b.p.severity] || a.i - b.i)
    .map((x) => x.p);
  return resultOf(sorted);
}

/** Builds a {@link CheckResult} from problems (already in order). */
export function resultOf(problems: readonly CheckProblem[]): CheckResult {
  const errors = problems.filter((p) => p.severity === "error");
  return {
    problems,
    errors,
    warnings: problems.filter((p) => p.severity === "warning"),
    infos: problems.filter((p) => p.severity === "info"),
    ok: errors.length === 0,
  };
}

/** Joins results, keeping errors first. */
export function mergeResults(...results: readonly CheckResult[]): CheckResult {
  const all = results.flatMap((r) => r.problems);
  return resultOf([...all.filter((p) => p.severity === "error"), ...all.filter((p) => p.severity === "warning"), ...all.filter((p) => p.severity === "info")]);
}

/** A check problem as a {@link Problem}, the shape errors and draft warnings carry. */
export function toProblem(p: CheckProblem): Problem {
  return {
    code: p.code,
    severity: p.severity,
    message: p.message.en,
    messageZh: p.message.zh,
    path: p.path,
    hint: p.hint.en,
    ...(p.clause ? { clause: p.clause } : {}),
  };
}

/** Throws a {@link ClausewrightError} with the errors of a result, if it has any. */
export function throwIfCheckErrors(result: CheckResult): void {
  const [first, ...rest] = result.errors.map(toProblem);
  if (first) throw new ClausewrightError([first, ...rest]);
}

/** What the document rules see of an assembled document: its model and, from the catalogue, what each clause reads and defines. */
export function documentForCheck(catalog: Catalog, model: DocumentModel, details: AssemblyDetails, extra: { readonly dateStyle?: DateStyle } = {}): CheckedDocument {
  return {
    lang: details.lang,
    ...((extra.dateStyle ?? details.dateStyle) ? { dateStyle: extra.dateStyle ?? details.dateStyle } : {}),
    model,
    clauses: details.clauses.flatMap((c) => {
      const clause = catalog.clauses.get(c.id);
      return clause
        ? [{ id: c.id, category: clause.category, reads: clause.reads, terms: clause.terms.map((t) => ({ en: t.term.en, zh: t.term.zh })), placement: clause.placement, printed: c.printed }]
        : [];
    }),
  };
}
