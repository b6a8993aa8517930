/**
 * Redline models built by hand for renderer tests: a normal draft's model with a few runs and
 * units marked as inserted or deleted, as the redline model marks them (see `Change` in
 * src/model/types.ts), so the renderers can be tested without the diff.
 */
import type { Block, Change, Clause, ContentBlock, DocumentModel, Lang, ListItem, Run, SignatureLine } from "../../src/model/types.js";
import { markItem, markRow, markSub } from "../../src/redline/mark.js";

/** A text as one run, marked with `change` when given. */
export function run(text: string, change?: Change): Run {
  return change === undefined ? { type: "text", text } : { type: "text", text, change };
}

/**
 * The runs with the first match of `pattern` in a text run deleted and `replacement(match)`
 * inserted after it, as a word-level change inside a run; throws when nothing matches.
 */
export function replaceFirst(runs: readonly Run[], pattern: RegExp, replacement: (old: string) => string): Run[] {
  const i = runs.findIndex((r) => r.type === "text" && pattern.test(r.text));
  const r = runs[i];
  const m = r ? pattern.exec(r.text) : null;
  if (!r || !m) throw new Error(`no run matches ${pattern}`);
  const before = r.text.slice(0, m.index);
  const after = r.text.slice(m.index + m[0].length);
  const pieces: Run[] = [];
  if (before) pieces.push({ ...r, text: before });
  pieces.push({ ...r, text: m[0], change: "delete" }, { ...r, text: replacement(m[0]), change: "insert" });
  if (after) pieces.push({ ...r, text: after });
  return [...runs.slice(0, i), ...pieces, ...runs.slice(i + 1)];
}

/**
 * Applies `fn` to a content block with its language: to the block itself, or to both cells of a
 * parallel unit (each with its own language).
 */
export function eachCell(b: Block, lang: Lang, fn: (cell: ContentBlock, lang: Lang) => ContentBlock): Block {
  if (b.kind === "parallel") return { ...b, cells: [fn(b.cells[0], b.langs[0]), fn(b.cells[1], b.langs[1])] };
  if (b.kind === "paragraph" || b.kind === "list" || b.kind === "table") return fn(b, lang);
  return b;
}

/** The words the scenario adds, per language. */
const WORDS: Record<Lang, { titleSuffix: string; item: string; clauseTitle: string; clauseText: string; label: (n: string) => string; itemLabel: string; signatory: string }> = {
  en: {
    titleSuffix: " and Indemnity",
    item: "premium Modules, which are not yet available.",
    clauseTitle: "Non-Solicitation",
    clauseText: "Neither Party will solicit the other Party's employees during the term.",
    label: (n) => `${n}.`,
    itemLabel: "(d)",
    signatory: "Jane Roe",
  },
  zh: {
    titleSuffix: "与赔偿",
    item: "高级功能模块，尚未上线。",
    clauseTitle: "禁止招揽",
    clauseText: "在合同期限内，任何一方均不得招揽另一方的员工。",
    label: (n) => `第${n}条`,
    itemLabel: "（四）",
    signatory: "王五",
  },
};

/**
 * A redline of an example draft (any language or layout), marking one of each kind of change:
 * - `term` (5.1): the first number in its first paragraph replaced (+12), inside a run;
 * - `liability`: a title with an insertion (both languages' headings);
 * - `modules` (3.1): the list's second item deleted, an item inserted after the third;
 * - `support` (10.3): the table's first row deleted, the last cell of the second changed;
 * - `general` (34.2): the second sub-clause deleted;
 * - a clause "32A" inserted after `severability`;
 * - the signatures: the provider's name and the customer signatory's name changed.
 * `meta.redline` says 14 changes.
 */
