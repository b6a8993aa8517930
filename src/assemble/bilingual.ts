import type { Catalog } from "../catalog/catalog.js";
import type { Deal } from "../deal/schema.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import type {
  Bilingual,
  BilingualLayout,
  Block,
  Clause,
  ContentBlock,
  Contents,
  DocumentModel,
  Lang,
  List,
  Paragraph,
  Run,
  SignatureLine,
  SignatureParty,
  SignaturePage,
  SubClause,
} from "../model/types.js";
import { assemble, type AssembleOptions, type AssemblyDetails } from "./build.js";
import type { NumberingStyle } from "./numbering.js";
import { languagePair, prevailingFirst } from "./languages.js";

/** Options for {@link assembleBilingual}. */
export interface BilingualOptions extends Omit<AssembleOptions, "lang" | "langs" | "numbering"> {
  /** The two languages, primary (first / left) first; default the prevailing language first (`["zh", "en"]` when Chinese prevails), else `["en", "zh"]`. */
  readonly langs?: readonly [Lang, Lang];
  /** Default "parallel". */
  readonly layout?: BilingualLayout;
  /** Numbering style per language; each language defaults to its own profile. */
  readonly numbering?: Partial<Record<Lang, NumberingStyle>>;
}

/** What {@link assembleBilingual} returns: the combined model and each language's assembly. */
export interface BilingualAssembly {
  readonly model: DocumentModel;
  /** One per language, primary first. */
  readonly details: readonly [AssemblyDetails, AssemblyDetails];
  readonly warnings: Problem[];
}

/**
 * What stops a bilingual assembly before it starts: the same language twice,
 * or a deal that does not say which text prevails.
 */
export function bilingualProblems(deal: Deal, langs: readonly [Lang, Lang]): Problem[] {
  if (langs[0] === langs[1]) {
    return [{ code: "OPTION_BILINGUAL_SAME_LANGUAGE", severity: "error", message: `A bilingual document needs two different languages (got ${langs[0]} twice)` }];
  }
  if (deal.agreement.prevailingLanguage === undefined) {
    return [
      {
        code: "DEAL_PREVAILING_LANGUAGE_REQUIRED",
        severity: "error",
        path: ["agreement", "prevailingLanguage"],
        message: "A bilingual agreement needs agreement.prevailingLanguage (en, zh or equal): the language clause says which text prevails",
        hint: "Add `prevailingLanguage: zh` (or en, or equal) under agreement in the deal sheet.",
      },
    ];
  }
  return [];
}

/**
 * Assembles a bilingual document: the agreement once per language (same
 * catalogue, same deal, each language numbered by its own profile), then
 * {@link combineBilingual}. A bilingual agreement must say which text
 * prevails, so `agreement.prevailingLanguage` is required.
 */
export function assembleBilingual(catalog: Catalog, deal: Deal, options: BilingualOptions = {}): BilingualAssembly {
  const langs = options.langs ?? languagePair(prevailingFirst(deal.agreement.prevailingLanguage));
  const [first, ...rest] = bilingualProblems(deal, langs);
  if (first) throw new ClausewrightError([first, ...rest]);
  const { langs: _l, layout: _y, numbering, ...common } = options;
  const one = (lang: Lang) => {
    const style = numbering?.[lang];
    return assemble(catalog, deal, { ...common, lang, langs, ...(style ? { numbering: style } : {}) });
  };
  const primary = one(langs[0]);
  const secondary = one(langs[1]);
  return {
    model: combineBilingual(primary.model, secondary.model, options.layout ?? "parallel"),
    details: [primary.details, secondary.details],
    warnings: [...primary.warnings, ...secondary.warnings.filter((w) => !primary.warnings.some((p) => p.code === w.code && p.message === w.message))],
  };
}

/** Describes a block's shape for alignment messages: "paragraph", "list of 3 items", "table of 4 rows". */
function shape(b: Block | undefined): string {
  if (!b) return "nothing";
  if (b.kind === "list") return `list of ${b.items.length} item(s)`;
  if (b.kind === "table") return `table of ${b.columns.length} column(s) and ${b.rows.length} row(s)`;
  return b.kind;
}

