/**
 * Enterprise clauses every CRM SaaS agreement has: suspension on every ground, acceptable use with
 * the marketing-law duties, support terms in every deal, additional users and renewal pricing,
 * business continuity, beta features and open-source software. Each is switched or set by a deal
 * field; each test drafts a deal that triggers the clause (or the option) and one that does not,
 * in English and in Chinese, and asserts on the clause text (Markdown only, no LibreOffice).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultCatalog } from "../src/index.js";
import { draft } from "../src/draft.js";
import type { DealInput } from "../src/deal/schema.js";
import { clauseText } from "./helpers/model-text.js";

type Deal = DealInput & Record<string, Record<string, unknown>>;
const example = (name: string): Deal => parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as Deal;

/** The text of one clause or schedule of the drafted agreement, or undefined when the agreement leaves it out. */
async function clauseOf(deal: Deal, id: string, lang: "en" | "zh"): Promise<string | undefined> {
  const r = await draft(deal, { formats: ["md"], lang, force: true });
  const c = [...r.model.clauses, ...r.model.schedules].find((x) => x.id === id);
  return c ? clauseText(c) : undefined;
}

async function mustHave(deal: Deal, id: string, lang: "en" | "zh"): Promise<string> {
  const text = await clauseOf(deal, id, lang);
  if (text === undefined) throw new Error(`the agreement has no clause ${id} (${lang})`);
  return text;
}

describe("suspension: every ground stated once, with its limits", () => {
  it("a default deal: non-payment, security risk and breach of the use terms, notice, limits, restoration, no credit, wrongful suspension (en, zh)", async () => {
    const en = await mustHave(example("us-delaware-gdpr-ccpa"), "suspension", "en");
    expect(en).toContain("If an undisputed invoice remains unpaid thirty (30) days after its due date, the Provider may give the Customer written notice that it intends to suspend the Service.");
    expect(en).toContain("still unpaid ten (10) days after that notice");
    expect(en).toContain("poses an imminent threat to the security, integrity or availability of the Service");
    // The marketing module brings the marketing clause, whose breach is a ground too; without it, the use restrictions and acceptable use.
    expect(en).toMatch(/in material breach of Section \d+\.\d+ \(Use Restrictions\), Section \d+ \(Acceptable Use\) or Section \d+ \(Marketing Messages\),/);
    expect(await mustHave(example("bilingual-crm"), "suspension", "en")).toMatch(/in material breach of Section \d+\.\d+ \(Use Restrictions\) or Section \d+ \(Acceptable Use\),/);
    expect(en).toContain("in which case it will notify the Customer promptly after the suspension starts");
    expect(en).toContain("will go no further, and last no longer, than is reasonably needed to deal with its cause");
    expect(en).toContain("the Provider will restore the Service promptly once the cause has ended");
    expect(en).toContain("and earns no service credit");
    expect(en).toContain("it is in breach of this Agreement");
    expect(en).toContain("service credits are not the Customer's only remedy for it");

    const zh = await mustHave(example("cn-crm-standard"), "suspension", "zh");
    expect(zh).toContain("无争议的发票款项逾期30日仍未支付的，乙方可书面通知甲方拟暂停本服务。该通知发出后10日内逾期款项仍未付清的");
    expect(zh).toContain("构成紧迫威胁的（例如登录凭证泄露或者正在传播恶意代码）");
    expect(zh).toContain("因威胁紧迫或者法律要求而无法事先通知的，应当在暂停开始后及时通知甲方");
    expect(zh).toContain("暂停事由消除后（例如逾期款项已付清、威胁已排除或者违约行为已停止），乙方应当及时恢复本服务");
    expect(zh).toContain("甲方仍应支付暂停期间的服务费");
    expect(zh).toContain("甲方亦无权就此获得服务抵扣");
    expect(zh).toContain("且甲方就此可获得的救济不限于服务抵扣");
  });

  it("a deal that switches off the security and use grounds keeps non-payment only, with its own notice period (en, zh)", async () => {
    const deal = example("us-delaware-gdpr-ccpa");
    deal["suspension"] = { securityRisk: false, useBreach: false, paymentNoticeDays: 20 };
    const en = await mustHave(deal, "suspension", "en");
    expect(en).toContain("still unpaid twenty (20) days after that notice");
    expect(en).not.toContain("imminent threat");
    expect(en).not.toContain("Acceptable Use");
    expect(en).toMatch(/A suspension under Section \d+\.1 \(Non-Payment\) does not relieve the Customer/);
    const zh = await mustHave(deal, "suspension", "zh");
    expect(zh).toContain("该通知发出后20日内逾期款项仍未付清的");
    expect(zh).not.toContain("安全风险");
    expect(zh).not.toContain("违反使用规范");
    expect(zh).toMatch(/依照第[一二三四五六七八九十]+条第1款暂停服务的，甲方仍应支付/);
  });

  it("the payment clause no longer states a suspension of its own; it points to the suspension clause (en, zh)", async () => {
    for (const name of ["us-delaware-gdpr-ccpa", "prc-domestic-cietac"]) {
      const en = await mustHave(example(name), "payment", "en");
      expect(en).toMatch(/may suspend the Service for non-payment only as set out in Section \d+\.1 \(Non-Payment\)/);
      expect(en).not.toContain("further written notice");
      const zh = await mustHave(example(name), "payment", "zh");
      expect(zh).toMatch(/乙方仅可依照第[一二三四五六七八九十]+条第1款的约定因欠费暂停本服务/);
      expect(zh).not.toContain("另行书面通知");
    }
  });
});

