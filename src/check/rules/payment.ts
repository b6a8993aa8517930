import Big from "big.js";
import { exchangeRate } from "../../assemble/compute.js";
import type { Deal } from "../../deal/schema.js";
import type { Finding, Rule } from "../types.js";
import { both, dec, defineRule } from "../util.js";

const group = "payment";

/**
 * Twelve months of fees in `fees.currency`: the recurring fees for a year (monthly
 * lines × 12), or, for a deal with only one-time fees, those. Lines in another
 * currency count at their stated rate; lines without a rate are left out.
 */
export function annualFees(deal: Deal): Big {
  let recurring = new Big(0);
  let oneTime = new Big(0);
  for (const l of deal.fees.lines) {
    const rate = exchangeRate(deal, l.currency);
    if (!rate) continue;
    const amount = new Big(l.unitPrice).times(l.quantity).times(rate);
    if (l.period === "annual") recurring = recurring.plus(amount);
    else if (l.period === "monthly") recurring = recurring.plus(amount.times(12));
    else oneTime = oneTime.plus(amount);
  }
  return (recurring.gt(0) ? recurring : oneTime).round(2, Big.roundHalfUp);
}

export const paymentRules: readonly Rule[] = [
  defineRule({
    id: "P1",
    group,
    severity: "error",
    message: both("The payment stages add up to {sum}%, not 100%", "各期付款比例合计为{sum}%，而非100%"),
    paths: ["fees.stages"],
    hint: both("Make the percentages in fees.stages add up to exactly 100.", "请使 fees.stages 中的比例合计恰好为100。"),
    check: (deal) => {
      const stages = deal.fees.stages;
      if (!stages || stages.length === 0) return [];
      const sum = stages.reduce((acc, s) => acc.plus(s.percent), new Big(0));
      return sum.eq(100) ? [] : [{ path: ["fees", "stages"], params: { sum: sum.toString() } }];
    },
  }),
  defineRule({
    id: "P1-milestone",
    group,
    severity: "error",
    message: both("Payment stage {n} ({trigger}) {problem}", "第{n}期付款（{trigger}）{problem}"),
    paths: ["fees.stages", "implementation.milestones"],
    hint: both(
      "Give each delivery- or acceptance-triggered stage the id of a milestone in implementation.milestones.",
      "请为每个以交付或验收为条件的付款阶段填写 implementation.milestones 中的里程碑 id。",
    ),
    check: (deal) => {
      const ids = new Set((deal.implementation?.milestones ?? []).map((m) => m.id));
      const out: Finding[] = [];
      (deal.fees.stages ?? []).forEach((s, i) => {
        const base = { n: i + 1, trigger: s.trigger };
        if (s.milestone === undefined) {
          if (s.trigger === "delivery" || s.trigger === "acceptance") {
            out.push({ path: ["fees", "stages", i, "milestone"], params: { ...base, problem: both("names no milestone", "未指明里程碑") } });
          }
        } else if (!ids.has(s.milestone)) {
          out.push({
            path: ["fees", "stages", i, "milestone"],
            params: { ...base, problem: both(`refers to milestone "${s.milestone}", which is not in the implementation plan`, `所指里程碑“${s.milestone}”不在实施计划中`) },
          });
        }
      });
      return out;
    },
  }),
  defineRule({
    id: "P1-criteria",
    group,
    severity: "warning",
    message: both(
      'Payment stage {n} is due on acceptance of milestone "{milestone}", which has no acceptance criteria, so acceptance can be disputed indefinitely',
      "第{n}期付款以里程碑“{milestone}”验收为条件，但该里程碑没有验收标准，验收可能被无限期争议",
    ),
    paths: ["fees.stages", "implementation.milestones"],
    hint: both("Add acceptanceCriteria to the milestone.", "请为该里程碑填写 acceptanceCriteria。"),
    check: (deal) => {
      const milestones = deal.implementation?.milestones ?? [];
      return (deal.fees.stages ?? []).flatMap((s, i) => {
        if (s.trigger !== "acceptance" || s.milestone === undefined) return [];
        const j = milestones.findIndex((m) => m.id === s.milestone);
        return j >= 0 && milestones[j]?.acceptanceCriteria === undefined ? [{ path: ["implementation", "milestones", j, "acceptanceCriteria"], params: { n: i + 1, milestone: s.milestone } }] : [];
      });
    },
  }),
  defineRule({
    id: "P2",
    group,
    severity: "warning",
    message: both(
      "The provider may suspend the service {suspend} days after an invoice is overdue, sooner than the {terms} days the customer has to pay it",
      "发票逾期{suspend}日后服务商即可暂停服务，短于客户的{terms}日付款期限",
    ),
    paths: ["fees.suspensionAfterOverdueDays", "fees.paymentTermsDays"],
    hint: both(
      "Make fees.suspensionAfterOverdueDays at least fees.paymentTermsDays (both standard forms use 30).",
      "请使 fees.suspensionAfterOverdueDays 不少于 fees.paymentTermsDays（两种标准文本均为30日）。",
    ),
    check: (deal) =>
      deal.fees.suspensionAfterOverdueDays < deal.fees.paymentTermsDays
        ? [{ path: ["fees", "suspensionAfterOverdueDays"], params: { suspend: deal.fees.suspensionAfterOverdueDays, terms: deal.fees.paymentTermsDays } }]
        : [],
  }),
  defineRule({
    id: "P2-interest",
    group,
    severity: "warning",
    message: both(
      "Late-payment interest of {rate}% a month is above 1.5% a month (18% a year), which usury laws in many places do not allow",
      "逾期付款利息为每月{rate}%，超过每月1.5%（年18%），许多地区的法律不予支持",
    ),
    paths: ["fees.latePaymentInterestPerMonth"],
    hint: both('Use 1.5% a month or less, or "the lower of 1.5% a month and the highest rate the law allows".', "请约定每月不超过1.5%，或“每月1.5%与法律允许的最高利率中的较低者”。"),
    check: (deal) => (dec(deal.fees.latePaymentInterestPerMonth).gt("1.5") ? [{ path: ["fees", "latePaymentInterestPerMonth"], params: { rate: deal.fees.latePaymentInterestPerMonth } }] : []),
  }),
  defineRule({
    id: "P3",
    group,
    severity: "error",
    message: both(
      "Payment stage {n} is due on acceptance, but the deal sets no acceptance procedure (review period), so the stage may never fall due",
      "第{n}期付款以验收为条件，但交易单未约定验收程序（验收期限），该期款项可能永远不到期",
    ),
    paths: ["fees.stages", "implementation.acceptance"],
    hint: both("Add implementation.acceptance (reviewPeriodDays, deemedAcceptance).", "请添加 implementation.acceptance（reviewPeriodDays、deemedAcceptance）。"),
    check: (deal) =>
      deal.implementation?.acceptance ? [] : (deal.fees.stages ?? []).flatMap((s, i) => (s.trigger === "acceptance" ? [{ path: ["fees", "stages", i, "trigger"], params: { n: i + 1 } }] : [])),
  }),
  defineRule({
    id: "F1",
    group,
    severity: "error",
    message: both("Fee line {n} is in {currency}, the agreement's currency is {base}, and no exchange rate is stated", "第{n}项费用以{currency}计价，协议币种为{base}，但未约定汇率"),
    paths: ["fees.lines", "fees.exchangeRates", "fees.currency"],
    hint: both(
      "Add { from: <currency>, rate: <decimal> } to fees.exchangeRates, or price the line in fees.currency.",
      "请在 fees.exchangeRates 中添加 { from: <币种>, rate: <汇率> }，或以协议币种计价。",
    ),
    check: (deal) =>
      deal.fees.lines.flatMap((l, i) =>
        l.currency !== undefined && !exchangeRate(deal, l.currency) ? [{ path: ["fees", "lines", i, "currency"], params: { n: i + 1, currency: l.currency, base: deal.fees.currency } }] : [],
      ),
  }),
];
