import type { z } from "zod";
import { runRules } from "../check/engine.js";
import { issuesToProblems } from "../deal/parse.js";
import type { Deal } from "../deal/schema.js";
import { mergeStandard } from "../deal/standard-merge.js";
import { formatPath, type Problem } from "../errors/problem.js";
import type { Catalog } from "./catalog.js";
import { positionAt } from "./positions.js";
import { STANDARD_FILE } from "./standard.js";
import type { Pack } from "./types.js";

/** A sample deal of a pack (a fixture), validated, that its standard position is laid over. */
export interface StandardSample {
  /** Where the deal comes from, for messages: `fixtures/clinic.yaml`. */
  readonly file: string;
  readonly deal: Deal;
}

type Path = readonly (string | number)[];

const isMapping = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The value the standard gives at `path`, and whether it gives one. */
function given(standard: unknown, path: Path): { readonly found: boolean; readonly value?: unknown } {
  let node: unknown = standard;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === "number" && segment < node.length) node = node[segment];
    else if (isMapping(node) && Object.hasOwn(node, String(segment))) node = node[String(segment)];
    else return { found: false };
  }
  return { found: true, value: node };
}

/**
 * Whether a field missing at `path` is missing from every deal the standard is laid over, so a
 * problem of the standard itself: the standard removes it (`null`), or leaves it out of a list item
 * or of a mapping with a `type` (both replace the deal's whole). A field missing under a mapping
 * that merges is the deal's to give.
 */
function missingFromEveryDeal(standard: unknown, path: Path): boolean {
  if (given(standard, path).value === null) return true;
  for (let n = path.length - 1; n >= 0; n--) {
    const parent = given(standard, path.slice(0, n));
    if (!parent.found) continue;
    if (Array.isArray(parent.value)) return true;
    if (isMapping(parent.value) && Object.hasOwn(parent.value, "type")) return true;
    // A list anywhere above: its items are the standard's whole.
    return path.slice(0, n).some((segment, i) => typeof segment === "number" && Array.isArray(given(standard, path.slice(0, i)).value));
  }
  return false;
}

/** A problem of the merged deal as a problem of the pack's standard.yaml, at the nearest key the file gives. */
function asStandardProblem(pack: Pack, p: Problem, message: string): Problem {
  const at = positionAt(pack.standardPositions, p.path ?? []);
  return {
    code: "PACK_STANDARD_INVALID",
    severity: "error",
    file: pack.standardFile ?? STANDARD_FILE,
    ...(at ?? {}),
    ...(p.path ? { path: p.path } : {}),
    message,
    ...(p.hint ? { hint: p.hint } : {}),
  };
}

/** The value validated against the deal schema: the deal, or zod's issues. */
function validated(schema: z.ZodType<Deal>, value: unknown): { readonly deal: Deal } | { readonly issues: readonly z.core.$ZodIssue[] } {
  const result = schema.safeParse(value, { reportInput: true });
  return result.success ? { deal: result.data } : { issues: result.error.issues };
}

/** An issue about a value that is not there at all: a required field, whatever its kind (a missing enum is `invalid_value`). */
const isMissing = (issue: z.core.$ZodIssue): boolean => issue.code !== "unrecognized_keys" && (issue as { input?: unknown }).input === undefined;

/**
 * Checks a pack's standard position (`PACK_STANDARD_INVALID`, at file:line:column of its
 * standard.yaml), as `pack check` does. Its shape, against the catalogue's deal schema (pack fields
 * included): unknown fields, values of the wrong kind or out of range, incomplete list items, and
 * required fields it removes; fields it leaves out are the deal's to give. Then, laid over each
 * sample deal (the pack's fixtures), the result must be a valid deal sheet and add no check error
 * the sample does not already have — a credit above the credit cap, say, that only the two together
 * show. Pure; a pack without a standard has no such problem.
 */
export function standardProblems(pack: Pack, catalog: Catalog, samples: readonly StandardSample[] = []): Problem[] {
  const standard = pack.standard;
  if (!standard) return [];
  const out: Problem[] = [];
  const seen = new Set<string>();
  const report = (p: Problem, message: string): void => {
    const key = `${formatPath(p.path ?? [])}\0${p.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(asStandardProblem(pack, p, message));
  };
  const shape = validated(catalog.dealSchema, mergeStandard({}, standard));
  const own = "issues" in shape ? shape.issues.filter((issue) => !isMissing(issue) || missingFromEveryDeal(standard, issue.path as Path)) : [];
  for (const p of issuesToProblems(own)) {
    const removed = given(standard, p.path ?? []).value === null;
    report(p, removed ? `The standard position removes ${formatPath(p.path ?? [])}, which every deal sheet must have` : `The standard position is not part of a valid deal sheet: ${p.message}`);
  }
  const langs = pack.languages;
  for (const sample of samples) {
    const merged = validated(catalog.dealSchema, mergeStandard(sample.deal, standard));
    if ("issues" in merged) {
      for (const p of issuesToProblems(merged.issues)) report(p, `Laid over ${sample.file}, the standard position gives an invalid deal sheet: ${p.message}`);
      continue;
    }
    const before = new Set(runRules(catalog.rules, sample.deal, { langs }).errors.map((e) => e.id));
    for (const e of runRules(catalog.rules, merged.deal, { langs }).errors) {
      if (before.has(e.id)) continue;
      report({ code: e.code, severity: "error", path: e.path, hint: e.hint.en, message: e.message.en }, `Laid over ${sample.file}, the standard position fails check ${e.id}: ${e.message.en}`);
    }
  }
  // In file order, as the author reads the file.
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
