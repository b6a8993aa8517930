// Issue 12: Chinese as an equal in every bilingual layout. One draft per deal and layout, shared by the tests below.
import { describe, expect, it } from "vitest";
import { draft, type DraftResult } from "../src/draft.js";
import type { Block, Clause, ContentBlock, Run, Table } from "../src/model/types.js";
import { readDealFile } from "../src/node/deal-file.js";
import { defaultFonts } from "../src/node/fonts.js";
import { columnWidths } from "../src/render/table-widths.js";
import { itWithTools, pdfText } from "./helpers/tools.js";

const fonts = defaultFonts();
const once = <T>(fn: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
};
const run = (deal: string, layout: "parallel" | "sequential" | "interleaved", formats: ("md" | "pdf")[]) =>
  once(async (): Promise<DraftResult<never>> => draft(await readDealFile(`examples/deals/${deal}.yaml`), { lang: "en+zh", layout, fonts, formats }));

// Both deals say Chinese prevails (agreement.prevailingLanguage: zh).
const shanghaiInterleaved = run("shanghai-singapore-shiac", "interleaved", ["md", "pdf"]);
const crmSequential = run("bilingual-crm", "sequential", ["md"]);
const crmParallel = run("bilingual-crm", "parallel", ["pdf"]);

const textOf = (runs: readonly Run[]): string => runs.map((r) => r.text).join("");
const han = (s: string): boolean => /[\u4E00-\u9FFF]/.test(s);
const contentOf = (b: Block): ContentBlock[] => (b.kind === "parallel" ? [...b.cells] : b.kind === "pageBreak" || b.kind === "contents" ? [] : [b]);
const refsOf = (b: ContentBlock): Run[] =>
  b.kind === "paragraph"
    ? b.runs.filter((r) => r.type === "ref")
    : b.kind === "list"
      ? b.items.flatMap((i) => i.runs.filter((r) => r.type === "ref"))
      : b.rows.flatMap((r) => r.cells.flat().filter((x) => x.type === "ref"));
const allBlocks = (cs: readonly Clause[]): Block[] => cs.flatMap((c) => [...c.blocks, ...c.subclauses.flatMap((s) => s.blocks)]);

describe("interleaved layout, Chinese prevailing (shanghai-singapore-shiac)", () => {
  it("puts Chinese first, numbered by its own profile; the English heading follows under it with its own number", async () => {
    const { model } = await shanghaiInterleaved();
    expect(model.meta.bilingual).toEqual({ langs: ["zh", "en"], layout: "interleaved" });
    const first = model.clauses[0]!;
    expect([first.label, first.title, first.alt?.label, first.alt?.title, first.alt?.below]).toEqual(["第一条", "定义与解释", "1.", "Definitions and Interpretation", true]);
    expect(model.clauses.map((c) => c.label).slice(0, 3)).toEqual(["第一条", "第二条", "第三条"]);
    expect(model.schedules.map((s) => [s.label, s.alt?.label])).toEqual([
      ["附件一", "Schedule 1 —"],
      ["附件二", "Schedule 2 —"],
      ["附件三", "Schedule 3 —"],
    ]);
    // Each block is followed by its translation: the Chinese one first.
    const [zh, en] = first.subclauses[0]!.blocks;
    expect(zh?.kind === "paragraph" && textOf(zh.runs)).toBe("除非上下文另有要求，本合同中下列用语具有如下含义：");
    expect(en?.kind === "paragraph" && textOf(en.runs)).toBe("In this Agreement, the following terms have these meanings:");
  });

  it("gives an untitled sub-clause its number in each language, and the Chinese text Chinese cross-references", async () => {
    const { model } = await shanghaiInterleaved();
    const term = model.clauses.find((c) => c.id === "term")!;
    const numbered = term.subclauses[0]!.blocks.slice(0, 2).map((b) => (b.kind === "paragraph" ? [b.number, b.anchor, han(textOf(b.runs))] : []));
    expect(numbered).toEqual([
      ["5.1", "cw-term-initial", true],
      ["5.1", undefined, false],
    ]);
    const refs = allBlocks(model.clauses)
      .flatMap(contentOf)
      .flatMap((b) => refsOf(b).map((r) => ({ text: r.text, zh: han(textOf(b.kind === "paragraph" ? b.runs : [])) })));
    const zhRefs = refs.filter((r) => r.zh).map((r) => r.text);
    expect(zhRefs.length).toBeGreaterThan(5);
    for (const t of zhRefs) expect(t).toMatch(/^(第|附件)/);
    expect(zhRefs.some((t) => /^第[一二三四五六七八九十]+条（合同的解除与终止）$/.test(t))).toBe(true);
  });

  it("writes both headings in Markdown, Chinese first", async () => {
    const { markdown } = await shanghaiInterleaved();
    expect(markdown).toContain("## 第一条 定义与解释 / 1. Definitions and Interpretation");
    expect(markdown).toContain("## 附件一 费用与支付 / Schedule 1 — Fees and Payment");
  });

  itWithTools(["pdftotext"], "draws the Chinese heading, then the English one under it, in the PDF", async () => {
    const text = pdfText((await shanghaiInterleaved()).pdf!, false);
    expect(text).toContain("第一条 定义与解释\n1. Definitions and Interpretation");
    expect(text).toContain("1.1 定义\n1.1 Definitions");
  });
});

