import Big from "big.js";
import type { Block, Clause, DocumentModel, Lang, Run, SubClause, Table } from "../../model/types.js";
import { formatDate, termEnd, type DateStyle } from "../../text/dates.js";
import { parseDataPath } from "../../template/helpers.js";
import type { CheckedDocument, Finding, Rule } from "../types.js";
import { both, defineRule } from "../util.js";

/**
 * Document rules for internal consistency (issue 11: "what the deal says is
 * what the agreement says"). Each looks at the assembled agreement, so a pack
 * or a deal that brings the defect back is caught whatever its wording.
 */

const group = "document";

// ---------------------------------------------------------------------------
// Walking a document.

const text = (runs: readonly Run[]): string => runs.map((r) => r.text).join("");

/** A top-level clause or schedule of a document with everything it holds. */
function sections(model: DocumentModel): readonly Clause[] {
  return [...model.clauses, ...(model.continuation?.clauses ?? []), ...model.schedules];
}

/** Every block of a clause, its own and its sub-clauses' (parallel cells included). */
function blocksOf(c: Clause): Block[] {
  const out: Block[] = [];
  const add = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      if (b.kind === "parallel") add(b.cells);
      else out.push(b);
    }
  };
  add(c.blocks);
  for (const s of c.subclauses) add(s.blocks);
  return out;
}

/** Units of running text: each paragraph, list item and table row (cells joined by " | "), with its clause id ("" for the front matter). */
function unitsOf(model: DocumentModel): { clause: string; text: string }[] {
  const out: { clause: string; text: string }[] = [];
  const add = (clause: string, blocks: readonly Block[]): void => {
    for (const b of blocks) {
      if (b.kind === "paragraph") out.push({ clause, text: text(b.runs) });
      else if (b.kind === "parallel") add(clause, b.cells);
      else if (b.kind === "table") for (const r of b.rows) out.push({ clause, text: r.cells.map(text).join(" | ") });
      else if (b.kind === "list") {
        const walk = (items: typeof b.items): void => {
          for (const it of items) {
            out.push({ clause, text: text(it.runs) });
            if (it.children) walk(it.children.items);
          }
        };
        walk(b.items);
      }
    }
  };
  add("", model.front);
  add("", model.continuation?.front ?? []);
  for (const c of sections(model)) add(c.id, blocksOf(c));
  return out;
}

const langName = (lang: Lang) => (lang === "zh" ? both("Chinese", "中文") : both("English", "英文"));

const clauseName = (c: Clause): string => `${c.label} ${c.title}`.trim();

// ---------------------------------------------------------------------------
// G2: fee tables add up.

/** An amount as printed in either language: "USD 1,000.00", "人民币1,000.00元", "EUR 5.00 (Five Euros)", "1,000". */
const AMOUNT = /^([A-Z]{3}\s+|[\u3400-\u9fff]+)?(-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?)(元)?(?:\s*[((].*[))])?$/u;

/** The currency (as printed) and exact amount of a table cell; undefined when the cell is not an amount. */
export function parseAmount(cell: string): { currency: string; amount: Big } | undefined {
  const m = AMOUNT.exec(cell.trim());
  if (!m || m[2] === undefined) return undefined;
  const name = (m[1] ?? "").trim();
  return { currency: name + (m[3] ?? ""), amount: new Big(m[2].replace(/,/g, "")) };
}

/** One total row that does not add up. */
export interface TotalMismatch {
  readonly row: number;
  readonly column: number;
  readonly label: string;
  readonly printed: string;
  readonly expected: Big;
  readonly currency: string;
}

/**
 * The total rows (TableRow.emphasis, a first cell "!" in the markup) of a
 * table whose amounts do not add up. In each column where a total row holds an
 * amount: a total row that follows item rows must equal the sum of the items
 * since the previous total row (a subtotal of its section); a total row that
 * directly follows other total rows must equal the sum of those section totals
 * (since the last such grand total). Only the first wrong total of a column is
 * returned (the totals after it build on it). Empty cells count as nothing; a column
 * with a non-empty cell that is not an amount, or with two currencies, is not
 * checked (it cannot be summed without more knowledge).
 */
