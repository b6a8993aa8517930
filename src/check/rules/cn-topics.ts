import type { Finding, Rule } from "../types.js";
import { both, defineRule } from "../util.js";

const group = "cn-topics";

/**
 * The topics a Chinese CRM contract is expected to cover (功能模块、实施与验收、技术支持响应与解决时间、
 * 违约责任、知识产权、保密与数据安全、不可抗力、争议解决). A Chinese reviewer reads their absence as a
 * gap, so these rules run only when the agreement has a Chinese text: `check --lang zh` or `en+zh`
 * (the context's `langs`, the same languages `draft` renders). An English-only draft of the same deal
 * is not held to them.
 */
const chinese = (langs: readonly string[]): boolean => langs.includes("zh");

/** Clauses a Chinese contract must contain, by category, with the deal field that feeds each. */
const REQUIRED_CLAUSES: readonly { category: string; topic: { en: string; zh: string }; path: readonly string[] }[] = [
  { category: "ip", topic: both("intellectual property", "知识产权"), path: ["ip"] },
  { category: "confidentiality", topic: both("confidentiality", "保密"), path: ["confidentiality"] },
  { category: "security", topic: both("data security", "数据安全"), path: ["security"] },
  { category: "force-majeure", topic: both("force majeure", "不可抗力"), path: ["forceMajeure"] },
  { category: "disputes", topic: both("dispute resolution", "争议解决"), path: ["law", "forum"] },
];

export const cnTopicRules: readonly Rule[] = [
  defineRule({
    id: "CN-modules",
    group,
    severity: "warning",
    message: both(
      "The agreement has a Chinese text, but no module is in the base tier, so the function modules cannot be set out as base edition (基础版), optional modules and value-added services",
      "合同有中文文本，但没有基础版模块，无法按基础版、可选模块和增值服务列明功能模块",
    ),
    paths: ["services.modules"],
    hint: both(
      "Give the modules in services.modules their tiers: base for the 基础版, optional, or valueAdded.",
      "请在 services.modules 中为各模块设置 tier：base（基础版）、optional（可选模块）或 valueAdded（增值服务）。",
    ),
    check: (deal, ctx) => (chinese(ctx.langs) && !deal.services.modules.some((m) => m.tier === "base") ? [{ path: ["services", "modules"] }] : []),
  }),
  defineRule({
    id: "CN-implementation",
    group,
    severity: "warning",
    message: both(
      "The agreement has a Chinese text, but the deal has no implementation plan, so it states no deliverables (交付内容), delivery dates or acceptance criteria (验收标准)",
      "合同有中文文本，但交易单没有实施计划，合同未约定交付内容、交付日期和验收标准",
    ),
    paths: ["implementation.milestones"],
    hint: both(
      "Add implementation.milestones, each with its deliverables, dueDate and acceptanceCriteria.",
      "请添加 implementation.milestones，并为每个里程碑填写 deliverables、dueDate 和 acceptanceCriteria。",
    ),
    check: (deal, ctx) => (chinese(ctx.langs) && !deal.implementation ? [{ path: ["implementation", "milestones"] }] : []),
  }),
  defineRule({
    id: "CN-acceptance",
    group,
    severity: "warning",
    message: both("The agreement has a Chinese text, but {what}", "合同有中文文本，但{what}"),
    paths: ["implementation.acceptance", "implementation.milestones"],
    hint: both(
      "Set implementation.acceptance (reviewPeriodDays: the acceptance period, 验收期) and give every milestone its acceptanceCriteria (验收标准).",
      "请设置 implementation.acceptance（reviewPeriodDays 即验收期），并为每个里程碑填写 acceptanceCriteria（验收标准）。",
    ),
    check: (deal, ctx) => {
      const impl = deal.implementation;
      if (!chinese(ctx.langs) || !impl) return [];
      const out: Finding[] = [];
      if (!impl.acceptance)
        out.push({
          path: ["implementation", "acceptance"],
          params: { what: both("the deal sets no acceptance period (implementation.acceptance)", "交易单未约定验收期（implementation.acceptance）") },
        });
      impl.milestones.forEach((m, i) => {
        if (m.acceptanceCriteria === undefined) {
          out.push({ path: ["implementation", "milestones", i, "acceptanceCriteria"], params: { what: both(`milestone "${m.id}" has no acceptance criteria`, `里程碑“${m.id}”未约定验收标准`) } });
        }
      });
      return out;
    },
  }),
  defineRule({
    id: "CN-support",
    group,
    severity: "warning",
    message: both("The agreement has a Chinese text, but {what}", "合同有中文文本，但{what}"),
    paths: ["sla.severities"],
    hint: both(
      "List sla.severities (P1 to P4), each with responseHours (响应时间) and resolutionHours (解决时间).",
      "请列明 sla.severities（P1至P4），并为每一级别填写 responseHours（响应时间）和 resolutionHours（解决时间）。",
    ),
    check: (deal, ctx) => {
      if (!chinese(ctx.langs)) return [];
      if (deal.sla.severities.length === 0)
        return [{ path: ["sla", "severities"], params: { what: both("the deal sets no support response or resolution times by severity", "交易单未按故障级别约定技术支持的响应时间和解决时间") } }];
      return deal.sla.severities.flatMap((s, i) =>
        s.resolutionHours === undefined
          ? [{ path: ["sla", "severities", i, "resolutionHours"], params: { what: both(`severity ${s.level} has no resolution time`, `${s.level}级故障未约定解决时间`) } }]
          : [],
      );
    },
  }),
  defineRule({
    id: "CN-breach",
    group,
    severity: "warning",
    message: both(
      "The agreement has a Chinese text, but the deal sets no liability for breach (违约责任): no liquidated damages for late delivery or late payment",
      "合同有中文文本，但交易单未约定违约责任：未约定逾期交付或逾期付款的违约金",
    ),
    paths: ["breach"],
    hint: both("Add breach.deliveryDelay and breach.latePayment (a daily rate and a cap, each in percent).", "请添加 breach.deliveryDelay 和 breach.latePayment（按日费率及上限，均为百分比）。"),
    check: (deal, ctx) => (chinese(ctx.langs) && !deal.breach?.deliveryDelay && !deal.breach?.latePayment ? [{ path: ["breach"] }] : []),
  }),
  defineRule({
    id: "CN-clause",
    group,
    severity: "warning",
    scope: "document",
    message: both("The Chinese text has no clause on {topic}, which a Chinese contract is expected to cover", "中文文本中没有{topic}条款，而中文合同通常应当约定该事项"),
    paths: ["ip", "confidentiality", "security", "forceMajeure", "law.forum"],
    hint: both(
      "Keep the built-in clause on {topic} in the agreement (a pack that disables or replaces it must provide one of the same category), and fill in its deal field.",
      "请在合同中保留内置的{topic}条款（条款包停用或替换该条款的，须提供同一类别的条款），并填写相应的交易单字段。",
    ),
    check: (_deal, ctx) => {
      const zh = (ctx.documents ?? []).find((d) => d.lang === "zh");
      if (!zh) return [];
      return REQUIRED_CLAUSES.filter((r) => !zh.clauses.some((c) => c.category === r.category)).map((r) => ({ path: r.path, params: { topic: r.topic } }));
    },
  }),
];
