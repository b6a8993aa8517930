import { z } from "zod";
import type { Problem } from "../errors/problem.js";
import { templatePosition } from "./path-checks.js";
import { positionAt } from "./positions.js";
import type { GlossaryEntry, Pack, PackFiles, SourcePosition, SourcePositions, TemplateSource } from "./types.js";
import { parseYamlFile } from "./yaml-file.js";

/**
 * One glossary per pack (issue: "defined terms are translated the same way
 * everywhere"): English term → the one Chinese term the pack uses for it, and
 * optionally Chinese variants a translator might reach for and must not
 * (订单 for the Order Form, 附表 for a Schedule).
 *
 * Checked when a pack loads, against the glossary of every pack loaded so far
 * (a pack layered over the built-in one inherits its entries):
 * - PACK_GLOSSARY_TERM_MISMATCH: a defined term (`defines:` in clause.yaml,
 *   inline or not, or terms.yaml) whose Chinese differs from the glossary's.
 * - PACK_GLOSSARY_AVOIDED_VARIANT: Chinese text of the pack (templates,
 *   definitions, titles) uses a variant to avoid.
 * - PACK_GLOSSARY_MISSING_TERM: a pack that keeps a glossary defines a term
 *   the glossary lacks (a pack without one is not asked to start one).
 * - PACK_GLOSSARY_OVERRIDE: a pack gives another Chinese term for an English
 *   term an earlier pack's glossary has. Allowed — the later entry is the one
 *   its own text is checked against — but always a warning: the earlier
 *   pack's clauses still say the old term, so a document would mix both.
 * - PACK_GLOSSARY_CONFLICT: a variant to avoid is some entry's preferred term.
 * Errors in the built-in pack (`crm`), warnings in any other, like the
 * punctuation rule; an override is a warning everywhere.
 */

/** The file of a pack that holds its glossary. */
export const GLOSSARY_FILE = "glossary.yaml";

const zhTerm = z
  .string()
  .trim()
  .min(1)
  .regex(/\p{Script=Han}/u, { message: "A Chinese term has at least one Chinese character" });
const entrySchema = z.union([zhTerm, z.strictObject({ zh: zhTerm, avoid: z.array(zhTerm).default([]), note: z.string().optional() })]);
/** glossary.yaml: a mapping of English term → Chinese term, or → { zh, avoid, note }. */
const glossarySchema = z.record(z.string().trim().min(1), entrySchema);

/** Reads `glossary.yaml` when the pack has one; problems (YAML, schema) carry file:line:column. */
export function parseGlossary(files: PackFiles, problems: Problem[]): GlossaryEntry[] | undefined {
  if (files[GLOSSARY_FILE] === undefined) return undefined;
  const at: { value?: SourcePositions } = {};
  const data = parseYamlFile(files, GLOSSARY_FILE, glossarySchema, problems, at);
  if (!data) return undefined;
  return Object.entries(data).map(([en, v]) => {
    const pos = at.value?.[en];
    return { en, ...(typeof v === "string" ? { zh: v, avoid: [] } : { zh: v.zh, avoid: v.avoid }), file: GLOSSARY_FILE, ...(pos ?? {}) };
  });
}

type Where = { file: string; line?: number | undefined; column?: number | undefined };

const severityOf = (pack: Pack): "error" | "warning" => (pack.name === "crm" ? "error" : "warning");

/** A problem's location with absent fields left out (exactOptionalPropertyTypes: no `line: undefined`). */
const at = (where: Where): { file: string; line?: number; column?: number } => ({
  file: where.file,
  ...(where.line !== undefined ? { line: where.line } : {}),
  ...(where.column !== undefined ? { column: where.column } : {}),
});

/**
 * The merged glossary after each pack, and the problems of each pack's own
 * glossary against the earlier ones (overrides, conflicts).
 */