describe("acceptable use and the marketing laws", () => {
  it("a US deal with a marketing module: consent, sender identification, unsubscribe, do-not-call, CAN-SPAM and the TCPA (en, zh)", async () => {
    const deal = example("us-crm-enterprise");
    const en = await mustHave(deal, "marketing-messages", "en");
    expect(en).toContain("only to a recipient who has given the consent that the applicable law requires for that channel");
    expect(en).toContain("identify itself truthfully as the sender in every Marketing Message");
    expect(en).toContain("a free and easy way to unsubscribe from further messages");
    expect(en).toContain("act on each unsubscribe or opt-out request promptly");
    expect(en).toContain("screen the number against the do-not-call registers that apply");
    expect(en).toContain("the Controlling the Assault of Non-Solicited Pornography and Marketing Act of 2003 (CAN-SPAM Act) and the Telephone Consumer Protection Act of 1991 (TCPA)");
    expect(en).not.toContain("ePrivacy");
    expect(en).not.toContain("PECR");
    expect(en).not.toContain("Spam Control Act");
    expect(en).not.toContain("Advertising Law");
    const zh = await mustHave(deal, "marketing-messages", "zh");
    expect(zh).toContain("（“营销信息”）");
    expect(zh).toContain("在美国，《2003年反垃圾邮件法》（CAN-SPAM Act）和《1991年电话消费者保护法》（TCPA）");
    expect(zh).toContain("按照适用法律查询相关的“谢绝来电”登记名单");
    expect(zh).toContain("提供免费、便捷的退订方式");
    expect(zh).not.toContain("《电子隐私指令》");
    expect(zh).not.toContain("《中华人民共和国广告法》");
  });

  it("GDPR data adds the ePrivacy Directive; a UK customer PECR; a Singapore customer the Spam Control Act and the Do Not Call provisions (en, zh)", async () => {
    const gdpr = example("us-delaware-gdpr-ccpa");
    expect(await mustHave(gdpr, "marketing-messages", "en")).toContain("the laws of each Member State implementing Directive 2002/58/EC (the ePrivacy Directive)");
    expect(await mustHave(gdpr, "marketing-messages", "zh")).toContain("各成员国为实施第2002/58/EC号指令（《电子隐私指令》）而制定的法律");

    const uk = example("us-crm-enterprise");
    uk.customer["country"] = "GB";
    uk.law["governingLaw"] = "england-wales";
    const ukEn = await mustHave(uk, "marketing-messages", "en");
    expect(ukEn).toContain("in the United Kingdom, the Privacy and Electronic Communications (EC Directive) Regulations 2003 (PECR)");
    expect(ukEn).not.toContain("CAN-SPAM");
    expect(await mustHave(uk, "marketing-messages", "zh")).toContain("在英国，《2003年隐私与电子通讯（欧共体指令）条例》（PECR）");

    const sg = example("us-crm-enterprise");
    sg.customer["country"] = "SG";
    sg.law["governingLaw"] = "singapore";
    const sgEn = await mustHave(sg, "marketing-messages", "en");
    expect(sgEn).toContain("in Singapore, the Spam Control Act 2007 and the Do Not Call provisions of the Personal Data Protection Act 2012.");
    expect(sgEn).not.toContain("CAN-SPAM");
    expect(await mustHave(sg, "marketing-messages", "zh")).toContain("在新加坡，《2007年垃圾信息控制法》（Spam Control Act 2007）以及《2012年个人数据保护法》中有关“谢绝来电”登记的规定。");
  });

  it("a domestic PRC deal reads as a PRC contract: 广告法第四十三条, 电子商务法, 个人信息保护法 in one sentence, consent or request, automated decision-making (zh, en)", async () => {
    const deal = example("prc-domestic-cietac");
    const zh = await mustHave(deal, "marketing-messages", "zh");
    expect(zh).toContain(
      "甲方发送营销信息，应当遵守《中华人民共和国广告法》第四十三条、《中华人民共和国电子商务法》、《中华人民共和国个人信息保护法》及《通信短信息服务管理规定》关于商业性电子信息的规定",
    );
    expect(zh).toContain("仅向同意或者请求接收的接收者发送营销信息，并保存其同意或者请求的记录");
    expect(zh).toContain("通过自动化决策方式向个人进行信息推送、商业营销的，同时提供不针对其个人特征的选项，或者向其提供便捷的拒绝方式");
    expect(zh).not.toContain("在中国境内");
    expect(zh).not.toContain("中国境内的个人");
    expect(zh).not.toContain("谢绝来电");
    expect(zh).not.toContain("适用法律允许无需同意即可发送的除外");
    expect(zh).not.toContain("在美国");
    const en = await mustHave(deal, "marketing-messages", "en");
    expect(en).toContain("the rules on commercial electronic messages in Article 43 of the Advertising Law of the People's Republic of China");
    expect(en).toContain("only to a recipient who has consented to receive it or asked for it");
    expect(en).not.toContain("do-not-call");
  });

  it("no marketing module and no flag: the general acceptable-use rules only; the flag switches the marketing clause on or off whatever the modules say (en, zh)", async () => {
    const plain = example("bilingual-crm");
    const en = await mustHave(plain, "acceptable-use", "en");
    expect(en).toContain("the Customer will not use the Service, and will ensure that its Authorised Users do not use it, to:");
    expect(en).toContain("probe, scan or test the vulnerability of the Service");
    expect(en).not.toContain("Marketing Message");
    expect(await clauseOf(plain, "marketing-messages", "en")).toBeUndefined();
    const zh = await mustHave(plain, "acceptable-use", "zh");
    expect(zh).toContain("对本服务进行探测、扫描、漏洞测试或者压力测试");
    expect(zh).toContain("法律和行政法规禁止发布或者传输的信息");
    expect(await clauseOf(plain, "marketing-messages", "zh")).toBeUndefined();

    const off = example("us-crm-enterprise");
    off.services["marketingMessages"] = false;
    expect(await clauseOf(off, "marketing-messages", "en")).toBeUndefined();
    expect(await clauseOf(off, "marketing-messages", "zh")).toBeUndefined();
    expect(await mustHave(off, "acceptable-use", "en")).not.toContain("information that laws or administrative regulations prohibit");

    const on = example("cn-crm-standard");
    on.services["marketingMessages"] = true;
    expect(await mustHave(on, "marketing-messages", "zh")).toContain("甲方发送营销信息，应当遵守《中华人民共和国广告法》第四十三条");
    expect(await mustHave(on, "marketing-messages", "en")).toContain("Article 43 of the Advertising Law of the People's Republic of China");
  });
});

