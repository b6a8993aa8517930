// Issue 11, "what the deal says is what the agreement says": every negotiated term
// below reaches the drafted text, in English and in Chinese. Each test names the
// defect it guards against and asserts on the extracted clause text.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { assemble } from "../src/assemble/build.js";
import { builtinPack, defaultCatalog } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { checkDeal } from "../src/check/check-deal.js";
import { validateDeal } from "../src/deal/parse.js";
import type { Deal } from "../src/deal/schema.js";
import type { Clause, DocumentModel } from "../src/model/types.js";
import { renderBlocksMarkdown, renderClauseMarkdown, renderMarkdown } from "../src/render/markdown/index.js";
import type { Draft } from "./helpers/check.js";
import { variant } from "./helpers/check.js";
import { plainMarkdown } from "./helpers/markdown.js";

type Lang = "en" | "zh";

/** An example deal sheet from examples/deals, as plain data. */
function example(name: string): Draft {
  return parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8"));
}

function model(input: Draft, lang: Lang): DocumentModel {
  const deal: Deal = validateDeal(input);
  return assemble(defaultCatalog(), deal, { lang }).model;
}

/** One clause (body or schedule) as Markdown, with its number. */
function clause(input: Draft, id: string, lang: Lang = "en"): string {
  const m = model(input, lang);
  const c: Clause | undefined = [...m.clauses, ...m.schedules].find((x) => x.id === id);
  if (!c) throw new Error(`clause ${id} not in the ${lang} document`);
  return renderClauseMarkdown(c);
}

/** The whole document as Markdown. */
function whole(input: Draft, lang: Lang = "en"): string {
  return renderMarkdown(model(input, lang));
}

