/**
 * Language parity: every language of a clause must have the same structure,
 * so bilingual layouts can align the texts clause by clause and paragraph by
 * paragraph. Compared per variant (and per term definition), against the
 * first language of the pack that the clause has:
 *
 * - the markup skeleton: sub-clause ids and their order, paragraphs, list
 *   items (and their depth), table rows, the `::definitions` slot;
 * - the Handlebars blocks (`{{#if}}`, `{{#each}}` …) with their arguments,
 *   where they stand in the skeleton, and the skeleton inside each branch;
 * - the `{{ref}}` targets of each sub-clause;
 * - the set of defined terms marked `[[…]]`, mapped across languages through
 *   the terms the clauses define.
 *
 * Word order differs between languages, so refs are compared as a multiset
 * per sub-clause and terms as a set per template, never positionally.
 */
import Handlebars from "handlebars";
import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import type { ClauseDef, TemplateSource } from "./types.js";

/** One element of a template's skeleton. */
interface Item {
  /** What the element is: "H#id", "S#id", "P", "L0", "B0", "T", "T!", "TSEP", "DEFS", "BLOCK". */
  readonly key: string;
  readonly line: number;
  /** Sub-clause id the element is in ("" before the first). */
  readonly section: string;
  /** Handlebars blocks on the element: inline ones, or the standalone block the item stands for. */
  readonly blocks: readonly BlockInfo[];
  /** `{{ref}}` targets on the element's line. */
  readonly refs: readonly string[];
}

interface BlockInfo {
  /** "if (eq fees.schedule \"annualInAdvance\")". */
  readonly desc: string;
  readonly line: number;
  readonly program: readonly Item[];
  readonly inverse: readonly Item[];
}

// Minimal Handlebars AST shapes (see template/transform.ts for the full ones).
interface AstNode {
  readonly type: string;
  readonly loc?: { readonly start: { readonly line: number }; readonly end: { readonly line: number } };
}
interface AstExpr extends AstNode {
  readonly original?: unknown;
  readonly value?: unknown;
  readonly path?: AstExpr;
  readonly params?: readonly AstExpr[];
}
interface AstStatement extends AstExpr {
  readonly program?: { readonly body: readonly AstStatement[] };
  readonly inverse?: { readonly body: readonly AstStatement[] };
}

const MUSTACHE = "\u0001";
const REF_OPEN = "\u0002";
const REF_CLOSE = "\u0003";
const BLOCK_OPEN = "\u0004";
const BLOCK_CLOSE = "\u0005";

function printExpr(e: AstExpr): string {
  if (e.type === "SubExpression") return `(${[printExpr(e.path ?? e), ...(e.params ?? []).map(printExpr)].join(" ")})`;
  if (e.type === "StringLiteral") return JSON.stringify(e.value);
  if (e.type === "PathExpression") return String(e.original);
  return String(e.value ?? e.original);
}

