import Big from "big.js";
import type { Deal } from "../../deal/schema.js";
import type { Block, Run } from "../../model/types.js";
import { termEnd } from "../../text/dates.js";
import { formatMoney } from "../../text/money.js";
import type { Finding, Rule } from "../types.js";
import { annualFees } from "./payment.js";
import { both, dec, defineRule } from "../util.js";

const group = "liability";

const CLAIM_NAMES: Record<string, { en: string; zh: string }> = {
  indemnity: both("indemnity", "赔偿（补偿）义务"),
  confidentiality: both("breach of confidentiality", "违反保密义务"),
  dataProtection: both("breach of data-protection obligations", "违反数据保护义务"),
  securityBreach: both("security breach", "安全事件"),
  ipInfringement: both("infringement of intellectual property", "侵犯知识产权"),
  grossNegligence: both("gross negligence, wilful misconduct or fraud", "故意或者重大过失、欺诈"),
  nonPayment: both("non-payment of fees", "未支付费用"),
  personalInjury: both("death or personal injury", "人身损害"),
};
const claimName = (c: string): { en: string; zh: string } => CLAIM_NAMES[c] ?? both(c);

function carvedOut(deal: Deal, claim: (typeof deal.liability.uncapped)[number]): boolean {
  return deal.liability.uncapped.includes(claim) || (deal.liability.superCap?.claims.includes(claim) ?? false);
}

/** Runs of a list of blocks, for finding references. */
function runsOf(blocks: readonly Block[]): Run[] {
  return blocks.flatMap((b): Run[] =>
    b.kind === "paragraph"
      ? [...b.runs]
      : b.kind === "table"
        ? b.rows.flatMap((r) => r.cells.flat())
        : b.kind === "list"
          ? b.items.flatMap((i) => [...i.runs, ...(i.children ? runsOf([i.children]) : [])])
          : b.kind === "parallel"
            ? runsOf(b.cells)
            : [],
  );
}

