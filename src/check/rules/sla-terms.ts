import Big from "big.js";
import { allowedDowntimeMinutes, maintenanceCapMinutes } from "../../assemble/compute.js";
import type { Rule } from "../types.js";
import { both, defineRule } from "../util.js";

const group = "sla";

/** Minutes in a 30-day month, the month the SLA states its Downtime budget for. */
const MONTH_MINUTES = 43200;

/** A number of minutes as the SLA prints a maintenance cap: whole hours as hours, else minutes. */
function duration(minutes: Big): { en: string; zh: string } {
  if (minutes.gte(60) && minutes.mod(60).eq(0)) {
    const h = minutes.div(60).toString();
    return { en: `${h} ${h === "1" ? "hour" : "hours"}`, zh: `${h}小时` };
  }
  return { en: `${minutes.toString()} minutes`, zh: `${minutes.toString()}分钟` };
}

/**
 * The exclusions of the SLA must leave the availability target something to measure. Scheduled
 * maintenance within the monthly cap is not Downtime, so a cap above the Downtime the target
 * allows lets the Service be down for far longer than the target says (8 hours of maintenance
 * against the 43.2 minutes a 99.9% target allows), and no cap at all lets any outage be
 * re-labelled as maintenance.
 */
export const slaTermRules: readonly Rule[] = [
  defineRule({
    id: "SLA-MEANINGLESS",
    group,
    severity: "warning",
    message: both("The {target}% availability target is meaningless: {reason}", "{target}%的可用性目标形同虚设：{reason}"),
    paths: ["sla.maintenance.maxHoursPerMonth", "sla.availability"],
    hint: both(
      "Cap scheduled maintenance at no more than the Downtime the target allows (leave sla.maintenance.maxHoursPerMonth out to use exactly that), or state the availability target the customer really gets.",
      "请将计划内维护的每月上限设为不超过可用性目标允许的停机时间（不填写 sla.maintenance.maxHoursPerMonth 即采用该时间），或者将可用性目标调整为甲方实际可获得的水平。",
    ),
    check: (deal) => {
      const path = ["sla", "maintenance", "maxHoursPerMonth"];
      const target = deal.sla.availability;
      const cap = maintenanceCapMinutes(deal);
      if (cap === undefined) {
        return [
          {
            path,
            params: {
              target,
              reason: both(
                "scheduled maintenance is excluded from Downtime with no monthly cap, so the target is met however long the Service is down for maintenance",
                "计划内维护不计入停机且每月没有上限，本服务因维护不可用的时间再长也视为达到目标",
              ),
            },
          },
        ];
      }
      const allowed = allowedDowntimeMinutes(deal);
      if (cap.lte(allowed)) return [];
      const total = cap.plus(allowed);
      const effective = new Big(MONTH_MINUTES).minus(total).div(MONTH_MINUTES).times(100).round(2, Big.roundDown);
      const capText = duration(cap);
      const allowedText = allowed.round(2).toString();
      const totalText = total.round(2).toString();
      const effectiveText = effective.lt(0) ? "0" : effective.toString();
      return [
        {
          path,
          params: {
            target,
            reason: both(
              `up to ${capText.en} of scheduled maintenance a month is excluded from Downtime, more than the ${allowedText} minutes of Downtime the target allows in a 30-day month, so the Service could be unavailable for ${totalText} minutes a month (availability of ${effectiveText}%) and still meet it`,
              `每月最多${capText.zh}的计划内维护不计入停机，超过该目标在30日的月份内允许的${allowedText}分钟停机时间，本服务每月不可用${totalText}分钟（可用性仅为${effectiveText}%）仍视为达到目标`,
            ),
          },
        },
      ];
    },
  }),
];