describe("sequential layout, Chinese prevailing (bilingual-crm)", () => {
  it("is the Chinese document first, then the English one, each numbered by its own profile", async () => {
    const { model, markdown } = await crmSequential();
    expect(model.meta.bilingual).toEqual({ langs: ["zh", "en"], layout: "sequential" });
    expect(model.clauses.slice(0, 2).map((c) => `${c.label} ${c.title}`)).toEqual(["第一条 定义与解释", "第二条 服务内容与范围"]);
    expect(model.continuation?.lang).toBe("en");
    expect(model.continuation?.clauses.slice(0, 2).map((c) => `${c.label} ${c.title}`)).toEqual(["1. Definitions and Interpretation", "2. Scope of Services"]);
    expect(model.schedules.map((s) => s.label)).toEqual(["附件一", "附件二", "附件三", "Schedule 1 —", "Schedule 2 —", "Schedule 3 —"]);
    expect(markdown!.indexOf("## 第一条 定义与解释")).toBeLessThan(markdown!.indexOf("## 1. Definitions and Interpretation"));
    // The Chinese copy's references are Chinese and point into the Chinese copy.
    const zhRefs = allBlocks(model.clauses).flatMap(contentOf).flatMap(refsOf);
    expect(zhRefs.length).toBeGreaterThan(5);
    for (const r of zhRefs) expect(r.text).toMatch(/^(第|附件)/);
  });
});

describe("the bilingual signature page (bilingual-crm)", () => {
  it("labels every line in both languages, the prevailing one first, and says seal in both", async () => {
    const { model } = await crmSequential();
    const [customer, provider] = model.signatures.parties;
    expect(customer?.role).toBe("甲方（盖章） / CUSTOMER (SEAL)");
    expect(provider?.role).toBe("乙方（盖章） / PROVIDER (SEAL)");
    expect(customer?.lines).toEqual([
      { kind: "signature", label: "法定代表人或授权代表（签字） / Signature" },
      { kind: "name", label: "姓名 / Name", value: "陈明（Chen Ming）" },
      { kind: "title", label: "职务 / Title", value: "总经理" },
      { kind: "date", label: "日期 / Date", blank: "____年____月____日" },
    ]);
    expect(provider?.lines.map((l) => l.label)).toEqual(["法定代表人或授权代表（签字） / Signature", "姓名 / Name", "职务 / Title", "日期 / Date"]);
  });
});

/** Latin tokens of a table's cells: what must never be cut inside ("Customer", an email address, an amount). */
function tokensOf(t: Table): string[] {
  const cells = [...t.columns.map((c) => c.header), ...t.rows.flatMap((r) => r.cells)];
  return cells
    .flatMap((c) => textOf(c).split(/[\s\u4E00-\u9FFF\u3000-\u303F\uFF00-\uFFEF]+/))
    .map((w) => w.replace(/[,;:.()]+$/, ""))
    .filter((w) => w.length >= 4 && /[A-Za-z0-9]/.test(w));
}

