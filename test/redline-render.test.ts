/**
 * A redline's change marks in the PDF and Markdown renderers: redline models built by hand from
 * example drafts (test/helpers/redline-marks.ts), in English, Chinese and bilingual parallel.
 * Markdown is asserted as text, CriticMarkup included; the PDF by its extracted text and by the
 * lines drawn in its (inflated) content streams. Drafts with no changes are covered by every
 * other renderer test, which this must leave byte for byte as they were.
 */
import { inflateSync } from "node:zlib";
import MarkdownIt from "markdown-it";
import { beforeAll, describe, expect, it } from "vitest";
import { draft } from "../src/draft.js";
import type { DocumentModel, Run } from "../src/model/types.js";
import { readDealFile } from "../src/node/deal-file.js";
import { defaultFonts } from "../src/node/fonts.js";
import { renderMarkdown } from "../src/render/markdown/index.js";
import { renderPdf } from "../src/render/pdf/index.js";
import { setText, type Metrics } from "../src/render/pdf/typeset.js";
import { LAYOUT } from "../src/render/pdf/writer.js";
import { redlineScenario } from "./helpers/redline-marks.js";
import { itWithTools, pdfText } from "./helpers/tools.js";
import type * as fontkit from "fontkit";

/** The customer's name with a fake insertion mark: data that must not become one. */
const FAKE = "Thameside {++Homecare++} Services Limited";

let en: DocumentModel;
let zh: DocumentModel;
let bilingual: DocumentModel;

beforeAll(async () => {
  const england = await readDealFile("examples/deals/england-saas.yaml");
  const faked = { ...england, customer: { ...england.customer, legalName: FAKE } };
  const both = await readDealFile("examples/deals/bilingual-crm.yaml");
  const [a, b, c] = await Promise.all([draft(faked, { formats: ["md"], lang: "en" }), draft(england, { formats: ["md"], lang: "zh" }), draft(both, { formats: ["md"], lang: "en+zh" })]);
  en = a.model;
  zh = b.model;
  bilingual = c.model;
});

/** Every CriticMarkup mark in a text, as a CriticMarkup processor finds them: `+text` or `-text`, in order. */
function criticMarks(md: string): string[] {
  return [...md.matchAll(/\{(\+\+|--)(.*?)(?:\+\+|--)\}/gs)].map((m) => `${m[1] === "++" ? "+" : "-"}${m[2]}`);
}

/** The lines of `md` that contain `needle`. */
const linesWith = (md: string, needle: string): string[] => md.split("\n").filter((l) => l.includes(needle));