function mergeGlossaries(packs: readonly Pack[], problems: Problem[]): Map<string, GlossaryEntry>[] {
  const merged = new Map<string, GlossaryEntry>();
  const after: Map<string, GlossaryEntry>[] = [];
  for (const pack of packs) {
    for (const e of pack.glossary ?? []) {
      const earlier = merged.get(e.en);
      if (earlier && earlier.zh !== e.zh) {
        problems.push({
          code: "PACK_GLOSSARY_OVERRIDE",
          severity: "warning",
          ...at(e),
          message: `Pack "${pack.name}" translates "${e.en}" as "${e.zh}"; an earlier pack's glossary says "${earlier.zh}"`,
          hint: `The earlier pack's clauses still say "${earlier.zh}", so a document would use both: override those clauses too, or keep "${earlier.zh}".`,
        });
      }
      merged.set(e.en, e);
    }
    const preferred = new Set([...merged.values()].map((e) => e.zh));
    for (const e of pack.glossary ?? []) {
      for (const v of e.avoid) {
        if (preferred.has(v)) {
          problems.push({ code: "PACK_GLOSSARY_CONFLICT", severity: severityOf(pack), ...at(e), message: `"${v}" is listed to avoid for "${e.en}" but is the Chinese term of another entry` });
        }
      }
    }
    after.push(new Map(merged));
  }
  return after;
}

/** Every [start, end) where one of `terms` occurs in `text`. */
function spans(text: string, terms: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const t of terms) for (let i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + 1)) out.push([i, i + t.length]);
  return out;
}

/** Ranges of `{{…}}` expressions: their arguments are data paths and literals, not text a reader sees. */
function handlebarsSpans(text: string): [number, number][] {
  return [...text.matchAll(/\{\{[\s\S]*?\}\}/gu)].map((m) => [m.index, m.index + m[0].length]);
}

const lineColumn = (text: string, index: number): { line: number; column: number } => {
  const before = text.slice(0, index);
  return { line: before.split("\n").length, column: index - before.lastIndexOf("\n") };
};

/**
 * Every use of an avoided variant in Chinese text (template source or drafted
 * text). A variant inside a longer glossary term is that term, not the
 * variant: 订单 inside 采购订单 (the customer's Purchase Order) is not the
 * Order Form.
 */
export function avoidedVariants(text: string, entries: readonly GlossaryEntry[]): { index: number; variant: string; entry: GlossaryEntry }[] {
  return variantHits(text, new Map(entries.map((e) => [e.en, e])));
}