describe("support terms in every deal", () => {
  it("a deal without severities gets the default table, business hours in the customer's time and the default channels (en, zh)", async () => {
    const deal = example("us-delaware-gdpr-ccpa");
    const en = await mustHave(deal, "support", "en");
    expect(en).toContain("at any time through the Provider's support portal, by email or by telephone.");
    expect(en).toContain("from 9:00 to 18:00 (the Customer's local time) on business days");
    expect(en).toContain("and around the clock for Incidents of the highest severity");
    expect(en).toContain("P1 | the Service is down or a critical function is unavailable for many users, with no workaround | 1 hour | 8 hours");
    expect(en).toContain("P3 | limited effect, or a workaround is available | 8 hours | 72 hours");
    expect(en).toContain("P4 | a question, cosmetic defect or request for enhancement | 24 hours | reasonable efforts");
    const zh = await mustHave(deal, "support", "zh");
    expect(zh).toContain("在工作日9:00至18:00（甲方当地时间）提供服务");
    expect(zh).toContain("P2 | 主要功能受损，严重影响甲方业务 | 4小时 | 24小时");
  });

  it("a deal's own hours, time zone, channels and severities replace the defaults (en, zh)", async () => {
    const us = example("us-crm-enterprise");
    us["support"] = { ...us["support"], startHour: 8, endHour: 20 };
    const en = await mustHave(us, "support", "en");
    expect(en).toContain("from 8:00 to 20:00 (US Eastern Time)");
    expect(en).toContain("by telephone or by live chat in the Service.");
    const cn = example("cn-crm-standard");
    const zh = await mustHave(cn, "support", "zh");
    expect(zh).toContain("9:00至18:00（北京时间）");
    expect(zh).toContain("但国家法定节假日除外");
    expect(zh).toContain("P4 | 咨询、界面瑕疵或功能改进建议 | 24小时 | 240小时");
    expect(zh).not.toContain("P4 | 咨询、界面瑕疵或功能改进建议 | 24小时 | 尽合理努力");
  });

  it("round-the-clock support: no business hours, the targets run continuously (en, zh)", async () => {
    const deal = example("us-healthcare-hipaa");
    const en = await mustHave(deal, "support", "en");
    expect(en).toContain("twenty-four hours a day, seven days a week");
    expect(en).not.toContain("9:00");
    const zh = await mustHave(deal, "support", "zh");
    expect(zh).toContain("每周七日、每日二十四小时处理各级别故障");
    expect(zh).not.toContain("工作日");
  });
});

