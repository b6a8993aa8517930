import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DealInput } from "../src/deal/schema.js";
import { draft, type DraftOptions } from "../src/draft.js";
import type { DocumentModel } from "../src/model/types.js";
import { defaultFonts } from "../src/node/fonts.js";
import { renderPdf } from "../src/render/pdf/index.js";
import { builtinPack } from "../src/catalog/builtin.js";
import { docxTextsViaLibreOffice, hasTool, itWithTools, tempDir } from "./helpers/tools.js";
import {
  asciiPunctuation,
  documentName,
  formatFinding,
  headingsAtPageEnd,
  headingTexts,
  isHeading,
  glossaryVariants,
  lineBreaks,
  type HeadingText,
  type ReadingFinding,
} from "./helpers/zh-reading.js";

const run = promisify(execFile);

// The Chinese and bilingual example deals, drafted as examples/draft-all.mjs drafts them.
const DEALS: readonly [string, Pick<DraftOptions, "lang" | "layout">][] = [
  ["cn-crm-standard", { lang: "zh" }],
  ["prc-domestic-cietac", { lang: "zh" }],
  ["bilingual-crm", { lang: "en+zh", layout: "parallel" }],
  ["shanghai-singapore-shiac", { lang: "en+zh", layout: "interleaved" }],
];

interface Drafted {
  readonly headings: readonly HeadingText[];
  pdfText?: string;
  docxText?: string;
}

/**
 * The rendered Chinese read the way a reader sees it (issue 12): the PDF as
 * pdftotext lays it out, the DOCX as LibreOffice reads it. Each example is
 * drafted once (PDF and DOCX only), all DOCX go through ONE soffice call (its
 * start-up is the cost) with a private profile, and pdftotext runs alongside
 * it. Under CI=true a missing tool fails the tests (itWithTools); locally it
 * skips them with the reason in the test name.
 */
