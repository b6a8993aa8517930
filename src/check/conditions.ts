import Big from "big.js";
import type { Severity } from "../errors/problem.js";
import type { Bilingual, Rule } from "./types.js";

/** A value a condition compares with. */
export type Scalar = string | number | boolean;

/**
 * A condition over deal paths, as a declarative pack rule writes it. A path is
 * dotted ("privacy.regimes", "fees.stages.0.trigger"); a `*` segment stands for
 * every item of a list ("fees.lines.*.currency"), and the test then holds when
 * it holds for any item. A path condition has exactly one test.
 */
export type RuleCondition =
  | { readonly all: readonly RuleCondition[] }
  | { readonly any: readonly RuleCondition[] }
  | { readonly not: RuleCondition }
  | {
      readonly path: string;
      /** The value equals this (or one of these). */
      readonly equals?: Scalar | readonly Scalar[] | undefined;
      /** The value equals none of these. */
      readonly notEquals?: Scalar | readonly Scalar[] | undefined;
      /** The value is present (not absent, not an empty list or text); `false` means missing. */
      readonly exists?: boolean | undefined;
      /** The value is absent (or an empty list or text); `false` means exists. */
      readonly missing?: boolean | undefined;
      /** A number (or decimal string, or YYYY-MM-DD date) greater than this. */
      readonly greaterThan?: number | string | undefined;
      /** A number (or decimal string, or YYYY-MM-DD date) less than this. */
      readonly lessThan?: number | string | undefined;
      /** A list that includes this item, or a text that includes this text. */
      readonly contains?: Scalar | undefined;
    };

/** A declarative rule: the data a `rules.yaml` entry holds. */
export interface RuleSpec {
  readonly id: string;
  readonly severity: Severity;
  readonly message: Bilingual;
  /** The deal path(s) the problem is reported at (the first) and that the rule looks at. */
  readonly path: string | readonly string[];
  readonly hint: Bilingual;
  readonly when: RuleCondition;
}

/** The values at a path; `*` fans out over lists and objects. Absent values are left out. */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const seg of path.split(".")) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== "object") continue;
      if (seg === "*") next.push(...(Array.isArray(v) ? v : Object.values(v)));
      else if (Object.hasOwn(v, seg)) next.push((v as Record<string, unknown>)[seg]);
    }
    current = next;
  }
  return current.filter((v) => v !== undefined && v !== null);
}

const present = (v: unknown): boolean => !(v === "" || (Array.isArray(v) && v.length === 0));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function decimal(v: unknown): Big | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return new Big(String(v));
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return new Big(v.trim());
  return undefined;
}

function same(a: unknown, b: Scalar): boolean {
  if (a === b) return true;
  const x = decimal(a);
  const y = decimal(b);
  return x !== undefined && y !== undefined && x.eq(y);
}

/** -1, 0 or 1 comparing a value with a bound; undefined when they are not comparable. */
function compare(a: unknown, b: number | string): number | undefined {
  if (typeof a === "string" && typeof b === "string" && DATE.test(a) && DATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = decimal(a);
  const y = decimal(b);
  return x !== undefined && y !== undefined ? x.cmp(y) : undefined;
}

const list = (v: Scalar | readonly Scalar[]): readonly Scalar[] => (Array.isArray(v) ? v : [v as Scalar]);

/** Evaluates a condition against a deal (or any object). */
export function evaluateCondition(condition: RuleCondition, root: unknown): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluateCondition(c, root));
  if ("any" in condition) return condition.any.some((c) => evaluateCondition(c, root));
  if ("not" in condition) return !evaluateCondition(condition.not, root);
  const values = valuesAt(root, condition.path);
  const tests: boolean[] = [];
  const has = values.some(present);
  if (condition.exists !== undefined) tests.push(condition.exists ? has : !has);
  if (condition.missing !== undefined) tests.push(condition.missing ? !has : has);
  if (condition.equals !== undefined) {
    const wanted = list(condition.equals);
    tests.push(values.some((v) => wanted.some((w) => same(v, w))));
  }
  if (condition.notEquals !== undefined) {
    const unwanted = list(condition.notEquals);
    tests.push(!values.some((v) => unwanted.some((w) => same(v, w))));
  }
  if (condition.greaterThan !== undefined) {
    const bound = condition.greaterThan;
    tests.push(values.some((v) => (compare(v, bound) ?? 0) > 0));
  }
  if (condition.lessThan !== undefined) {
    const bound = condition.lessThan;
    tests.push(values.some((v) => (compare(v, bound) ?? 0) < 0));
  }
  if (condition.contains !== undefined) {
    const item = condition.contains;
    tests.push(values.some((v) => (Array.isArray(v) ? v.some((x) => same(x, item)) : typeof v === "string" && v.includes(String(item)))));
  }
  return tests.length > 0 && tests.every(Boolean);
}

/** A data path as path segments ("fees.lines.*.currency" → ["fees", "lines"]: up to the first `*`). */
function segments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const seg of path.split(".")) {
    if (seg === "*") break;
    out.push(/^\d+$/.test(seg) ? Number(seg) : seg);
  }
  return out;
}

/**
 * Turns a declarative rule into a {@link Rule}: it reports one problem, at its
 * first path, when its `when` condition holds for the deal.
 */
export function ruleFromSpec(spec: RuleSpec, group = "pack"): Rule {
  const paths = typeof spec.path === "string" ? [spec.path] : [...spec.path];
  const at = segments(paths[0] ?? "");
  return {
    id: spec.id,
    group,
    severity: spec.severity,
    message: spec.message,
    hint: spec.hint,
    paths,
    check: (deal) => (evaluateCondition(spec.when, deal) ? [{ path: at }] : []),
  };
}