function variantHits(text: string, glossary: ReadonlyMap<string, GlossaryEntry>): { index: number; variant: string; entry: GlossaryEntry }[] {
  const preferred = [...glossary.values()].map((e) => e.zh);
  const covering = spans(text, preferred);
  const code = handlebarsSpans(text);
  const out: { index: number; variant: string; entry: GlossaryEntry }[] = [];
  for (const entry of glossary.values()) {
    for (const variant of entry.avoid) {
      for (const [s, e] of spans(text, [variant])) {
        const inside = (r: [number, number]): boolean => r[0] <= s && e <= r[1] && r[1] - r[0] > variant.length;
        if (covering.some(inside) || code.some(([a, b]) => a <= s && e <= b)) continue;
        out.push({ index: s, variant, entry });
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

function variantProblem(pack: Pack, where: Where, variant: string, entry: GlossaryEntry, what: string, clause?: string): Problem {
  return {
    code: "PACK_GLOSSARY_AVOIDED_VARIANT",
    severity: severityOf(pack),
    ...at(where),
    ...(clause ? { clause } : {}),
    message: `"${variant}" in ${what}: the glossary's term for "${entry.en}" is "${entry.zh}"`,
    hint: `Write "${entry.zh}" (${entry.file}${entry.line !== undefined ? `:${entry.line}` : ""}); a defined term is translated the same way everywhere.`,
  };
}

function templateVariants(pack: Pack, src: TemplateSource | undefined, glossary: ReadonlyMap<string, GlossaryEntry>, what: string, clause: string): Problem[] {
  if (!src) return [];
  const start = src.line !== undefined ? { line: src.line, column: src.column ?? 1 } : undefined;
  return variantHits(src.text, glossary).map((h) => {
    const p = lineColumn(src.text, h.index);
    return variantProblem(pack, templatePosition(src.file, p.line, p.column, start), h.variant, h.entry, what, clause);
  });
}

function titleVariants(pack: Pack, file: string, pos: SourcePosition | undefined, title: string | undefined, glossary: ReadonlyMap<string, GlossaryEntry>, what: string, clause?: string): Problem[] {
  if (!title) return [];
  return variantHits(title, glossary).map((h) => variantProblem(pack, { file, ...(pos ? { line: pos.line, column: pos.column + h.index } : {}) }, h.variant, h.entry, what, clause));
}

/** A defined term of a pack, wherever it is defined, with where its Chinese form is written. */
interface DefinedTerm {
  readonly en?: string | undefined;
  readonly zh?: string | undefined;
  readonly where: Where;
  readonly clause?: string | undefined;
}

function definedTerms(pack: Pack): DefinedTerm[] {
  const out: DefinedTerm[] = [];
  for (const c of pack.clauses) {
    c.defines.forEach((d, i) => {
      const pos = positionAt(c.positions, ["defines", i, "term", "zh"]);
      out.push({ en: d.term.en, zh: d.term.zh, where: { file: c.file, ...(pos ?? {}) }, clause: c.id });
    });
  }
  for (const t of pack.terms ?? []) out.push({ en: t.term.en, zh: t.term.zh, where: { file: t.file, ...(t.termAt ?? {}) }, clause: t.clause });
  return out;
}

/**
 * Every glossary problem of a set of packs, in load order: each pack's
 * defined terms and Chinese text against the glossary merged so far (see the
 * top of this module).
 */
export function glossaryProblems(packs: readonly Pack[]): Problem[] {
  const problems: Problem[] = [];
  const merged = mergeGlossaries(packs, problems);
  packs.forEach((pack, i) => {
    const glossary = merged[i] ?? new Map<string, GlossaryEntry>();
    if (glossary.size === 0) return;
    const severity = severityOf(pack);
    for (const t of definedTerms(pack)) {
      if (!t.en) continue;
      const entry = glossary.get(t.en);
      if (!entry) {
        if (pack.glossary) {
          problems.push({
            code: "PACK_GLOSSARY_MISSING_TERM",
            severity,
            ...at(t.where),
            ...(t.clause ? { clause: t.clause } : {}),
            message: `Defined term "${t.en}" has no entry in the glossary`,
            hint: `Add "${t.en}: ${t.zh ?? "<中文>"}" to ${GLOSSARY_FILE}.`,
          });
        }
        continue;
      }
      if (t.zh !== undefined && t.zh !== entry.zh) {
        problems.push({
          code: "PACK_GLOSSARY_TERM_MISMATCH",
          severity,
          ...at(t.where),
          ...(t.clause ? { clause: t.clause } : {}),
          message: `Defined term "${t.en}" is "${t.zh}" in Chinese here; the glossary says "${entry.zh}"`,
          hint: `Use "${entry.zh}" (${entry.file}${entry.line !== undefined ? `:${entry.line}` : ""}), or change the glossary and every text that uses the term.`,
        });
      }
    }
    if (![...glossary.values()].some((e) => e.avoid.length > 0)) return;
    for (const c of pack.clauses) {
      problems.push(...titleVariants(pack, c.file, positionAt(c.positions, ["title", "zh"]), c.titles.zh, glossary, `the zh title of clause "${c.id}"`, c.id));
      for (const v of c.variants) problems.push(...templateVariants(pack, v.templates.zh, glossary, "a Chinese template", c.id));
      for (const t of c.defines) problems.push(...templateVariants(pack, t.definition.zh, glossary, "a Chinese definition", c.id));
    }
    for (const o of pack.overrides ?? []) {
      problems.push(...titleVariants(pack, o.file, positionAt(o.positions, ["title", "zh"]), o.titles?.zh, glossary, `the zh title of the override of "${o.id}"`, o.id));
      for (const perLang of Object.values(o.variants)) problems.push(...templateVariants(pack, perLang.zh, glossary, "a Chinese template", o.id));
    }
    for (const t of pack.terms ?? []) problems.push(...templateVariants(pack, t.definition.zh, glossary, "a Chinese definition", t.clause ?? "definitions"));
    pack.agreements.forEach((a, k) => {
      const file = a.file ?? pack.manifestFile ?? "pack.yaml";
      problems.push(...titleVariants(pack, file, a.file ? undefined : positionAt(pack.positions, ["agreements", k, "title", "zh"]), a.titles.zh, glossary, `the zh title of agreement "${a.id}"`));
    });
  });
  return problems;
}
