import { rebaseCode } from "../errors/codes.js";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { ruleFromSpec, type RuleCondition } from "../check/conditions.js";
import type { Bilingual, Rule } from "../check/types.js";
import { issuesToProblems } from "../deal/parse.js";
import { locate } from "../deal/locate.js";
import type { Problem } from "../errors/problem.js";
import { PACK_LIMITS } from "./pack-limits.js";
import type { PackFiles } from "./types.js";
import { yamlDepthProblem } from "./yaml-file.js";
import { duplicateKeyProblems, yamlToData } from "./yaml-limits.js";

/** The file of a pack that holds its declarative rules. */
export const RULES_FILE = "rules.yaml";

const localized = z
  .union([z.string().min(1), z.strictObject({ en: z.string().min(1).optional(), zh: z.string().min(1).optional() })])
  .refine((v) => typeof v === "string" || v.en !== undefined || v.zh !== undefined, { message: "Give the text in at least one language (en or zh)" });

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.([A-Za-z0-9_]+|\*))*$/;
const dataPath = z.string().regex(PATH, { message: 'A data path is dotted field names, list indexes or "*" (e.g. "fees.lines.*.currency")' });

const ruleSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9._-]*$/, { message: "Rule ids are letters, digits, '.', '_' and '-', starting with a letter" }),
  severity: z.enum(["error", "warning", "info"]),
  message: localized,
  hint: localized,
  path: z.union([dataPath, z.array(dataPath).min(1)]),
  when: z.unknown(),
});

const TESTS = ["equals", "notEquals", "exists", "missing", "greaterThan", "lessThan", "contains"] as const;
const isScalar = (v: unknown): boolean => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Checks a `when` condition; returns problems with their paths inside the file. */
function conditionProblems(value: unknown, at: (string | number)[]): Problem[] {
  const bad = (message: string, path = at): Problem[] => [{ code: "PACK_RULE_BAD_CONDITION", severity: "error", path, message }];
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return bad("A condition is a mapping: { path, <test> }, { all: [...] }, { any: [...] } or { not: ... }");
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  for (const combinator of ["all", "any"] as const) {
    if (combinator in obj) {
      if (keys.length !== 1) return bad(`"${combinator}" must be the only key of its condition`);
      const items = obj[combinator];
      if (!Array.isArray(items) || items.length === 0) return bad(`"${combinator}" takes a non-empty list of conditions`, [...at, combinator]);
      return items.flatMap((c, i) => conditionProblems(c, [...at, combinator, i]));
    }
  }
  if ("not" in obj) {
    if (keys.length !== 1) return bad('"not" must be the only key of its condition');
    return conditionProblems(obj["not"], [...at, "not"]);
  }
  const problems: Problem[] = [];
  for (const k of keys) {
    if (k !== "path" && !(TESTS as readonly string[]).includes(k)) problems.push(...bad(`Unknown key "${k}" in a condition (tests: ${TESTS.join(", ")})`, [...at, k]));
  }
  if (typeof obj["path"] !== "string" || !PATH.test(obj["path"])) problems.push(...bad('A condition needs a "path" such as "privacy.regimes"', [...at, "path"]));
  const tests = keys.filter((k) => (TESTS as readonly string[]).includes(k));
  if (tests.length !== 1) problems.push(...bad(`A condition has exactly one test (${TESTS.join(", ")}); this one has ${tests.length}`));
  for (const t of tests) {
    const v = obj[t];
    const ok =
      t === "exists" || t === "missing"
        ? typeof v === "boolean"
        : t === "greaterThan" || t === "lessThan"
          ? (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && /^(-?\d+(\.\d+)?|\d{4}-\d{2}-\d{2})$/.test(v))
          : t === "contains"
            ? isScalar(v)
            : isScalar(v) || (Array.isArray(v) && v.length > 0 && v.every(isScalar));
    if (!ok) {
      const want =
        t === "exists" || t === "missing"
          ? "true or false"
          : t === "greaterThan" || t === "lessThan"
            ? "a number, a decimal or a YYYY-MM-DD date"
            : t === "contains"
              ? "a single value"
              : "a value or a list of values";
      problems.push(...bad(`"${t}" takes ${want}`, [...at, t]));
    }
  }
  return problems;
}

