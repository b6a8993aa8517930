import { piplScope } from "../../deal/pipl.js";
import type { Rule } from "../types.js";
import { both, defineRule, isEea, runsOfModel } from "../util.js";

const group = "exit";

export const exitRules: readonly Rule[] = [
  // E1 (deletion period shorter than the export period) is gone: the deletion period now runs
  // from the end of the export period (see the exit clause), so the two can no longer conflict.
  defineRule({
    id: "E1-pipl",
    group,
    severity: "warning",
    message: both(
      "PIPL applies, and it allows no retention of personal information after the entrustment ends except where law requires it, but the deal keeps a general backup exception",
      "适用《个人信息保护法》，委托终止后除法律规定外不得保留个人信息，但交易单保留了一般性的备份例外",
    ),
    paths: ["data.backupRetentionException", "privacy.regimes", "customer.country"],
    hint: both("Set data.backupRetentionException: false, or limit the exception to retention the law requires.", "请设置 data.backupRetentionException: false，或将例外限于法律要求的保留。"),
    check: (deal) => (piplScope(deal).applies && deal.data.backupRetentionException ? [{ path: ["data", "backupRetentionException"] }] : []),
  }),
  defineRule({
    id: "E1-data-act",
    group,
    severity: "warning",
    message: both(
      "The customer is in the EU ({country}), where the EU Data Act gives it at least 30 days to retrieve its data when switching, but the export period is {days} days",
      "客户位于欧盟（{country}），依《欧盟数据法》切换服务时客户至少有30日取回数据，但约定的导出期限为{days}日",
    ),
    paths: ["data.exportDays", "customer.country"],
    hint: both("Set data.exportDays to 30 or more.", "请将 data.exportDays 设为30或以上。"),
    check: (deal) => {
      const country = deal.customer.country;
      return country !== undefined && isEea(country) && deal.data.exportDays < 30 ? [{ path: ["data", "exportDays"], params: { country, days: deal.data.exportDays } }] : [];
    },
  }),
  defineRule({
    id: "E2",
    group,
    severity: "warning",
    scope: "document",
    message: both('The agreement does not renew automatically, yet clause "{clause}" still speaks of a notice of non-renewal', "协议不自动续约，但条款“{clause}”仍提及不续约通知"),
    paths: ["agreement.renewal.autoRenew"],
    hint: both("Guard the non-renewal wording with {{#if agreement.renewal.autoRenew}} in the template.", "请在模板中用 {{#if agreement.renewal.autoRenew}} 包住不续约通知的文字。"),
    check: (deal, ctx) => {
      if (deal.agreement.renewal.autoRenew || !ctx.documents) return [];
      const seen = new Set<string>();
      for (const doc of ctx.documents) {
        for (const { clause, run } of runsOfModel(doc.model)) {
          if (/non-renewal|not to renew|不续约|不再续约|不续期/i.test(run.text)) seen.add(clause);
        }
      }
      return [...seen].map((clause) => ({ path: ["agreement", "renewal", "autoRenew"], clause, params: { clause: clause || "front matter" } }));
    },
  }),
];
