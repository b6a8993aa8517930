/**
 * Enterprise terms, second set: insurance, the customer's right to terminate on the provider's
 * change of control, audit and information rights, non-solicitation (narrowed under California
 * law), the warranty period for deliverables, the refund of prepaid fees on termination for the
 * provider's breach, the early-termination fee of a multi-year commitment, and publicity. Each term
 * is drafted for a deal that triggers it and one that does not, in English and in Chinese, and the
 * text is asserted explicitly. Markdown only (no LibreOffice).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkDeal } from "../src/check/check-deal.js";
import { draft } from "../src/draft.js";
import type { DealInput } from "../src/deal/schema.js";
import { validateDeal } from "../src/deal/parse.js";
import { clauseText } from "./helpers/model-text.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Deal = DealInput & Record<string, any>;
type Lang = "en" | "zh";

const example = (name: string): Deal => parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as Deal;

/** The example deal with changes applied. */
function deal(name: string, change: (d: Deal) => void = () => {}): Deal {
  const d = example(name);
  change(d);
  return d;
}

async function ids(d: Deal, lang: Lang): Promise<string[]> {
  const r = await draft(d, { formats: ["md"], lang, force: true });
  return r.model.clauses.map((c) => c.id);
}

/** The text of one clause (heading, paragraphs, sub-clauses), or "" when the deal leaves it out. */
async function clauseOf(d: Deal, id: string, lang: Lang): Promise<string> {
  const r = await draft(d, { formats: ["md"], lang, force: true });
  const c = [...r.model.clauses, ...r.model.schedules].find((x) => x.id === id);
  return c ? clauseText(c) : "";
}

const californiaLaw = (d: Deal): void => {
  d.law = { governingLaw: "california", forum: { type: "courts", courts: "the state and federal courts in San Francisco, California" } };
};
const singaporeLaw = (d: Deal): void => {
  d.law = { governingLaw: "singapore", forum: { type: "arbitration", institution: "SIAC", seat: "Singapore" } };
};

describe("1. insurance", () => {
  it("states each cover with its limits in the deal currency, the insured period and notice (en, zh)", async () => {
    const en = await clauseOf(example("us-crm-enterprise"), "insurance", "en");
    expect(en).toContain('at least the following insurance (the "Required Insurance"):');
    expect(en).toContain("Commercial general (public) liability | USD 2,000,000.00 for each occurrence | USD 4,000,000.00");
    expect(en).toContain("Technology errors and omissions (professional indemnity) | USD 5,000,000.00 | USD 5,000,000.00");
    expect(en).toContain("Cyber liability | USD 5,000,000.00 | USD 5,000,000.00");
    expect(en).toContain("The Provider will keep the Required Insurance in force throughout the Term and for twelve (12) months after this Agreement ends.");
    expect(en).toContain("its retroactive date will be no later than the Effective Date");
    expect(en).toContain("written notice at least thirty (30) days before any of the Required Insurance is canceled, is not renewed or is materially reduced");
    expect(en).toContain("its limits do not change the limits of liability set out in Section");

    const zh = await clauseOf(example("cn-crm-standard"), "insurance", "zh");
    expect(zh).toContain("投保并维持至少下列保险（以下简称“约定保险”）：");
    expect(zh).toContain("公众责任险 | 每次事故人民币5,000,000.00元 | 人民币5,000,000.00元");
    expect(zh).toContain("职业责任险 | 每次索赔人民币10,000,000.00元 | 人民币20,000,000.00元");
    expect(zh).toContain("网络安全险 | 每次索赔人民币10,000,000.00元 | 人民币20,000,000.00元");
    expect(zh).toContain("乙方应当在合同期限内及本合同终止后12个月内持续维持约定保险。");
    expect(zh).toContain("应当至少提前15日书面通知甲方");
    expect(zh).toContain("乙方投保约定保险，不减轻或者免除其在本合同项下的任何责任");
  });

  it("a deal may keep one cover only, with the per-claim limit as the aggregate (en, zh)", async () => {
    const one = deal("us-crm-enterprise", (d) => (d.insurance = { cyber: { perClaim: "3,000,000.00" }, monthsAfterEnd: 36 }));
    const en = await clauseOf(one, "insurance", "en");
    expect(en).toContain("Cyber liability | USD 3,000,000.00 | USD 3,000,000.00");
    expect(en).not.toContain("Commercial general");
    expect(en).not.toContain("technology errors and omissions insurance will cover");
    expect(en).toContain("for thirty-six (36) months after this Agreement ends");
    const zh = await clauseOf(one, "insurance", "zh");
    expect(zh).toContain("网络安全险 | 每次索赔美元3,000,000.00 | 美元3,000,000.00");
    expect(zh).not.toContain("公众责任险");
    expect(zh).toContain("本合同终止后36个月内持续维持约定保险");
  });

  it("without insurance in the deal there is no insurance clause (en, zh)", async () => {
    const none = deal("us-crm-enterprise", (d) => delete d.insurance);
    expect(await ids(none, "en")).not.toContain("insurance");
    expect(await clauseOf(none, "insurance", "zh")).toBe("");
    expect(await ids(example("us-healthcare-hipaa"), "zh")).not.toContain("insurance");
  });

  it("refuses a deal with no cover, or an aggregate below the per-claim limit", () => {
    expect(() => validateDeal(deal("us-crm-enterprise", (d) => (d.insurance = { monthsAfterEnd: 12 })))).toThrow(/at least one cover/);
    expect(() => validateDeal(deal("us-crm-enterprise", (d) => (d.insurance = { cyber: { perClaim: "5,000,000", aggregate: "1,000,000" } })))).toThrow(/aggregate limit/);
  });
});

