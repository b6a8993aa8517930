import type { Rule } from "../types.js";
import { both, defineRule } from "../util.js";

const group = "chinese";

/**
 * What a Chinese agreement needs from the deal sheet to be drafted as a PRC lawyer would: one name
 * for the document, the VAT rate and invoice type of a mainland provider, and the parties'
 * countries, which decide VAT or withholding, the service-address and PIPL terms.
 */
export const chineseFormalityRules: readonly Rule[] = [
  defineRule({
    id: "ZH1-title",
    group,
    severity: "warning",
    message: both('The Chinese title "{title}" calls the document 协议, but the Chinese text calls it 本合同 throughout', "中文标题“{title}”称本文件为“协议”，而中文正文通篇称“本合同”"),
    paths: ["agreement.title"],
    hint: both("Name the Chinese title …合同 (e.g. CRM云服务合同), so the document has one name.", "请将中文标题改为“……合同”（如“CRM云服务合同”），使文件名称前后一致。"),
    check: (deal) => {
      const title = typeof deal.agreement.title === "string" ? undefined : deal.agreement.title.zh;
      return title?.includes("协议") === true && !title.includes("合同") ? [{ path: ["agreement", "title", "zh"], params: { title: both(title) } }] : [];
    },
  }),
  defineRule({
    id: "TAX1-vat",
    group,
    severity: "warning",
    message: both(
      "The provider is in mainland China but the deal gives no VAT rate or invoice type: the agreement can only say VAT is charged at the statutory rate on a VAT invoice",
      "乙方位于中国境内，但交易单未约定增值税税率和发票类型，合同只能约定按法定税率开具增值税发票",
    ),
    paths: ["fees.vat"],
    hint: both(
      'Add fees.vat: { rate: "6", invoice: special } (6% is usual for software and IT services; confirm per deal; invoice: special or general).',
      '请添加 fees.vat: { rate: "6", invoice: special }（软件和信息技术服务通常为6%，请逐单确认；invoice 为 special（增值税专用发票）或 general（增值税普通发票））。',
    ),
    check: (deal) => (deal.provider.country === "CN" && !deal.fees.vat ? [{ path: ["fees", "vat"] }] : []),
  }),
  defineRule({
    id: "TAX2-vat-unused",
    group,
    severity: "warning",
    message: both(
      "fees.vat is set, but the provider is not registered in mainland China (provider.country), so it issues no 发票 and the agreement does not state VAT this way",
      "交易单设置了 fees.vat，但乙方并非在中国境内注册（provider.country），不开具中国发票，合同不会按此约定增值税",
    ),
    paths: ["fees.vat", "provider.country"],
    hint: both("Set provider.country: CN if the provider is a mainland company, or remove fees.vat.", "乙方为中国境内企业的，请设置 provider.country: CN；否则请删除 fees.vat。"),
    check: (deal) => (deal.fees.vat && deal.provider.country !== "CN" ? [{ path: ["fees", "vat"] }] : []),
  }),
  defineRule({
    id: "ZH2-country",
    group,
    severity: "warning",
    message: both(
      "PRC law governs, but {party}.country is not given: the agreement cannot tell whether VAT or withholding applies, or whether the contract is domestic",
      "适用中国法律，但未填写 {party}.country，合同无法判断适用增值税还是代扣代缴，也无法判断是否为境内合同",
    ),
    paths: ["customer.country", "provider.country"],
    hint: both("Add the ISO country code of registration (CN for mainland China, HK, SG, US …).", "请填写注册地的ISO国家代码（中国境内为CN，另如HK、SG、US等）。"),
    check: (deal) =>
      deal.law.governingLaw !== "prc" ? [] : (["customer", "provider"] as const).filter((p) => deal[p].country === undefined).map((p) => ({ path: [p, "country"], params: { party: both(p) } })),
  }),
];
