import type { Deal } from "../../deal/schema.js";
import { daysBetween, renewalPeriod, termEnd } from "../../text/dates.js";
import type { Rule } from "../types.js";
import { both, defineRule } from "../util.js";

const group = "term";

/** Days in a term of `months` starting on `start` (both ends included). */
function termDays(start: string, months: number): number {
  return daysBetween(start, termEnd(start, months)) + 1;
}

function initialTermDays(deal: Deal): number {
  return termDays(deal.agreement.effectiveDate, deal.agreement.initialTermMonths);
}

/** Days in the shortest renewal period over the first four years of renewals (a leap-year cycle covers every month pattern). */
function shortestRenewalDays(deal: Deal): number {
  const a = deal.agreement;
  const months = a.renewal.renewalTermMonths;
  let shortest = Number.POSITIVE_INFINITY;
  for (let k = 1; k <= Math.max(1, Math.ceil(48 / months)); k++) {
    const p = renewalPeriod(a.effectiveDate, a.initialTermMonths, months, k);
    shortest = Math.min(shortest, daysBetween(p.start, p.end) + 1);
  }
  return shortest;
}

export const termRules: readonly Rule[] = [
  defineRule({
    id: "T1",
    group,
    severity: "error",
    message: both(
      "Notice of non-renewal must be given {notice} days before a term ends, but the {which} term lasts only {days} days",
      "不续约通知须在期限届满前{notice}日发出，但{which}期限仅有{days}日",
    ),
    paths: ["agreement.renewal.nonRenewalNoticeDays", "agreement.initialTermMonths", "agreement.renewal.renewalTermMonths"],
    hint: both("Shorten agreement.renewal.nonRenewalNoticeDays (30–90 days is usual) or lengthen the term.", "请缩短 agreement.renewal.nonRenewalNoticeDays（通常为30至90日）或延长期限。"),
    check: (deal) => {
      const r = deal.agreement.renewal;
      if (!r.autoRenew) return [];
      const path = ["agreement", "renewal", "nonRenewalNoticeDays"];
      const initial = initialTermDays(deal);
      if (r.nonRenewalNoticeDays > initial) return [{ path, params: { notice: r.nonRenewalNoticeDays, which: both("initial", "初始"), days: initial } }];
      // Renewal periods are anchored on the effective date, so their lengths vary with the months
      // they cover (a one-month renewal can be 28 days): the shortest over four years of renewals counts.
      const renewal = shortestRenewalDays(deal);
      if (r.nonRenewalNoticeDays > renewal) return [{ path, params: { notice: r.nonRenewalNoticeDays, which: both("renewal", "续约"), days: renewal } }];
      return [];
    },
  }),
  defineRule({
    id: "T2",
    group,
    severity: "warning",
    message: both(
      "Termination for convenience needs {notice} days' notice, longer than the whole initial term ({days} days), so it can never end the initial term early",
      "任意解除须提前{notice}日通知，超过整个初始期限（{days}日），因此无法在初始期限内提前解除",
    ),
    paths: ["options.terminationForConvenience.noticeDays", "agreement.initialTermMonths"],
    hint: both("Shorten options.terminationForConvenience.noticeDays.", "请缩短 options.terminationForConvenience.noticeDays。"),
    check: (deal) => {
      const tfc = deal.options.terminationForConvenience;
      if (tfc === false) return [];
      const days = initialTermDays(deal);
      return tfc.noticeDays > days ? [{ path: ["options", "terminationForConvenience", "noticeDays"], params: { notice: tfc.noticeDays, days } }] : [];
    },
  }),
];
