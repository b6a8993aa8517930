import type { Rule } from "../types.js";
import { both, defineRule } from "../util.js";

/**
 * Checks on the enterprise terms: early termination of a commitment (T3, T4) and the employee
 * non-solicitation covenant under California law (NS1).
 */
export const enterpriseRules: readonly Rule[] = [
  defineRule({
    id: "T3",
    group: "term",
    severity: "info",
    message: both(
      "termination.earlyTerminationFees is {fees}, but the Customer has no right to terminate for convenience, so the agreement prices no early exit and the field is not drafted",
      "termination.earlyTerminationFees 为 {fees}，但甲方无任意解除权，本合同不涉及提前解除的费用，该字段不会写入合同",
    ),
    paths: ["termination.earlyTerminationFees", "options.terminationForConvenience"],
    hint: both(
      "Give the Customer a convenience right (options.terminationForConvenience: { noticeDays }), or leave earlyTerminationFees at none.",
      "如甲方可以任意解除，请设置 options.terminationForConvenience: { noticeDays }；否则请将 earlyTerminationFees 保留为 none。",
    ),
    check: (deal) =>
      deal.options.terminationForConvenience === false && deal.termination.earlyTerminationFees !== "none"
        ? [{ path: ["termination", "earlyTerminationFees"], params: { fees: deal.termination.earlyTerminationFees } }]
        : [],
  }),
  defineRule({
    id: "T4-prc",
    group: "term",
    severity: "warning",
    message: both(
      "Under PRC law an early termination fee of all fees for the rest of the term may be treated as liquidated damages (违约金) and reduced by a court or tribunal if it is excessively higher than the Provider's loss (Civil Code Art. 585)",
      "适用中国法律时，提前解除须支付剩余期限全部服务费的约定可能被认定为违约金，并在其过分高于乙方损失时被法院或者仲裁机构调减（《民法典》第五百八十五条）",
    ),
    paths: ["termination.earlyTerminationFees", "law.governingLaw"],
    hint: both(
      "Consider currentYear, which is closer to the Provider's likely loss; the agreement states what the fee is measured against, but cannot exclude the adjustment.",
      "可以考虑改为 currentYear，使其更接近乙方可能遭受的损失；合同已载明该费用的确定依据，但不能排除法院或者仲裁机构的调整。",
    ),
    check: (deal) =>
      deal.law.governingLaw === "prc" && deal.options.terminationForConvenience !== false && deal.termination.earlyTerminationFees === "allRemaining"
        ? [{ path: ["termination", "earlyTerminationFees"] }]
        : [],
  }),
  defineRule({
    id: "NS1-california",
    group: "covenants",
    severity: "info",
    message: both(
      "Under California law a covenant not to solicit employees is likely void (Business and Professions Code §16600), so the non-solicitation clause only forbids soliciting the other Party's staff with its confidential information and does not restrict hiring",
      "适用美国加利福尼亚州法律时，不招揽员工的约定很可能无效（《加利福尼亚州商业与职业法典》第16600条），因此互不招揽条款仅禁止利用另一方的保密信息招揽其员工，不限制录用",
    ),
    paths: ["nonSolicitation", "law.governingLaw"],
    hint: both(
      "Keep the narrower clause, or have California counsel review the covenant; remove nonSolicitation if it is not wanted.",
      "可以保留范围较窄的条款，或者请加利福尼亚州律师审阅；如不需要，请删除 nonSolicitation。",
    ),
    check: (deal) => (deal.law.governingLaw === "california" && deal.nonSolicitation !== false ? [{ path: ["nonSolicitation"] }] : []),
  }),
];