describe("additional users and renewal pricing in the fee schedule", () => {
  it("by default additional users are charged at the seat price pro rata for the rest of the invoiced period (en, zh)", async () => {
    const deal = example("us-delaware-gdpr-ccpa");
    const en = await mustHave(deal, "fees", "en");
    expect(en).toContain('Each additional user is charged at the unit price of the "CRM subscription, base modules" line');
    expect(en).toContain("USD 420.00 per named user per year, pro rata from the day it is added until the end of the period for which recurring Fees have then been invoiced");
    expect(en).toContain("cannot be reduced during the Initial Term or a Renewal Term");
    const zh = await mustHave(example("prc-domestic-cietac"), "fees", "zh");
    expect(zh).toContain("所列“CRM订阅服务”的单价计费，即人民币1,200.00元（用户/年），自增加之日起按日折算至当前合同年度届满之日");
  });

  it("an annual true-up: the highest number in each contract year, invoiced after the report (en, zh)", async () => {
    const deal = example("us-crm-enterprise");
    const en = await mustHave(deal, "fees", "en");
    expect(en).toContain("the Customer will report to the Provider the highest number of named users in that year");
    expect(en).toContain("pro rata from the first day of the month in which that number was first exceeded");
    expect(en).not.toContain("pro rata from the day it is added");
    const zh = await mustHave(deal, "fees", "zh");
    expect(zh).toContain("甲方应当向乙方报告该年度内指定用户的最高人数");
    expect(zh).not.toContain("自增加之日起按日折算");
  });

  it("the renewal price cap sits in the fee schedule for every payment schedule; without a cap the fees stay as they were (en, zh)", async () => {
    const capped = example("us-crm-enterprise");
    const en = await mustHave(capped, "fees", "en");
    expect(en).toMatch(
      /at least thirty \(30\) days before the last day on which notice of non-renewal may be given under Section \d+\.2, so that the Customer can decide whether to renew\. The increase may not exceed 5% of the recurring Fees for the preceding twelve months\./,
    );
    expect(await mustHave(capped, "payment", "en")).not.toContain("Renewal");
    expect(await mustHave(capped, "fees", "zh")).toContain("上调幅度不得超过前十二个月经常性服务费的5%");

    const staged = example("prc-domestic-cietac");
    staged.fees["renewalPriceIncreaseCap"] = "3";
    expect(await mustHave(staged, "fees", "zh")).toContain("上调幅度不得超过前十二个月经常性服务费的3%");

    const uncapped = example("us-delaware-gdpr-ccpa");
    expect(await mustHave(uncapped, "fees", "en")).toContain(
      "The recurring Fees for each Renewal Term are those that applied in the preceding twelve months, unless the Parties agree otherwise in writing.",
    );
    expect(await mustHave(uncapped, "fees", "zh")).toContain("除双方另有书面约定外，每一续约期限内的经常性服务费与前十二个月的标准相同。");

    const noAutoRenew = example("eu-gdpr-icc");
    expect(await mustHave(noAutoRenew, "fees", "en")).toContain(
      "If the Parties agree to renew this Agreement, the recurring Fees for the Renewal Term will not exceed those for the preceding twelve months by more than 5%.",
    );
    expect(await mustHave(noAutoRenew, "fees", "zh")).toContain("双方约定续展本合同的，续约期限内的经常性服务费较前十二个月的上浮幅度不得超过5%。");
  });
});