export function tableMismatches(table: Table): TotalMismatch[] {
  const out: TotalMismatch[] = [];
  const columns = table.columns.length;
  for (let col = 0; col < columns; col++) {
    if (!table.rows.some((r) => r.emphasis && parseAmount(text(r.cells[col] ?? [])))) continue;
    const parsed = table.rows.map((r) => {
      const t = text(r.cells[col] ?? []).trim();
      return t === "" ? null : parseAmount(t);
    });
    if (parsed.some((p) => p === undefined)) continue;
    const currencies = new Set(parsed.flatMap((p) => (p ? [p.currency] : [])));
    if (currencies.size > 1) continue;
    let items: Big[] = [];
    let sectionTotals: Big[] = [];
    table.rows.forEach((row, i) => {
      const cell = parsed[i];
      if (!row.emphasis) {
        if (cell) items.push(cell.amount);
        return;
      }
      if (!cell) return;
      let expected: Big | undefined;
      if (items.length > 0) {
        expected = items.reduce((a, b) => a.plus(b), new Big(0));
        sectionTotals.push(cell.amount);
      } else if (sectionTotals.length > 0) {
        expected = sectionTotals.reduce((a, b) => a.plus(b), new Big(0));
        sectionTotals = [cell.amount];
      } else {
        sectionTotals.push(cell.amount);
      }
      items = [];
      // Only the first wrong total of a column: every total after it is measured against it and would only echo it.
      if (expected && !expected.eq(cell.amount) && !out.some((m) => m.column === col)) {
        out.push({ row: i, column: col, label: text(row.cells[0] ?? []).trim(), printed: text(row.cells[col] ?? []).trim(), expected, currency: cell.currency });
      }
    });
  }
  return out;
}

const feeTotals = defineRule({
  id: "G2",
  group,
  // An error: a fee table whose amounts do not make its total states two prices for the same thing.
  severity: "error",
  scope: "document",
  message: both(
    'In the {lang} text, the total "{label}" in table {table} of {clause} is {printed}, but the amounts above it add up to {expected}',
    "{lang}文本中，{clause}第{table}个表格的合计“{label}”为{printed}，但其上各项金额合计为{expected}",
  ),
  paths: ["fees.lines"],
  hint: both(
    "A total row must add up the rows above it (a subtotal the items since the previous total, a grand total the subtotals): list the items each total covers above it, in the same units (e.g. per year), or label the row as something other than a total.",
    "合计行须等于其上各行之和（小计为上一合计行以来的各项，总计为各小计）：请在每个合计行上方列出其涵盖的各项，并使用相同单位（如每年），或不要将该行标为合计。",
  ),
  check: (_deal, ctx) => {
    const out: Finding[] = [];
    for (const doc of ctx.documents ?? []) {
      for (const c of sections(doc.model)) {
        const tables = blocksOf(c).filter((b): b is Table => b.kind === "table");
        tables.forEach((t, ti) => {
          for (const m of tableMismatches(t)) {
            // The expected sum in the printed cell's own format ("USD 1,000.00", "人民币1,000.00元").
            const printed = m.printed.replace(/\s*[((].*[))]$/u, "");
            const expected = printed.replace(/-?\d[\d,]*(?:\.\d+)?/, groupDigits(m.expected.toFixed(Math.max(2, decimals(printed)))));
            out.push({ path: [], clause: c.id, params: { lang: langName(doc.lang), label: m.label, table: ti + 1, clause: clauseName(c), printed: m.printed, expected } });
          }
        });
      }
    }
    return out;
  },
});

function decimals(s: string): number {
  const m = /\.(\d+)/.exec(s);
  return m?.[1]?.length ?? 0;
}