/** The skeleton of a list of statements: flattened to marked-up text, then classified line by line. */
function skeletonOf(body: readonly AstStatement[], firstLine: number): Item[] {
  let text = "";
  const lineAt: number[] = [];
  const blocks: BlockInfo[] = [];
  const push = (s: string, line: number): void => {
    let l = line;
    for (const ch of s) {
      text += ch;
      lineAt.push(l);
      if (ch === "\n") l++;
    }
  };
  for (const st of body) {
    const line = st.loc?.start.line ?? firstLine;
    if (st.type === "ContentStatement") {
      const value = String(st.value ?? "");
      const original = String(st.original ?? value);
      // Handlebars strips the whitespace of standalone block lines from `value`; count the lines it removed.
      const skipped = value === "" ? 0 : Math.max(0, original.indexOf(value));
      push(value, line + (original.slice(0, skipped).match(/\n/g)?.length ?? 0));
    } else if (st.type === "MustacheStatement") {
      const name = st.path?.original;
      const target = st.params?.[0];
      if (name === "ref" && target?.type === "StringLiteral") push(`${REF_OPEN}${String(target.value)}${REF_CLOSE}`, line);
      else push(MUSTACHE, line);
    } else if (st.type === "BlockStatement") {
      const desc = [printExpr(st.path ?? st), ...(st.params ?? []).map(printExpr)].join(" ");
      blocks.push({ desc, line, program: skeletonOf(st.program?.body ?? [], line), inverse: skeletonOf(st.inverse?.body ?? [], line) });
      const marker = `${BLOCK_OPEN}${blocks.length - 1}${BLOCK_CLOSE}`;
      const inline = st.loc !== undefined && st.loc.start.line === st.loc.end.line;
      push(inline ? marker : `\n${marker}\n`, line);
    }
  }
  const items: Item[] = [];
  let section = "";
  let inParagraph = false;
  let offset = 0;
  for (const raw of text.split("\n")) {
    const line = lineAt[offset] ?? firstLine;
    offset += raw.length + 1;
    const refs = [...raw.matchAll(new RegExp(`${REF_OPEN}([^${REF_CLOSE}]*)${REF_CLOSE}`, "g"))].map((m) => m[1] ?? "");
    const lineBlocks = [...raw.matchAll(new RegExp(`${BLOCK_OPEN}(\\d+)${BLOCK_CLOSE}`, "g"))].flatMap((m) => blocks[Number(m[1])] ?? []);
    const trimmed = raw.trim();
    const add = (key: string): void => {
      items.push({ key, line, section, blocks: lineBlocks, refs });
    };
    if (trimmed === "") {
      inParagraph = false;
      continue;
    }
    if (new RegExp(`^${BLOCK_OPEN}\\d+${BLOCK_CLOSE}$`).test(trimmed)) {
      inParagraph = false;
      add("BLOCK");
      continue;
    }
    const heading = /^##\s.*\{#([a-z][a-z0-9-]*)\}\s*$/.exec(trimmed);
    const sub = /^\+\s*\{#([a-z][a-z0-9-]*)\}/.exec(trimmed);
    if (heading || sub) {
      section = (heading ?? sub)?.[1] ?? "";
      add(heading ? `H#${section}` : `S#${section}`);
      inParagraph = Boolean(sub);
      continue;
    }
    const indent = Math.floor((/^\s*/.exec(raw)?.[0].length ?? 0) / 2);
    if (/^- /.test(trimmed)) add(`L${indent}`);
    else if (/^\* /.test(trimmed)) add(`B${indent}`);
    else if (/^\|\s*:?-+/.test(trimmed)) add("TSEP");
    else if (/^\|\s*!/.test(trimmed)) add("T!");
    else if (trimmed.startsWith("|")) add("T");
    else if (trimmed === "::definitions") add("DEFS");
    else if (inParagraph) {
      // A continuation line of the same paragraph: keep what it carries on the paragraph.
      const last = items.pop();
      if (last) items.push({ ...last, blocks: [...last.blocks, ...lineBlocks], refs: [...last.refs, ...refs] });
      continue;
    } else add("P");
    inParagraph = !/^\|/.test(trimmed);
  }
  return items;
}

/** The skeleton of a template source; undefined when it does not parse (the compiler reports that). */
export function templateSkeleton(source: string): readonly Item[] | undefined {
  try {
    const ast = Handlebars.parse(source) as unknown as { body: readonly AstStatement[] };
    return skeletonOf(ast.body, 1);
  } catch {
    return undefined;
  }
}

function describe(item: Item | undefined): string {
  if (!item) return "nothing more";
  const k = item.key;
  if (k.startsWith("H#")) return `the sub-clause heading {#${k.slice(2)}}`;
  if (k.startsWith("S#")) return `the sub-clause {#${k.slice(2)}}`;
  if (k === "P") return "a paragraph";
  if (k.startsWith("L")) return `a lettered list item (depth ${k.slice(1)})`;
  if (k.startsWith("B")) return `a bullet (depth ${k.slice(1)})`;
  if (k === "T") return "a table row";
  if (k === "T!") return "a total row";
  if (k === "TSEP") return "a table's alignment row";
  if (k === "DEFS") return "the ::definitions slot";
  return `{{#${item.blocks[0]?.desc ?? "?"}}}`;
}

interface Side {
  readonly lang: Lang;
  readonly file: string;
}

/** Compares two skeletons; returns the first difference as a message and the line in `b`, or undefined. */
function compare(a: readonly Item[], b: readonly Item[], sa: Side, sb: Side, endLine: number): { message: string; line: number } | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    const where = (y ?? x)?.section ? ` in {#${(y ?? x)?.section}}` : "";
    if (!x || !y || x.key !== y.key) {
      return {
        message: `${sb.lang} has ${describe(y)} where ${sa.lang} has ${describe(x)}${where} (${sa.file}${x ? ` line ${x.line}` : ""})`,
        line: y?.line ?? b[b.length - 1]?.line ?? endLine,
      };
    }
    const xb = x.blocks.map((blk) => blk.desc).join(" ");
    const yb = y.blocks.map((blk) => blk.desc).join(" ");
    if (xb !== yb) {
      return { message: `${sb.lang} has block(s) [${yb || "none"}] where ${sa.lang} has [${xb || "none"}]${where} (${sa.file} line ${x.line})`, line: y.line };
    }
    for (const [i2, bx] of x.blocks.entries()) {
      const by = y.blocks[i2];
      if (!by) continue;
      const inner = compare(bx.program, by.program, sa, sb, by.line) ?? compare(bx.inverse, by.inverse, sa, sb, by.line);
      if (inner) return { message: `inside {{#${bx.desc}}}: ${inner.message}`, line: inner.line };
    }
  }
  // References: the same targets in each sub-clause, in any order.
  const refsBySection = (items: readonly Item[]): Map<string, { refs: string[]; line: number }> => {
    const m = new Map<string, { refs: string[]; line: number }>();
    for (const it of items) {
      const e = m.get(it.section) ?? { refs: [], line: it.line };
      e.refs.push(...it.refs);
      m.set(it.section, e);
    }
    return m;
  };
  const ra = refsBySection(a);
  const rb = refsBySection(b);
  for (const [section, { refs, line }] of rb) {
    const other = [...(ra.get(section)?.refs ?? [])].sort().join(", ");
    const mine = [...refs].sort().join(", ");
    if (other !== mine) {
      return {
        message: `${sb.lang} refers to [${mine}] where ${sa.lang} refers to [${other}]${section ? ` in {#${section}}` : ""}`,
        line: b.find((it) => it.section === section && it.refs.length > 0)?.line ?? line,
      };
    }
  }
  return undefined;
}