describe("2. termination on the provider's change of control", () => {
  it("by default: when control passes to a competitor of the Customer, within the window, with a refund (en, zh)", async () => {
    const en = await clauseOf(example("us-crm-enterprise"), "termination", "en");
    expect(en).toContain("Change of Control of the Provider");
    expect(en).toContain("A change of control of the Provider occurs when a person that did not control the Provider at the Effective Date");
    expect(en).toContain("more than 50% of the voting rights in the Provider");
    expect(en).toContain(
      "If that person, or any entity that it controls or that is under common control with it, competes with the Customer in a material part of the Customer's business, the Customer may terminate this Agreement by written notice given within ninety (90) days after receiving the Provider's notice",
    );
    expect(en).toContain("the Provider will refund, within thirty (30) days after termination takes effect, the Fees prepaid for that period.");
    const zh = await clauseOf(example("cn-crm-standard"), "termination", "zh");
    expect(zh).toContain("乙方控制权变更");
    expect(zh).toContain("构成乙方控制权变更，但控制权在受同一最终控制人控制的主体之间转移的除外");
    expect(zh).toContain("在甲方的重要业务领域与甲方存在竞争关系的，甲方可以自收到乙方通知之日（乙方未通知的，自甲方知道控制权变更之日）起60日内书面通知乙方解除本合同");
    expect(zh).toContain("乙方应当在解除生效后30日内退还甲方就该期间预付的服务费。");
  });

  it("on any change of control when the deal says so (en, zh)", async () => {
    const any = example("eu-gdpr-icc");
    const en = await clauseOf(any, "termination", "en");
    expect(en).toContain("naming the person that has acquired control. The Customer may then terminate this Agreement by written notice given within sixty (60) days");
    expect(en).not.toContain("competes with the Customer");
    const zh = await clauseOf(any, "termination", "zh");
    expect(zh).toContain("并说明取得控制权的主体。甲方可以自收到乙方通知之日");
    expect(zh).not.toContain("存在竞争关系");
  });

  it("not at all when the deal says none (en, zh)", async () => {
    const none = deal("us-crm-enterprise", (d) => (d.termination = { ...d.termination, changeOfControl: "none" }));
    expect(await clauseOf(none, "termination", "en")).not.toMatch(/change of control/i);
    expect(await clauseOf(none, "termination", "zh")).not.toContain("控制权");
  });
});

