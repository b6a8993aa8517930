/**
 * The regulatory parts of the built-in CRM pack: the HIPAA business associate agreement
 * (45 CFR 164.504(e)), the GDPR transfer terms (the 2021 EU SCCs, Commission Implementing Decision
 * (EU) 2021/914, and the UK Addendum) and the CCPA service-provider terms (11 CCR §7051,
 * Cal. Civ. Code 1798.100(d), 1798.140(ag)). For each item: a deal that triggers it and one that
 * does not, with the English and the Chinese text. The agreements are assembled, not rendered.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { assemble } from "../src/assemble/build.js";
import { computeValues } from "../src/assemble/compute.js";
import { defaultCatalog } from "../src/catalog/builtin.js";
import { createCatalog, type Catalog } from "../src/catalog/catalog.js";
import { builtinPack } from "../src/catalog/builtin.js";
import { checkDeal } from "../src/check/check-deal.js";
import { parseDeal, validateDeal } from "../src/deal/parse.js";
import type { Deal } from "../src/deal/schema.js";
import type { Lang } from "../src/model/types.js";
import { loadPackDir } from "../src/node/pack-dir.js";
import { clauseText } from "./helpers/model-text.js";

/** An example deal sheet as plain, mutable data. */
type Sheet = any;
const example = (name: string): Sheet => parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8"));
const fixture = (name: string): Sheet => parse(readFileSync(new URL(`./field-coverage/deals/${name}.yaml`, import.meta.url), "utf8"));

/** The text of one clause of the agreement for `sheet` (undefined when the agreement leaves it out). */
function clauseOf(sheet: Sheet, id: string, lang: Lang, catalog: Catalog = defaultCatalog()): string | undefined {
  const { model } = assemble(catalog, validateDeal(sheet, catalog), { lang });
  const c = [...model.clauses, ...model.schedules].find((x) => x.id === id);
  return c ? clauseText(c) : undefined;
}
const text = (sheet: Sheet, id: string, lang: Lang): string => {
  const t = clauseOf(sheet, id, lang);
  if (t === undefined) throw new Error(`the agreement has no clause ${id}`);
  return t;
};
const computed = (sheet: Sheet): ReturnType<typeof computeValues>["privacy"] => computeValues(validateDeal(sheet) as Deal).privacy;
const ids = (sheet: Sheet): string[] => checkDeal(sheet, { document: false }).problems.map((p) => p.id);

/** A variant of an example deal. */
function variant(name: string, change: (d: Sheet) => void): Sheet {
  const d = example(name);
  change(d);
  return d;
}

/** The US healthcare deal with its customer a business associate of a named covered entity. */
const businessAssociate = (name: unknown | null = { en: "Lakeshore Community Hospital", zh: "湖岸社区医院" }) =>
  variant("us-healthcare-hipaa", (d) => {
    d.privacy.hipaa.customerRole = "businessAssociate";
    if (name !== null) d.privacy.hipaa.coveredEntity = { name };
  });