describe("1. liability: super-cap and uncapped claims follow the deal", () => {
  it("prints the deal's uncapped categories, and no others (en, zh)", () => {
    const deal = variant((d) => {
      d.liability = { uncapped: ["ipInfringement", "nonPayment"] };
    });
    const en = plainMarkdown(clause(deal, "liability", "en"));
    expect(en).toContain("a Party's infringement or misappropriation of the other Party's intellectual property rights;");
    expect(en).toContain("the Customer's obligation to pay Fees that are due;");
    expect(en).toContain("any liability that cannot be limited or excluded by law.");
    expect(en).not.toMatch(/breach of Section \d+ \(Confidentiality\)/);
    expect(en).not.toMatch(/gross negligence/);
    expect(en).not.toMatch(/Super-Cap/);
    const zh = plainMarkdown(clause(deal, "liability", "zh"));
    expect(zh).toContain("一方侵犯或者不当使用另一方知识产权的责任；");
    expect(zh).toContain("甲方支付到期服务费的义务；");
    expect(zh).toContain("依法不得限制或者排除的其他责任。");
    expect(zh).not.toContain("保密");
    expect(zh).not.toContain("重大过失");
  });

  it("states the super-cap as a multiple of the general cap, in bold, with matching exceptions to the exclusion (en, zh)", () => {
    const deal = example("us-delaware-gdpr-ccpa");
    const en = clause(deal, "liability", "en");
    expect(en).toMatch(
      /\*\*Each Party's total liability for the following claims will not exceed 3 times the amount of the limit in \[Section \d+\.2 \(Liability Cap\)\]\(#cw-liability-cap\)\. This higher limit/,
    );
    expect(plainMarkdown(en)).toMatch(/will not exceed 3 times the amount of the limit in Section \d+\.2 \(Liability Cap\)\./);
    expect(plainMarkdown(en)).toMatch(/- \(a\) a Party's breach of its obligations under this Agreement, or under data-protection law, concerning the processing and protection of personal data;\n/);
    expect(plainMarkdown(en)).toMatch(
      /- \(b\) a breach by the Provider of its data-security obligations under this Agreement that results in unauthorized access to, or loss, disclosure or alteration of, Customer Data\.\n/,
    );
    expect(plainMarkdown(en)).toMatch(/Except for the liabilities listed in Section \d+\.4 \(Unlimited Liability\) and the claims listed in Section \d+\.3 \(Super-Cap\), neither Party/);
    // The default uncapped list of the deal (it does not set one) is printed.
    expect(plainMarkdown(en)).toContain("a Party's gross negligence, willful misconduct or fraud;");
    const zh = clause(deal, "liability", "zh");
    expect(zh).toMatch(/\*\*任何一方就下列索赔承担的全部责任总额，不超过\[第[一二三四五六七八九十]+条第2款\]\(#cw-liability-cap\)所约定上限金额的3倍。/);
    expect(plainMarkdown(zh)).toMatch(/不超过第二十二条第2款所约定上限金额的3倍。/);
    expect(plainMarkdown(zh)).toContain("一方违反本合同或者数据保护法律中有关个人信息处理和保护的义务的责任；");
    expect(plainMarkdown(zh)).toMatch(/除第.+条第4款所列责任及第.+条第3款所列索赔外，任何一方均不对/);
  });

  it("carves Customer Data out of uncapped confidentiality when data claims are super-capped (en, zh)", () => {
    const deal = example("eu-gdpr-icc");
    const en = plainMarkdown(clause(deal, "liability", "en"));
    // The carve-out names the limit that applies instead: here the super-cap, which holds every data claim.
    expect(en).toMatch(
      /a Party's breach of clause \d+ \(Confidentiality\), other than a breach concerning Customer Data or personal data, which is not a breach of confidentiality for the purposes of this clause and is subject to the limit in clause \d+\.3 \(Super-Cap\)/,
    );
    expect(en).toContain("will not exceed 3 times the amount of the limit in");
    const zh = plainMarkdown(clause(deal, "liability", "zh"));
    expect(zh).toMatch(/的责任，但违反与客户数据或者个人信息有关的保密义务的，不属于本项所称的违反保密义务，其责任适用第[一二三四五六七八九十]+条第3款约定的上限/);
    // With every data claim uncapped as well, no carve-out is needed.
    const allData = variant((d) => (d.liability = { uncapped: ["confidentiality", "dataProtection", "securityBreach"] }));
    const open = plainMarkdown(clause(allData, "liability", "en"));
    expect(open).toMatch(/a Party's breach of Section \d+ \(Confidentiality\);/);
    expect(open).toContain("concerning the processing and protection of personal data;");
    expect(open).not.toContain("other than a breach concerning Customer Data");
    // The HIPAA deal leaves security breaches under the general cap, so confidentiality gives way there too.
    const hipaa = plainMarkdown(clause(example("us-healthcare-hipaa"), "liability", "en"));
    expect(hipaa).toContain("other than a breach concerning Customer Data or personal data");
    expect(hipaa).toContain("- (c) a Party's breach of its obligations under this Agreement, or under data-protection law, concerning the processing and protection of personal data;");
  });

  it("under PRC law always excludes personal injury and property loss caused intentionally or by gross negligence", () => {
    const deal = variant((d) => {
      d.law = { governingLaw: "prc", forum: { type: "arbitration", institution: "CIETAC", seat: { en: "Beijing", zh: "北京" }, language: "zh" } };
      d.liability = { uncapped: ["nonPayment"], superCap: { claims: ["grossNegligence", "dataProtection"], multiplier: 2 } };
    });
    const zh = plainMarkdown(clause(deal, "liability", "zh"));
    expect(zh).toContain("一方因故意或者重大过失造成对方财产损失的责任，以及一方因欺诈产生的责任；");
    expect(zh).toContain("一方造成对方人身损害的责任；");
    // Gross negligence left the super-cap; data protection stayed in it.
    const superCap = zh.slice(zh.indexOf("特别责任上限"), zh.indexOf("不设上限的责任"));
    expect(superCap).not.toContain("重大过失");
    expect(superCap).toContain("个人信息处理和保护的义务的责任。");
    const en = plainMarkdown(clause(deal, "liability", "en"));
    expect(en).toContain("loss of or damage to the other Party's property that a Party causes intentionally or by gross negligence, and a Party's fraud;");
    expect(en).toContain("personal injury that a Party causes to the other Party;");
  });

  it("check rules agree with the text: no confidentiality warning when it is uncapped, L3 when it is capped", () => {
    const uncapped = checkDeal(
      variant(() => {}),
      { document: false },
    );
    expect(uncapped.problems.map((p) => p.id)).not.toContain("L3");
    const capped = checkDeal(
      variant((d) => (d.liability = { uncapped: ["nonPayment"] })),
      { document: false },
    );
    expect(capped.problems.map((p) => p.id)).toContain("L3");
    expect(
      plainMarkdown(
        clause(
          variant((d) => (d.liability = { uncapped: ["nonPayment"] })),
          "liability",
        ),
      ),
    ).not.toContain("(Confidentiality)");
  });
});

describe("2. sla.chronicFailureMonths sets the chronic-failure termination right", () => {
  it("states the deal's number of months within any twelve (en, zh)", () => {
    const deal = variant((d) => (d.sla.chronicFailureMonths = 4));
    expect(plainMarkdown(clause(deal, "sla", "en"))).toContain(
      "If the Provider misses the Availability Target in four (4) months within any period of twelve (12) consecutive calendar months, the Customer may terminate",
    );
    expect(plainMarkdown(clause(deal, "sla", "zh"))).toContain("乙方在任意连续12个日历月内有4个月未达到可用性目标的，甲方可以在其中最后一个未达标月份结束后30日内书面通知解除本合同");
  });

  it("uses three months of any twelve when the deal is silent, the same in both languages", () => {
    const deal = variant((d) => delete d.sla.chronicFailureMonths);
    expect(validateDeal(deal).sla.chronicFailureMonths).toBe(3);
    expect(plainMarkdown(clause(deal, "sla", "en"))).toContain("in three (3) months within any period of twelve (12) consecutive calendar months");
    expect(plainMarkdown(clause(deal, "sla", "zh"))).toContain("在任意连续12个日历月内有3个月未达到可用性目标");
    expect(plainMarkdown(whole(deal, "en"))).not.toContain("two of three consecutive");
  });
});

describe("3. parties' registration number and legal representative", () => {
  /** The parties block (front matter) and the order form, as plain text. */
  const front = (deal: Draft, lang: Lang): string => plainMarkdown(renderBlocksMarkdownOf(deal, lang));

  it("shows a PRC party's unified social credit code and legal representative (en, zh)", () => {
    const deal = example("prc-domestic-cietac");
    const zh = front(deal, "zh");
    expect(zh).toContain("统一社会信用代码：91330106MA2XXXXX7Q，注册地址：");
    // PRC law: the party block also names the contact, as Chinese contracts do.
    expect(zh).toContain("法定代表人：Zhou Ming，联系人：Li Na，联系电话：+86 571 5555 0101，电子邮箱：lina@xinghe.example（以下简称“甲方”）");
    expect(zh).toContain("统一社会信用代码：91310115MA1HXXXX3R");
    expect(zh).toContain("法定代表人：Chen Li，联系人：Wang Qiang，电子邮箱：wangqiang@yunqi.example（以下简称“乙方”）");
    const en = front(deal, "en");
    expect(en).toContain("(unified social credit code 91330106MA2XXXXX7Q), whose registered address is");
    expect(en).toContain('and whose legal representative is Zhou Ming, and whose contact person is Li Na (email lina@xinghe.example, telephone +86 571 5555 0101) (the "Customer")');
    // The order form repeats them.
    expect(en).toContain("; unified social credit code 91330106MA2XXXXX7Q; legal representative: Zhou Ming |");
    expect(zh).toContain("；统一社会信用代码：91330106MA2XXXXX7Q；法定代表人：Zhou Ming |");
  });

  it("calls another party's number a registration number, an English company's its company number (en, zh)", () => {
    const deal = example("eu-gdpr-icc");
    deal.provider.country = "GB";
    const en = front(deal, "en");
    expect(en).toContain("(registration number HRB 48213), whose registered address is");
    expect(en).toContain("(company number 201912345K), whose registered address is");
    const zh = front(deal, "zh");
    expect(zh).toContain("，注册号：HRB 48213，注册地址：");
    expect(zh).toContain("，公司注册号：201912345K，注册地址：");
  });
});

/** The front matter (order form, parties, recitals) as Markdown. */
function renderBlocksMarkdownOf(deal: Draft, lang: Lang): string {
  return renderBlocksMarkdown(model(deal, lang).front);
}

describe("4. one deletion deadline, stated once and referred to elsewhere", () => {
  const deal = () =>
    variant((d) => {
      d.data = { ...d.data, deletionDays: 45, exportDays: 20 };
      d.privacy = { ...(d.privacy ?? {}), regimes: ["GDPR", "PIPL"], pipl: { crossBorderRoute: "standardContract" } };
    });

  it("counts deletion from the end of the export period, in the exit clause only (en, zh)", () => {
    const en = plainMarkdown(whole(deal(), "en"));
    expect(en).toMatch(/For twenty \(20\) days after this Agreement ends \(the "export period"\)/);
    expect(en).toMatch(/no later than forty-five \(45\) days after the export period in Section \d+\.2 \(Export After the End\) ends/);
    // Each period is printed once in the body; the data-protection and termination clauses refer to the exit clause.
    expect(en.match(/forty-five \(45\) days/g)).toHaveLength(1);
    expect(en.match(/twenty \(20\) days/g)).toHaveLength(1);
    expect(en).toMatch(/delete existing copies within the deadline in Section \d+\.4 \(Deletion\)/);
    expect(en).toMatch(/or delete it within the deadline in Section \d+\.4 \(Deletion\)/);
    expect(en).toMatch(/as set out in Section \d+\.2 \(Export After the End\) and Section \d+\.4 \(Deletion\);/);
    const zh = plainMarkdown(whole(deal(), "zh"));
    expect(zh).toContain("本合同终止后20日内（以下简称“导出期”）");
    expect(zh).toMatch(/应当在第.+条第2款约定的导出期届满后45日内从其系统中删除客户数据/);
    expect(zh.match(/45日/g)).toHaveLength(1);
    expect(zh.match(/20日/g)).toHaveLength(1);
    expect(zh).toMatch(/在第.+条第4款约定的期限内将个人信息返还甲方或者予以删除/);
  });

  it("states the periods once in the termination clause when a layout leaves the exit clause out", () => {
    // A short layout like a pack's own (the IP, GDPR and PIPL clauses refer to the exit clause, so it has none of them).
    const noPrivacy = variant((d) => {
      d.data = { ...d.data, deletionDays: 45, exportDays: 20 };
      delete d.privacy;
    });
    const pack = builtinPack("crm");
    const short = ["parties", "definitions", "scope", "fees", "term", "termination", "confidentiality", "liability", "general", "governing-law", "disputes", "signatures"];
    // Every other clause is disabled, as a pack leaves clauses out (a layout must place every clause it has).
    const rest = pack.clauses.map((c) => c.id).filter((id) => !short.includes(id));
    const catalog = createCatalog([pack, { name: "short", version: "1.0.0", engine: pack.engine, languages: pack.languages, clauses: [], agreements: [], disable: rest }]);
    const m = assemble(catalog, validateDeal(noPrivacy), { lang: "en" }).model;
    const en = plainMarkdown(renderMarkdown(m));
    expect(en).toContain(
      "for twenty (20) days afterwards the Provider will let the Customer export the Customer Data in a standard, machine-readable format, and will delete the Customer Data no later than forty-five (45) days after that period ends",
    );
    expect(en.match(/forty-five \(45\) days/g)).toHaveLength(1);
  });
});

describe("5. the fee table states each line's period and adds up", () => {
  /** The amount cells of the fee table and its total row, as numbers. */
  function table(md: string): { lines: number[]; total: number } {
    const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---") && !/^\| (Item|项目) /.test(l));
    const amount = (row: string): number => Number((row.split("|").at(-2) ?? "").replace(/[^\d.]/g, ""));
    return { lines: rows.filter((r) => !r.startsWith("| **")).map(amount), total: amount(rows.find((r) => r.startsWith("| **")) ?? "") };
  }

  it("us-healthcare-hipaa: monthly lines show 'per month' and their amount for the year, and the column adds up (en, zh)", () => {
    const deal = example("us-healthcare-hipaa");
    const en = clause(deal, "fees", "en");
    expect(en).toContain("| Platform subscription (concurrent user per month) | 400 | USD 45.00 | per month | USD 216,000.00 |");
    expect(en).toContain("| Population Analytics module | 1 | USD 2,500.00 | per month | USD 30,000.00 |");
    expect(en).toContain("| **Total for the first year** |  |  |  | **USD 246,000.00** |");
    const t = table(en);
    expect(t.lines).toEqual([216000, 30000]);
    expect(t.total).toBe(246000);
    const zh = clause(deal, "fees", "zh");
    expect(zh).toMatch(/\| Population Analytics module \| 1 \| [^|]*2,500\.00[^|]* \| 每月 \| [^|]*30,000\.00[^|]* \|/);
    expect(table(zh).total).toBe(table(zh).lines.reduce((a, b) => a + b, 0));
  });

  it("annual and one-time lines say so, and one total row sums every line", () => {
    const deal = variant((d) => {
      d.fees.lines = [
        { item: "Subscription", quantity: 10, unitPrice: "1,200.00", period: "annual" },
        { item: "Support", unitPrice: "100.00", period: "monthly" },
        { item: "Onboarding", unitPrice: "5,000.00", period: "oneTime" },
      ];
    });
    const en = clause(deal, "fees", "en");
    expect(en).toContain("| Subscription | 10 | USD 1,200.00 | per year | USD 12,000.00 |");
    expect(en).toContain("| Support | 1 | USD 100.00 | per month | USD 1,200.00 |");
    expect(en).toContain("| Onboarding | 1 | USD 5,000.00 | once | USD 5,000.00 |");
    expect(table(en)).toEqual({ lines: [12000, 1200, 5000], total: 18200 });
    expect(plainMarkdown(en)).toContain("recurring Fees come to USD 13,200.00 per year and one-time Fees to USD 5,000.00.");
    expect(clause(deal, "fees", "zh")).toMatch(/\| Onboarding \| 1 \| [^|]*5,000\.00[^|]* \| 一次性 \| [^|]*5,000\.00[^|]* \|/);
  });
});

describe("6. data-protection terms prevail wherever they sit; AI training excludes PHI", () => {
  it("the precedence clause refers to every included data-protection clause, Section or Schedule (en, zh)", () => {
    const deal = example("us-healthcare-hipaa");
    const en = plainMarkdown(clause(deal, "precedence", "en"));
    expect(en).toMatch(
      /As to the processing of personal data, the following terms prevail over every other part of this Agreement, including the Order Form and the order set out in Section \d+\.2, wherever in this Agreement they appear:/,
    );
    expect(en).toMatch(/\n- Section \d+ \(Business Associate Terms \(HIPAA\)\)\n/);
    expect(en).toMatch(/\n- Section \d+ \(Service Provider Terms \(CCPA\)\)\n/);
    const zh = plainMarkdown(clause(deal, "precedence", "zh"));
    expect(zh).toContain("就个人信息的处理而言，下列条款无论位于本合同何处，均优先于本合同其他所有部分");
    expect(zh).toMatch(/\n- 第.+条.*业务伙伴条款/);
    const m = model(deal, "en");
    const ids = m.clauses.find((c) => c.id === "precedence")?.subclauses.flatMap((s) => JSON.stringify(s.blocks).match(/"target":"cw-[a-z-]+"/g) ?? []);
    expect(ids).toEqual(expect.arrayContaining(['"target":"cw-hipaa-baa"', '"target":"cw-ccpa"']));
  });

  it("without data-protection terms the clause keeps the general rule for Schedules", () => {
    const deal = variant((d) => delete d.privacy);
    expect(plainMarkdown(clause(deal, "precedence", "en"))).toContain("Where a Schedule contains terms that a data-protection law requires, those terms prevail");
  });

  it("AI training under HIPAA uses only data de-identified under 45 CFR 164.514(b) (en, zh)", () => {
    const deal = example("us-healthcare-hipaa");
    const en = plainMarkdown(clause(deal, "data-ownership", "en"));
    expect(en).toMatch(
      /Customer Data that contains protected health information may be used for that purpose only after it has been de-identified within the meaning of HIPAA, so that it is no longer protected health information, in accordance with 45 C\.F\.R\. §164\.514\(b\)\(2\) \(safe harbor\); protected health information that has not been so de-identified is used only as Section \d+\.2 \(Permitted Uses and Disclosures\) permits\./,
    );
    const zh = plainMarkdown(clause(deal, "data-ownership", "zh"));
    // HIPAA de-identification is not PIPL's 去标识化 (still personal information, PIPL Art. 73): the Chinese names it 去识别处理 and says what it means.
    expect(zh).toContain(
      "仅在按照美国联邦法规第45编第164.514（b）条第（2）项（安全港法）的标准完成去识别处理（即HIPAA所称的de-identification，经该处理的信息不再属于受保护健康信息）后，方可用于该目的",
    );
    // Without HIPAA the sentence is not there.
    expect(
      plainMarkdown(
        clause(
          variant((d) => (d.data = { ...(d.data ?? {}), aiTraining: "aggregatedDeidentified" })),
          "data-ownership",
          "en",
        ),
      ),
    ).not.toContain("164.514");
  });

  it("rule D2-ai: AI training with HIPAA needs the de-identification standard; the example deal sets it", () => {
    const deal = example("us-healthcare-hipaa");
    expect(checkDeal(deal, { document: false }).problems.map((p) => p.id)).not.toContain("D2-ai");
    delete deal.data.deidentificationStandard;
    const r = checkDeal(deal, { document: false });
    expect(r.errors.map((p) => p.id)).toContain("D2-ai");
  });
});

describe("7. reports have one owner", () => {
  it("reports the Service produces are Customer Data, not Deliverables or Configurations (en, zh)", () => {
    const deal = variant((d) => (d.ip = { deliverables: "providerLicensed", configurations: "provider" }));
    const en = plainMarkdown(whole(deal, "en"));
    expect(en).not.toMatch(/custom code, integrations, reports/);
    expect(en).toContain("but excluding the Service itself, the Customer Data (including reports and other output that the Service produces from it) and the Configurations.");
    expect(en).toContain("report and dashboard definitions (but not the reports they produce, which are Customer Data)");
    expect(en).toContain("the results of processing that data, including reports, exports and other output of the Service.");
    expect(en).not.toContain("for reports and documentation, perpetually");
    const zh = plainMarkdown(whole(deal, "zh"));
    expect(zh).not.toContain("集成接口、报表");
    expect(zh).toContain("但不包括本服务本身、客户数据（包括本服务根据客户数据生成的报表及其他输出结果）和配置。");
    expect(zh).toContain("报表和仪表盘的定义（但不包括据此生成的报表，该等报表属于客户数据）");
    expect(zh).not.toContain("报表和文档的许可为永久许可");
  });
});

describe("8. prepaid fees and early termination follow the deal", () => {
  it("refunds prepaid fees on termination for the provider's breach unless the deal says not (en, zh)", () => {
    expect(
      plainMarkdown(
        clause(
          variant(() => {}),
          "termination",
          "en",
        ),
      ),
    ).toContain("the Provider will refund, within thirty (30) days after termination, the Fees prepaid for the period after termination.");
    const no = variant((d) => (d.termination = { refundPrepaidOnProviderBreach: false }));
    expect(plainMarkdown(clause(no, "termination", "en"))).toContain(
      "the Provider is not required to refund Fees prepaid for the period after termination, without prejudice to the Customer's right to claim damages.",
    );
    expect(plainMarkdown(clause(no, "termination", "zh"))).toContain("乙方无需退还甲方就解除后期间预付的服务费，但不影响甲方要求赔偿损失的权利。");
    expect(
      plainMarkdown(
        clause(
          variant(() => {}),
          "termination",
          "zh",
        ),
      ),
    ).toContain("乙方应当在解除后30日内退还甲方就解除后期间预付的服务费。");
  });

  it("early termination for convenience costs what the deal says (en, zh)", () => {
    const tfc = (fees: string) =>
      variant((d) => {
        d.options = { ...(d.options ?? {}), terminationForConvenience: { noticeDays: 60 } };
        d.termination = { earlyTerminationFees: fees };
      });
    expect(plainMarkdown(clause(tfc("none"), "termination", "en"))).toContain(
      "The Customer owes no Fees for the period after termination takes effect, and the Provider will refund any Fees prepaid for that period within thirty (30) days after termination takes effect.",
    );
    expect(plainMarkdown(clause(tfc("currentYear"), "termination", "en"))).toContain(
      "The Customer will also pay the Fees for the rest of the contract year (each year starting on the Effective Date or an anniversary of it) in which termination takes effect",
    );
    expect(plainMarkdown(clause(tfc("allRemaining"), "termination", "en"))).toContain(
      "The Customer will also pay all Fees for the rest of the then-current term, as if this Agreement had not been terminated",
    );
    expect(plainMarkdown(clause(tfc("currentYear"), "termination", "zh"))).toContain("甲方还应当支付解除生效时所在合同年度（自生效日或者其每一周年日起算的一年）剩余期间的服务费");
    expect(plainMarkdown(clause(tfc("allRemaining"), "termination", "zh"))).toContain("支付当期合同期限剩余期间的全部服务费（以尚未支付的部分为限）。");
    // Without a convenience right there is nothing to price.
    expect(
      plainMarkdown(
        clause(
          variant((d) => {
            d.options = { ...(d.options ?? {}), terminationForConvenience: false };
            d.termination = { earlyTerminationFees: "allRemaining" };
          }),
          "termination",
          "en",
        ),
      ),
    ).not.toContain("as if this Agreement had not been terminated");
  });
});