describe("Markdown: CriticMarkup", () => {
  it("English: each kind of change, exactly, and the notation on the first line", () => {
    const md = renderMarkdown(redlineScenario(en));
    expect(md.split("\n")[0]).toBe("Redline (CriticMarkup): {++inserted++}, {--deleted--} — 14 changes");
    expect(linesWith(md, "optional Modules, which")).toEqual(["- {--(b) optional Modules, which the Customer has chosen in addition to the base Modules; and--}"]);
    expect(linesWith(md, "premium")).toEqual(["- {++(d) premium Modules, which are not yet available.++}"]);
    expect(linesWith(md, "initial term of")).toEqual([
      '<a id="cw-term-initial"></a>**5.1** This Agreement starts on the Effective Date and continues for an initial term of thirty-six ({--36--}{++48++}) months, ending on 31 January 2030 (the **"Initial Term"**), unless terminated earlier under [clause 22 (Termination)](#cw-termination).',
    ]);
    expect([...linesWith(md, "P1--}"), ...linesWith(md, "| P2 |")]).toEqual([
      "| {--P1--} | {--the Service is down or a critical function is unavailable for many users, with no workaround--} | {--1 hour--} | {--8 hours--} |",
      "| P2 | a major function is impaired with a severe effect on the Customer's business | 4 hours | {--24--}{++36++} hours |",
    ]);
    expect(linesWith(md, "## ").filter((l) => /Liability|Solicitation|Publicity/.test(l) && !l.includes("Unlimited"))).toEqual([
      "## 20. Limitation of Liability{++ and Indemnity++}",
      "### 20.2 Liability Cap",
      "## {++32A. Non-Solicitation++}",
      "### {--34.2 Publicity--}",
    ]);
    expect(linesWith(md, "solicit the other")).toEqual(["{++Neither Party will solicit the other Party's employees during the term.++}"]);
    expect(linesWith(md, "Oliver Pratt")).toEqual(["Name: {--Oliver Pratt--}{++Jane Roe++}  "]);
    expect(linesWith(md, "Ledgerline Software {")).toEqual(["**Ledgerline Software {--Ltd--}{++Limited++}**  "]);
  });

  it("a deal value with {++…++} in it stays text: escaped, no mark, shown literally", () => {
    const md = renderMarkdown(redlineScenario(en));
    expect(linesWith(md, "Homecare").length).toBeGreaterThan(2);
    for (const line of linesWith(md, "Homecare")) expect(line).toContain("Thameside {\\++Homecare+\\+} Services Limited");
    // The marks a CriticMarkup processor finds are the scenario's, and no more.
    expect(criticMarks(md)).toEqual([
      "+inserted",
      "-deleted",
      "-(b) optional Modules, which the Customer has chosen in addition to the base Modules; and",
      "+(d) premium Modules, which are not yet available.",
      "-36",
      "+48",
      "-P1",
      "-the Service is down or a critical function is unavailable for many users, with no workaround",
      "-1 hour",
      "-8 hours",
      "-24",
      "+36",
      "+ and Indemnity",
      "+32A. Non-Solicitation",
      "+Neither Party will solicit the other Party's employees during the term.",
      "-34.2 Publicity",
      "-Neither Party may use the other's name, logo or trademarks, or make any public statement about this Agreement, without the other's prior written approval.",
      "-Oliver Pratt",
      "+Jane Roe",
      "-Ltd",
      "+Limited",
    ]);
    // A Markdown reader shows the name as it is.
    const html = new MarkdownIt({ html: true }).render(md.split("\n").find((l) => l.startsWith("**Thameside")) ?? "");
    expect(html).toBe("<p><strong>Thameside {++Homecare++} Services Limited</strong></p>\n");
  });

  it("a mark split across runs is escaped too, and marks keep emphasis and links inside", () => {
    const t = (text: string, extra: Partial<Run> = {}): Run => ({ type: "text", text, ...extra }) as Run;
    const model: DocumentModel = {
      ...en,
      meta: { ...en.meta, redline: { author: "A", date: en.meta.createdAt, changes: 1 } },
      front: [
        { kind: "paragraph", role: "body", runs: [t("a {"), t("+"), t("+b+"), t("+} c -"), t("-}")] },
        {
          kind: "paragraph",
          role: "body",
          runs: [
            t("Pay "),
            t("within ", { change: "delete" }),
            t("30", { bold: true, change: "delete" }),
            t("60", { bold: true, change: "insert" }),
            t(" days"),
            { type: "ref", target: "x", text: "clause 4", change: "insert" },
          ],
        },
      ],
      clauses: [],
      schedules: [],
    };
    const md = renderMarkdown(model);
    expect(md.split("\n\n").slice(1, 3)).toEqual(["a {\\++b+\\+} c -\\-}", "Pay {--within **30**--}{++**60**++} days{++[clause 4](#x)++}"]);
    expect(criticMarks(md.split("\n\n")[1] ?? "")).toEqual([]);
  });

  it("Chinese and bilingual: the notation in each language, headings of both languages marked", () => {
    const zmd = renderMarkdown(redlineScenario(zh));
    expect(zmd.split("\n")[0]).toBe("修订稿（CriticMarkup 标记）：{++新增内容++}，{--删除内容--}（共14处修订）");
    expect(linesWith(zmd, "初始期限为")[0]).toContain("初始期限为{--36--}{++48++}个月");
    expect(linesWith(zmd, "高级功能模块")).toEqual(["- {++（四） 高级功能模块，尚未上线。++}"]);
    expect(linesWith(zmd, "姓名")).toEqual(["姓名：{--Oliver Pratt--}{++王五++}  ", "姓名：Hannah Cole  "]);
    const bmd = renderMarkdown(redlineScenario(bilingual));
    expect(bmd.split("\n")[0]).toBe("修订稿（CriticMarkup 标记）：{++新增内容++}，{--删除内容--}（共14处修订） / Redline (CriticMarkup): {++inserted++}, {--deleted--} — 14 changes");
    expect(linesWith(bmd, "## 第二十二条")).toEqual(["## 第二十二条 责任限制{++与赔偿++} / 22. Limitation of Liability{++ and Indemnity++}"]);
    expect(linesWith(bmd, "宣传--}")).toEqual(["### {--37.2 宣传--} / {--37.2 Publicity--}"]);
  });

  it("a draft without changes has no mark and no notation line", () => {
    const md = renderMarkdown(en);
    expect(md.startsWith("# CRM Cloud Services Agreement\n")).toBe(true);
    expect(criticMarks(md)).toEqual([]);
  });
});