const TERM_MARK = /\[\[([^[\]\n]+?)\]\]/g;

function termLines(source: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of source.matchAll(TERM_MARK)) {
    const term = m[1] ?? "";
    if (!out.has(term)) out.set(term, source.slice(0, m.index).split("\n").length);
  }
  return out;
}

/** Maps a term as written in a language to a language-independent key (its English form when it has one). */
export type TermKeys = ReadonlyMap<Lang, ReadonlyMap<string, string>>;

/** Builds {@link TermKeys} from the terms clauses define. */
export function termKeys(clauses: Iterable<Pick<ClauseDef, "defines">>): TermKeys {
  const keys = new Map<Lang, Map<string, string>>();
  for (const c of clauses) {
    for (const t of c.defines) {
      const key = t.term.en ?? t.term.zh;
      if (!key) continue;
      for (const [lang, text] of Object.entries(t.term) as [Lang, string | undefined][]) {
        if (text) (keys.get(lang) ?? keys.set(lang, new Map()).get(lang))?.set(text, key);
      }
    }
  }
  return keys;
}

/** The line in skeleton `b` of the sub-clause that holds line `line` of skeleton `a` (1 when it has none). */
function sameSectionLine(a: readonly Item[], b: readonly Item[], line: number): number {
  const section = [...a].reverse().find((it) => it.line <= line)?.section ?? "";
  return b.find((it) => it.section === section)?.line ?? 1;
}