describe("HIPAA: the business associate agreement has every item of 45 CFR 164.504(e)(2)", () => {
  /** Each required item, with text that states it in each language. The list is the audit: an item whose text goes missing fails here. */
  const ITEMS: readonly { item: string; en: string; zh: string }[] = [
    {
      item: "(e)(2)(i) permitted and required uses and disclosures, never beyond what Subpart E allows the covered entity",
      en: "It may use and disclose PHI only to provide the Service under this Agreement, as required by law, and for its own proper management and administration or to carry out its legal responsibilities",
      zh: "且不得以若由承保实体实施即违反联邦法规汇编第45编第164部分E分部的方式使用或披露",
    },
    {
      item: "(e)(2)(i) ... if done by the covered entity",
      en: "never in a way that would breach Subpart E of 45 C.F.R. Part 164 if done by the covered entity",
      zh: "乙方仅可为依本合同提供本服务、依法律要求以及为其自身的正当管理和运营或履行其法定责任之目的使用和披露受保护健康信息",
    },
    {
      item: "(e)(4)(ii) disclosures for management and administration: required by law or with the recipient's assurances",
      en: "only where the law requires the disclosure, or where it first obtains reasonable assurances from the recipient that the recipient will hold the PHI in confidence",
      zh: "须属于法律要求的披露，或者事先从接收方取得合理保证",
    },
    {
      item: "(e)(2)(ii)(A) no use or further disclosure beyond the contract or the law",
      en: "The Provider will not use or further disclose PHI other than as this Section permits or requires or as required by law.",
      zh: "除本条允许或要求的情形以及法律要求的情形外，乙方不得使用或进一步披露受保护健康信息。",
    },
    {
      item: "(e)(2)(ii)(B) appropriate safeguards and Subpart C for electronic PHI",
      en: "The Provider will use appropriate administrative, physical and technical safeguards, and comply with Subpart C of 45 C.F.R. Part 164 for electronic PHI",
      zh: "乙方应采取适当的管理、物理和技术保护措施，并就电子形式的受保护健康信息遵守联邦法规汇编第45编第164部分C分部的规定",
    },
    {
      item: "(e)(2)(ii)(C) report uses and disclosures not provided for, and breaches of unsecured PHI under §164.410",
      en: "will report to the Customer any use or disclosure of PHI not provided for by this Section",
      zh: "乙方应向甲方报告其知悉的任何本条未予规定的受保护健康信息使用或披露",
    },
    { item: "(e)(2)(ii)(C) ... breaches of unsecured PHI (164.410)", en: "with the information required by 45 C.F.R. §164.410", zh: "并提供联邦法规汇编第45编第164.410条要求的信息" },
    {
      item: "164.314(a)(2)(i)(C) security incidents",
      en: "any security incident, as defined in 45 C.F.R. §164.304, of which it becomes aware",
      zh: "以及任何安全事件（定义见联邦法规汇编第45编第164.304条）",
    },
    {
      item: "(e)(2)(ii)(D) subcontractors agree to the same restrictions and conditions (164.502(e)(1)(ii))",
      en: "In accordance with 45 C.F.R. §§164.502(e)(1)(ii) and 164.308(b)(2), the Provider will ensure that every subcontractor that creates, receives, maintains or transmits PHI on its behalf agrees in writing to the same restrictions and conditions that apply to the Provider under this Section",
      zh: "确保每一代表其创建、接收、维护或传输受保护健康信息的分包商书面同意接受本条对乙方适用的相同限制和条件",
    },
    {
      item: "(e)(2)(ii)(E) access under §164.524",
      en: "make available PHI in a designated record set, so that the covered entity can meet its obligations under 45 C.F.R. §164.524",
      zh: "提供指定记录集中的受保护健康信息，以便承保实体履行联邦法规汇编第45编第164.524条项下关于个人查阅其受保护健康信息的义务",
    },
    {
      item: "(e)(2)(ii)(F) amendment under §164.526",
      en: "make PHI available for amendment and incorporate any amendments to it, in accordance with 45 C.F.R. §164.526",
      zh: "按照联邦法规汇编第45编第164.526条提供受保护健康信息以供更正，并纳入对其作出的任何更正",
    },
    {
      item: "(e)(2)(ii)(G) accounting of disclosures under §164.528",
      en: "make available the information required to provide an accounting of disclosures in accordance with 45 C.F.R. §164.528",
      zh: "按照联邦法规汇编第45编第164.528条提供编制披露记录所需的信息",
    },
    {
      item: "(e)(2)(ii)(H) a covered entity's Subpart E obligation carried out by the business associate",
      en: "To the extent the Provider carries out an obligation of the covered entity under Subpart E of 45 C.F.R. Part 164, it will comply with the requirements of Subpart E that apply to the covered entity in performing that obligation.",
      zh: "乙方履行承保实体在联邦法规汇编第45编第164部分E分部项下的义务的，应在其履行范围内遵守E分部对承保实体履行该义务所适用的要求。",
    },
    {
      item: "(e)(2)(ii)(I) books and records to the Secretary",
      en: "will make its internal practices, books and records relating to the use and disclosure of PHI available to the Secretary of the U.S. Department of Health and Human Services for determining the covered entity's compliance with HIPAA",
      zh: "乙方应向美国卫生与公众服务部部长提供其与受保护健康信息使用和披露有关的内部规程、账簿和记录，以供其认定承保实体是否遵守HIPAA",
    },
    {
      item: "(e)(2)(ii)(J) return or destroy at termination, or extend the protections",
      en: "where that is not feasible, it will extend the protections of this Section to the PHI it keeps and limit further uses and disclosures to the purposes that make return or destruction infeasible",
      zh: "无法返还或销毁的，应对其保留的受保护健康信息继续适用本条的保护，并将进一步的使用和披露限于导致无法返还或销毁的目的",
    },
    { item: "(e)(2)(ii)(J) ... retain no copies", en: "Apart from that PHI, the Provider will keep no copy of PHI in any form.", zh: "除此以外，乙方不得以任何形式保留受保护健康信息的副本。" },
    {
      item: "(e)(2)(iii) termination when the business associate violates a material term",
      en: "If the Customer determines that the Provider has violated a material term of this Section, the Customer may terminate this Agreement",
      zh: "甲方认定乙方违反本条实质性条款的，可以书面通知解除本合同",
    },
    {
      item: "amendment when the law changes",
      en: "The Parties will amend this Section, promptly and in good faith, as needed for it to meet the requirements of HIPAA whenever HIPAA or its interpretation by the U.S. Department of Health and Human Services changes.",
      zh: "HIPAA或者美国卫生与公众服务部对其的解释发生变化的，双方应及时本着诚信原则对本条作出必要修改，使本条符合HIPAA的要求。",
    },
  ];

  it.each(["en", "zh"] as const)("states every item in %s, and the agreement has no BAA without HIPAA", (lang) => {
    const baa = text(example("us-healthcare-hipaa"), "hipaa-baa", lang);
    const missing = ITEMS.filter((i) => !baa.includes(i[lang])).map((i) => i.item);
    expect(missing).toEqual([]);
    expect(clauseOf(example("us-crm-enterprise"), "hipaa-baa", lang)).toBeUndefined();
  });

  it("gives standing notice of unsuccessful security incidents, so they need no report one by one (en, zh)", () => {
    const deal = example("us-healthcare-hipaa");
    expect(text(deal, "hipaa-baa", "en")).toContain(
      "This Section gives the Customer notice in advance of unsuccessful security incidents, which the Provider need not report one by one: attempts, such as pings and other broadcast attacks on a firewall, port scans, unsuccessful log-on attempts and denial-of-service attacks, that do not result in unauthorized access to, or use, disclosure, modification or destruction of, PHI",
    );
    expect(text(deal, "hipaa-baa", "zh")).toContain("本条即构成乙方就未遂安全事件向甲方预先发出的通知，乙方无需逐一报告。");
    expect(text(deal, "hipaa-baa", "zh")).toContain("例如对防火墙的ping及其他广播攻击、端口扫描、登录失败和拒绝服务攻击");
    // No BAA, no standing notice: the security clause of a deal without HIPAA says nothing of pings.
    expect(text(example("us-crm-enterprise"), "security", "en")).not.toContain("pings");
  });

  it("lists the approved subcontractors from the deal by name, country and task, unless subcontracting is prohibited (en, zh)", () => {
    const deal = example("us-healthcare-hipaa");
    const en = text(deal, "hipaa-baa", "en");
    expect(en).toContain("The Customer approves the following subcontractors, which the Provider may engage from the Effective Date on those terms:");
    expect(en).toContain("Subcontractor | Country | Services");
    expect(en).toContain("Twilio Inc. | United States | text-message appointment reminders to patients");
    expect(en).toContain("only with the Customer's prior written permission, requested at least ten (10) days in advance");
    const zh = text(deal, "hipaa-baa", "zh");
    expect(zh).toContain("甲方认可下列分包商，乙方自生效日起可按上述条件委托其处理受保护健康信息：");
    expect(zh).toContain("分包商 | 所在国家 | 服务内容");
    expect(zh).toContain("Amazon Web Services, Inc. | United States | hosting of the platform and its backups");
    const notice = variant("us-healthcare-hipaa", (d) => (d.privacy.hipaa.subcontracting = "withNotice"));
    expect(text(notice, "hipaa-baa", "en")).toContain("will notify the Customer before engaging such a subcontractor, at least ten (10) days in advance");
    expect(text(notice, "hipaa-baa", "en")).toContain("Amazon Web Services, Inc. | United States");
    const prohibited = variant("us-healthcare-hipaa", (d) => (d.privacy.hipaa.subcontracting = "prohibited"));
    expect(text(prohibited, "hipaa-baa", "en")).toContain("The Provider will not allow any subcontractor to create, receive, maintain or transmit PHI.");
    expect(text(prohibited, "hipaa-baa", "en")).not.toContain("approves the following subcontractors");
    expect(text(prohibited, "hipaa-baa", "zh")).not.toContain("甲方认可下列分包商");
    expect(ids(prohibited)).toContain("D2-subcontracting");
    expect(ids(example("us-healthcare-hipaa"))).not.toContain("D2-subcontracting");
  });

  it("a customer that is the covered entity: the BAA says so and names no beneficiary (en, zh)", () => {
    const deal = example("us-healthcare-hipaa");
    expect(text(deal, "hipaa-baa", "en")).toContain("The Customer is a covered entity under HIPAA, and references in this Section to the covered entity are to the Customer.");
    expect(text(deal, "hipaa-baa", "zh")).toContain("甲方为HIPAA项下的承保实体，本条所称承保实体即指甲方。");
    expect(text(deal, "hipaa-baa", "en")).not.toContain("third-party beneficiary");
    expect(text(deal, "hipaa-baa", "zh")).not.toContain("第三方受益人");
    expect(computed(deal).coveredEntityBeneficiary).toBe(false);
  });

  it("a customer that is a business associate: the BAA names the covered entity and makes it a third-party beneficiary (en, zh)", () => {
    const deal = businessAssociate();
    const en = text(deal, "hipaa-baa", "en");
    expect(en).toContain("The Customer is a business associate of Lakeshore Community Hospital (the covered entity), and the Provider handles PHI on the Customer's behalf as its subcontractor.");
    expect(en).toContain("which applies between the Customer and the Provider under 45 C.F.R. §§164.502(e)(1)(ii) and 164.504(e)(5)");
    expect(en).toContain(
      "Despite anything else in this Agreement, Lakeshore Community Hospital is an intended third-party beneficiary of this Section: it may enforce the Provider's obligations under this Section directly against the Provider, as if it were a party to this Agreement.",
    );
    const zh = text(deal, "hipaa-baa", "zh");
    expect(zh).toContain("甲方为湖岸社区医院（即本条所称承保实体）的业务伙伴，乙方作为甲方的分包商代表甲方处理受保护健康信息。");
    expect(zh).toContain("尽管本合同另有约定，湖岸社区医院为本条的第三方受益人，有权直接要求乙方履行本条约定的义务");
    expect(computed(deal).coveredEntityBeneficiary).toBe(true);
    expect(ids(deal)).not.toContain("D2-covered-entity");
  });

  it("D2-covered-entity: a business associate customer with no covered entity named is an error, and no beneficiary is made up", () => {
    const deal = businessAssociate(null);
    const problems = checkDeal(deal, { document: false }).errors.filter((p) => p.id === "D2-covered-entity");
    expect(problems.map((p) => [p.path.join("."), p.message.en])).toEqual([
      [
        "privacy.hipaa.coveredEntity",
        "HIPAA applies and the customer is a business associate of another covered entity, but the covered entity is not named, so the BAA cannot say whose PHI it is or make the covered entity a third-party beneficiary",
      ],
    ]);
    expect(problems[0]?.message.zh).toContain("适用HIPAA，且甲方为其他承保实体的业务伙伴，但未写明承保实体");
    expect(computed(deal).coveredEntityBeneficiary).toBe(false);
    expect(text(deal, "hipaa-baa", "en")).toContain("The Customer is a business associate of a covered entity under HIPAA (the covered entity)");
    expect(text(deal, "hipaa-baa", "en")).not.toContain("third-party beneficiary");
    // A customer that is itself the covered entity needs no name.
    expect(ids(variant("us-healthcare-hipaa", (d) => (d.privacy.hipaa.customerRole = "coveredEntity")))).not.toContain("D2-covered-entity");
  });

  it("the healthcare pack deal: the employee health plan is named as the covered entity and is a beneficiary, signed for by its sponsor", async () => {
    const pack = await loadPackDir("examples/packs/healthcare");
    const catalog = createCatalog([builtinPack("crm"), pack]);
    const deal = parseDeal(readFileSync(new URL("../examples/pack-deals/us-healthcare-pack.yaml", import.meta.url), "utf8"), { catalog });
    expect(computeValues(deal).privacy.coveredEntityBeneficiary).toBe(true);
    const en = clauseOf(deal, "hipaa-baa", "en", catalog) ?? "";
    expect(en).toContain(
      "The PHI is that of Harborview Logistics, Inc. Employee Health Plan, a group health plan that the Customer sponsors and that is a covered entity under HIPAA (the covered entity); the Customer agrees to this Section for itself and on behalf of the covered entity.",
    );
    expect(en).toContain("Harborview Logistics, Inc. Employee Health Plan is an intended third-party beneficiary of this Section");
    const zh = clauseOf(deal, "hipaa-baa", "zh", catalog) ?? "";
    expect(zh).toContain("该计划为甲方发起设立的团体健康计划，属于HIPAA项下的承保实体（即本条所称承保实体），甲方以自身名义并代表该承保实体同意本条约定。");
    expect(zh).toContain("Harborview Logistics, Inc. Employee Health Plan为本条的第三方受益人");
    expect(checkDeal(deal, { catalog }).errors).toEqual([]);
  });
});