/** Problems where two block sequences differ in count or kinds. */
function alignBlocks(a: readonly Block[], b: readonly Block[], where: string, clause: string | undefined, langs: readonly [Lang, Lang], problems: Problem[]): void {
  const at = (p: Omit<Problem, "severity" | "code">): void => {
    problems.push({ code: "BILINGUAL_MISALIGNED", severity: "error", ...(clause ? { clause } : {}), ...p });
  };
  if (a.length !== b.length) {
    at({ message: `${where}: ${a.length} block(s) in ${langs[0]} but ${b.length} in ${langs[1]}, so the languages cannot be aligned` });
    return;
  }
  a.forEach((x, i) => {
    const y = b[i];
    if (shape(x) !== shape(y)) at({ message: `${where}, block ${i + 1}: ${shape(x)} in ${langs[0]} but ${shape(y)} in ${langs[1]}` });
  });
}

/**
 * Checks that two language copies of one agreement align clause by clause:
 * the same clause ids in the same order, the same number of sub-clauses (with
 * headings in both or neither), and the same blocks (kind, list items, table
 * rows). Throws a ClausewrightError (`BILINGUAL_MISALIGNED`) naming each clause
 * that differs.
 */
export function checkAlignment(primary: DocumentModel, secondary: DocumentModel): void {
  const langs = [primary.meta.lang, secondary.meta.lang] as const;
  const problems: Problem[] = [];
  alignClauses(primary.clauses, secondary.clauses, "clauses", langs, problems);
  alignClauses(primary.schedules, secondary.schedules, "schedules", langs, problems);
  const [, pFront] = splitTitle(primary.front);
  const [, sFront] = splitTitle(secondary.front);
  alignBlocks(pFront, sFront, "The front matter", undefined, langs, problems);
  if (primary.signatures.parties.length !== secondary.signatures.parties.length) {
    problems.push({
      code: "BILINGUAL_MISALIGNED",
      severity: "error",
      message: `The signature page has ${primary.signatures.parties.length} party block(s) in ${langs[0]} but ${secondary.signatures.parties.length} in ${langs[1]}`,
    });
  }
  const [first, ...rest] = problems;
  if (first) throw new ClausewrightError([first, ...rest]);
}

/** Problems where two lists of clauses (or schedules) differ: ids, sub-clauses, blocks. */
function alignClauses(a: readonly Clause[], b: readonly Clause[], what: string, langs: readonly [Lang, Lang], problems: Problem[]): void {
  const ids = (cs: readonly Clause[]): string => cs.map((c) => c.id).join(", ");
  if (ids(a) !== ids(b)) {
    problems.push({
      code: "BILINGUAL_MISALIGNED",
      severity: "error",
      message: `The ${langs[0]} and ${langs[1]} copies have different ${what}: ${langs[0]} [${ids(a)}], ${langs[1]} [${ids(b)}]`,
      hint: "Every clause needs a template in both languages, chosen by the same conditions.",
    });
    return;
  }
  a.forEach((c, i) => {
    const d = b[i];
    if (!d) return;
    alignBlocks(c.blocks, d.blocks, `Clause "${c.id}"`, c.id, langs, problems);
    if (c.subclauses.length !== d.subclauses.length) {
      problems.push({
        code: "BILINGUAL_MISALIGNED",
        severity: "error",
        clause: c.id,
        message: `Clause "${c.id}" has ${c.subclauses.length} sub-clause(s) in ${langs[0]} but ${d.subclauses.length} in ${langs[1]}`,
      });
      return;
    }
    c.subclauses.forEach((sub, j) => {
      const t = d.subclauses[j];
      if (!t) return;
      const where = `Clause "${c.id}", sub-clause ${sub.number}`;
      if ((sub.title === undefined) !== (t.title === undefined)) {
        problems.push({ code: "BILINGUAL_MISALIGNED", severity: "error", clause: c.id, message: `${where} has a heading in ${sub.title === undefined ? langs[1] : langs[0]} only` });
      }
      alignBlocks(sub.blocks, t.blocks, where, c.id, langs, problems);
    });
  });
}