function compareTerms(a: TemplateSource, b: TemplateSource, sa: Side, sb: Side, keys: TermKeys, skelA: readonly Item[], skelB: readonly Item[]): { message: string; line: number } | undefined {
  const la = termLines(a.text);
  const lb = termLines(b.text);
  const key = (lang: Lang, t: string): string => keys.get(lang)?.get(t) ?? `${lang}:${t}`;
  const ka = new Map([...la].map(([t, l]) => [key(sa.lang, t), { t, l }]));
  const kb = new Map([...lb].map(([t, l]) => [key(sb.lang, t), { t, l }]));
  for (const [k, { t, l }] of kb) {
    if (!ka.has(k)) return { message: `${sb.lang} uses the term [[${t}]], which the ${sa.lang} text does not use`, line: l };
  }
  for (const [k, { t, l }] of ka) {
    if (!kb.has(k)) return { message: `${sb.lang} does not use the term of [[${t}]] (${sa.file} line ${l})`, line: sameSectionLine(skelA, skelB, l) };
  }
  return undefined;
}

function checkPair(clause: ClauseDef, what: string, a: TemplateSource, la: Lang, b: TemplateSource, lb: Lang, keys: TermKeys, problems: Problem[]): void {
  const sa = { lang: la, file: a.file };
  const sb = { lang: lb, file: b.file };
  const ka = templateSkeleton(a.text);
  const kb = templateSkeleton(b.text);
  if (!ka || !kb) return;
  const diff = compare(ka, kb, sa, sb, 1) ?? compareTerms(a, b, sa, sb, keys, ka, kb);
  if (!diff) return;
  // Definitions live inside clause.yaml ("…/clause.yaml#defines[0].definition.zh"): point at the YAML file, at the definition.
  const [file = b.file] = b.file.split("#");
  const line = file === b.file ? diff.line : b.line;
  problems.push({
    code: "PACK_LANGUAGE_STRUCTURE",
    severity: "error",
    clause: clause.id,
    file,
    ...(line !== undefined ? { line } : {}),
    message: `Clause "${clause.id}"${what}: the ${lb} text differs in structure from the ${la} text: ${diff.message}`,
    hint: "Every language of a clause needs the same sub-clause ids, paragraphs, list items, table rows, blocks, references and defined terms, so bilingual layouts align.",
  });
}

/**
 * Checks that every language of a clause has the same structure; returns a
 * `PACK_LANGUAGE_STRUCTURE` problem (clause, file, line) per differing
 * variant or term definition. `langs` orders the languages: the first one a
 * clause has is the reference the others are compared with.
 */
export function checkLanguageStructure(clause: ClauseDef, langs: readonly Lang[], keys: TermKeys): Problem[] {
  const problems: Problem[] = [];
  for (const v of clause.variants) {
    const present = langs.filter((l) => v.templates[l]);
    const [ref, ...others] = present;
    const refSrc = ref ? v.templates[ref] : undefined;
    if (!ref || !refSrc) continue;
    const what = clause.variants.length > 1 || v.id !== "default" ? ` variant "${v.id}"` : "";
    for (const l of others) {
      const src = v.templates[l];
      if (src) checkPair(clause, what, refSrc, ref, src, l, keys, problems);
    }
  }
  clause.defines.forEach((t) => {
    const present = langs.filter((l) => t.definition[l]);
    const [ref, ...others] = present;
    const refSrc = ref ? t.definition[ref] : undefined;
    if (!ref || !refSrc) return;
    for (const l of others) {
      const src = t.definition[l];
      if (src) checkPair(clause, ` definition of "${t.term.en ?? t.term.zh ?? "?"}"`, refSrc, ref, src, l, keys, problems);
    }
  });
  return problems;
}