const bilingual = (v: z.output<typeof localized>): Bilingual => (typeof v === "string" ? { en: v, zh: v } : { en: v.en ?? v.zh ?? "", zh: v.zh ?? v.en ?? "" });

/**
 * Reads a pack's `rules.yaml`: a list of declarative rules, each
 * `{ id, severity, message: { en, zh }, hint: { en, zh }, path, when }`.
 * Problems go to `problems` with file:line:column; returns undefined when the
 * pack has no rules file, and the valid rules otherwise.
 */
export function parsePackRules(files: PackFiles, packName: string, problems: Problem[]): Rule[] | undefined {
  const text = files[RULES_FILE];
  if (text === undefined) return undefined;
  const tooDeep = yamlDepthProblem(text, RULES_FILE);
  if (tooDeep) {
    problems.push(tooDeep);
    return [];
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const at = (path: readonly (string | number)[]): { line?: number; column?: number } => {
    const pos = locate(doc, lines, path);
    return pos ? { line: pos.line, column: pos.column } : {};
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const lp = lines.linePos(e.pos[0]);
      problems.push({ code: "PACK_YAML_SYNTAX", severity: "error", file: RULES_FILE, line: lp.line, column: lp.col, message: `YAML syntax error: ${e.message.split("\n")[0] ?? e.message}` });
    }
    return [];
  }
  const repeated = duplicateKeyProblems(doc, lines, RULES_FILE);
  if (repeated.length > 0) {
    problems.push(...repeated);
    return [];
  }
  const converted = yamlToData(doc);
  if ("failure" in converted) {
    problems.push({ code: "PACK_YAML_LIMIT", severity: "error", file: RULES_FILE, message: `${RULES_FILE}: ${converted.failure.message}` });
    return [];
  }
  const data: unknown = converted.value;
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) {
    problems.push({ code: "PACK_RULES_NOT_A_LIST", severity: "error", file: RULES_FILE, line: 1, column: 1, message: `${RULES_FILE} must be a list of rules` });
    return [];
  }
  if (data.length > PACK_LIMITS.rules) {
    problems.push({ code: "PACK_TOO_LARGE", severity: "error", file: RULES_FILE, line: 1, column: 1, message: `${RULES_FILE} has ${data.length} rules; a pack may have at most ${PACK_LIMITS.rules}` });
    return [];
  }
  const rules: Rule[] = [];
  const seen = new Set<string>();
  data.forEach((entry, i) => {
    const result = ruleSchema.safeParse(entry, { reportInput: true });
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] }));
      for (const p of issuesToProblems(issues)) {
        problems.push({ ...p, code: rebaseCode(p.code, "PACK_RULE_"), file: RULES_FILE, hint: "A rule has id, severity, message, hint, path and when (docs/checks.md).", ...at(p.path ?? []) });
      }
      return;
    }
    const spec = result.data;
    const bad = conditionProblems(spec.when, [i, "when"]).map((p) => ({ ...p, file: RULES_FILE, message: `Rule "${spec.id}": ${p.message}`, ...at(p.path ?? []) }));
    problems.push(...bad);
    if (seen.has(spec.id)) {
      problems.push({ code: "PACK_DUPLICATE_RULE", severity: "error", file: RULES_FILE, path: [i, "id"], ...at([i, "id"]), message: `Rule id "${spec.id}" is used twice in ${RULES_FILE}` });
      return;
    }
    seen.add(spec.id);
    if (bad.length > 0) return;
    rules.push(ruleFromSpec({ id: spec.id, severity: spec.severity, message: bilingual(spec.message), hint: bilingual(spec.hint), path: spec.path, when: spec.when as RuleCondition }, packName));
  });
  return rules;
}