/** The title block (leading title / subtitle paragraphs) and the rest of the front matter. */
function splitTitle(front: readonly Block[]): [Paragraph[], Block[]] {
  const title: Paragraph[] = [];
  let i = 0;
  for (; i < front.length; i++) {
    const b = front[i];
    if (b?.kind === "paragraph" && (b.role === "title" || b.role === "subtitle")) title.push(b);
    else break;
  }
  return [title, front.slice(i)];
}

const plain = (runs: readonly Run[]): string => runs.map((r) => r.text).join("");

/** Both title blocks, stacked: each primary line, then its translation when the text differs. */
function titleBlock(a: readonly Paragraph[], b: readonly Paragraph[], langs: readonly [Lang, Lang]): Paragraph[] {
  const out: Paragraph[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    // A line both copies share (a reference) is in neither language in particular.
    const same = x !== undefined && y !== undefined && plain(x.runs) === plain(y.runs);
    if (x) out.push(same ? x : { ...x, lang: langs[0] });
    if (y && !same) out.push({ ...y, lang: langs[1] });
  }
  return out;
}

/** A paragraph, list or table marked with its language (an interleaved block or its translation); other blocks as they are. */
function inLang(b: Block, lang: Lang): Block {
  return b.kind === "paragraph" || b.kind === "list" || b.kind === "table" ? { ...b, lang } : b;
}

/** Primary then secondary text, or one of them when both read the same. */
const both = (a: string, b: string, sep: string): string => (a === b ? a : `${a}${sep}${b}`);

/**
 * One party's block in both languages: every line labelled in both, primary
 * first ("Signature / 法定代表人或授权代表（签字）", "姓名 / Name"). Lines pair by
 * what they are for (`kind`); lines without a kind pair in order, lines to
 * sign on with lines to sign on and pre-filled lines with pre-filled lines. A
 * pre-filled value shows once when both copies give the same one; a
 * pre-printed blank ("____年____月____日") is kept from either copy.
 */
function party(p: SignatureParty, q: SignatureParty | undefined): SignatureParty {
  if (!q) return p;
  const rest = [...q.lines];
  const take = (l: SignatureLine): SignatureLine | undefined => {
    const i = rest.findIndex((m) => (l.kind !== undefined && m.kind !== undefined ? m.kind === l.kind : (m.value === undefined) === (l.value === undefined)));
    return i < 0 ? undefined : rest.splice(i, 1)[0];
  };
  const lines = p.lines.map((l): SignatureLine => {
    const m = take(l);
    if (!m) return l;
    const label = both(l.label, m.label, " / ");
    const kind = l.kind !== undefined ? { kind: l.kind } : {};
    if (l.value !== undefined || m.value !== undefined) return { ...kind, label, value: both(l.value ?? m.value ?? "", m.value ?? l.value ?? "", " / ") };
    const blank = l.blank ?? m.blank;
    return { ...kind, label, ...(blank !== undefined ? { blank } : {}) };
  });
  return { role: both(p.role, q.role, " / "), name: both(p.name, q.name, "\n"), lines: [...lines, ...rest] };
}

function signatures(a: SignaturePage, b: SignaturePage): SignaturePage {
  const intro: Run[] = b.intro.length === 0 ? [...a.intro] : a.intro.length === 0 ? [...b.intro] : [...a.intro, { type: "text", text: "\n" }, ...b.intro];
  const noFurther = [a.noFurtherText, b.noFurtherText].filter((t): t is string => t !== undefined && t !== "");
  return {
    heading: both(a.heading, b.heading, " / "),
    intro,
    ...(noFurther.length > 0 ? { noFurtherText: noFurther.join(" ") } : {}),
    // A joined label ends in the second language ("Name / 姓名"), so the separator is that language's: it touches its last word
    // ("姓名：", "Name: "). No separator means the default ": ".
    ...(b.labelSeparator !== undefined ? { labelSeparator: b.labelSeparator } : {}),
    parties: a.parties.map((p, i) => party(p, b.parties[i])),
  };
}