describe("business continuity", () => {
  it("default recovery objectives (RPO 24 hours, RTO 8 hours), backups, an annual test and a summary on request (en, zh)", async () => {
    const deal = example("us-delaware-gdpr-ccpa");
    const en = await mustHave(deal, "business-continuity", "en");
    expect(en).toContain(
      'no more than the last twenty-four (24) hours of Customer Data before the disruption is lost (the "Recovery Point Objective", or RPO), and within eight (8) hours after the disruption starts (the "Recovery Time Objective", or RTO)',
    );
    expect(en).toContain("It will test the plan at least once a year");
    expect(en).toContain("a summary of the results of the latest test of the plan");
    expect(en).toContain("A force majeure event does not relieve the Provider of its obligations under this Section to maintain and invoke the plan.");
    const zh = await mustHave(example("cn-crm-standard"), "business-continuity", "zh");
    expect(zh).toContain("确保中断前丢失的客户数据不超过最近24小时内的数据（“恢复点目标”，即RPO），并在中断开始后8小时内恢复本服务（“恢复时间目标”，即RTO）");
    expect(zh).toContain("每年至少对该计划进行一次测试");
    expect(zh).toContain("最近一次计划测试结果的摘要");
  });

  it("the deal's own objectives replace the defaults, and the security measures point to the clause (en, zh)", async () => {
    const deal = example("us-crm-enterprise");
    const en = await mustHave(deal, "business-continuity", "en");
    expect(en).toContain("no more than the last four (4) hours of Customer Data");
    expect(en).not.toContain("twenty-four (24) hours");
    const zh = await mustHave(deal, "business-continuity", "zh");
    expect(zh).toContain("不超过最近4小时内的数据");
    expect(zh).not.toContain("最近24小时");
    expect(await mustHave(deal, "security", "en")).toMatch(/backups, business continuity and disaster recovery as set out in Section \d+ \(Business Continuity and Disaster Recovery\)/);
    expect(await mustHave(deal, "security", "en")).not.toContain("daily backups");
    expect(await mustHave(deal, "security", "zh")).toMatch(/按照第[一二三四五六七八九十]+条（业务连续性与灾难恢复）的约定进行数据备份/);
  });
});

