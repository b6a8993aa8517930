import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { strFromU8, unzipSync } from "fflate";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { assemble } from "../src/assemble/build.js";
import { defaultCatalog } from "../src/catalog/builtin.js";
import { validateDeal } from "../src/deal/parse.js";
import type { DealInput } from "../src/deal/schema.js";
import { draft, type DraftResult } from "../src/draft.js";
import { ClausewrightError } from "../src/errors/error.js";
import type { Run } from "../src/model/types.js";
import { fontsWithChineseFont, defaultFonts } from "../src/node/fonts.js";
import { parsedCjkFonts } from "../src/render/pdf/fonts.js";
import { TemplateEnvironment } from "../src/template/env.js";
import { TOKEN_CLOSE, TOKEN_OPEN, TokenTable } from "../src/template/tokens.js";
import { runCli } from "./helpers/cli.js";
import { docxTextViaLibreOffice, itWithTools, pdfText, tempDir } from "./helpers/tools.js";

const CN_DEAL = new URL("../examples/deals/cn-crm-standard.yaml", import.meta.url);
const cnDeal = (): DealInput & Record<string, unknown> => parse(readFileSync(CN_DEAL, "utf8")) as DealInput & Record<string, unknown>;

function pdfFonts(pdf: Uint8Array): string {
  const dir = tempDir();
  try {
    const f = join(dir, "a.pdf");
    writeFileSync(f, pdf);
    return execFileSync("pdffonts", [f], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function problemOf(fn: () => unknown): Promise<ClausewrightError> {
  return Promise.resolve()
    .then(fn)
    .then(
      () => {
        throw new Error("expected a ClausewrightError");
      },
      (err: unknown) => {
        if (!ClausewrightError.is(err)) throw err;
        return err;
      },
    );
}

const plain = (runs: readonly Run[]): string => runs.map((r) => r.text).join("");

let zh: DraftResult<never>;
beforeAll(async () => {
  zh = await draft(cnDeal(), { lang: "zh", fonts: defaultFonts() });
});

describe("Chinese agreement", () => {
  it("numbers clauses 第一条… and states the total with its 大写", () => {
    expect(zh.model.clauses.map((c) => c.label).slice(0, 3)).toEqual(["第一条", "第二条", "第三条"]);
    expect(zh.model.clauses[0]?.title).toBe("定义与解释");
    expect(zh.markdown).toContain("初始期限内的服务费总额为人民币327,401.00元（大写：人民币叁拾贰万柒仟肆佰零壹元整）。");
    expect(zh.markdown).toContain("不超过下列金额中的较高者：（一）人民币500,000.00元（大写：人民币伍拾万元整）");
    expect(zh.markdown).toContain("| 商业智能报表模块 | 1 | 人民币12,500.50元 | 每年 | 人民币12,500.50元 |");
    expect(zh.markdown).toContain("提交中国国际经济贸易仲裁委员会，按照申请仲裁时该会现行有效的仲裁规则进行仲裁。仲裁地为北京。");
    expect(zh.markdown).toContain("根据《中华人民共和国民法典》及相关法律法规的规定");
  });

  it("has the Chinese title, 合同编号 and 甲方/乙方 as the customer and the provider", () => {
    expect(plain(zh.model.front[0]?.kind === "paragraph" ? zh.model.front[0].runs : [])).toBe("CRM云服务合同");
    expect(plain(zh.model.front[1]?.kind === "paragraph" ? zh.model.front[1].runs : [])).toBe("合同编号：CW-CN-2026-0088");
    expect(zh.markdown).toContain("甲方（客户）：**上海华远商贸有限公司**");
    expect(zh.markdown).toContain("乙方（服务商）：**杭州云启软件科技有限公司**");
    expect(zh.model.meta.subject).toBe("云启CRM云服务：上海华远商贸有限公司与杭州云启软件科技有限公司之间的服务合同");
  });

  it("renders Chinese references per numbering profile", async () => {
    const refsOf = (model: DraftResult["model"]): Map<string, string> => {
      const out = new Map<string, string>();
      const visit = (runs: readonly Run[]): void => {
        for (const r of runs) if (r.type === "ref") out.set(r.target, r.text);
      };
      for (const c of model.clauses) {
        for (const b of [...c.blocks, ...c.subclauses.flatMap((s) => s.blocks)]) {
          if (b.kind === "paragraph") visit(b.runs);
          if (b.kind === "list") for (const i of b.items) visit(i.runs);
        }
      }
      return out;
    };
    const decimal = refsOf(zh.model);
    const { toChineseNumeral } = await import("../src/text/numbers.js");
    const no = (id: string): string => toChineseNumeral(zh.model.clauses.findIndex((c) => c.id === id) + 1);
    const effects = zh.model.clauses.find((c) => c.id === "termination")!.subclauses.findIndex((s) => s.id === "termination.effects") + 1;
    expect(decimal.get("cw-termination-effects")).toBe(`第${no("termination")}条第${effects}款`);
    expect(decimal.get("cw-confidentiality")).toBe(`第${no("confidentiality")}条（保密条款）`);
    const gbt = await draft(cnDeal(), { lang: "zh", numbering: "zh-gbt9704", formats: ["md"] });
    expect(gbt.model.clauses[0]?.label).toBe("一、");
    const g = refsOf(gbt.model);
    expect(g.get("cw-termination-effects")).toBe(`第${no("termination")}部分第（${toChineseNumeral(effects)}）项`);
    expect(g.get("cw-confidentiality")).toBe(`第${no("confidentiality")}部分（保密条款）`);
  });

  it("closes the body with （以下无正文） and signs in Chinese for 甲方 and 乙方, naming the signatories the deal gives", () => {
    const sig = zh.model.signatures;
    expect(sig.heading).toBe("签署页");
    expect(sig.noFurtherText).toBe("（以下无正文）");
    const d = cnDeal();
    expect(sig.parties.map((p) => [p.role, p.name, p.lines.map((l) => `${l.label}${sig.labelSeparator ?? ""}${l.value ?? l.blank ?? ""}`)])).toEqual([
      ["甲方（盖章）", "上海华远商贸有限公司", ["法定代表人或授权代表（签字）：", `姓名：${d.customer.signatory.name}`, `职务：${d.customer.signatory.title}`, "日期：____年____月____日"]],
      ["乙方（盖章）", "杭州云启软件科技有限公司", ["法定代表人或授权代表（签字）：", `姓名：${d.provider.signatory.name}`, `职务：${d.provider.signatory.title}`, "日期：____年____月____日"]],
    ]);
    const md = zh.markdown ?? "";
    expect(md.indexOf("（以下无正文）")).toBeGreaterThan(md.lastIndexOf("本合同可以通过可靠的电子签名方式签署和交付"));
    expect(md.indexOf("（以下无正文）")).toBeLessThan(md.indexOf("## 签署页"));
    expect(md).toContain("**甲方（盖章）：上海华远商贸有限公司**  \n法定代表人或授权代表（签字）：\\_");
    expect(md).toContain("日期：\\_\\_\\_\\_年\\_\\_\\_\\_月\\_\\_\\_\\_日");
  });

  it("keeps English furniture as it was", async () => {
    const en = await draft(cnDeal(), { lang: "en", formats: ["md"] });
    expect(en.model.signatures.heading).toBe("Signatures");
    expect(en.model.signatures.noFurtherText).toBeUndefined();
    expect(en.model.signatures.parties[0]).toEqual({
      role: "CUSTOMER",
      name: "Shanghai Huayuan Trading Co., Ltd.",
      // Each line says what it is for, so a bilingual page can pair it with its translation.
      lines: [
        { kind: "signature", label: "Signature" },
        { kind: "name", label: "Name", value: "王建国" },
        { kind: "title", label: "Title", value: "法定代表人" },
        { kind: "date", label: "Date" },
      ],
    });
    expect(en.model.clauses[0]?.label).toBe("1.");
  });

  it("refuses an unknown language", async () => {
    const err = await problemOf(() => draft(cnDeal(), { lang: "fr" as "en", formats: ["md"] }));
    expect(err.problems[0]?.code).toBe("OPTION_UNKNOWN_LANG");
    expect(err.problems[0]?.message).toContain('"fr"');
  });

  itWithTools(["pdftotext", "pdffonts"], "PDF: Chinese text extracts and Noto Serif SC is embedded as a subset", () => {
    const pdf = zh.pdf ?? new Uint8Array();
    const text = pdfText(pdf, false);
    for (const s of ["第一条", "定义与解释", "甲方", "乙方", "人民币叁拾贰万柒仟肆佰零壹元整", "（以下无正文）", "签署页", "法定代表人或授权代表（签字）：", "日期：____年____月____日"]) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/第1页，共\d+页/);
    const fonts = pdfFonts(pdf);
    expect(fonts).toMatch(/^[A-Z]{6}\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/m);
    expect(fonts).toMatch(/^[A-Z]{6}\+NotoSerifSC-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/m);
    // A subset: the whole font is 14 MB a weight.
    expect(pdf.byteLength).toBeLessThan(1_500_000);
  });

  itWithTools(["pdftoppm"], "PDF: a page renders with Chinese glyphs (ink where the title is)", () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, "zh.pdf"), zh.pdf ?? new Uint8Array());
      execFileSync("pdftoppm", ["-gray", "-r", "60", "-f", "1", "-l", "1", join(dir, "zh.pdf"), join(dir, "p")]);
      // pdftoppm pads the page number to the page count's width (p-1, p-01).
      const page = readdirSync(dir).find((f) => f.endsWith(".pgm")) ?? "p-1.pgm";
      const pgm = readFileSync(join(dir, page));
      // P5 header: "P5\n<w> <h>\n255\n"; count dark pixels on the page.
      const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString("latin1"));
      expect(header).not.toBeNull();
      const pixels = pgm.subarray((header?.[0] ?? "").length);
      const dark = pixels.filter((v) => v < 128).length;
      // The cover page: title, subtitle and the order-form table, almost all Chinese (about 2,400 dark pixels at 60 dpi).
      expect(dark).toBeGreaterThan(1500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  itWithTools(["soffice"], "DOCX: LibreOffice reads the Chinese headings and signature block", () => {
    const text = docxTextViaLibreOffice(zh.docx ?? new Uint8Array());
    for (const s of [
      "CRM云服务合同",
      "合同编号：CW-CN-2026-0088",
      "第一条",
      "定义与解释",
      "第十条",
      "争议解决",
      "（以下无正文）",
      "签署页",
      "甲方（盖章）：上海华远商贸有限公司",
      "乙方（盖章）：杭州云启软件科技有限公司",
    ]) {
      expect(text).toContain(s);
    }
  });

  it("DOCX: Chinese documents set the East Asian font, language and hint", () => {
    const styles = strFromU8(unzipSync(zh.docx ?? new Uint8Array())["word/styles.xml"] ?? new Uint8Array());
    expect(styles).toMatch(/<w:rFonts [^>]*w:eastAsia="SimSun"[^>]*w:hint="eastAsia"|<w:rFonts [^>]*w:hint="eastAsia"[^>]*w:eastAsia="SimSun"/);
    expect(styles).toContain('w:eastAsia="zh-CN"');
  });
});

describe("Chinese fonts", () => {
  it("parses the Chinese font once per font set and only on demand", () => {
    const fonts = defaultFonts();
    expect(defaultFonts()).toBe(fonts);
    const a = parsedCjkFonts(fonts);
    expect(a?.regular.postscriptName).toBe("NotoSerifSC-Regular");
    expect(a?.bold.postscriptName).toBe("NotoSerifSC-Bold");
    expect(parsedCjkFonts(fonts)).toBe(a);
  });

  it("reports a character the Chinese font cannot draw, with where it is", async () => {
    const deal = cnDeal();
    (deal.customer as { legalName: { en: string; zh: string } }).legalName.zh = "上海华远商贸有限公司😀";
    const err = await problemOf(() => draft(deal, { lang: "zh", fonts: defaultFonts(), formats: ["pdf"] }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.code).toBe("RENDER_MISSING_GLYPH");
    expect(err.problems[0]?.message).toBe(
      'The PDF font NotoSerifSC-Regular has no glyph for U+1F600 "😀" in the front matter, in the text "上海华远商贸有限公司😀，上海市浦东新区世纪大道88号1208室…"; it would be invisible',
    );
    expect(err.problems[0]?.path).toEqual(["customer", "legalName", "zh"]);
  });

  it("says how to pass a Chinese font when a font set has none", async () => {
    const base = defaultFonts();
    const latinOnly = { regular: base.regular, bold: base.bold, italic: base.italic, boldItalic: base.boldItalic };
    const err = await problemOf(() => draft(cnDeal(), { lang: "zh", fonts: latinOnly, formats: ["pdf"] }));
    expect(err.problems[0]).toMatchObject({ code: "RENDER_NO_CJK_FONT", message: "Chinese text in the front matter needs a Chinese font, and none was given" });
    expect(err.problems[0]?.hint).toContain("defaultFonts() from clausewright/node includes Noto Serif SC");
    expect(err.problems[0]?.hint).toContain("fontsWithChineseFont(regular, bold)");
    expect(err.problems[0]?.hint).not.toContain("npm install");
    // An English deal without Chinese text needs no Chinese font.
    const en = await draft(parse(readFileSync(new URL("../examples/deals/us-crm-enterprise.yaml", import.meta.url), "utf8")) as DealInput, { lang: "en", fonts: latinOnly, formats: ["pdf"] });
    expect(en.pdf?.byteLength).toBeGreaterThan(10_000);
  });

  itWithTools(["pdffonts"], "uses a font the user passes, by path or as bytes", async () => {
    const dir = fileURLToPath(new URL("../fonts", import.meta.url));
    const boldFile = join(dir, "NotoSerifSC-Bold.ttf");
    expect(existsSync(boldFile)).toBe(true);
    // The bold face as the only Chinese font: the PDF must use it for regular text too.
    const byPath = fontsWithChineseFont(boldFile);
    expect(fontsWithChineseFont(boldFile)).toBe(byPath);
    const viaPath = await draft(cnDeal(), { lang: "zh", fonts: byPath, formats: ["pdf"] });
    const fonts = pdfFonts(viaPath.pdf ?? new Uint8Array());
    expect(fonts).toMatch(/\+NotoSerifSC-Bold/);
    expect(fonts).not.toMatch(/NotoSerifSC-Regular/);
    const viaBytes = await draft(cnDeal(), { lang: "zh", fonts: fontsWithChineseFont(readFileSync(boldFile)), formats: ["pdf"] });
    expect(pdfFonts(viaBytes.pdf ?? new Uint8Array())).not.toMatch(/NotoSerifSC-Regular/);
    const bad = await problemOf(() => fontsWithChineseFont(join(dir, "missing.ttf")));
    expect(bad.problems[0]).toMatchObject({ code: "FONT_NOT_READABLE", file: join(dir, "missing.ttf") });
  });

  it("assembles with the zh profile by default and en when asked", () => {
    const deal = validateDeal(cnDeal());
    expect(assemble(defaultCatalog(), deal, { lang: "zh" }).model.clauses[8]?.label).toBe("第九条");
    expect(assemble(defaultCatalog(), deal, { lang: "zh", numbering: "en" }).model.clauses[8]?.label).toBe("9.");
  });
});

describe("CLI --lang and --font", () => {
  it("drafts in Chinese with --lang zh", async () => {
    const out = tempDir();
    try {
      const r = await runCli(["draft", "examples/deals/cn-crm-standard.yaml", "--lang", "zh", "--format", "md", "--out", out]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const md = readFileSync(join(out, "cn-crm-standard.md"), "utf8");
      expect(md).toContain("## 第一条 定义与解释");
      expect(md).toContain("## 签署页");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("rejects an unknown language as a usage error", async () => {
    const r = await runCli(["draft", "examples/deals/cn-crm-standard.yaml", "--lang", "fr", "--out", "/tmp/never"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(got "fr")');
    expect(r.stderr).toContain("en+zh");
  });

  it("reports a --font file it cannot read", async () => {
    const r = await runCli(["draft", "examples/deals/cn-crm-standard.yaml", "--lang", "zh", "--font", "/nonexistent/font.ttf", "--format", "pdf", "--out", "/tmp/never"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("FONT_NOT_READABLE");
  });
});

describe("money helpers", () => {
  /** Renders a template source with the given language and data, placeholders replaced by their values. */
  function render(source: string, lang: "en" | "zh", data: object, currency = "CNY"): string {
    const compiled = new TemplateEnvironment().compile(source, "t.hbs", "t");
    if (!compiled.template) throw new Error(JSON.stringify(compiled.problems));
    const table = new TokenTable();
    const out = compiled.template.render(data, { lang, clause: "t", file: "t.hbs", table, currency, dateStyle: "en-GB" });
    return out.replace(new RegExp(`${TOKEN_OPEN}(\\d+)${TOKEN_CLOSE}`, "g"), (_, i: string) => {
      const t = table.get(Number(i));
      return t.kind === "text" ? t.text : `<ref ${t.id}>`;
    });
  }

  it("moneyWords states the amount with its 大写 in Chinese and its words in English", () => {
    expect(render("{{moneyWords a}}", "zh", { a: "123456.78" })).toBe("人民币123,456.78元（大写：人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分）");
    expect(render("{{moneyWords a}}", "zh", { a: "1409.5" }, "USD")).toBe("美元1,409.50（大写：美元壹仟肆佰零玖元伍角）");
    expect(render("{{moneyWords a}}", "en", { a: "1234.50" }, "USD")).toBe("USD 1,234.50 (One Thousand Two Hundred Thirty-Four US Dollars and Fifty Cents)");
    expect(render('{{moneyWords a "EUR"}}', "zh", { a: "0.05" })).toBe("欧元0.05（大写：欧元伍分）");
  });

  it("money and currencyName read naturally in Chinese", () => {
    expect(render("{{money a}}", "zh", { a: "16409.02" })).toBe("人民币16,409.02元");
    expect(render("{{money a}}", "en", { a: "16409.02" })).toBe("CNY 16,409.02");
    expect(render("以{{currencyName c}}计价", "zh", { c: "CNY" })).toBe("以人民币计价");
    expect(render("in {{currencyName c}}", "en", { c: "CNY" })).toBe("in CNY");
  });

  it("refuses an amount that is not a decimal, naming the template line", () => {
    try {
      render("ok\n{{moneyWords a}}", "zh", { a: "12,5x" });
      throw new Error("no error");
    } catch (err) {
      if (!ClausewrightError.is(err)) throw err;
      expect(err.problems[0]).toMatchObject({ code: "TEMPLATE_BAD_ARGUMENT", file: "t.hbs", line: 2 });
    }
  });
});