/** The content streams of a PDF, inflated. */
function contentStreams(pdf: Uint8Array): string {
  const buf = Buffer.from(pdf);
  const raw = buf.toString("latin1");
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = raw.indexOf("endstream", start);
    try {
      out.push(inflateSync(buf.subarray(start, end)).toString("latin1"));
    } catch {
      // Not a deflated stream (none of ours are otherwise): not page content.
    }
  }
  return out.join("\n");
}

/** The colour operands pdfkit writes for a hex colour. */
const operands = (hex: string): string => [1, 3, 5].map((i) => String(Number.parseInt(hex.slice(i, i + 2), 16) / 255)).join(" ");

/** Horizontal lines stroked in `hex`, in drawing order: [x1, x2, y] in points, y down the page (pdfkit's coordinates). */
function strokes(content: string, hex: string): [number, number, number][] {
  const re = new RegExp(`${operands(hex).replace(/\./g, "\\.")} SCN\\n([\\d.]+) ([\\d.]+) m\\n([\\d.]+) ([\\d.]+) l\\nS`, "g");
  return [...content.matchAll(re)].filter((m) => m[2] === m[4]).map((m) => [Number(m[1]), Number(m[3]), Number(m[2])]);
}

/** The x of each change bar drawn (a thin filled rectangle in the bar colour), to 0.01 pt. */
function bars(content: string): number[] {
  const re = new RegExp(`([\\d.]+) [\\d.]+ 1\\.2 [\\d.]+ re\\n/DeviceRGB cs\\n${operands(LAYOUT.changeBar).replace(/\./g, "\\.")} scn\\nf`, "g");
  return [...content.matchAll(re)].map((m) => Number(Number(m[1]).toFixed(2)));
}

/** The redline with only the clauses it changes (a PDF of the whole agreement takes seconds). */
function changedPart(m: DocumentModel): DocumentModel {
  const ids = new Set(["modules", "term", "support", "liability", "general", "severability", "non-solicitation"]);
  const r = redlineScenario(m);
  return { ...r, front: [], clauses: r.clauses.filter((c) => ids.has(c.id)), schedules: [] };
}

