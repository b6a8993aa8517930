import { termEnd } from "../../text/dates.js";
import type { Finding, Rule } from "../types.js";
import { both, defineRule } from "../util.js";

const group = "implementation";

export const implementationRules: readonly Rule[] = [
  defineRule({
    id: "M1",
    group,
    severity: "error",
    message: both(
      'Milestone "{id}" is due on {date}, before the milestone listed ahead of it ("{previous}", {previousDate})',
      "里程碑“{id}”的交付日期为{date}，早于其前一个里程碑（“{previous}”，{previousDate}）",
    ),
    paths: ["implementation.milestones"],
    hint: both("List the milestones in date order, or correct the due dates.", "请按日期顺序排列里程碑，或更正交付日期。"),
    check: (deal) => {
      const ms = deal.implementation?.milestones ?? [];
      const out: Finding[] = [];
      for (let i = 1; i < ms.length; i++) {
        const prev = ms[i - 1];
        const cur = ms[i];
        if (prev && cur && cur.dueDate < prev.dueDate) {
          out.push({ path: ["implementation", "milestones", i, "dueDate"], params: { id: cur.id, date: cur.dueDate, previous: prev.id, previousDate: prev.dueDate } });
        }
      }
      return out;
    },
  }),
  defineRule({
    id: "M2",
    group,
    severity: "error",
    message: both('Milestone "{id}" is due on {date}, after the initial term ends ({end})', "里程碑“{id}”的交付日期为{date}，晚于初始期限届满日（{end}）"),
    paths: ["implementation.milestones", "agreement.initialTermMonths"],
    hint: both("Move the due date into the initial term, or lengthen agreement.initialTermMonths.", "请将交付日期调整到初始期限内，或延长 agreement.initialTermMonths。"),
    check: (deal) => {
      const end = termEnd(deal.agreement.effectiveDate, deal.agreement.initialTermMonths);
      return (deal.implementation?.milestones ?? []).flatMap((m, i) => (m.dueDate > end ? [{ path: ["implementation", "milestones", i, "dueDate"], params: { id: m.id, date: m.dueDate, end } }] : []));
    },
  }),
  defineRule({
    id: "M3",
    group,
    severity: "error",
    message: both('Milestone "{id}" is due on {date}, before the agreement takes effect ({start})', "里程碑“{id}”的交付日期为{date}，早于协议生效日（{start}）"),
    paths: ["implementation.milestones", "agreement.effectiveDate"],
    hint: both("Correct the due date or agreement.effectiveDate.", "请更正交付日期或 agreement.effectiveDate。"),
    check: (deal) =>
      (deal.implementation?.milestones ?? []).flatMap((m, i) =>
        m.dueDate < deal.agreement.effectiveDate ? [{ path: ["implementation", "milestones", i, "dueDate"], params: { id: m.id, date: m.dueDate, start: deal.agreement.effectiveDate } }] : [],
      ),
  }),
];