describe("GDPR: the transfer terms follow who exports to whom", () => {
  it("module two: a controller in the EEA exports to a provider outside it without adequacy; the deal completes Clauses 9, 13, 17 and 18 (en, zh)", () => {
    const deal = example("eu-gdpr-icc");
    expect(computed(deal)).toMatchObject({ sccs: true, sccModule: "two", ukAddendum: false });
    const en = text(deal, "gdpr-dpa", "en");
    expect(en).toContain(
      "Where the Customer transfers Personal Data subject to the GDPR to the Provider in a country outside the European Economic Area that does not benefit from an adequacy decision, the standard contractual clauses adopted by Commission Implementing Decision (EU) 2021/914, module two (controller to processor), apply and are incorporated into this Agreement, with the Customer as data exporter and the Provider as data importer.",
    );
    expect(en).toMatch(
      /Clause 9\(a\): Option 2 \(general written authorisation\) applies, and the data importer will inform the data exporter of intended changes at least as far in advance as clause \d+\.6 \(Sub-processors\) requires;/,
    );
    expect(en).toContain("Clause 13: the competent supervisory authority is the State Commissioner for Data Protection and Freedom of Information of North Rhine-Westphalia (LDI NRW); and");
    expect(en).toContain("Clauses 17 and 18: the clauses are governed by the law of Ireland (Option 1), and disputes arising from them are resolved by the courts of Ireland.");
    const zh = text(deal, "gdpr-dpa", "zh");
    expect(zh).toContain("适用欧盟委员会第（EU） 2021/914号实施决定通过的标准合同条款模块二（控制者至处理者），该条款并入本合同，甲方为数据输出方，乙方为数据输入方。");
    expect(zh).toMatch(/第9条（a）款：适用选项2（概括性书面授权），数据输入方将拟作变更告知数据输出方的提前期不短于第[一二三四五六七八九十]+条第6款约定的期限；/);
    expect(zh).toContain("第13条：主管监管机构为北莱茵-威斯特法伦州数据保护与信息自由专员（LDI NRW）；以及");
    expect(zh).toContain("第17条和第18条：该条款适用Ireland法律（选项1），因其产生的争议由Ireland法院管辖。");
  });

  it("Annex I is drawn from the deal: the parties with address, contact, activities and role, and the competent authority (en, zh)", () => {
    const deal = example("eu-gdpr-icc");
    const en = text(deal, "gdpr-dpa", "en");
    expect(en).toContain("Annex I to the Standard Contractual Clauses");
    expect(en).toContain("Name | Rheinwerk Industriebedarf GmbH | Straits CRM Technologies Pte. Ltd.");
    expect(en).toContain("Contact person | Katrin Vogel, Head of Procurement, k.vogel@rheinwerk.example | Wei Ling Tan, Legal Counsel, legal@straitscrm.example");
    expect(en).toContain("Role | controller | processor");
    expect(en).toMatch(
      /Activities relevant to the data transferred \| using the Service to process the Personal Data for the purpose set out in clause \d+\.2 \(Details of the Processing\) \| providing the Service to the data exporter under this Agreement/,
    );
    expect(en).toContain("Competent supervisory authority | the State Commissioner for Data Protection and Freedom of Information of North Rhine-Westphalia (LDI NRW)");
    const zh = text(deal, "gdpr-dpa", "zh");
    expect(zh).toContain("标准合同条款附件一");
    expect(zh).toContain("名称 | Rheinwerk Industriebedarf GmbH | Straits CRM Technologies Pte. Ltd.");
    expect(zh).toContain("角色 | 控制者 | 处理者");
    expect(zh).toContain("主管监管机构 | 北莱茵-威斯特法伦州数据保护与信息自由专员（LDI NRW）");
    // A provider in the EEA receives no transfer: no SCCs between the parties, no Annex I; sub-processors outside are bound by module three.
    const inEea = variant("eu-gdpr-icc", (d) => (d.provider.country = "DE"));
    expect(computed(inEea).sccs).toBe(false);
    expect(text(inEea, "gdpr-dpa", "en")).not.toContain("Annex I");
    expect(text(inEea, "gdpr-dpa", "en")).toContain(
      "No transfer of Personal Data from the Customer to the Provider needs standard contractual clauses under Data Protection Law. The Provider will transfer Personal Data to a Sub-processor in a country outside the European Economic Area that does not benefit from an adequacy decision only under module three (processor to processor)",
    );
    expect(text(inEea, "gdpr-dpa", "zh")).toContain("甲方向乙方传输个人数据无需依数据保护法订立标准合同条款。");
    expect(text(inEea, "gdpr-dpa", "zh")).not.toContain("附件一");
  });

  it("module three: a customer that is itself a processor engages the provider as another processor (en, zh)", () => {
    const deal = variant("eu-gdpr-icc", (d) => (d.privacy.customerRole = "processor"));
    expect(computed(deal)).toMatchObject({ sccs: true, sccModule: "three", customerProcessor: true });
    const en = text(deal, "gdpr-dpa", "en");
    expect(en).toContain("module three (processor to processor), apply and are incorporated into this Agreement");
    expect(en).toContain(
      "The Customer processes the Personal Data as a processor on behalf of its own clients, which are the controllers, and engages the Provider as another processor under Article 28(4) of the GDPR",
    );
    expect(en).toContain("Role | processor | processor");
    expect(en).not.toContain("module two");
    const zh = text(deal, "gdpr-dpa", "zh");
    expect(zh).toContain("标准合同条款模块三（处理者至处理者）");
    expect(zh).toContain("甲方作为处理者代表其客户（即控制者）处理个人数据，并依GDPR第28条第4款委托乙方作为其他处理者");
    expect(zh).toContain("角色 | 处理者 | 处理者");
    expect(zh).not.toContain("模块二");
  });

  it("two US companies: no SCCs unless the deal says EU data is in scope (en, zh)", () => {
    const inScope = example("us-delaware-gdpr-ccpa");
    expect(computed(inScope)).toMatchObject({ sccs: true, sccModule: "two" });
    const en = text(inScope, "gdpr-dpa", "en");
    expect(en).toContain(
      "The Customer states that, although it is not established in the European Economic Area, the GDPR applies to its processing of the Personal Data under Article 3(2) of the GDPR, because that processing relates to offering goods or services to, or monitoring the behavior of, individuals in the European Union.",
    );
    expect(en).toContain("module two (controller to processor)");
    expect(en).toContain("Clause 13: the competent supervisory authority is the Data Protection Commission (Ireland)");
    expect(text(inScope, "gdpr-dpa", "zh")).toContain("甲方声明：甲方虽未在欧洲经济区设立机构，但其对个人数据的处理与向欧盟境内的个人提供商品或者服务或者监测其行为有关，依GDPR第3条第2款受GDPR调整。");
    expect(checkDeal(inScope, { document: false }).problems).toEqual([]);

    const notInScope = variant("us-delaware-gdpr-ccpa", (d) => delete d.privacy.euDataInScope);
    expect(computed(notInScope).sccs).toBe(false);
    expect(text(notInScope, "gdpr-dpa", "en")).not.toContain("module two");
    expect(text(notInScope, "gdpr-dpa", "en")).not.toContain("Article 3(2)");
    expect(text(notInScope, "gdpr-dpa", "zh")).not.toContain("模块二");
    const problems = checkDeal(notInScope, { document: false }).problems;
    expect(problems.filter((p) => p.id === "D1-scc-exporter").map((p) => [p.severity, p.path.join(".")])).toEqual([["error", "privacy.transferMechanism"]]);
    expect(problems.find((p) => p.id === "D1-scc-exporter")?.message.en).toContain("the customer is registered in US");
    expect(problems.filter((p) => p.id === "D1-eu-link").map((p) => [p.severity, p.message.en])).toEqual([
      [
        "warning",
        "GDPR is listed, but nothing in the deal connects the personal data to the EEA: neither party is registered there, no data is stored or sub-processed there, and privacy.euDataInScope is not set",
      ],
    ]);
    // A sub-processor in the EEA connects the deal to the EU, but no one exports from there: the SCCs between the parties stay out.
    const euHosting = variant("us-delaware-gdpr-ccpa", (d) => {
      delete d.privacy.euDataInScope;
      d.privacy.subprocessors = [{ name: "Amazon Web Services EMEA SARL", country: "Ireland", task: "hosting" }];
    });
    expect(ids(euHosting)).not.toContain("D1-eu-link");
    expect(ids(euHosting)).toContain("D1-scc-exporter");
  });

  it("Clause 9: specific prior authorisation (Option 1) or general written authorisation (Option 2), with the deal's notice period (en, zh)", () => {
    const specific = example("us-delaware-gdpr-ccpa");
    const en = text(specific, "gdpr-dpa", "en");
    expect(en).toContain(
      'The Provider will engage another processor (each a "Sub-processor") only with the Customer\'s specific prior written authorization, which the Customer gives by this Section for those listed below.',
    );
    expect(en).toContain("The Provider will ask for that authorization at least ten (10) days before engaging or replacing a Sub-processor");
    expect(en).toContain("Clause 9(a): Option 1 (specific prior authorization) applies");
    expect(en).toContain("to authorize new Sub-processors");
    const zh = text(specific, "gdpr-dpa", "zh");
    expect(zh).toContain("乙方仅在取得甲方事先的特定书面授权后，方可委托其他处理者");
    expect(zh).toContain("应至少提前10日请求甲方授权");
    expect(zh).toContain("第9条（a）款：适用选项1（特定事先授权）");
    const general = variant("us-delaware-gdpr-ccpa", (d) => (d.privacy.subprocessorAuthorisation = "general"));
    expect(text(general, "gdpr-dpa", "en")).toContain("The Customer gives the Provider general written authorization to engage other processors");
    expect(text(general, "gdpr-dpa", "en")).toContain("Clause 9(a): Option 2 (general written authorization) applies");
    expect(text(general, "gdpr-dpa", "en")).not.toContain("Option 1 (specific prior authorization)");
    expect(text(general, "gdpr-dpa", "zh")).toContain("第9条（a）款：适用选项2（概括性书面授权）");
  });

  it("D1-transfer counts a provider registered outside the EEA as an importer, wherever the data is stored", () => {
    const deal = variant("eu-gdpr-icc", (d) => {
      delete d.privacy.transferMechanism;
      d.privacy.subprocessors = [{ name: "Amazon Web Services EMEA SARL", country: "Germany", task: "hosting" }];
    });
    const p = checkDeal(deal, { document: false }).errors.find((x) => x.id === "D1-transfer");
    expect(p?.message.en).toBe("GDPR applies and personal data goes outside the EEA and the UK (the provider, registered in SG), but no transfer mechanism is stated");
    expect(ids(variant("eu-gdpr-icc", (d) => ((d.provider.country = "DE"), delete d.privacy.transferMechanism, (d.privacy.subprocessors = []))))).not.toContain("D1-transfer");
  });

  it("D1-scc-authority: the SCCs need the competent supervisory authority", () => {
    const deal = variant("eu-gdpr-icc", (d) => delete d.privacy.transferMechanism.supervisoryAuthority);
    expect(ids(deal)).toContain("D1-scc-authority");
    expect(text(deal, "gdpr-dpa", "en")).toContain("Clause 13: the competent supervisory authority is the one that Clause 13(a) designates");
    expect(ids(example("eu-gdpr-icc"))).not.toContain("D1-scc-authority");
  });

  it("the UK Addendum when UK personal data is exported to a provider without UK adequacy (en, zh)", () => {
    const uk = variant("eu-gdpr-icc", (d) => {
      d.privacy.regimes = ["GDPR", "UK_GDPR"];
      d.privacy.ukDataInScope = true;
    });
    expect(computed(uk)).toMatchObject({ sccs: true, ukAddendum: true });
    const en = text(uk, "gdpr-dpa", "en");
    expect(en).toContain(
      "For Personal Data subject to the UK GDPR, the International Data Transfer Addendum to the EU Commission Standard Contractual Clauses issued by the UK Information Commissioner under section 119A of the Data Protection Act 2018 (version B1.0, in force from 21 March 2022) is incorporated into this Agreement, with the Customer as exporter and the Provider as importer.",
    );
    expect(en).toContain("under Table 4, neither Party may end the addendum when the Information Commissioner issues a revised version of it");
    expect(en).toContain("If the standard contractual clauses or the addendum conflict with this Agreement, they prevail.");
    expect(text(uk, "gdpr-dpa", "zh")).toContain("英国信息专员依英国《2018年数据保护法》第119A条发布的《欧盟委员会标准合同条款国际数据传输附录》（B1.0版，自2022年3月21日起施行）并入本合同");
    // UK data only, a processor customer: module three as amended by the addendum, without the EU Clauses 13, 17 and 18.
    const only = fixture("regulatory-variants");
    expect(computed(only)).toMatchObject({ sccs: false, ukAddendum: true, sccModule: "three" });
    expect(text(only, "gdpr-dpa", "en")).toContain("module three (processor to processor), as amended by the addendum described below, apply and are incorporated into this Agreement");
    expect(text(only, "gdpr-dpa", "en")).not.toContain("Clauses 17 and 18");
    expect(text(only, "gdpr-dpa", "zh")).toContain("适用经下文所述附录修订的、欧盟委员会第（EU） 2021/914号实施决定通过的标准合同条款模块三（处理者至处理者）");
    // Without UK data, no addendum.
    for (const lang of ["en", "zh"] as const) expect(text(example("eu-gdpr-icc"), "gdpr-dpa", lang)).not.toMatch(/International Data Transfer Addendum|国际数据传输附录/);
    expect(computed(example("eu-gdpr-icc")).ukAddendum).toBe(false);
  });
});