describe("PDF: coloured underline and strike-through, change bars, the legend", () => {
  const fonts = defaultFonts();

  itWithTools(["pdftotext"], "English: the text of both drafts is there, and each mark is a line in its colour", async () => {
    const pdf = await renderPdf(changedPart(en), { fonts });
    const text = pdfText(pdf, false).replace(/\s+/g, " ");
    expect(text).toContain("Redline: insertions underlined, deletions struck through — 14 changes");
    for (const words of [
      "optional Modules, which the Customer has chosen",
      "premium Modules, which are not yet available.",
      "(3648) months",
      "2436 hours",
      "20. Limitation of Liability and Indemnity",
      "32A. Non-Solicitation",
      "34.2 Publicity",
      "Name: Oliver PrattJane Roe",
      "Ledgerline Software LtdLimited",
    ]) {
      expect(text).toContain(words);
    }
    const content = contentStreams(pdf);
    const inserted = strokes(content, LAYOUT.changes.insert);
    const deleted = strokes(content, LAYOUT.changes.delete);
    // At least one line per marked stretch (a stretch over two lines has two): the scenario has 9
    // insertions and 12 deletions besides the legend's sample of each.
    expect(inserted.length).toBeGreaterThanOrEqual(10);
    expect(deleted.length).toBeGreaterThanOrEqual(13);
    // The legend's samples come first, on one line: the underline below the baseline, the
    // strike-through above it (0.13 em below and, the font's strike-out position, 0.322 em above, at 8 pt).
    const [underline, strike] = [inserted[0], deleted[0]];
    expect(underline?.[1]).toBeLessThan(strike?.[0] ?? 0);
    expect(((underline?.[2] ?? 0) - (strike?.[2] ?? 0)).toFixed(2)).toBe(((0.13 + 0.322) * 8).toFixed(2));
    // A bar beside each changed line (once for a table row), none beside the legend: in the left
    // margin, but in the right one beside the provider's column of the signature page.
    const xs = bars(content);
    expect(xs.length).toBeGreaterThanOrEqual(12);
    expect(new Set(xs)).toEqual(new Set([52, 542.08]));
    expect(xs.filter((x) => x === 542.08).length).toBe(1);
    // Deterministic.
    expect(Buffer.from(await renderPdf(changedPart(en), { fonts })).equals(Buffer.from(pdf))).toBe(true);
  });

  itWithTools(["pdftotext"], "Chinese and bilingual parallel: CJK text marked, the legend in each language, bars beside their column", async () => {
    const [zpdf, bpdf] = await Promise.all([renderPdf(changedPart(zh), { fonts }), renderPdf(changedPart(bilingual), { fonts })]);
    const ztext = pdfText(zpdf, false).replace(/\s+/g, "");
    expect(ztext).toContain("修订稿：新增内容以下划线标示，删除内容以删除线标示（共14处修订）");
    for (const words of ["初始期限为3648个月", "（二）可选功能模块", "（四）高级功能模块，尚未上线。", "第二十条责任限制与赔偿", "第32A条禁止招揽", "34.2宣传"]) expect(ztext).toContain(words);
    const zc = contentStreams(zpdf);
    expect(strokes(zc, LAYOUT.changes.insert).length).toBeGreaterThanOrEqual(10);
    expect(strokes(zc, LAYOUT.changes.delete).length).toBeGreaterThanOrEqual(13);
    const btext = pdfText(bpdf, false).replace(/\s+/g, " ");
    expect(btext).toContain("Redline: insertions underlined, deletions struck through — 14 changes");
    expect(btext.replace(/ /g, "")).toContain("修订稿：新增内容以下划线标示，删除内容以删除线标示（共14处修订）");
    for (const words of ["22. Limitation of Liability and Indemnity", "35A. Non-Solicitation", "Publicity"]) expect(btext).toContain(words);
    const bc = contentStreams(bpdf);
    // Two legend samples per language, then the marks of both columns.
    expect(strokes(bc, LAYOUT.changes.insert).length).toBeGreaterThanOrEqual(2 * 10);
    // The right column's bars are in the right margin, the left column's in the left one.
    expect(new Set(bars(bc))).toEqual(new Set([52, 542.08]));
  });

  it("a draft without changes draws no mark, no bar and no legend", async () => {
    const plain: DocumentModel = { ...en, front: [], clauses: en.clauses.filter((c) => c.id === "term"), schedules: [] };
    const content = contentStreams(await renderPdf(plain, { fonts }));
    expect(strokes(content, LAYOUT.changes.insert)).toEqual([]);
    expect(strokes(content, LAYOUT.changes.delete)).toEqual([]);
    expect(bars(content)).toEqual([]);
  });
});

describe("PDF line breaking with changed runs", () => {
  /** Metrics where every character is 5 pt wide, counting the characters measured. */
  function countingMetrics(): { metrics: Metrics; measured: { chars: number } } {
    const measured = { chars: 0 };
    const font = {} as fontkit.Font;
    const metrics: Metrics = {
      fontOf: () => font,
      width: (_f, _size, text) => {
        measured.chars += text.length;
        return 5 * [...text].length;
      },
      vertical: () => ({ advance: 12, ascender: 9 }),
    };
    return { metrics, measured };
  }

  it("a change boundary inside a word is no break opportunity, and the work stays linear", () => {
    // 20,000 characters of words and Chinese, cut into runs of 1 to 3 characters with alternating marks.
    const text = "Abcdefghij klmnop 甲乙丙丁，戊己庚辛壬癸 qrstuvwxyz-abc ".repeat(400);
    const runs: Run[] = [];
    for (let i = 0, k = 0; i < text.length; k++) {
      const n = 1 + (k % 3);
      runs.push({ type: "text", text: text.slice(i, i + n), ...(k % 3 === 0 ? {} : { change: k % 3 === 1 ? "insert" : "delete" }) });
      i += n;
    }
    const options = { width: 300, size: 10, bold: false, color: "#000000", linkColor: "#0000FF" };
    const one = countingMetrics();
    const whole = setText(one.metrics, [{ type: "text", text }], options);
    const cut = countingMetrics();
    const marked = setText(cut.metrics, runs, options);
    expect(marked.lines.map((l) => [l.start, l.end])).toEqual(whole.lines.map((l) => [l.start, l.end]));
    expect(marked.spans.length).toBe(runs.length);
    expect(cut.measured.chars).toBeLessThanOrEqual(3 * text.length);
  });
});
