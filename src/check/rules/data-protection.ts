import { gdprTransfers } from "../../deal/gdpr.js";
import { appliedRegimes, piplScope } from "../../deal/pipl.js";
import type { Deal } from "../../deal/schema.js";
import type { Finding, Rule } from "../types.js";
import { both, dataLocations, defineRule, display, documentsRead, isGdprSafe, texts } from "../util.js";

const group = "data-protection";

/** A regime the deal lists in privacy.regimes. */
const hasRegime = (deal: Deal, ...regimes: string[]): boolean => (deal.privacy?.regimes ?? []).some((r) => regimes.includes(r));
/** The PIPL terms are in the agreement: listed, or by default for a mainland-China customer (piplScope). */
const pipl = (deal: Deal): boolean => piplScope(deal).applies;
const gdpr = (deal: Deal): boolean => hasRegime(deal, "GDPR", "UK_GDPR");

/** Art. 28(3) / PIPL Art. 21 particulars, with how the messages name them. */
const PARTICULARS = {
  subjectMatter: both("subject matter of the processing", "处理的事项"),
  nature: both("nature of the processing (processing method)", "处理的性质（处理方式）"),
  purpose: both("purpose of the processing", "处理目的"),
  dataTypes: both("types of personal data", "个人数据（信息）的种类"),
  dataSubjects: both("categories of data subjects", "数据主体的类别"),
} as const;
type Particular = keyof typeof PARTICULARS;

function missingParticulars(deal: Deal, fields: readonly Particular[]): Finding[] {
  const p = deal.privacy?.processing;
  return fields
    .filter((f) => {
      const v = p?.[f];
      return v === undefined || (Array.isArray(v) && v.length === 0);
    })
    .map((f) => ({ path: ["privacy", "processing", f], params: { item: PARTICULARS[f] } }));
}

/** Locations of the data that leave the EEA / UK (or cannot be placed), as "text" strings. */
function leavesEea(deal: Deal): string[] {
  return dataLocations(deal)
    .filter((l) => l.places === undefined || [...l.places].some((c) => !isGdprSafe(c)))
    .map((l) => l.text);
}

/** The provider receives GDPR / UK GDPR data abroad: it is registered outside the EEA, the UK and the adequate countries, and the customer exports to it (see gdprTransfers). */
function providerAbroad(deal: Deal): boolean {
  const t = gdprTransfers(deal);
  return deal.provider.country !== undefined && t.importerOutside && (t.euExporter || t.ukExporter);
}

/** Generic business-purpose wording that CCPA regulations (11 CCR §7051(a)(2)) do not accept. */
const GENERIC_PURPOSES = [
  "business purpose",
  "business purposes",
  "the services",
  "services",
  "service",
  "providing the services",
  "provide the services",
  "to provide the services",
  "provide the service",
  "to provide the service",
  "performing the agreement",
  "any purpose",
  "any lawful purpose",
  "as permitted by law",
  "as needed",
  "as necessary",
  "general business purposes",
  "n/a",
  "tbd",
  "业务目的",
  "商业目的",
  "提供服务",
  "履行合同",
  "任何合法目的",
];