describe("beta features", () => {
  it("offered by default: the customer's choice, free, no service levels or warranties, withdrawable, confidential (en, zh)", async () => {
    const deal = example("us-delaware-gdpr-ccpa");
    const en = await mustHave(deal, "beta-features", "en");
    expect(en).toContain('not yet generally available ("Beta Features")');
    expect(en).toContain("the Provider will not enable a Beta Feature for the Customer without the consent of one of its administrators");
    expect(en).toContain("Beta Features are free of charge.");
    expect(en).toContain("Beta Features are provided as they are.");
    expect(en).toMatch(/the warranties in Section \d+\.2 \(Provider Warranties\) do not apply to them/);
    expect(en).toContain("The Provider may change or withdraw a Beta Feature at any time");
    expect(en).toMatch(/are the Provider's confidential information under Section \d+ \(Confidentiality\)\./);
    const zh = await mustHave(deal, "beta-features", "zh");
    expect(zh).toContain("（“测试版功能”）");
    expect(zh).toContain("是否使用测试版功能由甲方自主决定");
    expect(zh).toContain("测试版功能免费提供。");
    expect(zh).toContain("测试版功能按现状提供。");
    expect(zh).toContain("乙方可随时变更或者撤回测试版功能");
  });

  it("charged beta features need a fee stated and agreed before they are enabled (en, zh)", async () => {
    const deal = example("us-delaware-gdpr-ccpa");
    deal["betaFeatures"] = { free: false };
    const en = await mustHave(deal, "beta-features", "en");
    expect(en).toContain("unless the Provider states its fee in writing before the Customer enables it and the Customer agrees to pay that fee");
    expect(en).not.toContain("Beta Features are free of charge.");
    expect(await mustHave(deal, "beta-features", "zh")).toContain("但乙方在甲方启用前书面告知收费标准且甲方同意支付的除外");
  });

  it("a deal that does not allow them has no beta-features clause (en, zh)", async () => {
    const deal = example("us-healthcare-hipaa");
    expect(await clauseOf(deal, "beta-features", "en")).toBeUndefined();
    expect(await clauseOf(deal, "beta-features", "zh")).toBeUndefined();
  });
});

describe("open-source software", () => {
  it("licences govern the components; the provider warrants no restriction, no disclosure of data or code and no copyleft reaching the deliverables (en, zh)", async () => {
    const deal = example("us-delaware-gdpr-ccpa");
    const en = await mustHave(deal, "open-source", "en");
    expect(en).toContain('licenses approved by the Open Source Initiative or under similar licenses that allow anyone to use, modify and share the software ("Open-Source Software")');
    expect(en).toContain("require the Customer to disclose or license the Customer Data, or any software of its own, to anyone");
    expect(en).toContain("such as the GNU General Public License (GPL) or the GNU Affero General Public License (AGPL)");
    expect(en).not.toContain("List of Components");
    const zh = await mustHave(deal, "open-source", "zh");
    expect(zh).toContain("（“开源软件”）");
    expect(zh).toContain("要求甲方向任何人披露或者许可客户数据或者甲方自有的任何软件");
    expect(zh).toContain("受制于要求公开源代码或者要求免费再分发的许可证");
    expect(zh).not.toContain("开源组件清单");
  });

  it("the component list on request, and a deal without the warranty (en, zh)", async () => {
    const listed = example("us-crm-enterprise");
    expect(await mustHave(listed, "open-source", "en")).toContain("stating the name, version and license of each component");
    expect(await mustHave(listed, "open-source", "zh")).toContain("载明每一组件的名称、版本和许可证");
    const bare = example("us-delaware-gdpr-ccpa");
    bare["openSource"] = { warranty: false };
    const en = await mustHave(bare, "open-source", "en");
    expect(en).toContain("Open Source Initiative");
    expect(en).not.toContain("warrants");
    expect(await mustHave(bare, "open-source", "zh")).not.toContain("乙方保证");
  });
});

describe("where the clauses sit", () => {
  it("in the layout next to the clauses a lawyer reads them with, and every new term in the glossary's Chinese", () => {
    const order = defaultCatalog().agreements.get("crm-saas")?.clauses ?? [];
    const after = (id: string, anchor: string): void => expect(order.indexOf(id), id).toBe(order.indexOf(anchor) + 1);
    after("beta-features", "pilot");
    after("acceptable-use", "responsibilities");
    after("marketing-messages", "acceptable-use");
    after("suspension", "marketing-messages");
    after("business-continuity", "security");
    after("open-source", "ip");
    const glossary = parse(readFileSync(new URL("../clauses/crm/glossary.yaml", import.meta.url), "utf8")) as Record<string, string | { zh: string }>;
    const zh = (term: string): string | undefined => {
      const e = glossary[term];
      return typeof e === "string" ? e : e?.zh;
    };
    expect(zh("Marketing Message")).toBe("营销信息");
    expect(zh("Recovery Point Objective")).toBe("恢复点目标");
    expect(zh("Recovery Time Objective")).toBe("恢复时间目标");
    expect(zh("Beta Feature")).toBe("测试版功能");
    expect(zh("Open-Source Software")).toBe("开源软件");
  });
});