describe("table columns sized to their content", () => {
  it("gives each column its longest token when the tokens fit, and fills the width", () => {
    // Everything fits unwrapped: each column its longest line, the spare width in proportion to it.
    expect(
      columnWidths(
        [
          { min: 40, max: 100 },
          { min: 20, max: 50 },
        ],
        300,
      ),
    ).toEqual([200, 100]);
    // The tokens fit, not the lines: a short column (max within width / (n + 1)) keeps its line; the other
    // column starts at its longest token and takes the rest.
    expect(
      columnWidths(
        [
          { min: 30, max: 60 },
          { min: 80, max: 500 },
        ],
        200,
      ),
    ).toEqual([60, 140]);
    // Neither column short: each gets its token, the rest where wrapping costs most (max - min).
    expect(
      columnWidths(
        [
          { min: 80, max: 180 },
          { min: 60, max: 460 },
        ],
        240,
      ),
    ).toEqual([100, 140]);
    // Not even the tokens fit: the widest token gives way, the narrow column keeps its own.
    expect(
      columnWidths(
        [
          { min: 150, max: 200 },
          { min: 50, max: 60 },
        ],
        100,
      ),
    ).toEqual([50, 50]);
    expect(
      columnWidths(
        [
          { min: 150, max: 200 },
          { min: 30, max: 60 },
        ],
        100,
      ),
    ).toEqual([70, 30]);
  });

  itWithTools(["pdftotext"], "never cuts a word, an email or an amount in a PDF table, in half-width parallel columns either", async () => {
    for (const get of [crmParallel, shanghaiInterleaved]) {
      const { model, pdf } = await get();
      const tables = [...model.front, ...allBlocks(model.clauses), ...allBlocks(model.schedules)].flatMap(contentOf).filter((b): b is Table => b.kind === "table");
      const tokens = new Set(tables.flatMap(tokensOf));
      expect(tokens.size).toBeGreaterThan(20);
      // A cut token leaves both of its pieces as words of the PDF text ("Custome" and "r"); a break after a hyphen is allowed.
      const text = pdfText(pdf!, false);
      const words = new Set(text.split(/\s+/));
      // A cut leaves the first piece at the end of a line and the second at the start of one (pdftotext
      // prints a table's cells in turn, so not always the next line): "Are" and "a" as words of their
      // own ("How Targets Are Measured", "a Party") are no cut of "Area".
      const lines = text.split("\n").map((l) => l.trim());
      const ends = (a: string): boolean => lines.some((l) => l.endsWith(a) && !/[A-Za-z]/.test(l.charAt(l.length - a.length - 1)));
      const starts = (b: string): boolean => lines.some((l) => l.startsWith(b) && !/[A-Za-z]/.test(l.charAt(b.length)));
      const across = (a: string, b: string): boolean => ends(a) && starts(b);
      // Only tokens with letters: numbers' pieces ("20", "27") are words of their own elsewhere in the text.
      const cut = [...tokens]
        .filter((t) => /[A-Za-z]/.test(t))
        .flatMap((t) =>
          Array.from({ length: t.length - 1 }, (_, k) => k + 1)
            .filter((k) => t[k - 1] !== "-" && words.has(t.slice(0, k)) && words.has(t.slice(k)) && across(t.slice(0, k), t.slice(k)))
            .map((k) => `${t.slice(0, k)}/${t.slice(k)}`),
        );
      expect(cut).toEqual([]);
      // Amounts and other numbers come out whole.
      const numbers = [...tokens].filter((t) => /^[\d,.%]+$/.test(t));
      const whole = (t: string): boolean => new RegExp(`(^|[^\\d,.])${t.replace(/[.]/g, "\\.")}($|[^\\d])`, "m").test(text);
      expect(numbers.filter((t) => !whole(t))).toEqual([]);
    }
    const shanghai = pdfText((await shanghaiInterleaved()).pdf!, false);
    expect(shanghai).toContain("legal@merlioncloud.example");
    expect(shanghai).toContain("guyan@huayue.example");
  });
});