/** Every anchor and reference target of a copy with `-<lang>` appended, so two copies in one document never share one. */
function suffixAnchors(clauses: readonly Clause[], front: readonly Block[], lang: Lang): { clauses: Clause[]; front: Block[] } {
  const sfx = (a: string): string => `${a}-${lang}`;
  const runs = (rs: readonly Run[]): Run[] => rs.map((r) => (r.type === "ref" ? { ...r, target: sfx(r.target) } : r));
  const list = (l: List): List => ({ ...l, items: l.items.map((it) => ({ ...it, runs: runs(it.runs), ...(it.children ? { children: list(it.children) } : {}) })) });
  const content = (b: ContentBlock): ContentBlock => {
    if (b.kind === "paragraph") return { ...b, runs: runs(b.runs), ...(b.anchor !== undefined ? { anchor: sfx(b.anchor) } : {}) };
    if (b.kind === "list") return list(b);
    return { ...b, columns: b.columns.map((c) => ({ ...c, header: runs(c.header) })), rows: b.rows.map((r) => ({ ...r, cells: r.cells.map(runs) })) };
  };
  const block = (b: Block): Block =>
    b.kind === "pageBreak"
      ? b
      : b.kind === "contents"
        ? { ...b, entries: b.entries.map((e) => ({ ...e, anchor: sfx(e.anchor) })) }
        : b.kind === "parallel"
          ? { ...b, cells: [content(b.cells[0]), content(b.cells[1])] }
          : content(b);
  return {
    front: front.map(block),
    clauses: clauses.map((c) => ({
      ...c,
      anchor: sfx(c.anchor),
      blocks: c.blocks.map(block),
      subclauses: c.subclauses.map((s) => ({ ...s, anchor: sfx(s.anchor), blocks: s.blocks.map(block) })),
    })),
  };
}

/** Only paragraphs, lists and tables are paired. */
function content(b: Block, where: string): ContentBlock {
  if (b.kind === "pageBreak" || b.kind === "parallel" || b.kind === "contents") {
    throw new ClausewrightError([{ code: "BILINGUAL_NESTED", severity: "error", message: `${where} is already bilingual and cannot be combined again` }]);
  }
  return b;
}

/** Tables with more columns than this are set full width in a parallel layout. */
const WIDE_TABLE = 2;

/** Both tables of contents in one: each entry's title in both languages. */
function contentsOf(a: Contents, b: Contents): Contents {
  return {
    ...a,
    heading: both(a.heading, b.heading, " / "),
    entries: a.entries.map((e, i) => {
      const f = b.entries[i];
      return f ? { ...e, title: both(e.title, `${f.label} ${f.title}`, " / ") } : e;
    }),
  };
}

function pairBlocks(a: readonly Block[], b: readonly Block[], langs: readonly [Lang, Lang], layout: "parallel" | "interleaved", where: string): Block[] {
  return a.flatMap((x, i): Block[] => {
    const y = b[i];
    if (!y) return [x];
    // A page break stays one page break; the contents list both languages' headings.
    if (x.kind === "pageBreak") return [x];
    if (x.kind === "contents" && y.kind === "contents") return [contentsOf(x, y)];
    // A table of more than two columns does not fit half a page: it keeps the full width, one language after the other.
    if (layout === "parallel" && x.kind === "table" && x.columns.length > WIDE_TABLE) return [inLang(x, langs[0]), inLang(y, langs[1])];
    if (layout === "parallel") return [{ kind: "parallel", langs, cells: [content(x, where), content(y, where)] }];
    return [inLang(x, langs[0]), inLang(y, langs[1])];
  });
}

/**
 * An untitled sub-clause's number leads its first paragraph in each language
 * (a parallel row's two cells, or an interleaved paragraph and its
 * translation), and the primary one carries the anchor; the sub-clause then
 * has nothing left to lead.
 */