describe("CCPA: the service-provider terms of 11 CCR §7051 and the certification", () => {
  const ITEMS: readonly { item: string; en: string; zh: string }[] = [
    { item: "§7051(a)(1) no selling or sharing", en: "sell or share the personal information;", zh: "出售或共享个人信息；" },
    { item: "§7051(a)(2) limited and specified business purposes", en: "only for the following limited and specified business purposes", zh: "仅为以下有限且特定的业务目的向乙方披露个人信息" },
    {
      item: "§7051(a)(3)-(4) no other purpose, including any commercial purpose",
      en: "retain, use or disclose it for any purpose other than the business purposes above, including any commercial purpose",
      zh: "为上述业务目的以外的任何目的（包括任何商业目的）",
    },
    {
      item: "§7051(a)(5) outside the direct business relationship; no combining",
      en: "outside the direct business relationship between the Parties",
      zh: "在双方直接业务关系以外保留、使用或披露个人信息",
    },
    {
      item: "§7051(a)(6) comply with the CCPA; same level of privacy protection; reasonable security",
      en: "give the personal information the same level of privacy protection the CCPA requires of the Customer, including by keeping reasonable security procedures and practices",
      zh: "并为个人信息提供与CCPA对甲方要求相同水平的隐私保护，包括采取与个人信息性质相适应的合理安全程序和措施",
    },
    {
      item: "§7051(a)(7) reasonable and appropriate steps to ensure consistent use",
      en: "The Customer may take reasonable and appropriate steps, such as reviews, assessments and audits, to ensure that the Provider uses the personal information consistently",
      zh: "甲方可采取检查、评估、审计等合理适当的措施",
    },
    { item: "§7051(a)(8) notice when it can no longer comply", en: "if it determines that it can no longer meet its obligations under the CCPA", zh: "乙方认定其无法继续履行CCPA项下义务的" },
    { item: "§7051(a)(9) stop and remediate unauthorised use", en: "on notice, to stop and remediate any unauthorized use", zh: "并可经通知后制止和纠正任何未经授权的使用" },
    {
      item: "§7051(a)(10) the business tells the provider of consumer requests",
      en: "The Customer will tell the Provider of any consumer request under the CCPA with which the Provider must comply and give it the information it needs to comply",
      zh: "消费者依CCPA提出乙方须予配合的请求的，甲方应告知乙方，并提供乙方配合所需的信息",
    },
    {
      item: "1798.140(ag)(2) notice of subcontractors, bound by written contract",
      en: "The Provider will notify the Customer of each subcontractor it engages to process the personal information and will bind it by a written contract with the same obligations as this Section.",
      zh: "乙方委托分包商处理个人信息的，应将每一分包商告知甲方，并以书面合同使其承担与本条相同的义务。",
    },
  ];

  it.each(["en", "zh"] as const)("keeps every §7051 item in %s", (lang) => {
    const ccpa = text(example("us-healthcare-hipaa"), "ccpa", lang);
    expect(ITEMS.filter((i) => !ccpa.includes(i[lang])).map((i) => i.item)).toEqual([]);
  });

  it("certifies that the provider understands the restrictions and will comply with them (en, zh), only where the CCPA applies", () => {
    const deal = example("us-delaware-gdpr-ccpa");
    expect(text(deal, "ccpa", "en")).toMatch(
      /The Provider certifies that it understands the restrictions and obligations in this Section, including those in Section \d+\.3 \(Restrictions\), and will comply with them\./,
    );
    expect(text(deal, "ccpa", "zh")).toMatch(/乙方特此证明，其理解本条规定的各项限制和义务（包括第[一二三四五六七八九十]+条第3款规定的限制），并将遵守该等限制和义务。/);
    expect(clauseOf(example("eu-gdpr-icc"), "ccpa", "en")).toBeUndefined();
    expect(clauseOf(example("eu-gdpr-icc"), "ccpa", "zh")).toBeUndefined();
  });
});
