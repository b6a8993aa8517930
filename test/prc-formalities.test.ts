/**
 * Chinese agreements under PRC law (issue 12, Civil Code and PIPL content): what the deal and the
 * governing law put into the text, in both languages. Each test drafts Markdown only.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { draft } from "../src/draft.js";
import type { DealInput } from "../src/deal/schema.js";
import type { Run } from "../src/model/types.js";
import { lineFragments, MAX_GAP_EM, setText, type Metrics } from "../src/render/pdf/typeset.js";
import { clauseText } from "./helpers/model-text.js";
import { plainMarkdown } from "./helpers/markdown.js";

type Deal = DealInput & Record<string, Record<string, unknown>>;
const example = (name: string): Deal => parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as Deal;

async function clauseOf(deal: Deal, id: string, lang: "en" | "zh"): Promise<string> {
  const r = await draft(deal, { formats: ["md"], lang, force: true });
  const c = [...r.model.clauses, ...r.model.schedules].find((x) => x.id === id);
  if (!c) throw new Error(`no clause ${id}`);
  return clauseText(c);
}

describe("tax and invoices follow where the parties are", () => {
  it("a mainland provider: VAT at the deal's rate, the invoice type, issued before payment (en, zh)", async () => {
    const deal = example("prc-domestic-cietac");
    const zh = await clauseOf(deal, "fees", "zh");
    expect(zh).toContain("服务费为含税价格，已包含税率为6%的增值税。乙方应当就甲方应付的每笔款项，在付款期限届满前向甲方开具合法有效的增值税专用发票");
    expect(zh).not.toMatch(/销售税|使用税/);
    const en = await clauseOf(deal, "fees", "en");
    expect(en).toContain("The Fees include value-added tax (VAT) at 6%.");
    expect(en).toContain("a valid special VAT invoice (fapiao) for that amount");
    deal.fees["vat"] = { rate: "6", invoice: "general" };
    deal.fees["taxesIncluded"] = false;
    expect(await clauseOf(deal, "fees", "zh")).toContain("服务费为不含税价格，增值税按6%的税率另行计收，由甲方承担。");
    expect(await clauseOf(deal, "fees", "zh")).toContain("增值税普通发票");
  });

  it("a provider outside the mainland paid by a mainland customer: no 发票, withholding by the customer (en, zh)", async () => {
    const deal = example("shanghai-singapore-shiac");
    const zh = await clauseOf(deal, "fees", "zh");
    expect(zh).toContain("乙方为中国境外企业，不开具中国发票");
    expect(zh).toContain("由甲方在付款时代扣代缴");
    expect(zh).toContain("甲方负责办理对外支付所需的税务备案手续");
    expect(zh).not.toMatch(/销售税|使用税/);
    const en = await clauseOf(deal, "fees", "en");
    expect(en).toContain("issues no Chinese VAT invoice (fapiao)");
    expect(en).toContain("are withheld and paid by the Customer when it pays");
  });

  it("neither party in mainland China: the indirect taxes of the governing law (US: sales, use and excise taxes)", async () => {
    const en = await clauseOf(example("us-crm-enterprise"), "fees", "en");
    expect(en).toContain("exclude all sales, use, excise, withholding and similar taxes");
    expect(en).not.toContain("fapiao");
  });
});

describe("effectiveness, originals and the signature page under PRC law", () => {
  it("formed on signature and seal, effective from the Effective Date, 一式四份 in Chinese numerals (en, zh)", async () => {
    const deal = example("prc-domestic-cietac");
    const zh = await clauseOf(deal, "counterparts", "zh");
    expect(zh).toContain("本合同经甲方法定代表人或者授权代表签字并加盖公章或者合同专用章，并经乙方法定代表人或者授权代表签字并加盖公章或者合同专用章后成立，自生效日起生效");
    // A party outside the mainland may have neither a legal representative nor a seal: its authorised signatory signs.
    expect(await clauseOf(example("bilingual-crm"), "counterparts", "zh")).toContain("并经乙方授权签字人签字（乙方有公司印章的，并加盖该印章）后成立");
    expect(zh).toContain("本合同一式四份，双方各执两份，各份具有同等法律效力。");
    const en = await clauseOf(deal, "counterparts", "en");
    expect(en).toContain("This Agreement is made in four (4) originals of equal legal effect. Each Party keeps two (2).");
    deal.agreement["originals"] = 3;
    expect(await clauseOf(deal, "counterparts", "zh")).toContain("本合同一式三份，双方各执一份，余下一份由甲方留存");
    deal.agreement["originals"] = 2;
    expect(await clauseOf(deal, "counterparts", "zh")).toContain("本合同一式两份，双方各执一份，各份具有同等法律效力。");
  });

  it("the Chinese signature page says no further text follows and carries no 以资证明", async () => {
    const r = await draft(example("prc-domestic-cietac"), { formats: ["md"], lang: "zh" });
    const md = plainMarkdown(r.markdown ?? "");
    expect(md).toContain("（本页无正文，为本合同的签署页。）");
    expect(md).not.toContain("以资证明");
  });
});

describe("the Art. 496 notice and the terms it names", () => {
  it("lists every term that excludes or limits liability, all in bold, and says the Provider drew attention to them (zh)", async () => {
    const r = await draft(example("prc-domestic-cietac"), { formats: ["md"], lang: "zh" });
    const notice = r.model.clauses.find((c) => c.id === "limitation-notice");
    expect(notice?.title).toBe("特别提示");
    const runs = [...notice!.blocks, ...notice!.subclauses.flatMap((s) => s.blocks)].flatMap((b) => (b.kind === "paragraph" ? b.runs : []));
    expect(runs.length).toBeGreaterThan(3);
    expect(runs.every((x) => x.bold === true)).toBe(true);
    const text = clauseText(notice!);
    expect(text).toMatch(
      /\n本合同中免除或者减轻一方责任的条款，包括第二十七条（责任限制）、第二十五条第4款、第二十五条第6款、第十一条第3款、第六条第3款、第二十六条第2款、第八条第3款、第二十八条第5款、附件二第6条以及附件二第7条，均以加粗字体标示。/,
    );
    expect(text).toContain("乙方已在签署本合同前以合理方式提请甲方注意上述条款");
    // One bold group in Markdown, not **…****[ref](#…)****…**.
    expect(r.markdown).not.toContain("****");
  });

  it("names the beta features' no-warranty sub-clause when the deal offers beta features, and not otherwise (zh, en)", async () => {
    const withBeta = { ...example("prc-domestic-cietac"), betaFeatures: { offered: true } } as DealInput;
    const zh = await draft(withBeta, { formats: ["md"], lang: "zh" });
    const zhNotice = clauseText(zh.model.clauses.find((c) => c.id === "limitation-notice")!);
    const beta = zh.model.clauses.find((c) => c.id === "beta-features")!;
    const betaNo = zh.model.clauses.indexOf(beta) + 1;
    expect(beta.subclauses.find((x) => x.id === "beta-features.no-warranty")).toBeDefined();
    expect(zhNotice).toMatch(/第[一二三四五六七八九十]+条第\d款/);
    expect(zhNotice).toContain(`${beta.label}第`);
    const en = await draft(withBeta, { formats: ["md"] });
    expect(clauseText(en.model.clauses.find((c) => c.id === "limitation-notice")!)).toMatch(new RegExp(`Section ${betaNo}\\.\\d+ \\(No Service Levels or Warranties\\)`));
    const without = await draft({ ...example("prc-domestic-cietac"), betaFeatures: { offered: false } } as DealInput, { formats: ["md"], lang: "zh" });
    expect(without.model.clauses.some((c) => c.id === "beta-features")).toBe(false);
    expect(clauseText(without.model.clauses.find((c) => c.id === "limitation-notice")!)).not.toContain(`${beta.label}第`);
  });

  it("is left out when PRC law does not govern", async () => {
    const r = await draft(example("us-crm-enterprise"), { formats: ["md"] });
    expect(r.model.clauses.map((c) => c.id)).not.toContain("limitation-notice");
  });
});

describe("a contract between two mainland parties has no foreign law in it", () => {
  it("PRC export control instead of US/EU/UK sanctions, no CISG, no conflict-of-laws exclusion (en, zh)", async () => {
    const deal = example("prc-domestic-cietac");
    const zh = (await clauseOf(deal, "compliance", "zh")) + (await clauseOf(deal, "governing-law", "zh"));
    expect(zh).toContain("《中华人民共和国出口管制法》");
    expect(zh).not.toMatch(/美国|欧盟|英国|联合国国际货物销售合同公约|冲突法/);
    const en = (await clauseOf(deal, "compliance", "en")) + (await clauseOf(deal, "governing-law", "en"));
    expect(en).not.toMatch(/United States|European Union|United Kingdom|International Sale of Goods|conflict-of-laws/);
    // A foreign-related contract keeps them.
    const foreign = await clauseOf(example("shanghai-singapore-shiac"), "governing-law", "zh");
    expect(foreign).toContain("《联合国国际货物销售合同公约》不适用于本合同");
  });
});

describe("notices: addresses for service", () => {
  it("PRC law or a mainland forum: the addresses serve for arbitral and court documents, changes bind once notified, refusal counts as service (en, zh)", async () => {
    const deal = example("prc-domestic-cietac");
    const zh = await clauseOf(deal, "notices", "zh");
    expect(zh).toContain("上表所列地址和电子邮箱为各自的送达地址");
    expect(zh).toContain("仲裁机构和人民法院送达法律文书");
    expect(zh).toContain("变更自该通知送达另一方之日起生效");
    expect(zh).toContain("以文件被退回或者被拒收之日为送达之日");
    expect(await clauseOf(deal, "notices", "en")).toContain("are their addresses for service");
    expect(await clauseOf(example("us-crm-enterprise"), "notices", "en")).not.toContain("addresses for service");
  });
});

describe("Markdown emphasis next to Chinese punctuation", () => {
  it("uses <strong> where CommonMark would print the asterisks, ** elsewhere", async () => {
    const r = await draft(example("prc-domestic-cietac"), { formats: ["md"], lang: "zh" });
    const md = r.markdown ?? "";
    // 称**“生效日”**） would not be read as bold: the run starts and ends with punctuation between letters.
    expect(md).toContain("（以下简称<strong>“生效日”</strong>）");
    expect(md).toContain("甲方（客户）：**杭州星河商贸有限公司**，");
  });
});

describe("PDF justification never spaces a Chinese line out", () => {
  it("sets a line flush left when its gaps would exceed the limit", () => {
    const font = {} as never;
    const m: Metrics = {
      fontOf: () => font,
      width: (_f, _s, t) => [...t].reduce((w, ch) => w + (/[\u4E00-\u9FFF，。：]/.test(ch) ? 10 : 5), 0),
      vertical: () => ({ advance: 12, ascender: 9 }),
    };
    // "电子邮箱：" then an email too long for the rest of the line: the first line keeps 5 characters.
    const runs: Run[] = [{ type: "text", text: "电子邮箱：contracts@northwind.example（以下简称乙方）" }];
    const set = setText(m, runs, { width: 120, size: 10, bold: false, color: "#000", linkColor: "#00f" });
    const first = set.lines[0]!;
    expect(set.text.slice(first.start, first.contentEnd)).toBe("电子邮箱：");
    // 70 of slack over 4 gaps would be 17.5 each, far above MAX_GAP_EM of the 10-point size.
    expect(70 / 4).toBeGreaterThan(10 * MAX_GAP_EM);
    expect(lineFragments(m, set, first, 120, true).every((f) => f.spacing === 0)).toBe(true);
  });
});