function numberFirst(blocks: readonly Block[], number: string, anchor: string | undefined): Block[] {
  const [first, ...rest] = blocks;
  const lead = (p: Paragraph): Paragraph => ({ ...p, number, ...(anchor !== undefined ? { anchor } : {}) });
  if (first?.kind === "paragraph") return [lead(first), ...rest];
  return [lead({ kind: "paragraph", role: "body", runs: [] }), ...blocks];
}

/**
 * Combines two language copies of one agreement into one model that every
 * renderer reads. Pure. The copies must align (see {@link checkAlignment}).
 *
 * - `parallel`: each paragraph, list and table becomes a {@link Parallel}
 *   block (primary left); clause and sub-clause headings get an `alt` heading
 *   drawn beside them. Both columns share one set of anchors. A table of more
 *   than two columns stays full width, the primary one first.
 * - `sequential`: the primary body, then a page break and the secondary
 *   body as `continuation`, whose anchors end in `-<lang>` so links in each
 *   copy stay inside it.
 * - `interleaved`: each block followed by its translation, full width;
 *   each heading is followed by its translation (`alt` with `below`), and
 *   each language keeps its own numbers ("1. Definitions", "第一条 定义与解释").
 *
 * The title block and the signature page carry both languages in every layout.
 */
export function combineBilingual(primary: DocumentModel, secondary: DocumentModel, layout: BilingualLayout): DocumentModel {
  checkAlignment(primary, secondary);
  const langs = [primary.meta.lang, secondary.meta.lang] as const;
  const bilingual: Bilingual = { langs, layout };
  const [pTitle, pFront] = splitTitle(primary.front);
  const [sTitle, sFront] = splitTitle(secondary.front);
  const meta = {
    ...primary.meta,
    bilingual,
    title: both(primary.meta.title, secondary.meta.title, " / "),
  };
  const sigs = signatures(primary.signatures, secondary.signatures);

  if (layout === "sequential") {
    const second = suffixAnchors(secondary.clauses, sFront, langs[1]);
    const secondSchedules = suffixAnchors(secondary.schedules, [], langs[1]).clauses;
    return {
      meta,
      front: [...titleBlock(pTitle, sTitle, langs), ...pFront],
      clauses: primary.clauses,
      continuation: { lang: langs[1], front: [{ kind: "pageBreak" }, ...sTitle.filter((p) => p.role === "title"), ...second.front], clauses: second.clauses },
      signatures: sigs,
      schedules: [...primary.schedules, ...secondSchedules],
    };
  }

  // Each language keeps its own numbers: the second language's heading and sub-clause numbers come from its own copy
  // ("第九条", "附件一", "（二）"), never the primary's. Interleaved headings stack ("9. Liability" over "第九条 责任限制").
  const below = layout === "interleaved" ? { below: true } : {};
  const pair = (c: Clause, d: Clause): Clause => {
    const where = `Clause "${c.id}"`;
    const subclauses: SubClause[] = c.subclauses.map((s, j) => {
      const t = d.subclauses[j] ?? s;
      // An untitled sub-clause's number leads its first paragraph in each language, so the translation carries its own.
      const untitled = s.title === undefined;
      const first = untitled ? numberFirst(s.blocks, s.number, s.anchor) : s.blocks;
      const second = untitled ? numberFirst(t.blocks, t.number, undefined) : t.blocks;
      return { ...s, blocks: pairBlocks(first, second, langs, layout, where), alt: { lang: langs[1], label: t.number, ...(t.title !== undefined ? { title: t.title } : {}), ...below } };
    });
    const blocks = pairBlocks(c.blocks, d.blocks, langs, layout, where);
    return { ...c, blocks, subclauses, alt: { lang: langs[1], label: d.label, title: d.title, ...below } };
  };
  return {
    meta,
    front: [...titleBlock(pTitle, sTitle, langs), ...pairBlocks(pFront, sFront, langs, layout, "The front matter")],
    clauses: primary.clauses.map((c, i) => pair(c, secondary.clauses[i] ?? c)),
    signatures: sigs,
    schedules: primary.schedules.map((c, i) => pair(c, secondary.schedules[i] ?? c)),
  };
}
