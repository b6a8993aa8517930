import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinPack } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import { fixZhPunctuation, scanZhPunctuation } from "../src/catalog/zh-punctuation.js";
import { ClausewrightError } from "../src/errors/error.js";

/** `line:column char` of each hit, the shape the expectations below are written in. */
const hits = (text: string): string[] => scanZhPunctuation(text).map((h) => `${h.line}:${h.column} ${h.char}`);

describe("scanZhPunctuation", () => {
  it("finds ASCII punctuation touching Chinese, through bold and term markup", () => {
    expect(hits("本合同由以下双方于2026年1月15日(以下简称**“生效日”**)签订,")).toEqual(["1:20 (", "1:34 )", "1:37 ,"]);
    expect(hits("[[甲方]]:{{customer.legalName}}")).toEqual(["1:7 :"]);
    expect(hits("第一行;\n第二行!还有?")).toEqual(["1:4 ;", "2:4 !", "2:7 ?"]);
    expect(scanZhPunctuation("甲方,乙方")[0]).toMatchObject({ index: 2, line: 1, column: 3, char: ",", replacement: "，" });
  });

  it("leaves numbers, Latin names and amounts alone", () => {
    expect(hits("USD 1,000.00元")).toEqual([]);
    expect(hits("由Acme, Inc.提供ISO 27001认证")).toEqual([]);
    expect(hits("10:30开始")).toEqual([]);
  });

  it("treats a parenthesis pair as Chinese when it holds Han or touches Chinese on either side, not when Latin text surrounds it", () => {
    expect(hits("数据处理条款(GDPR)")).toEqual(["1:7 (", "1:12 )"]);
    expect(hits("《个人信息保护法》(PIPL)")).toEqual(["1:10 (", "1:15 )"]);
    expect(hits("Acme Ltd.(以下简称乙方)")).toEqual(["1:10 (", "1:17 )"]);
    expect(hits("45 C.F.R. §164.514(b)规定")).toEqual(["1:19 (", "1:21 )"]);
    expect(hits("45 C.F.R. §164.514(b) provides")).toEqual([]);
    expect(hits("Acme (HK) Ltd.公司")).toEqual([]);
    expect(hits("第(1)项")).toEqual(["1:2 (", "1:4 )"]);
  });

  it("looks through blocks but stops at a printed value, which is not Chinese", () => {
    expect(hits("**甲方**{{#if x}},{{/if}}")).toEqual(["1:16 ,"]);
    expect(hits("{{money a}}(大写:{{w}})")).toEqual(["1:12 (", "1:15 :", "1:21 )"]);
    expect(hits("{{name}}{{#if d}}:{{d}}{{/if}}")).toEqual([]);
    expect(hits('见{{ref "liability"}},并')).toEqual(["1:21 ,"]);
  });

  it("never looks inside {{ }}, {#anchor} ids or table separator rows", () => {
    expect(hits('中文{{#if (eq a "x,y:z")}}文{{/if}}')).toEqual([]);
    expect(hits("## 标题 {#a:b}\n")).toEqual([]);
    expect(hits("| 项目 | 金额 |\n|:--|--:|\n| 服务费 | 100 |")).toEqual([]);
    expect(hits("| 甲方 |:--|")).toEqual([]);
  });

  it("repeats until stable: a fix can make its neighbour Chinese", () => {
    expect(hits("a,(中文)")).toEqual(["1:2 ,", "1:3 (", "1:6 )"]);
    expect(fixZhPunctuation("a,(中文)")).toBe("a，（中文）");
  });
});