export const liabilityRules: readonly Rule[] = [
  defineRule({
    id: "L1",
    group,
    severity: "error",
    message: both("Claims for {claim} are both uncapped and under the super-cap; they can only be one", "{claim}的索赔既不设上限又适用特别上限，二者只能择一"),
    paths: ["liability.uncapped", "liability.superCap.claims"],
    hint: both("Remove the claim from liability.uncapped or from liability.superCap.claims.", "请将该索赔从 liability.uncapped 或 liability.superCap.claims 中删除。"),
    check: (deal) =>
      (deal.liability.superCap?.claims ?? []).flatMap((c, i) => (deal.liability.uncapped.includes(c) ? [{ path: ["liability", "superCap", "claims", i], params: { claim: claimName(c) } }] : [])),
  }),
  defineRule({
    id: "L2",
    group,
    severity: "warning",
    message: both(
      "The parties give indemnities, but indemnity claims fall under the general cap, which can make them worth little",
      "双方提供赔偿保证，但赔偿索赔适用一般责任上限，可能使其失去实际意义",
    ),
    paths: ["indemnification", "liability.uncapped", "liability.superCap.claims"],
    hint: both("Add indemnity to liability.uncapped or liability.superCap.claims.", "请将 indemnity 加入 liability.uncapped 或 liability.superCap.claims。"),
    check: (deal) => ((deal.indemnification.provider || deal.indemnification.customer) && !carvedOut(deal, "indemnity") ? [{ path: ["liability", "uncapped"] }] : []),
  }),
  defineRule({
    id: "L3",
    group,
    severity: "warning",
    message: both(
      "Indirect and consequential damages are excluded, and confidentiality claims are neither uncapped nor super-capped, so a confidentiality breach may leave nothing to recover",
      "间接损失和后果性损失被排除，而保密索赔既未排除上限也未适用特别上限，违反保密义务时可能无法获得赔偿",
    ),
    paths: ["liability.excludeConsequentialDamages", "liability.uncapped", "liability.superCap.claims"],
    hint: both(
      "Add confidentiality to liability.uncapped or liability.superCap.claims (the exclusion then does not apply to it).",
      "请将 confidentiality 加入 liability.uncapped 或 liability.superCap.claims（排除条款不再适用于该索赔）。",
    ),
    check: (deal) => (deal.liability.excludeConsequentialDamages && !carvedOut(deal, "confidentiality") ? [{ path: ["liability", "excludeConsequentialDamages"] }] : []),
  }),
  defineRule({
    id: "L4",
    group,
    severity: "warning",
    scope: "document",
    message: both(
      'Service credits are the sole remedy for missed service levels, but clause "{clause}" (liability for breach) does not refer to the service-level clause to exclude them',
      "服务抵扣是未达到服务等级的唯一救济，但违约责任条款“{clause}”未援引服务等级条款予以排除",
    ),
    paths: ["sla.exclusiveRemedy", "breach"],
    hint: both(
      'Have the liability-for-breach clause say that service-level failures are governed only by {{ref "sla"}}, or set sla.exclusiveRemedy: false.',
      '请在违约责任条款中写明服务等级未达标仅适用 {{ref "sla"}}，或设置 sla.exclusiveRemedy: false。',
    ),
    check: (deal, ctx) => {
      if (!deal.sla.exclusiveRemedy || !ctx.documents) return [];
      const out: Finding[] = [];
      for (const doc of ctx.documents) {
        const slaIds = new Set(doc.clauses.filter((c) => c.category === "sla").map((c) => c.id));
        const slaAnchors = [...doc.model.clauses, ...doc.model.schedules].filter((c) => slaIds.has(c.id)).flatMap((c) => [c.anchor, ...c.subclauses.map((s) => s.anchor)]);
        for (const c of doc.clauses.filter((x) => x.category === "breach")) {
          const clause = doc.model.clauses.find((m) => m.id === c.id);
          if (!clause) continue;
          const runs = [...runsOf(clause.blocks), ...clause.subclauses.flatMap((s) => runsOf(s.blocks))];
          if (!runs.some((r) => r.type === "ref" && slaAnchors.includes(r.target)) && !out.some((f) => f.clause === c.id)) {
            out.push({ path: ["sla", "exclusiveRemedy"], clause: c.id, params: { clause: c.id } });
          }
        }
      }
      return out;
    },
  }),
  defineRule({
    id: "L5",
    group,
    // A warning, not an error: the liability clause always states these claims as uncapped under
    // PRC law (computed.liability), so the agreement is sound; the deal sheet just says otherwise.
    severity: "warning",
    message: both(
      "PRC law governs, so an exclusion or cap of liability for {claim} is void (Civil Code Art. 506); the agreement states it as uncapped although the deal does not list it in liability.uncapped",
      "适用中国法律，免除或者限制{claim}责任的条款无效（《民法典》第五百零六条）；协议文本将其列为不设上限的责任，但交易单未将其列入 liability.uncapped",
    ),
    paths: ["liability.uncapped", "law.governingLaw"],
    hint: both(
      "Add personalInjury and grossNegligence to liability.uncapped (and remove them from liability.superCap.claims).",
      "请将 personalInjury 和 grossNegligence 加入 liability.uncapped（并从 liability.superCap.claims 中删除）。",
    ),
    check: (deal) =>
      deal.law.governingLaw !== "prc"
        ? []
        : (["personalInjury", "grossNegligence"] as const).flatMap((c) => (deal.liability.uncapped.includes(c) ? [] : [{ path: ["liability", "uncapped"], params: { claim: claimName(c) } }])),
  }),
  defineRule({
    id: "L6",
    group,
    severity: "warning",
    message: both(
      "PRC law governs and the {which} liquidated damages may reach {cap}% of the base, far above a plausible loss; a court may reduce damages more than 30% above the loss",
      "适用中国法律，{which}违约金最高可达基数的{cap}%，远超可能的损失；违约金超过损失30%的，法院可予以调减",
    ),
    paths: ["breach.deliveryDelay.capPercent", "breach.latePayment.capPercent", "law.governingLaw"],
    hint: both("Lower the cap (breach.*.capPercent), e.g. to 10–30%.", "请降低上限（breach.*.capPercent），例如10%至30%。"),
    check: (deal) => {
      if (deal.law.governingLaw !== "prc" || !deal.breach) return [];
      const out: Finding[] = [];
      const names = { deliveryDelay: both("delivery-delay", "逾期交付"), latePayment: both("late-payment", "逾期付款") } as const;
      for (const key of ["deliveryDelay", "latePayment"] as const) {
        const ld = deal.breach[key];
        if (ld && dec(ld.capPercent).gt(30)) out.push({ path: ["breach", key, "capPercent"], params: { which: names[key], cap: ld.capPercent } });
      }
      return out;
    },
  }),
  defineRule({
    id: "L7",
    group,
    severity: "error",
    message: both(
      "The pilot period (reduced liability, no service levels) ends on {end}, which is {where}, so it does not apply only to a pilot",
      "试用期（责任减轻、不适用服务等级）于{end}结束，{where}，因此并非仅适用于试用阶段",
    ),
    paths: ["agreement.pilot.endDate", "agreement.effectiveDate", "agreement.initialTermMonths"],
    hint: both("Set agreement.pilot.endDate after the effective date and before the initial term ends.", "请将 agreement.pilot.endDate 设在生效日之后、初始期限届满之前。"),
    check: (deal) => {
      const pilot = deal.agreement.pilot;
      if (!pilot) return [];
      const path = ["agreement", "pilot", "endDate"];
      if (pilot.endDate <= deal.agreement.effectiveDate) return [{ path, params: { end: pilot.endDate, where: both("not after the effective date", "不晚于生效日") } }];
      const end = termEnd(deal.agreement.effectiveDate, deal.agreement.initialTermMonths);
      if (pilot.endDate >= end) return [{ path, params: { end: pilot.endDate, where: both(`not before the initial term ends (${end})`, `不早于初始期限届满日(${end})`) } }];
      return [];
    },
  }),
  defineRule({
    id: "L8",
    group,
    severity: "warning",
    message: both("The general liability cap ({cap}) is below twelve months of fees ({fees})", "一般责任上限（{cap}）低于十二个月的费用（{fees}）"),
    paths: ["liability.generalCap", "fees.lines"],
    hint: both(
      "Raise the cap to at least the fees for twelve months (e.g. multipleOfFees with lookbackMonths: 12), unless the low cap is intended.",
      "请将上限提高到至少十二个月的费用（例如 multipleOfFees 且 lookbackMonths: 12），除非有意设定较低上限。",
    ),
    check: (deal) => {
      const cap = deal.liability.generalCap;
      const fees = annualFees(deal);
      const feesText = formatMoney(fees.toString(), deal.fees.currency);
      const path = ["liability", "generalCap"];
      const months = cap.type === "fixed" ? new Big(0) : dec(cap.multiplier).times(cap.lookbackMonths);
      const monthsLow = cap.type !== "fixed" && months.lt(12);
      const amountLow = cap.type !== "multipleOfFees" && new Big(cap.amount).lt(fees);
      if (cap.type === "multipleOfFees" && monthsLow) {
        return [{ path, params: { cap: both(`fees for ${months.toString()} months`, `${months.toString()}个月的费用`), fees: feesText } }];
      }
      if (cap.type === "fixed" && amountLow) return [{ path: ["liability", "generalCap", "amount"], params: { cap: formatMoney(cap.amount, deal.fees.currency), fees: feesText } }];
      if (cap.type === "greaterOf" && amountLow && monthsLow) {
        const text = formatMoney(cap.amount, deal.fees.currency);
        return [{ path, params: { cap: both(`the greater of ${text} and fees for ${months.toString()} months`, `${text}与${months.toString()}个月费用中的较高者`), fees: feesText } }];
      }
      return [];
    },
  }),
];
