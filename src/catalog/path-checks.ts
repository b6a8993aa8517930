import type { z } from "zod";
import { conditionRoots, contextRoots } from "../assemble/context-schema.js";
import type { Problem } from "../errors/problem.js";
import type { CompiledTemplate } from "../template/env.js";
import { positionAt } from "./positions.js";
import { admits, pathSegments, resolvePath, valueDomain, type Literal, type PathResolution } from "./schema-paths.js";
import type { ClauseDef, Condition, Pack, SourcePosition } from "./types.js";

/**
 * Checks every data path a pack reads — in templates, in `when` conditions and
 * under `reads` — against what a template is really given: the catalogue's
 * deal schema (with the packs' `extensions.<pack>` fields) and the `computed`
 * and `document` roots. A path that cannot resolve would print nothing or
 * fail on some deal later; a literal an enum cannot equal would silently
 * never match. Both are errors here, when the pack loads.
 */

/** Resolves a template-context path: `computed.*` and `document.*` against their descriptions, anything else against the deal. */
export type ContextResolver = (path: string) => PathResolution;

/**
 * A resolver for the template context of a catalogue whose deal schema is
 * `deal`; with `conditions`, for `when` conditions, which are evaluated before
 * the document's cover and schedules are known.
 */
export function contextResolver(deal: z.ZodType, conditions = false): ContextResolver {
  const cache = new Map<string, PathResolution>();
  const roots: Readonly<Record<string, z.ZodType>> = conditions ? conditionRoots : contextRoots;
  return (path) => {
    const hit = cache.get(path);
    if (hit) return hit;
    const [root = "", ...rest] = pathSegments(path);
    const special = Object.hasOwn(roots, root) ? roots[root] : undefined;
    // A condition reads plain keys (select.ts readPath): "[]" or an index there never matches anything.
    const listStep = conditions ? pathSegments(path).findIndex((seg) => seg === "[]" || /^\d+$/.test(seg)) : -1;
    const result: PathResolution =
      listStep >= 0
        ? {
            ok: false,
            failedAt: pathSegments(path)
              .slice(0, listStep + 1)
              .join("."),
            known: [],
          }
        : special
          ? prefixed(resolvePath(special, rest.join(".")), root)
          : resolvePath(deal, path);
    cache.set(path, result);
    return result;
  };
}

function prefixed(r: PathResolution, root: string): PathResolution {
  return r.ok ? r : { ...r, failedAt: `${root}.${r.failedAt}`.replace(/\.\[\]/g, "[]") };
}

/** Where a problem is: a file, and a line and column when known. */
type Where = { readonly file: string } & Partial<SourcePosition>;

function unknownPath(path: string, r: Extract<PathResolution, { ok: false }>, where: Where, clause: string, what: string): Problem {
  const near = r.known.length > 0 ? ` Known here: ${r.known.slice(0, 30).join(", ")}${r.known.length > 30 ? ", …" : ""}.` : "";
  return {
    code: "PACK_UNKNOWN_PATH",
    severity: "error",
    ...where,
    clause,
    message: `${what} "${path}", which is not in the deal schema${r.failedAt === path ? "" : ` (no "${r.failedAt}")`}`,
    hint: `Paths are deal fields (see \`clausewright schema\`), pack fields under extensions.<pack>, computed.* or document.* (a when condition reads no list items, and of document.* only lang, langs and bilingual).${near}`,
  };
}

function describeLiteral(v: Literal): string {
  return typeof v === "string" ? `"${v}"` : String(v);
}

/** A problem when `value` can never equal the value at a resolved path; undefined when it can. */
function literalProblem(path: string, leaves: readonly z.ZodType[], value: Literal, where: Where, clause: string, what: string): Problem | undefined {
  const domain = valueDomain(leaves);
  if (admits(domain, value)) return undefined;
  const allowed = [...domain.finite].map(describeLiteral);
  const open = [...domain.open].map((t) => `any ${t}`);
  const choices = [...allowed, ...open];
  return {
    code: "PACK_UNKNOWN_ENUM_VALUE",
    severity: "error",
    ...where,
    clause,
    message: `${what} "${path}" with ${describeLiteral(value)}, which it can never be${choices.length ? ` (allowed: ${choices.join(", ")})` : " (it is not a single value)"}`,
    hint: choices.length ? `Use one of: ${choices.join(", ")}` : "Compare a field that holds a single value",
  };
}