export function redlineScenario(model: DocumentModel): DocumentModel {
  const primary = model.meta.lang;
  const words = (lang: Lang) => WORDS[lang];
  const plus12 = (n: string): string => String(Number(n) + 12);
  const clauses = model.clauses.flatMap((c): Clause[] => {
    switch (c.id) {
      case "term": {
        const [first, ...rest] = c.subclauses;
        if (!first) throw new Error("term has no sub-clause");
        const [b, ...bs] = first.blocks;
        if (!b) throw new Error("term 5.1 has no block");
        const changed = eachCell(b, primary, (cell) => (cell.kind === "paragraph" ? { ...cell, runs: replaceFirst(cell.runs, /\d+/, plus12) } : cell));
        return [{ ...c, subclauses: [{ ...first, blocks: [changed, ...bs] }, ...rest] }];
      }
      case "liability":
        return [
          {
            ...c,
            titleRuns: [run(c.title), run(words(primary).titleSuffix, "insert")],
            ...(c.alt ? { alt: { ...c.alt, titleRuns: [run(c.alt.title ?? ""), run(words(c.alt.lang).titleSuffix, "insert")] } } : {}),
          },
        ];
      case "modules": {
        const [first, ...rest] = c.subclauses;
        if (!first) throw new Error("modules has no sub-clause");
        const blocks = first.blocks.map((b) =>
          eachCell(b, primary, (cell, lang) => {
            if (cell.kind !== "list") return cell;
            const [a, del, third, ...more] = cell.items;
            if (!a || !del || !third) throw new Error("modules 3.1 has fewer than three items");
            const inserted: ListItem = { label: words(lang).itemLabel, runs: [run(words(lang).item, "insert")], change: "insert" };
            return { ...cell, items: [a, markItem(del, "delete"), third, inserted, ...more] };
          }),
        );
        return [{ ...c, subclauses: [{ ...first, blocks }, ...rest] }];
      }
      case "support":
        return [
          {
            ...c,
            subclauses: c.subclauses.map((s, i) =>
              i !== 2
                ? s
                : {
                    ...s,
                    blocks: s.blocks.map((b) =>
                      eachCell(b, primary, (cell) => {
                        if (cell.kind !== "table") return cell;
                        const [row1, row2, ...rows] = cell.rows;
                        if (!row1 || !row2) throw new Error("support 10.3 has fewer than two rows");
                        const last = row2.cells.length - 1;
                        const cells = row2.cells.map((rs, k) => (k === last ? replaceFirst(rs, /\d+/, plus12) : rs));
                        return { ...cell, rows: [markRow(row1, "delete"), { ...row2, cells }, ...rows] };
                      }),
                    ),
                  },
            ),
          },
        ];
      case "general":
        return [{ ...c, subclauses: c.subclauses.map((s, i) => (i === 1 ? markSub(s, "delete") : s)) }];
      case "severability": {
        const paragraph = (lang: Lang): ContentBlock => ({ kind: "paragraph", role: "body", runs: [run(words(lang).clauseText, "insert")], change: "insert" });
        const alt = c.alt;
        const block: Block = alt ? { kind: "parallel", langs: [primary, alt.lang], cells: [paragraph(primary), paragraph(alt.lang)], change: "insert" } : paragraph(primary);
        const inserted: Clause = {
          id: "non-solicitation",
          anchor: "cw-non-solicitation",
          number: `${c.number}A`,
          label: words(primary).label(`${c.number}A`),
          title: words(primary).clauseTitle,
          titleRuns: [run(words(primary).clauseTitle, "insert")],
          change: "insert",
          blocks: [block],
          subclauses: [],
          ...(alt ? { alt: { ...alt, label: words(alt.lang).label(`${c.number}A`), title: words(alt.lang).clauseTitle, titleRuns: [run(words(alt.lang).clauseTitle, "insert")] } } : {}),
        };
        // Its alt anchor must differ from the copied one's, as every anchor does.
        const fixed = inserted.alt?.anchor !== undefined ? { ...inserted, alt: { ...inserted.alt, anchor: "cw-non-solicitation-alt" } } : inserted;
        return [c, fixed];
      }
      default:
        return [c];
    }
  });
  const [customer, provider, ...others] = model.signatures.parties;
  if (!customer || !provider) throw new Error("fewer than two parties");
  const signatory = (l: SignatureLine): SignatureLine =>
    l.kind === "name" && l.value ? { ...l, value: words(primary).signatory, valueRuns: [run(l.value, "delete"), run(words(primary).signatory, "insert")] } : l;
  const nameRuns = replaceFirst([run(provider.name)], /\S+$/u, () => "Limited");
  return {
    ...model,
    meta: { ...model.meta, redline: { author: "Test", date: model.meta.createdAt, changes: 14 } },
    clauses,
    signatures: { ...model.signatures, parties: [{ ...customer, lines: customer.lines.map(signatory) }, { ...provider, nameRuns }, ...others] },
  };
}
