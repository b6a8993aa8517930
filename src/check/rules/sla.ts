import Big from "big.js";
import type { Finding, Rule } from "../types.js";
import { both, defineRule } from "../util.js";

const group = "sla";

/** Credit tiers from the highest availability threshold down, with their index in the deal. */
function tiersDown(tiers: readonly { below: string; credit: string }[]): { below: Big; credit: Big; i: number }[] {
  return tiers.map((t, i) => ({ below: new Big(t.below), credit: new Big(t.credit), i })).sort((a, b) => b.below.cmp(a.below) || a.i - b.i);
}

export const slaRules: readonly Rule[] = [
  defineRule({
    id: "S1",
    group,
    severity: "error",
    message: both(
      "Service credits must grow as availability falls, but availability below {below}% earns {credit}%, no more than the {prevCredit}% for below {prevBelow}%",
      "服务抵扣应随可用性降低而增加，但可用性低于{below}%时抵扣{credit}%，不高于低于{prevBelow}%时的{prevCredit}%",
    ),
    paths: ["sla.credits"],
    hint: both(
      "Give each lower availability threshold a higher credit (e.g. 10 / 25 / 50%), with no threshold listed twice.",
      "请为每个更低的可用性门槛设定更高的抵扣比例（如10%/25%/50%），门槛不得重复。",
    ),
    check: (deal) => {
      const tiers = tiersDown(deal.sla.credits);
      const out: Finding[] = [];
      for (let k = 1; k < tiers.length; k++) {
        const prev = tiers[k - 1];
        const cur = tiers[k];
        if (prev && cur && (cur.credit.lte(prev.credit) || cur.below.eq(prev.below))) {
          out.push({
            path: ["sla", "credits", cur.i, "credit"],
            params: { below: cur.below.toString(), credit: cur.credit.toString(), prevBelow: prev.below.toString(), prevCredit: prev.credit.toString() },
          });
        }
      }
      return out;
    },
  }),
  defineRule({
    id: "S2",
    group,
    severity: "error",
    message: both(
      "Availability below {below}% earns a {credit}% credit, above the {cap}% monthly credit cap, so that tier can never be paid in full",
      "可用性低于{below}%时抵扣{credit}%，超过每月{cap}%的抵扣上限，该档抵扣永远无法足额兑现",
    ),
    paths: ["sla.credits", "sla.creditCap"],
    hint: both("Lower the tier's credit to the cap, or raise sla.creditCap.", "请将该档抵扣降至上限以内，或提高 sla.creditCap。"),
    check: (deal) =>
      deal.sla.credits.flatMap((t, i) =>
        new Big(t.credit).gt(deal.sla.creditCap) ? [{ path: ["sla", "credits", i, "credit"], params: { below: t.below, credit: t.credit, cap: deal.sla.creditCap } }] : [],
      ),
  }),
  defineRule({
    id: "S3",
    group,
    severity: "warning",
    message: both(
      "A service credit applies below {below}% availability, above the {target}% target, so credits are owed even when the target is met",
      "可用性低于{below}%即产生服务抵扣，高于{target}%的目标，即使达到目标也须抵扣",
    ),
    paths: ["sla.credits", "sla.availability"],
    hint: both("Start the first credit tier at the availability target.", "请将第一档抵扣的门槛设为可用性目标。"),
    check: (deal) =>
      deal.sla.credits.flatMap((t, i) => (new Big(t.below).gt(deal.sla.availability) ? [{ path: ["sla", "credits", i, "below"], params: { below: t.below, target: deal.sla.availability } }] : [])),
  }),
];