describe("3. audit and information rights", () => {
  it("on by default: yearly audits on notice, more often after a breach or for a regulator, third-party reports first, costs (en, zh)", async () => {
    const d = example("eu-gdpr-icc");
    const en = await clauseOf(d, "audit", "en");
    expect(en).toContain("Audit and Information Rights");
    expect(en).toContain("the Provider may first give the Customer its current certificates and latest audit reports for the certifications listed in clause");
    expect(en).toContain("Audits may take place no more than once in any twelve (12) months, on written notice given at least thirty (30) days in advance");
    expect(en).toContain("a breach of the security of Customer Data or a material breach of this Agreement by the Provider has occurred");
    expect(en).toContain("a regulator with authority over the Customer requires or requests the audit");
    expect(en).toContain("an independent auditor that is bound by written confidentiality obligations");
    expect(en).toContain("If an audit shows that the Provider has materially failed to comply with this Agreement, the Provider will reimburse the Customer's reasonable costs of that audit.");
    // The GDPR terms keep their own audit rights; this clause adds to them.
    expect(en).toContain("The audit, inspection and information rights that the following terms give for the processing of personal data apply in addition to this clause, which does not limit them");
    expect(en).toMatch(/clause \d+ \(Data Processing Terms \(GDPR\)\)/);
    const zh = await clauseOf(d, "audit", "zh");
    expect(zh).toContain("审计与信息提供");
    expect(zh).toContain("所列认证的现行有效证书和最近一期审计报告");
    expect(zh).toContain("审计每12个月不超过一次，甲方应当至少提前30日书面通知乙方并说明审计范围");
    expect(zh).toContain("客户数据的安全遭到破坏或者乙方严重违反本合同的");
    expect(zh).toContain("但审计发现乙方存在实质性不符合本合同约定的情形的，乙方应当承担甲方为该次审计支出的合理费用");
    expect(zh).toContain("在本条之外另行适用，本条不限制该等权利");
  });

  it("without certifications the provider may offer any independent report; without a data-protection regime there is no such sub-clause (en, zh)", async () => {
    const d = example("us-crm-enterprise");
    const en = await clauseOf(d, "audit", "en");
    expect(en).toContain("such as an ISO/IEC 27001 certificate or a SOC 2 Type II report");
    expect(en).not.toContain("Data-Protection Audits");
    const zh = await clauseOf(d, "audit", "zh");
    expect(zh).toContain("例如ISO/IEC 27001认证证书或者SOC 2 Type II报告");
    expect(zh).not.toContain("数据保护审计");
    // The notice period follows the deal.
    expect(await clauseOf(example("cn-crm-standard"), "audit", "zh")).toContain("甲方应当至少提前15日书面通知乙方");
  });

  it("audit: false leaves the clause out (en, zh)", async () => {
    const off = deal("eu-gdpr-icc", (d) => (d.audit = false));
    expect(await ids(off, "en")).not.toContain("audit");
    expect(await ids(off, "zh")).not.toContain("audit");
    // The GDPR audit right stays where it was.
    expect(await clauseOf(off, "gdpr-dpa", "en")).toContain("allow for and contribute to audits");
  });
});