describe("rendered Chinese text, as a reader sees it", () => {
  const docs = new Map<string, Drafted>();
  const dir = tempDir("cw-zh-read-");
  const tools = { pdf: hasTool("pdftotext"), docx: hasTool("soffice") };

  beforeAll(async () => {
    if (!tools.pdf && !tools.docx) return;
    // DOCX first, so the one soffice call (seconds of start-up) runs in its own
    // process while this one renders the PDFs from the same models.
    const models: [string, DocumentModel][] = [];
    for (const [name, options] of DEALS) {
      const deal = parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as DealInput;
      const result = await draft(deal, { ...options, formats: ["docx"] });
      if (result.docx) writeFileSync(join(dir, `${name}.docx`), result.docx);
      docs.set(name, { headings: headingTexts(result.model) });
      models.push([name, result.model]);
    }
    const jobs: Promise<void>[] = [];
    if (tools.docx) {
      // One LibreOffice start for every deal, with the run's shared profile and conversions.
      const texts = docxTextsViaLibreOffice(DEALS.map(([name]) => readFileSync(join(dir, `${name}.docx`))));
      DEALS.forEach(([name], i) => {
        const d = docs.get(name);
        if (d) d.docxText = (texts[i] ?? "").replace(/^\uFEFF/u, "");
      });
    }
    if (tools.pdf) {
      // The model draft() returned, record included: the PDF draft() would write for these options.
      const fonts = defaultFonts();
      for (const [name, model] of models) {
        const file = join(dir, `${name}.pdf`);
        writeFileSync(file, await renderPdf(model, { fonts }));
        jobs.push(
          run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { maxBuffer: 64 * 1024 * 1024 }).then(({ stdout }) => {
            const d = docs.get(name);
            if (d) d.pdfText = stdout;
          }),
        );
      }
    }
    await Promise.all(jobs);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pdfOf = (name: string): { text: string; headings: readonly HeadingText[] } => {
    const d = docs.get(name);
    if (d?.pdfText === undefined) throw new Error(`no pdftotext output for ${name}`);
    return { text: d.pdfText, headings: d.headings };
  };
  const docxOf = (name: string): string => {
    const d = docs.get(name);
    if (d?.docxText === undefined) throw new Error(`no LibreOffice text for ${name}`);
    return d.docxText;
  };
  const glossary = builtinPack("crm").glossary ?? [];
  const report = (file: string, found: readonly ReadingFinding[]): string[] => found.map((f) => formatFinding(file, f));

  for (const [name, options] of DEALS) {
    const bilingual = options.lang === "en+zh";
    describe(`${name} (${options.lang}${options.layout ? `, ${options.layout}` : ""})`, () => {
      itWithTools(["pdftotext"], "PDF: no ASCII , ; : ( ) ? ! touching Chinese", () => {
        const { text } = pdfOf(name);
        expect(text).toMatch(/\p{Script=Han}，/u);
        expect(report(`${name}.pdf`, asciiPunctuation(text, { bilingual, pages: true }))).toEqual([]);
      });
      itWithTools(["pdftotext"], "PDF: no line or column starts with closing or ends with opening punctuation", () => {
        expect(report(`${name}.pdf`, lineBreaks(pdfOf(name).text))).toEqual([]);
      });
      itWithTools(["pdftotext"], "PDF: no page ends with a heading", () => {
        const { text, headings } = pdfOf(name);
        expect(headings.length).toBeGreaterThan(10);
        expect(report(`${name}.pdf`, headingsAtPageEnd(text, headings, options.layout === "parallel"))).toEqual([]);
      });
      itWithTools(["pdftotext"], "PDF: the document is 本合同, never 本协议", () => {
        const { text } = pdfOf(name);
        expect(text).toContain("本合同");
        expect(report(`${name}.pdf`, documentName(text, { pages: true }))).toEqual([]);
      });
      itWithTools(["pdftotext", "soffice"], "PDF and DOCX: no Chinese variant the glossary avoids (订单, 附表, 记名用户 …)", () => {
        expect(glossary.some((e) => e.avoid.length > 0)).toBe(true);
        expect([...report(`${name}.pdf`, glossaryVariants(pdfOf(name).text, glossary, { pages: true })), ...report(`${name}.docx`, glossaryVariants(docxOf(name), glossary, {}))]).toEqual([]);
      });
      itWithTools(["soffice"], "DOCX: no ASCII punctuation touching Chinese, and 本合同 never 本协议", () => {
        const text = docxOf(name);
        expect(text).toContain("本合同");
        expect(report(`${name}.docx`, [...asciiPunctuation(text, { bilingual }), ...documentName(text, {})])).toEqual([]);
      });
    });
  }
});

/** The reading rules themselves, on lines shaped like pdftotext -layout output. */
describe("reading rules", () => {
  const headings: HeadingText[] = [
    { label: "第八条", text: "第八条数据安全" },
    { label: "8.", text: "8.DataSecurity" },
    { label: "附件一", text: "附件一费用与支付" },
    { label: "8.1", text: "8.1SecurityMeasuresandCertifications" },
  ];

  it("ASCII punctuation: Chinese text by the template rule; in a bilingual document only next to Han", () => {
    expect(asciiPunctuation("甲方,乙方\nUSD 1,000.00 元\n2026年（第1条）", { bilingual: false }).map((f) => `${f.line} ${f.text}`)).toEqual(['1 "," in «甲方,乙方»']);
    // An English comma after a full-width bracket is English punctuation in the English copy.
    expect(asciiPunctuation("王丽（Wang Li）, 销售运营总监\n见附件一(费用)", { bilingual: true }).map((f) => f.line)).toEqual([2, 2]);
    expect(asciiPunctuation("第一页\f甲方:乙方", { bilingual: false, pages: true }).map((f) => [f.page, f.line])).toEqual([[2, 1]]);
  });

  it("line breaks: the start of each line and of each wide-gap column segment", () => {
    const page = ["This Order Form sets out            本订购单载明双方约定的主要商务条", "key commercial terms               。本订购单与其后的（", "，甲方"].join("\n");
    expect(lineBreaks(page).map((f) => `${f.rule} p${f.page} l${f.line}`)).toEqual(["line-start p1 l2", "line-end p1 l2", "line-start p1 l3"]);
  });

  it("a heading that ends a page, the footer aside; contents lines and cross-references are not headings", () => {
    const page1 = ["正文。", "", "第八条 数据安全", "", "        第3页，共18页", ""].join("\n");
    const page2 = ["第八条 数据安全                  7", "第八条第2款所列的功能模块：", "        Page 4 of 9"].join("\n");
    expect(headingsAtPageEnd(`${page1}\f${page2}\f`, headings, false).map((f) => `p${f.page} l${f.line}`)).toEqual(["p1 l3"]);
    // A heading that wraps: its first line is enough.
    expect(isHeading("8.1 Security Measures and", headings)).toBe(true);
    expect(isHeading("8.", headings)).toBe(false);
  });

  it("on a parallel page, the last segment of each column", () => {
    const page = [
      "The Provider will maintain administrative,            乙方应采取与处理风险相适应的措施。",
      "physical and technical measures.                      第八条 数据安全",
      "8. Data Security",
      "                    Page 12 of 36",
    ].join("\n");
    expect(headingsAtPageEnd(page, headings, true).map((f) => f.text)).toEqual(["«8. Data Security» ends the page", "«第八条 数据安全» ends the page"]);
  });

  it("glossary variants, except inside a longer glossary term", () => {
    const entries = [
      { en: "Order Form", zh: "订购单", avoid: ["订单"], file: "glossary.yaml" },
      { en: "Purchase Order", zh: "采购订单", avoid: [], file: "glossary.yaml" },
    ];
    expect(glossaryVariants("甲方的采购订单\n经双方签署书面订单", entries, {}).map((f) => formatFinding("a.docx", f))).toEqual([
      'a.docx l2 glossary-variant: "订单" for "Order Form" (the glossary says "订购单") in «经双方签署书面订单»',
    ]);
  });

  it("本协议 anywhere, with page and line", () => {
    expect(documentName("本合同\f\n依本协议约定", { pages: true }).map((f) => formatFinding("a.pdf", f))).toEqual(["a.pdf p2 l2 document-name: «依本协议约定»"]);
  });
});