describe("fixZhPunctuation (property)", () => {
  // Strings built from the pieces templates are made of, so markup, values and punctuation meet in every order.
  const piece = fc.constantFrom(
    "中",
    "文",
    "甲方",
    "“",
    "”",
    "，",
    "a",
    "Ltd.",
    "7",
    " ",
    "\n",
    ",",
    ";",
    ":",
    "!",
    "?",
    "(",
    ")",
    "**",
    "_",
    "[[",
    "]]",
    "{{x}}",
    "{{#if y}}",
    "{{/if}}",
    '{{ref "a,(b)"}}',
    "{#id}",
    "|",
    "|---|",
  );
  const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(""));
  const kept = (s: string): string => s.replace(/\{\{[^}]*\}\}/g, (m) => `<${m}>`).replace(/[^\p{Script=Han}0-9A-Za-z<>{}"]/gu, "");

  it("fixing then scanning finds nothing, and a second fix changes nothing", () => {
    fc.assert(
      fc.property(text, (s) => {
        const fixed = fixZhPunctuation(s);
        expect(scanZhPunctuation(fixed)).toEqual([]);
        expect(fixZhPunctuation(fixed)).toBe(fixed);
      }),
      { numRuns: 500 },
    );
  });

  it("fixing never changes Han characters, digits, Latin letters or {{ }} contents", () => {
    fc.assert(
      fc.property(text, (s) => {
        const fixed = fixZhPunctuation(s);
        expect(fixed.length).toBe(s.length);
        expect(kept(fixed)).toBe(kept(s));
        expect(fixed.match(/\{\{[^}]*\}\}/g) ?? []).toEqual(s.match(/\{\{[^}]*\}\}/g) ?? []);
      }),
      { numRuns: 500 },
    );
  });
});

describe("PACK_ZH_ASCII_PUNCTUATION in the catalogue", () => {
  const files = (name: string): Record<string, string> => ({
    "pack.yaml": `name: ${name}\nversion: 1.0.0\nengine: ">=0.1.0"\nlanguages: [en, zh]\nplace:\n  - { clause: extra, after: confidentiality }\n`,
    "clauses/extra/clause.yaml": "id: extra\ncategory: general\ntitle: { en: Extra, zh: 附加条款(测试) }\n",
    "clauses/extra/en.hbs": "Extra text.\n",
    "clauses/extra/zh.hbs": "附加条款正文。\n双方同意,本条款生效。\n",
  });

  it("is a warning, with file:line:column, for a pack other than the built-in one", () => {
    const catalog = createCatalog([builtinPack("crm"), parsePack(files("extra-pack")).pack!]);
    const found = catalog.warnings.filter((w) => w.code === "PACK_ZH_ASCII_PUNCTUATION").map((w) => `${w.file}:${w.line}:${w.column} ${w.severity}`);
    expect(found).toEqual(["clauses/extra/clause.yaml:3:29 warning", "clauses/extra/clause.yaml:3:32 warning", "clauses/extra/zh.hbs:2:5 warning"]);
    expect(catalog.warnings.find((w) => w.code === "PACK_ZH_ASCII_PUNCTUATION")?.message).toContain('use full-width "（"');
  });

  it("is an error in the built-in pack (named crm), and the built-in pack has none", () => {
    expect(createCatalog([builtinPack("crm")]).warnings.filter((w) => w.code === "PACK_ZH_ASCII_PUNCTUATION")).toEqual([]);
    const crm = builtinPack("crm");
    const [first, ...rest] = crm.clauses;
    const broken = { ...first!, variants: first!.variants.map((v) => ({ ...v, templates: { ...v.templates, zh: { text: "甲方,乙方", file: "clauses/x/zh.hbs" } } })) };
    let err: unknown;
    try {
      createCatalog([{ ...crm, clauses: [broken, ...rest] }]);
    } catch (e) {
      err = e;
    }
    expect(ClausewrightError.is(err)).toBe(true);
    expect((err as ClausewrightError).problems.filter((p) => p.code === "PACK_ZH_ASCII_PUNCTUATION")).toEqual([
      expect.objectContaining({ severity: "error", file: "clauses/x/zh.hbs", line: 1, column: 3 }),
    ]);
  });
});