describe("4. non-solicitation", () => {
  it("when the deal turns it on: the employees on the service, for the term plus the months, with the usual carve-outs (en, zh)", async () => {
    const on = example("eu-gdpr-icc");
    const en = await clauseOf(on, "non-solicitation", "en");
    expect(en).toContain(
      'During the Term and for twelve (12) months after it ends (the "Restricted Period"), neither Party will, directly or through others, solicit or encourage any employee of the other Party who is or has been involved in providing or receiving the Service to leave the other Party\'s employment',
    );
    expect(en).toContain("advertise vacancies generally, or engage recruitment agencies, in ways not targeted at the other Party's employees");
    expect(en).toContain("whose employment with the other Party ended at least six (6) months earlier");
    const zh = await clauseOf(on, "non-solicitation", "zh");
    expect(zh).toContain("互不招揽");
    expect(zh).toContain(
      "在合同期限内及合同期限届满或者本合同终止后12个月内（以下简称“限制期”），未经另一方事先书面同意，任何一方均不得直接或者间接招揽、劝诱另一方正在或者曾经参与提供或者接受本服务的员工从另一方离职。",
    );
    expect(zh).toContain("以并非专门针对另一方员工的方式发布公开招聘信息");
    expect(checkDeal(validateDeal(on)).problems.map((p) => p.id)).not.toContain("NS1-california");
  });

  it("off by default (en, zh)", async () => {
    const off = example("us-crm-enterprise");
    expect(await ids(off, "en")).not.toContain("non-solicitation");
    expect(await ids(off, "zh")).not.toContain("non-solicitation");
  });

  it("under California law: only no soliciting with confidential information, no restriction on hiring, and a check says so (en, zh)", async () => {
    const ca = deal("us-crm-enterprise", (d) => (californiaLaw(d), (d.nonSolicitation = { months: 18 })));
    const en = await clauseOf(ca, "non-solicitation", "en");
    expect(en).toContain(
      'During the Term and for eighteen (18) months after it ends (the "Restricted Period"), neither Party will use information that is confidential to the other Party under Section 15 (Confidentiality), including information about its personnel, to solicit any employee of the other Party',
    );
    expect(en).toContain("or either Party's freedom to hire any person");
    expect(en).toContain("Section 16600 of the California Business and Professions Code");
    expect(en).not.toContain("directly or through others, solicit or encourage");
    const zh = await clauseOf(ca, "non-solicitation", "zh");
    expect(zh).toMatch(/任何一方均不得利用另一方依照第[一二三四五六七八九十]+条（保密条款）应予保密的信息（包括其人员信息）招揽/);
    expect(zh).toContain("亦不限制任何一方录用任何人员");
    expect(zh).toContain("《加利福尼亚州商业与职业法典》第16600条");
    const ns1 = checkDeal(validateDeal(ca)).problems.find((p) => p.id === "NS1-california");
    expect(ns1?.severity).toBe("info");
    expect(ns1?.message.en).toContain("§16600");
    expect(ns1?.message.zh).toContain("第16600条");
  });
});

describe("5. warranty period for deliverables", () => {
  it("with implementation and customization: conformity for the days after acceptance, repair or re-performance, then a refund (en, zh)", async () => {
    const d = deal("eu-gdpr-icc", (x) => (x.warranties = { deliverablesDays: 120 }));
    const en = await clauseOf(d, "warranties", "en");
    expect(en).toContain("Deliverables Warranty");
    expect(en).toContain("The Provider warrants that, for one hundred and twenty (120) days after their acceptance under clause");
    expect(en).toContain("the Deliverables will conform in all material respects to their specification (for the Customizations, the specification approved under clause");
    expect(en).toContain("repair the Deliverables concerned or perform the work again so that they conform, within thirty (30) days after the notice");
    expect(en).toContain("the Provider will refund, within thirty (30) days after the rejection, the Fees paid for them");
    const zh = await clauseOf(d, "warranties", "zh");
    expect(zh).toContain("交付成果质量保证");
    expect(zh).toContain("乙方保证，自交付成果依照");
    expect(zh).toContain("验收合格之日起120日内（以下称“质保期”），交付成果在所有实质方面符合其需求规格说明");
    expect(zh).toContain("修复相关交付成果或者重新完成相关工作");
    expect(zh).toContain("乙方应当在甲方拒收后30日内退还甲方就该交付成果已支付的服务费");
    // Minor defects found at acceptance are fixed under this warranty.
    expect(await clauseOf(d, "acceptance", "en")).toMatch(/those defects will be fixed under clause \d+\.\d+ \(Deliverables Warranty\)/);
  });

  it("customization without an acceptance procedure: counted from delivery, 90 days by default (en, zh)", async () => {
    const d = deal("us-crm-enterprise", (x) => (x.customization = { description: "a commission report" }));
    expect(await clauseOf(d, "warranties", "en")).toContain("for ninety (90) days after their delivery (the warranty period)");
    expect(await clauseOf(d, "warranties", "zh")).toContain("自交付成果交付之日起90日内（以下称“质保期”）");
  });

  it("without implementation or customization there is no deliverables warranty (en, zh)", async () => {
    const d = example("us-crm-enterprise");
    expect(await clauseOf(d, "warranties", "en")).not.toContain("Deliverables Warranty");
    expect(await clauseOf(d, "warranties", "zh")).not.toContain("质保期");
  });
});