function isGenericPurpose(text: string): boolean {
  const norm = text
    .toLowerCase()
    .replace(/[.,;:!?。,;:!?"'“”]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (GENERIC_PURPOSES.includes(norm)) return true;
  const cjk = (norm.match(/[\u3400-\u9fff]/g) ?? []).length;
  const words = norm.split(" ").filter((w) => /[a-z0-9]/.test(w)).length;
  return cjk > 0 ? cjk < 6 && words < 3 : words < 3;
}

export const dataProtectionRules: readonly Rule[] = [
  defineRule({
    id: "D1",
    group,
    severity: "error",
    message: both(
      "GDPR applies, so the data processing terms must state the {item} (GDPR Art. 28(3)), and the deal does not",
      "适用GDPR，数据处理条款必须写明{item}（GDPR第28条第3款），但交易单未提供",
    ),
    paths: ["privacy.regimes", "privacy.processing"],
    hint: both("Fill in privacy.processing (subjectMatter, nature, purpose, dataTypes, dataSubjects).", "请填写 privacy.processing（subjectMatter、nature、purpose、dataTypes、dataSubjects）。"),
    check: (deal) => (gdpr(deal) ? missingParticulars(deal, ["subjectMatter", "nature", "purpose", "dataTypes", "dataSubjects"]) : []),
  }),
  defineRule({
    id: "D1-dpa",
    group,
    severity: "error",
    scope: "document",
    message: both("GDPR applies, but the agreement has no data processing terms (no clause sets out privacy.processing)", "适用GDPR，但协议中没有数据处理条款（没有条款载明 privacy.processing）"),
    paths: ["privacy.regimes"],
    hint: both(
      "Use a pack with a data processing agreement (a clause that reads privacy.processing), or remove GDPR from privacy.regimes if it does not apply.",
      "请使用包含数据处理协议（读取 privacy.processing 的条款）的条款包；如不适用GDPR，请从 privacy.regimes 中删除。",
    ),
    check: (deal, ctx) => (gdpr(deal) && ctx.documents && !documentsRead(ctx.documents, ["privacy.processing"]) ? [{ path: ["privacy", "regimes"] }] : []),
  }),
  defineRule({
    id: "D1-transfer",
    group,
    severity: "error",
    message: both(
      "GDPR applies and personal data goes outside the EEA and the UK ({where}), but no transfer mechanism is stated",
      "适用GDPR且个人数据被传输至欧洲经济区和英国以外（{where}），但未约定传输机制",
    ),
    paths: ["privacy.transferMechanism", "data.storageLocation", "privacy.subprocessors"],
    hint: both(
      "Set privacy.transferMechanism (sccs with a memberState, ukAddendum, bcr, or adequacy), or correct data.storageLocation / the subprocessors' countries.",
      "请设置 privacy.transferMechanism（sccs 并注明 memberState、ukAddendum、bcr 或 adequacy），或更正 data.storageLocation / 分处理者所在国家。",
    ),
    check: (deal) => {
      if (!gdpr(deal) || deal.privacy?.transferMechanism) return [];
      const where = [...(providerAbroad(deal) ? [`the provider, registered in ${deal.provider.country}`] : []), ...leavesEea(deal)];
      return where.length > 0 ? [{ path: ["privacy", "transferMechanism"], params: { where: where.join("; ") } }] : [];
    },
  }),
  defineRule({
    id: "D1-eu-link",
    group,
    severity: "warning",
    message: both(
      "{regime} is listed, but nothing in the deal connects the personal data to {where}: neither party is registered there, no data is stored or sub-processed there, and privacy.{flag} is not set",
      "列明适用{regime}，但交易单中没有任何内容将个人数据与{where}相关联：双方均未在该地注册，数据亦未在该地存储或由该地的分处理者处理，且未设置 privacy.{flag}",
    ),
    paths: ["privacy.regimes", "customer.country", "provider.country", "privacy.euDataInScope", "privacy.ukDataInScope"],
    hint: both(
      "Give customer.country and provider.country; if the customer targets or monitors individuals there from outside (Art. 3(2)), set privacy.{flag}: true; otherwise remove {regime} from privacy.regimes.",
      "请填写 customer.country 和 provider.country；如甲方在境外向该地个人提供商品或服务或者监测其行为（第3条第2款），请设置 privacy.{flag}: true；否则请从 privacy.regimes 中删除{regime}。",
    ),
    check: (deal) => {
      const t = gdprTransfers(deal);
      const out: Finding[] = [];
      if (t.eu && t.euLinks.length === 0) out.push({ path: ["privacy", "regimes"], params: { regime: both("GDPR", "GDPR"), where: both("the EEA", "欧洲经济区"), flag: "euDataInScope" } });
      if (t.uk && t.ukLinks.length === 0) out.push({ path: ["privacy", "regimes"], params: { regime: both("UK GDPR", "英国GDPR"), where: both("the UK", "英国"), flag: "ukDataInScope" } });
      return out;
    },
  }),
  defineRule({
    id: "D1-scc-exporter",
    group,
    severity: "error",
    message: both(
      "The deal chooses the standard contractual clauses, but no one exports personal data from the EEA or the UK: the customer is registered in {country}, and privacy.euDataInScope / ukDataInScope is not set, so the agreement cannot incorporate them",
      "交易单选择了标准合同条款，但没有任何一方从欧洲经济区或英国输出个人数据：甲方在{country}注册，且未设置 privacy.euDataInScope / ukDataInScope，合同无法并入标准合同条款",
    ),
    paths: ["privacy.transferMechanism", "customer.country", "privacy.euDataInScope", "privacy.ukDataInScope"],
    hint: both(
      "Between two companies outside the EEA the SCCs apply only to EU (or UK) personal data in scope: set privacy.euDataInScope (or ukDataInScope) to true if the customer targets or monitors individuals there; otherwise remove privacy.transferMechanism.",
      "两家欧洲经济区以外的公司之间，仅在涉及欧盟（或英国）个人数据时适用标准合同条款：如甲方向该地个人提供商品或服务或者监测其行为，请将 privacy.euDataInScope（或 ukDataInScope）设为 true；否则请删除 privacy.transferMechanism。",
    ),
    check: (deal) => {
      const t = gdprTransfers(deal);
      if (!gdpr(deal) || deal.privacy?.transferMechanism?.type !== "sccs" || t.euExporter || t.ukExporter) return [];
      return [{ path: ["privacy", "transferMechanism"], params: { country: deal.customer.country ?? "" } }];
    },
  }),
  defineRule({
    id: "D1-scc-authority",
    group,
    severity: "error",
    message: both(
      "The standard contractual clauses apply, but the competent supervisory authority (Clause 13, Annex I.C) is not named",
      "适用标准合同条款，但未写明主管监管机构（第13条、附件一C部分）",
    ),
    paths: ["privacy.transferMechanism.supervisoryAuthority"],
    hint: both(
      "Set privacy.transferMechanism.supervisoryAuthority: the authority of the member state where the customer is established, of its EU representative, or, for a customer outside the EU without one, of a member state where the data subjects are.",
      "请设置 privacy.transferMechanism.supervisoryAuthority：甲方设立地成员国的监管机构；甲方在欧盟以外的，为其欧盟代表所在地或者数据主体所在成员国的监管机构。",
    ),
    check: (deal) => (gdprTransfers(deal).sccs && deal.privacy?.transferMechanism?.supervisoryAuthority === undefined ? [{ path: ["privacy", "transferMechanism", "supervisoryAuthority"] }] : []),
  }),
  defineRule({
    id: "D1-scc-state",
    group,
    severity: "error",
    message: both("The transfer mechanism is the Standard Contractual Clauses, but the member state whose law governs them is not named", "传输机制为标准合同条款，但未写明适用其法律的成员国"),
    paths: ["privacy.transferMechanism.memberState"],
    hint: both("Set privacy.transferMechanism.memberState, e.g. Ireland.", "请设置 privacy.transferMechanism.memberState，例如 Ireland。"),
    check: (deal) => (deal.privacy?.transferMechanism?.type === "sccs" && !deal.privacy.transferMechanism.memberState ? [{ path: ["privacy", "transferMechanism", "memberState"] }] : []),
  }),
  defineRule({
    id: "D1-breach-notice",
    group,
    severity: "error",
    message: both(
      "GDPR applies, but no deadline is set for the provider to report a personal-data breach (the customer must tell the authority within 72 hours)",
      "适用GDPR，但未约定服务商报告个人数据泄露的期限（客户须在72小时内通知监管机构）",
    ),
    paths: ["privacy.breachNoticeHours"],
    hint: both("Set privacy.breachNoticeHours, e.g. 48 or 72.", "请设置 privacy.breachNoticeHours，例如 48 或 72。"),
    check: (deal) => (gdpr(deal) && deal.privacy?.breachNoticeHours === undefined ? [{ path: ["privacy", "breachNoticeHours"] }] : []),
  }),
  defineRule({
    id: "D1-breach-72h",
    group,
    severity: "warning",
    message: both(
      "The provider has {hours} hours to report a personal-data breach: longer than the 72 hours the customer has to tell the authority",
      "服务商报告个人数据泄露的期限为{hours}小时，超过客户通知监管机构的72小时期限",
    ),
    paths: ["privacy.breachNoticeHours"],
    hint: both("Use 72 hours or less (48 leaves the customer time to assess).", "请约定不超过72小时（48小时可为客户留出评估时间）。"),
    check: (deal) => {
      const h = deal.privacy?.breachNoticeHours;
      return gdpr(deal) && h !== undefined && h > 72 ? [{ path: ["privacy", "breachNoticeHours"], params: { hours: h } }] : [];
    },
  }),
  defineRule({
    id: "D2",
    group,
    severity: "error",
    message: both("HIPAA applies, but the business associate terms (privacy.hipaa) are missing", "适用HIPAA，但缺少业务伙伴协议条款（privacy.hipaa）"),
    paths: ["privacy.regimes", "privacy.hipaa"],
    hint: both("Add privacy.hipaa (breachNoticeDays, subcontracting).", "请添加 privacy.hipaa（breachNoticeDays、subcontracting）。"),
    check: (deal) => (hasRegime(deal, "HIPAA") && !deal.privacy?.hipaa ? [{ path: ["privacy", "hipaa"] }] : []),
  }),
  defineRule({
    id: "D2-covered-entity",
    group,
    severity: "error",
    message: both(
      "HIPAA applies and the customer is {role}, but the covered entity is not named, so the BAA cannot say whose PHI it is or make the covered entity a third-party beneficiary",
      "适用HIPAA，且甲方为{role}，但未写明承保实体，业务伙伴协议无法载明受保护健康信息的归属，亦无法将承保实体列为第三方受益人",
    ),
    paths: ["privacy.hipaa.coveredEntity", "privacy.hipaa.customerRole"],
    hint: both(
      "Set privacy.hipaa.coveredEntity.name to the covered entity's legal name, or set privacy.hipaa.customerRole: coveredEntity if the customer is the covered entity.",
      "请将 privacy.hipaa.coveredEntity.name 设为承保实体的法定名称；如甲方本身即为承保实体，请设置 privacy.hipaa.customerRole: coveredEntity。",
    ),
    check: (deal) => {
      const h = deal.privacy?.hipaa;
      if (!hasRegime(deal, "HIPAA") || !h || h.customerRole === "coveredEntity" || h.coveredEntity) return [];
      const role =
        h.customerRole === "businessAssociate" ? both("a business associate of another covered entity", "其他承保实体的业务伙伴") : both("the sponsor of a group health plan", "团体健康计划的发起人");
      return [{ path: ["privacy", "hipaa", "coveredEntity"], params: { role } }];
    },
  }),
  defineRule({
    id: "D2-covered-entity-unused",
    group,
    severity: "warning",
    message: both(
      "privacy.hipaa.coveredEntity names {name}, but privacy.hipaa.customerRole says the customer is the covered entity, so the BAA does not name it",
      "privacy.hipaa.coveredEntity 写明了{name}，但 privacy.hipaa.customerRole 表明甲方本身即为承保实体，业务伙伴协议不会载明该名称",
    ),
    paths: ["privacy.hipaa.coveredEntity", "privacy.hipaa.customerRole"],
    hint: both(
      "Set privacy.hipaa.customerRole to businessAssociate or planSponsor if the covered entity is another entity; otherwise remove privacy.hipaa.coveredEntity.",
      "如承保实体为其他主体，请将 privacy.hipaa.customerRole 设为 businessAssociate 或 planSponsor；否则请删除 privacy.hipaa.coveredEntity。",
    ),
    check: (deal) => {
      const h = deal.privacy?.hipaa;
      return hasRegime(deal, "HIPAA") && h?.customerRole === "coveredEntity" && h.coveredEntity
        ? [{ path: ["privacy", "hipaa", "coveredEntity"], params: { name: both(display(h.coveredEntity.name), texts(h.coveredEntity.name).at(-1) ?? "") } }]
        : [];
    },
  }),
  defineRule({
    id: "D2-subcontracting",
    group,
    severity: "warning",
    message: both(
      "The BAA forbids subcontractors to handle PHI (privacy.hipaa.subcontracting: prohibited), yet the deal lists subprocessors, which handle the customer data the PHI is part of",
      "业务伙伴协议禁止分包商处理受保护健康信息（privacy.hipaa.subcontracting：prohibited），但交易单列有分处理者，其处理的客户数据包含受保护健康信息",
    ),
    paths: ["privacy.hipaa.subcontracting", "privacy.subprocessors"],
    hint: both(
      "Set privacy.hipaa.subcontracting to withNotice or withPermission (the BAA then lists the subprocessors as approved subcontractors), or make sure the listed subprocessors never receive PHI.",
      "请将 privacy.hipaa.subcontracting 设为 withNotice 或 withPermission（业务伙伴协议将把所列分处理者列为经认可的分包商），或确保所列分处理者不接触受保护健康信息。",
    ),
    check: (deal) =>
      hasRegime(deal, "HIPAA") && deal.privacy?.hipaa?.subcontracting === "prohibited" && (deal.privacy.subprocessors ?? []).length > 0 ? [{ path: ["privacy", "hipaa", "subcontracting"] }] : [],
  }),
  defineRule({
    id: "D2-baa",
    group,
    severity: "error",
    scope: "document",
    message: both("HIPAA applies, but the agreement has no business associate agreement (no clause sets out privacy.hipaa)", "适用HIPAA，但协议中没有业务伙伴协议（没有条款载明 privacy.hipaa）"),
    paths: ["privacy.regimes", "privacy.hipaa"],
    hint: both("Use a pack with a BAA clause (one that reads privacy.hipaa).", "请使用包含业务伙伴协议条款（读取 privacy.hipaa）的条款包。"),
    check: (deal, ctx) => (hasRegime(deal, "HIPAA") && ctx.documents && !documentsRead(ctx.documents, ["privacy.hipaa"]) ? [{ path: ["privacy", "regimes"] }] : []),
  }),
  defineRule({
    id: "D2-phi",
    group,
    severity: "error",
    message: both(
      "HIPAA applies, yet protected health information is listed as prohibited data, so the customer may not submit the data the BAA is for",
      "适用HIPAA，但受保护健康信息被列为禁止提交的数据，客户无法提交业务伙伴协议所涉数据",
    ),
    paths: ["privacy.prohibitedData"],
    hint: both("Remove PHI from privacy.prohibitedData.", "请从 privacy.prohibitedData 中删除 PHI。"),
    check: (deal) => (hasRegime(deal, "HIPAA") ? (deal.privacy?.prohibitedData ?? []).flatMap((d, i) => (d === "PHI" ? [{ path: ["privacy", "prohibitedData", i] }] : [])) : []),
  }),
  defineRule({
    id: "D2-ai",
    group,
    severity: "error",
    message: both(
      "HIPAA applies and the provider may train AI on customer data (data.aiTraining: {ai}), but no de-identification standard of 45 CFR 164.514(b) is chosen, so PHI could be used beyond providing the service, which the business associate terms forbid",
      "适用HIPAA，且乙方可以使用客户数据训练人工智能（data.aiTraining：{ai}），但未选定45 CFR 164.514（b）规定的去识别处理（de-identification）标准，受保护健康信息可能被用于提供服务以外的目的，违反业务伙伴条款",
    ),
    paths: ["data.aiTraining", "data.deidentificationStandard", "privacy.regimes"],
    hint: both(
      "Set data.deidentificationStandard to hipaaSafeHarbor or hipaaExpertDetermination, or set data.aiTraining: prohibited.",
      "请将 data.deidentificationStandard 设为 hipaaSafeHarbor 或 hipaaExpertDetermination，或者设置 data.aiTraining: prohibited。",
    ),
    check: (deal) =>
      hasRegime(deal, "HIPAA") && deal.data.aiTraining !== "prohibited" && deal.data.deidentificationStandard === undefined
        ? [{ path: ["data", "deidentificationStandard"], params: { ai: deal.data.aiTraining } }]
        : [],
  }),
  defineRule({
    id: "D2-notice",
    group,
    severity: "error",
    message: both(
      "The business associate has {days} days to report a breach of unsecured PHI; HIPAA allows at most 60 days from discovery",
      "业务伙伴报告未加密受保护健康信息泄露的期限为{days}日；HIPAA规定自发现之日起最长60日",
    ),
    paths: ["privacy.hipaa.breachNoticeDays"],
    hint: both("Set privacy.hipaa.breachNoticeDays to 60 or less.", "请将 privacy.hipaa.breachNoticeDays 设为60或以下。"),
    check: (deal) => {
      const d = deal.privacy?.hipaa?.breachNoticeDays;
      return d !== undefined && d > 60 ? [{ path: ["privacy", "hipaa", "breachNoticeDays"], params: { days: d } }] : [];
    },
  }),
  defineRule({
    id: "D3",
    group,
    severity: "error",
    message: both(
      "CCPA applies, but no business purpose is stated; a service-provider contract must name the specific purposes (11 CCR §7051)",
      "适用CCPA，但未写明业务目的；服务提供者合同必须写明具体目的（11 CCR §7051）",
    ),
    paths: ["privacy.regimes", "privacy.ccpa.businessPurposes"],
    hint: both("List the specific purposes under privacy.ccpa.businessPurposes.", "请在 privacy.ccpa.businessPurposes 中列明具体目的。"),
    check: (deal) => (hasRegime(deal, "CCPA") && (deal.privacy?.ccpa?.businessPurposes ?? []).length === 0 ? [{ path: ["privacy", "ccpa", "businessPurposes"] }] : []),
  }),
  defineRule({
    id: "D3-generic",
    group,
    severity: "error",
    message: both('The CCPA business purpose "{purpose}" is too generic; the regulations require a specific description', "CCPA业务目的“{purpose}”过于笼统；法规要求具体描述"),
    paths: ["privacy.ccpa.businessPurposes"],
    hint: both(
      'Describe what the processing is for, e.g. "hosting and operating the CRM service, including support and security monitoring".',
      "请具体描述处理用途，例如“托管和运营CRM服务，包括技术支持和安全监控”。",
    ),
    check: (deal) =>
      hasRegime(deal, "CCPA")
        ? (deal.privacy?.ccpa?.businessPurposes ?? []).flatMap((p, i) =>
            texts(p).some(isGenericPurpose) ? [{ path: ["privacy", "ccpa", "businessPurposes", i], params: { purpose: display(p) } }] : [],
          )
        : [],
  }),
  defineRule({
    id: "D3-terms",
    group,
    severity: "error",
    scope: "document",
    message: both("CCPA applies, but the agreement has no service-provider terms (no clause sets out privacy.ccpa)", "适用CCPA，但协议中没有服务提供者条款（没有条款载明 privacy.ccpa）"),
    paths: ["privacy.regimes", "privacy.ccpa"],
    hint: both("Use a pack with CCPA service-provider terms (a clause that reads privacy.ccpa).", "请使用包含CCPA服务提供者条款（读取 privacy.ccpa）的条款包。"),
    check: (deal, ctx) => (hasRegime(deal, "CCPA") && ctx.documents && !documentsRead(ctx.documents, ["privacy.ccpa"]) ? [{ path: ["privacy", "regimes"] }] : []),
  }),
  defineRule({
    id: "D4",
    group,
    severity: "error",
    message: both(
      "PIPL applies, so the entrusted-processing terms must state the {item} (PIPL Art. 21), and the deal does not",
      "适用《个人信息保护法》，委托处理条款必须约定{item}（第二十一条），但交易单未提供",
    ),
    paths: ["privacy.regimes", "privacy.processing"],
    hint: both("Fill in privacy.processing (purpose, nature, dataTypes).", "请填写 privacy.processing（purpose、nature、dataTypes）。"),
    check: (deal) => (hasRegime(deal, "PIPL") ? missingParticulars(deal, ["purpose", "nature", "dataTypes"]) : []),
  }),
  defineRule({
    id: "D4-terms",
    group,
    severity: "error",
    scope: "document",
    message: both(
      "PIPL applies, but the agreement has no entrusted-processing terms (no clause sets out privacy.processing or privacy.pipl)",
      "适用《个人信息保护法》，但协议中没有委托处理条款（没有条款载明 privacy.processing 或 privacy.pipl）",
    ),
    paths: ["privacy.regimes"],
    hint: both("Use a pack with an entrusted-processing clause.", "请使用包含委托处理条款的条款包。"),
    check: (deal, ctx) => (hasRegime(deal, "PIPL") && ctx.documents && !documentsRead(ctx.documents, ["privacy.processing", "privacy.pipl"]) ? [{ path: ["privacy", "regimes"] }] : []),
  }),
  defineRule({
    id: "D4-default",
    group,
    // A warning, not D4-terms' error: the deal does not list PIPL, so a pack may have chosen to put the terms elsewhere (a separate DPA); the reader should know the agreement is silent.
    severity: "warning",
    scope: "document",
    message: both(
      "The customer is in mainland China (customer.country: CN), so the PIPL applies to the personal information it puts into the service, but the agreement has no entrusted-processing terms (PIPL Art. 21)",
      "甲方位于中国大陆（customer.country：CN），其提交至本服务的个人信息适用《个人信息保护法》，但合同中没有个人信息委托处理条款（第二十一条）",
    ),
    paths: ["customer.country", "privacy.regimes"],
    hint: both(
      "Keep the built-in pipl clause (or a pack clause that reads privacy.pipl) in the agreement; add PIPL to privacy.regimes to make the terms required (rule D4-terms), or correct customer.country.",
      "请在合同中保留内置的 pipl 条款（或读取 privacy.pipl 的条款包条款）；如须强制要求该条款，请将 PIPL 加入 privacy.regimes（规则 D4-terms），或更正 customer.country。",
    ),
    check: (deal, ctx) =>
      piplScope(deal).byDefault && ctx.documents && !ctx.documents.some((d) => d.clauses.some((c) => c.id === "pipl")) && !documentsRead(ctx.documents, ["privacy.pipl"])
        ? [{ path: ["customer", "country"] }]
        : [],
  }),
  defineRule({
    id: "D4-cross-border",
    group,
    severity: "error",
    message: both(
      "PIPL applies and personal information leaves mainland China ({where}), but no cross-border route is chosen (PIPL Art. 38)",
      "适用《个人信息保护法》且个人信息出境（{where}），但未选择出境路径（第三十八条）",
    ),
    paths: ["privacy.pipl.crossBorderRoute", "data.storageLocation", "privacy.pipl.remoteAccessFromAbroad", "provider.country"],
    hint: both(
      "Set privacy.pipl.crossBorderRoute (securityAssessment, standardContract, certification or exemption), or keep the data in mainland China.",
      "请设置 privacy.pipl.crossBorderRoute（securityAssessment、standardContract、certification 或 exemption），或将数据存储于中国大陆境内。",
    ),
    check: (deal) => {
      if (deal.privacy?.pipl?.crossBorderRoute) return [];
      const where = piplScope(deal).outbound.map((o) => o.what);
      return where.length > 0 ? [{ path: ["privacy", "pipl", "crossBorderRoute"], params: { where: both(where.map((w) => w.en).join("; "), where.map((w) => w.zh).join("；")) } }] : [];
    },
  }),
  defineRule({
    id: "D4-route",
    group,
    severity: "error",
    message: both('The cross-border route "{route}" does not fit this transfer: {reason}', "出境路径“{route}”与本次传输不符：{reason}"),
    paths: ["privacy.pipl.crossBorderRoute", "privacy.pipl.ciio", "privacy.pipl.outboundIndividuals", "privacy.pipl.sensitive"],
    hint: both(
      "Thresholds (CAC 2024 rules): CIIO, over 1,000,000 individuals, or 10,000+ sensitive → security assessment; 100,000–1,000,000, or under 10,000 sensitive → standard contract or certification. [verify current thresholds]",
      "门槛（2024年网信办规定）：关键信息基础设施运营者、超过100万人、或1万人以上敏感个人信息→安全评估；10万至100万人、或不满1万人敏感个人信息→标准合同或认证。[请核实现行门槛]",
    ),
    check: (deal) => {
      const pipl = deal.privacy?.pipl;
      const route = pipl?.crossBorderRoute;
      if (!pipl || !route) return [];
      const n = pipl.outboundIndividuals;
      const path = ["privacy", "pipl", "crossBorderRoute"];
      const finding = (en: string, zh: string): Finding[] => [{ path, params: { route, reason: both(en, zh) } }];
      if (route === "securityAssessment") return [];
      if (pipl.ciio) return finding("a critical information infrastructure operator needs a security assessment", "关键信息基础设施运营者须通过安全评估");
      if (n !== undefined && (pipl.sensitive ? n >= 10_000 : n > 1_000_000)) {
        return finding(`${n} individuals${pipl.sensitive ? " (sensitive)" : ""} need a security assessment`, `${n}人${pipl.sensitive ? "（敏感个人信息）" : ""}须通过安全评估`);
      }
      if (route === "exemption" && (pipl.sensitive || (n !== undefined && n >= 100_000))) {
        return finding(
          pipl.sensitive ? "sensitive personal information is not exempt" : `${n} individuals is above the 100,000 exemption threshold`,
          pipl.sensitive ? "敏感个人信息不适用豁免" : `${n}人超过10万人的豁免门槛`,
        );
      }
      return [];
    },
  }),
  defineRule({
    id: "D4-ciio",
    group,
    severity: "error",
    message: both(
      "The customer is a critical information infrastructure operator, so personal information must be stored in mainland China, but the data is stored in {where}",
      "客户为关键信息基础设施运营者，个人信息须在中国大陆境内存储，但数据存储于{where}",
    ),
    paths: ["privacy.pipl.ciio", "data.storageLocation"],
    hint: both("Store the data in mainland China (data.storageLocation).", "请将数据存储于中国大陆境内（data.storageLocation）。"),
    check: (deal) => {
      if (!pipl(deal) || !deal.privacy?.pipl?.ciio) return [];
      const storage = dataLocations(deal).find((l) => l.path[1] === "storageLocation");
      return storage && (storage.places === undefined || [...storage.places].some((c) => c !== "CN")) ? [{ path: ["data", "storageLocation"], params: { where: storage.text } }] : [];
    },
  }),
  defineRule({
    id: "D5",
    group,
    severity: "warning",
    message: both("A data-protection regime applies ({regimes}), but the deal does not say where customer data is stored", "适用数据保护制度（{regimes}），但交易单未写明客户数据的存储地点"),
    paths: ["data.storageLocation", "privacy.regimes"],
    hint: both('Set data.storageLocation (e.g. "Germany", "mainland China"), so transfers can be checked.', "请设置 data.storageLocation（如“德国”“中国大陆”），以便检查数据传输。"),
    check: (deal) => {
      const regimes = appliedRegimes(deal);
      return regimes.length > 0 && deal.data.storageLocation === undefined ? [{ path: ["data", "storageLocation"], params: { regimes: regimes.join(", ") } }] : [];
    },
  }),
  defineRule({
    id: "D5-mechanism",
    group,
    severity: "info",
    message: both("A transfer mechanism is stated, but {why}, so it may not be needed", "约定了传输机制，但{why}，可能无需约定"),
    paths: ["privacy.transferMechanism", "data.storageLocation", "privacy.regimes"],
    hint: both("Remove privacy.transferMechanism, or correct the storage location and regimes.", "请删除 privacy.transferMechanism，或更正存储地点和适用制度。"),
    check: (deal) => {
      if (!deal.privacy?.transferMechanism) return [];
      const path = ["privacy", "transferMechanism"];
      if (!gdpr(deal)) return [{ path, params: { why: both("neither GDPR nor UK GDPR applies", "不适用GDPR或英国GDPR") } }];
      const locations = dataLocations(deal);
      if (locations.length > 0 && leavesEea(deal).length === 0 && !providerAbroad(deal))
        return [{ path, params: { why: both("all the data stays in the EEA, the UK or adequate countries", "所有数据均位于欧洲经济区、英国或充分性认定国家") } }];
      return [];
    },
  }),
];