/** The clause metadata positions for a condition at `base` ("when" or "variants.1.when"). */
function conditionProblems(cond: Condition, base: readonly (string | number)[], def: ClauseDef, resolve: ContextResolver): Problem[] {
  const at = (path: readonly (string | number)[]): Where => ({ file: def.file, ...(positionAt(def.positions, path) ?? {}) });
  const r = resolve(cond.path);
  if (!r.ok) return [unknownPath(cond.path, r, at([...base, "path"]), def.id, `Condition of clause "${def.id}" reads`)];
  const out: Problem[] = [];
  (cond.equals ?? []).forEach((value, i) => {
    const p = literalProblem(cond.path, r.leaves, value, at([...base, "equals", i]), def.id, `Condition of clause "${def.id}" compares`);
    if (p) out.push(p);
  });
  return out;
}

/**
 * Problems in a pack's own metadata: each clause's `reads` and `when`
 * conditions (clause and variant) and each override's extra `reads`.
 */
export function packPathProblems(pack: Pack, resolve: ContextResolver, resolveCondition: ContextResolver): Problem[] {
  const out: Problem[] = [];
  for (const def of pack.clauses) {
    def.reads.forEach((path, i) => {
      const r = resolve(path);
      if (!r.ok) out.push(unknownPath(path, r, { file: def.file, ...(def.positions?.[`reads.${i}`] ?? {}) }, def.id, `Clause "${def.id}" declares under reads`));
    });
    if (def.when) out.push(...conditionProblems(def.when, ["when"], def, resolveCondition));
    def.variants.forEach((v, i) => {
      if (v.when) out.push(...conditionProblems(v.when, ["variants", i, "when"], def, resolveCondition));
    });
  }
  for (const ov of pack.overrides ?? []) {
    ov.reads.forEach((path, i) => {
      const r = resolve(path);
      if (!r.ok) out.push(unknownPath(path, r, { file: ov.file, ...(ov.positions?.[`reads.${i}`] ?? {}) }, ov.id, `Override of clause "${ov.id}" declares under reads`));
    });
  }
  return out;
}

/**
 * Where a position inside a template is in its file. A template embedded in a
 * YAML file (a term's definition: "clause.yaml#defines[0].definition.en")
 * points at the YAML file, from the line its text starts on.
 */
export function templatePosition(file: string, line: number, column: number, start?: SourcePosition): Where {
  const hash = file.indexOf("#");
  if (hash < 0) return { file, line, column };
  const yamlFile = file.slice(0, hash);
  if (!start) return { file: yamlFile };
  // On the first line the text starts where the YAML value does; later lines keep the template's column.
  return line === 1 ? { file: yamlFile, line: start.line, column: start.column + column - 1 } : { file: yamlFile, line: start.line + line - 1, column };
}

/** A compiled template with where its text starts when it is embedded in a YAML file. */
export interface CheckedTemplate {
  readonly template: CompiledTemplate;
  readonly start?: SourcePosition | undefined;
}

/** Problems in what compiled templates read and compare: unknown paths and impossible literals. */
export function templatePathProblems(clause: string, templates: readonly CheckedTemplate[], resolve: ContextResolver): Problem[] {
  const out: Problem[] = [];
  for (const { template: t, start } of templates) {
    for (const read of t.reads) {
      const r = resolve(read.path);
      if (!r.ok) out.push(unknownPath(read.path, r, templatePosition(t.file, read.line, read.column, start), clause, "Template reads"));
    }
    for (const c of t.comparisons) {
      const r = resolve(c.path);
      if (!r.ok) continue; // already reported as an unknown path
      const p = literalProblem(c.path, r.leaves, c.value, templatePosition(t.file, c.line, c.column, start), clause, `Template compares (${c.helper})`);
      if (p) out.push(p);
    }
  }
  return out;
}