describe("6. refund of prepaid fees on termination for the provider's breach", () => {
  it("true: what is refunded and by when, for any termination for the provider's breach (en, zh)", async () => {
    const d = example("us-crm-enterprise");
    const en = await clauseOf(d, "termination", "en");
    expect(en).toMatch(
      /if the Customer terminates this Agreement under Section \d+\.1 \(Termination for Cause\), or under any other provision of this Agreement that allows it to terminate because of the Provider's breach, the Provider will refund, within thirty \(30\) days after termination, the Fees prepaid for the period after termination\./,
    );
    const zh = await clauseOf(d, "termination", "zh");
    expect(zh).toMatch(/甲方依照第[一二三四五六七八九十]+条第1款或者本合同允许其因乙方违约而解除本合同的其他约定解除本合同的，乙方应当在解除后30日内退还甲方就解除后期间预付的服务费。/);
  });

  it("false: the text says there is no refund, and keeps the claim for damages, rather than dropping the term (en, zh)", async () => {
    const d = deal("us-crm-enterprise", (x) => (x.termination = { ...x.termination, refundPrepaidOnProviderBreach: false }));
    const en = await clauseOf(d, "termination", "en");
    expect(en).toContain(
      "because of the Provider's breach, the Provider is not required to refund Fees prepaid for the period after termination, without prejudice to the Customer's right to claim damages.",
    );
    expect(en).not.toContain("the Provider will refund, within thirty (30) days after termination, the Fees prepaid");
    const zh = await clauseOf(d, "termination", "zh");
    expect(zh).toContain("乙方无需退还甲方就解除后期间预付的服务费，但不影响甲方要求赔偿损失的权利。");
  });
});

describe("7. early termination of a multi-year commitment", () => {
  it("currentYear in a 36-month term: the rest of the contract year, payable within 30 days, the price of the exit and not a penalty (en, zh)", async () => {
    const d = example("us-crm-enterprise");
    expect(d.agreement.initialTermMonths).toBe(36);
    const en = await clauseOf(d, "termination", "en");
    expect(en).toContain(
      "The Customer will also pay the Fees for the rest of the contract year (each year starting on the Effective Date or an anniversary of it) in which termination takes effect, so far as they are not already paid, and owes no Fees for any later period; the Provider will refund any Fees prepaid for a later period within thirty (30) days after termination takes effect.",
    );
    expect(en).toContain("The Customer will pay that amount (the early termination fee) within thirty (30) days after termination takes effect.");
    expect(en).toContain("The early termination fee is the agreed price of the Customer's right to end its commitment early, and not a sum payable for breach of this Agreement.");
    expect(en).toContain("is a genuine pre-estimate of the loss the Provider would suffer from its early end, and that it is not a penalty.");
    const zh = await clauseOf(d, "termination", "zh");
    expect(zh).toContain("甲方还应当支付解除生效时所在合同年度（自生效日或者其每一周年日起算的一年）剩余期间的服务费（以尚未支付的部分为限），但无需支付其后期间的服务费");
    expect(zh).toContain("甲方应当在解除生效后30日内支付该款项（以下称“提前解除费”）。");
    expect(zh).toContain("是对乙方因该承诺提前终止所受损失的真实预估；且提前解除费不属于惩罚性款项。");
  });

  it("allRemaining under English and Singapore law: every fee to the end of the term, with the penalty-rule wording (en, zh)", async () => {
    for (const law of [(d: Deal) => d, singaporeLaw]) {
      const d = deal("us-crm-enterprise", (x) => (law(x), (x.termination = { earlyTerminationFees: "allRemaining" })));
      if (law === singaporeLaw) expect(d.law.governingLaw).toBe("singapore");
      const en = await clauseOf(d, "termination", "en");
      expect(en).toContain(
        "The Customer will also pay all Fees for the rest of the then-current term, as if this Agreement had not been terminated, so far as they are not already paid. The Customer will pay that amount (the early termination fee) within thirty (30) days after termination takes effect.",
      );
      expect(en).toContain("protects the Provider's legitimate interest in that commitment");
      expect(en).not.toContain("Article 585");
      const zh = await clauseOf(d, "termination", "zh");
      expect(zh).toContain("按照本合同未被解除的情形，支付当期合同期限剩余期间的全部服务费（以尚未支付的部分为限）。甲方应当在解除生效后30日内支付该款项");
      expect(zh).toContain("不属于惩罚性款项");
    }
  });

  it("under PRC law: consideration for the agreed right of termination, and the loss it is measured against under Civil Code Art. 585 (zh, en)", async () => {
    const d = example("cn-crm-standard");
    expect(d.agreement.initialTermMonths).toBe(24);
    const zh = await clauseOf(d, "termination", "zh");
    expect(zh).toContain("双方确认，提前解除费是甲方行使本款约定的解除权所应支付的对价，而非违约金");
    expect(zh).toContain(
      "提前解除费依法被认定为违约金的，双方同意，依照《中华人民共和国民法典》第五百八十五条衡量其数额时所依据的损失，包括乙方为履行本合同已经支出的费用以及本合同全部履行后乙方可以获得的利益。",
    );
    expect(zh).not.toContain("惩罚性款项");
    const en = await clauseOf(d, "termination", "en");
    expect(en).toContain("the early termination fee is the consideration for the Customer's exercise of the right of termination agreed in this Section, and not liquidated damages for breach");
    expect(en).toContain("under Article 585 of the Civil Code of the People's Republic of China includes the costs the Provider has incurred to perform this Agreement");
    expect(en).not.toContain("not a penalty");
    // All the remaining fees under PRC law may be cut down as excessive: the check warns.
    const all = deal("cn-crm-standard", (x) => (x.termination = { ...x.termination, earlyTerminationFees: "allRemaining" }));
    expect(checkDeal(validateDeal(all)).problems.find((p) => p.id === "T4-prc")?.severity).toBe("warning");
    expect(checkDeal(validateDeal(d)).problems.map((p) => p.id)).not.toContain("T4-prc");
  });

  it("none: no fee and a refund by a date, so no penalty wording (en, zh)", async () => {
    const d = deal("us-crm-enterprise", (x) => (x.termination = { earlyTerminationFees: "none" }));
    const en = await clauseOf(d, "termination", "en");
    expect(en).toContain(
      "The Customer owes no Fees for the period after termination takes effect, and the Provider will refund any Fees prepaid for that period within thirty (30) days after termination takes effect.",
    );
    expect(en).not.toContain("(the early termination fee)");
    expect(en).not.toContain("not a penalty");
    const zh = await clauseOf(d, "termination", "zh");
    expect(zh).toContain("甲方无需支付解除生效后期间的服务费，乙方应当在解除生效后30日内退还甲方就该期间预付的服务费。");
    expect(zh).not.toContain("提前解除费");
  });

  it("without a convenience right the fee is not drafted, and a check says so (en, zh)", async () => {
    const d = deal("us-crm-enterprise", (x) => (x.options = { ...x.options, terminationForConvenience: false }));
    expect(await clauseOf(d, "termination", "en")).not.toContain("(the early termination fee)");
    expect(await clauseOf(d, "termination", "zh")).not.toContain("提前解除费");
    expect(checkDeal(validateDeal(d)).problems.find((p) => p.id === "T3")?.message.en).toContain("termination.earlyTerminationFees is currentYear");
  });
});

