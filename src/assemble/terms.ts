import type { CatalogClause, CatalogTerm } from "../catalog/catalog.js";
import { termUses } from "../catalog/catalog.js";
import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import { MarkupError, parseInline, type PendingBlock, type PendingRun } from "../template/markup.js";
import { TOKEN_CLOSE, TOKEN_OPEN, TokenTable } from "../template/tokens.js";
import type { RenderState } from "../template/env.js";

/** A term of this agreement's registry. */
export interface RegisteredTerm {
  /** The term in the document's language. */
  readonly text: string;
  /** Sort key: the English term, so every language lists definitions in the same order. */
  readonly sortKey: string;
  readonly clause: CatalogClause;
  readonly def: CatalogTerm;
}

/** The defined-terms registry of an assembled agreement, keyed by the term in the document's language. */
export function buildRegistry(clauses: readonly CatalogClause[], lang: Lang, problems: Problem[]): Map<string, RegisteredTerm> {
  const registry = new Map<string, RegisteredTerm>();
  for (const clause of clauses) {
    for (const def of clause.terms) {
      const text = def.term[lang];
      if (!text) continue;
      const existing = registry.get(text);
      if (existing) {
        problems.push({
          code: "ASSEMBLE_DUPLICATE_TERM",
          severity: "error",
          clause: clause.id,
          file: clause.file,
          message: `Term "${text}" is defined by both clause "${existing.clause.id}" and clause "${clause.id}"`,
        });
        continue;
      }
      registry.set(text, { text, sortKey: (def.term.en ?? text).toLowerCase(), clause, def });
    }
  }
  return registry;
}

/** Walks every run of some blocks. */
export function* runsOf(blocks: readonly PendingBlock[]): Generator<PendingRun> {
  for (const b of blocks) {
    if (b.kind === "paragraph") yield* b.runs;
    else if (b.kind === "table") {
      for (const c of b.columns) yield* c.header;
      for (const r of b.rows) for (const cell of r.cells) yield* cell;
    } else if (b.kind === "list") {
      const walk = function* (l: typeof b): Generator<PendingRun> {
        for (const item of l.items) {
          yield* item.runs;
          if (item.children) yield* walk(item.children);
        }
      };
      yield* walk(b);
    }
  }
}

/** Line of the first `[[term]]` in a template source, for messages. */
export function lineOfTerm(source: string, term: string): number | undefined {
  return termUses(source).find((u) => u.term === term)?.line;
}

/** A rendered definition: the term's runs after "Term" means …. */
export interface RenderedDefinition {
  readonly term: RegisteredTerm;
  readonly runs: PendingRun[];
  /** The rendered text with data still as placeholders, for the unmarked-term scan. */
  readonly text: string;
}

/** Renders the definition of a term in a language, or records a problem. */
export function renderDefinition(
  term: RegisteredTerm,
  lang: Lang,
  context: object,
  state: Omit<RenderState, "table" | "clause" | "file" | "lang">,
  problems: Problem[],
): RenderedDefinition | undefined {
  const template = term.def.definitions.get(lang);
  if (!template) {
    problems.push({ code: "ASSEMBLE_MISSING_LANGUAGE", severity: "error", clause: term.clause.id, message: `Term "${term.text}" has no ${lang} definition` });
    return undefined;
  }
  const table = new TokenTable();
  const text = template
    .render(context, { ...state, lang, clause: term.clause.id, file: template.file, table })
    .trim()
    .replace(/\s*\n\s*/g, " ");
  try {
    return { term, runs: parseInline(text, table), text };
  } catch (err) {
    if (err instanceof MarkupError) {
      problems.push({ code: "TEMPLATE_MARKUP", severity: "error", clause: term.clause.id, file: template.file, message: `Definition of "${term.text}": ${err.message}` });
      return undefined;
    }
    throw err;
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * English drafting slip: a capitalised phrase that matches a defined term but
 * is not marked as a use. Scans template output with data still as
 * placeholders, so a party's name can never trigger it.
 */
export function unmarkedTerms(text: string, terms: readonly string[]): string[] {
  const plain = text
    // Headings name topics ("## Fees"), not uses of the defined term.
    .replace(/^#{1,6} .*$/gm, " ")
    .replace(PLACEHOLDER, " ")
    .replace(/\[\[[^\]]*\]\]/g, " ")
    // Where a term is being defined it is bold and quoted: **"Term"**.
    .replace(/\*\*"[^"]*"\*\*/g, " ");
  const pattern = termPattern(terms);
  if (!pattern) return [];
  const found = new Set<string>();
  for (const m of plain.matchAll(pattern)) if (m[2] !== undefined) found.add(m[2]);
  return terms.filter((t) => found.has(t));
}

const PLACEHOLDER = new RegExp(`${TOKEN_OPEN}\\d+${TOKEN_CLOSE}`, "g");
const patterns = new Map<string, RegExp | undefined>();

/** One regular expression for all capitalised terms, longest first, built once per term list. */
function termPattern(terms: readonly string[]): RegExp | undefined {
  const key = terms.join("\u0000");
  if (patterns.has(key)) return patterns.get(key);
  const capitalised = terms.filter((t) => /^[A-Z]/.test(t)).sort((a, b) => b.length - a.length);
  const re = capitalised.length ? new RegExp(`(^|[^A-Za-z])(${capitalised.map(escapeRegExp).join("|")})(?![A-Za-z])`, "g") : undefined;
  if (patterns.size > 256) patterns.clear();
  patterns.set(key, re);
  return re;
}