function groupDigits(fixed: string): string {
  const [int = "0", frac] = fixed.split(".");
  const neg = int.startsWith("-");
  const g = (neg ? int.slice(1) : int).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${g}${frac === undefined ? "" : `.${frac}`}`;
}

// ---------------------------------------------------------------------------
// G3: the initial term ends on the date the deal gives.

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const DATE_PATTERNS: Readonly<Record<DateStyle, RegExp>> = {
  "en-GB": new RegExp(`\\b\\d{1,2} (?:${MONTHS}) \\d{4}\\b`, "g"),
  "en-US": new RegExp(`\\b(?:${MONTHS}) \\d{1,2}, \\d{4}\\b`, "g"),
  zh: /\d{4}年\d{1,2}月\d{1,2}日/g,
};
/** Words that make the date after them an end date: "ending on", "expires on", "until"… */
const EN_END_BEFORE = /\b(?:ending|ends|end|expiring|expires|expire|terminating|terminates|until|through|to)\s+(?:on\s+)?(?:and\s+including\s+)?$/i;
/** Chinese: 至<date>届满 / 止 / 终止 / 结束, or <date>届满. */
const ZH_END_AFTER = /^(?:届满|止|终止|结束)/;
const INITIAL_TERM = /initial term|初始期限/i;

/** Dates the document prints as the end of the initial term: in a unit that names the initial term, a date right after an end phrase (or, in Chinese, right before 届满/止). */
export function initialTermEndDates(doc: CheckedDocument): { clause: string; date: string }[] {
  const style = doc.dateStyle ?? (doc.lang === "zh" ? "zh" : "en-GB");
  const pattern = DATE_PATTERNS[style];
  const out: { clause: string; date: string }[] = [];
  for (const u of unitsOf(doc.model)) {
    if (!INITIAL_TERM.test(u.text)) continue;
    for (const m of u.text.matchAll(pattern)) {
      const at = m.index ?? 0;
      const before = u.text.slice(Math.max(0, at - 40), at);
      const after = u.text.slice(at + m[0].length);
      const isEnd = style === "zh" ? ZH_END_AFTER.test(after) : EN_END_BEFORE.test(before);
      if (isEnd) out.push({ clause: u.clause, date: m[0] });
    }
  }
  return out;
}

const termEndDate = defineRule({
  id: "G3",
  group,
  severity: "error",
  scope: "document",
  message: both(
    "The {lang} text says the initial term ends on {printed} ({where}), but a term of {months} months from {start} ends on {expected}",
    "{lang}文本（{where}）载明初始期限于{printed}届满，但自{start}起{months}个月的期限应于{expected}届满",
  ),
  paths: ["agreement.effectiveDate", "agreement.initialTermMonths"],
  hint: both(
    "Print the end of the initial term with {{date computed.initialTermEnd}} rather than typing or computing it in the template.",
    "请用 {{date computed.initialTermEnd}} 写出初始期限届满日，不要在模板中手写或自行计算。",
  ),
  check: (deal, ctx) => {
    const out: Finding[] = [];
    const a = deal.agreement;
    const end = termEnd(a.effectiveDate, a.initialTermMonths);
    for (const doc of ctx.documents ?? []) {
      const style = doc.dateStyle ?? (doc.lang === "zh" ? "zh" : "en-GB");
      const expected = formatDate(end, style);
      // Other dates a clause printed from the deal (a pilot's end, a milestone) are theirs, not the term's.
      const otherDates = new Set<string>();
      for (const c of doc.clauses) {
        for (const p of c.printed ?? []) {
          if (p.helper !== "date" || p.path === "computed.initialTermEnd") continue;
          const value = valueAt(deal, p.path);
          if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) otherDates.add(formatDate(value, style));
        }
      }
      for (const found of initialTermEndDates(doc)) {
        if (found.date === expected || otherDates.has(found.date)) continue;
        out.push({
          path: ["agreement", "initialTermMonths"],
          ...(found.clause ? { clause: found.clause } : {}),
          params: {
            lang: langName(doc.lang),
            printed: found.date,
            where: found.clause ? both(`clause "${found.clause}"`, `条款“${found.clause}”`) : both("the order form", "订单"),
            months: a.initialTermMonths,
            start: formatDate(a.effectiveDate, style),
            expected,
          },
        });
      }
    }
    return out;
  },
});

function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const seg of parseDataPath(path)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

// ---------------------------------------------------------------------------
// G4: a deadline stated in two places.

const statedTwice = defineRule({
  id: "G4",
  group,
  severity: "warning",
  scope: "document",
  message: both(
    "{path} is stated in {count} clauses ({clauses}): a period defined in two places can drift apart when one is edited",
    "{path} 在{count}个条款（{clauses}）中分别写出：同一期限在两处定义，修改其中一处时容易不一致",
  ),
  paths: [],
  hint: both(
    "State the period once, in the clause that governs it, and refer to that clause elsewhere with {{ref}}. The order form is a summary and does not count.",
    "请只在规定该期限的条款中写明一次，其他位置以 {{ref}} 援引该条款。订单为摘要，不计在内。",
  ),
  check: (_deal, ctx) => {
    const out: Finding[] = [];
    const reported = new Set<string>();
    for (const doc of ctx.documents ?? []) {
      const where = new Map<string, string[]>();
      for (const c of doc.clauses) {
        // The cover (order form) summarises the terms; the signature lead-in states none.
        if (c.placement !== "body" && c.placement !== "front" && c.placement !== "schedule") continue;
        for (const p of c.printed ?? []) {
          if (p.helper !== "period") continue;
          const list = where.get(p.path) ?? [];
          if (!list.includes(c.id)) list.push(c.id);
          where.set(p.path, list);
        }
      }
      for (const [path, clauses] of where) {
        if (clauses.length < 2 || reported.has(path)) continue;
        reported.add(path);
        out.push({ path: parseDataPath(path), clause: clauses[1] ?? "", params: { path, count: clauses.length, clauses: clauses.join(", ") } });
      }
    }
    return out;
  },
});

// ---------------------------------------------------------------------------
// G5: the order of precedence covers the data-protection terms.

/** Every anchor inside a clause: its own, its sub-clauses', and anchored paragraphs. */
function anchorsIn(c: Clause): Set<string> {
  const out = new Set<string>([c.anchor]);
  const add = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      if (b.kind === "paragraph" && b.anchor) out.add(b.anchor);
      if (b.kind === "parallel") add(b.cells);
    }
  };
  add(c.blocks);
  c.subclauses.forEach((s: SubClause) => {
    out.add(s.anchor);
    add(s.blocks);
  });
  return out;
}

/** Targets of every cross-reference in a clause. */
function refTargets(c: Clause): Set<string> {
  const out = new Set<string>();
  const fromRuns = (runs: readonly Run[]): void => {
    for (const r of runs) if (r.type === "ref") out.add(r.target);
  };
  for (const b of blocksOf(c)) {
    if (b.kind === "paragraph") fromRuns(b.runs);
    else if (b.kind === "table") for (const r of b.rows) for (const cell of r.cells) fromRuns(cell);
    else if (b.kind === "list") {
      const walk = (items: typeof b.items): void => {
        for (const it of items) {
          fromRuns(it.runs);
          if (it.children) walk(it.children.items);
        }
      };
      walk(b.items);
    }
  }
  return out;
}

const precedenceCoversDataProtection = defineRule({
  id: "G5",
  group,
  // An error: terms a data-protection law requires must prevail wherever they sit, or a conflicting commercial term could override them.
  severity: "error",
  scope: "document",
  message: both(
    'The order-of-precedence clause of the {lang} text does not refer to "{title}", so it does not say that the data-protection terms prevail',
    "{lang}文本的文件效力顺序条款未援引“{title}”，因此未载明数据保护条款优先适用",
  ),
  paths: ["privacy.regimes"],
  hint: both(
    'Make the precedence clause refer to every data-protection clause (with {{ref "clause-id"}}), so the terms a data-protection law requires prevail.',
    '请在文件效力顺序条款中用 {{ref "条款id"}} 援引每一个数据保护条款，使数据保护法律要求的条款优先适用。',
  ),
  check: (_deal, ctx) => {
    const out: Finding[] = [];
    for (const doc of ctx.documents ?? []) {
      const all = sections(doc.model);
      const precedence = all.find((c) => c.id === "precedence");
      if (!precedence) continue;
      const targets = refTargets(precedence);
      for (const checked of doc.clauses) {
        if (checked.category !== "data-protection") continue;
        const clause = all.find((c) => c.id === checked.id);
        if (!clause) continue;
        const anchors = anchorsIn(clause);
        if ([...targets].some((t) => anchors.has(t))) continue;
        out.push({ path: ["privacy", "regimes"], clause: checked.id, params: { lang: langName(doc.lang), title: clauseName(clause) } });
      }
    }
    return out;
  },
});

/** The internal-consistency rules: fee totals (G2), the initial term's end (G3), a period stated twice (G4), precedence over data protection (G5). */
export const consistencyRules: readonly Rule[] = [feeTotals, termEndDate, statedTwice, precedenceCoversDataProtection];