describe("publicity (options.publicity)", () => {
  it("true: the provider may list the customer by name and logo (en, zh)", async () => {
    const d = deal("us-crm-enterprise", (x) => (x.options = { ...x.options, publicity: true }));
    const en = await clauseOf(d, "general", "en");
    expect(en).toContain("The Provider may name the Customer as a customer and show its name and logo in customer lists on its website and in marketing materials");
    expect(en).not.toContain("Neither Party may use the other's name");
    const zh = await clauseOf(d, "general", "zh");
    expect(zh).toContain("乙方可以在其网站的客户名录和营销材料中将甲方列为其客户并展示甲方的名称和标识");
    expect(zh).not.toContain("未经另一方事先书面同意，任何一方均不得使用另一方的名称");
  });

  it("false (the default): neither party uses the other's name without approval (en, zh)", async () => {
    const d = example("us-crm-enterprise");
    const en = await clauseOf(d, "general", "en");
    expect(en).toContain("Neither Party may use the other's name, logo or trademarks, or make any public statement about this Agreement, without the other's prior written approval.");
    expect(en).not.toContain("may name the Customer as a customer");
    const zh = await clauseOf(d, "general", "zh");
    expect(zh).toContain("未经另一方事先书面同意，任何一方均不得使用另一方的名称、标识或者商标，亦不得就本合同发表任何公开声明。");
    expect(zh).not.toContain("将甲方列为其客户");
  });
});
