// The service-level schedule as a customer's lawyer reads it: credits on the fees for the
// affected month (by the deal's billing period), exclusions that leave the provider answerable for
// its hosting and sub-processors, a capped and notified maintenance allowance, measurement by both
// sides' evidence, a claim procedure, and the SLA-MEANINGLESS check. English and Chinese, with a
// deal that triggers each choice and one that does not.
import { describe, expect, it } from "vitest";
import { assemble } from "../src/assemble/build.js";
import { defaultCatalog } from "../src/catalog/builtin.js";
import type { Catalog } from "../src/catalog/catalog.js";
import { checkDeal } from "../src/check/check-deal.js";
import { validateDeal } from "../src/deal/parse.js";
import { renderClauseMarkdown } from "../src/render/markdown/index.js";
import { catalogWithout, variant, type Draft } from "./helpers/check.js";
import { plainMarkdown } from "./helpers/markdown.js";

type Lang = "en" | "zh";

/** The SLA schedule of a variant of the example deal (us-crm-enterprise: 99.9%, annual in advance), as plain text. */
function sla(mutate: (d: Draft) => void, lang: Lang, catalog: Catalog = defaultCatalog()): string {
  const deal = validateDeal(variant(mutate), catalog);
  const { model } = assemble(catalog, deal, { lang });
  const c = model.schedules.find((x) => x.id === "sla");
  if (!c) throw new Error(`no SLA schedule in the ${lang} document`);
  return plainMarkdown(renderClauseMarkdown(c));
}

const none = (): void => {};

describe("service credits are a share of the fees for the affected month, from the deal's billing period", () => {
  it("annual invoicing: one twelfth of the year's recurring fees (en, zh)", () => {
    const en = sla(none, "en");
    expect(en).toContain("equal to the following percentage of the monthly Fees for that month:");
    expect(en).toContain("The monthly Fees for a month are the recurring Fees for the Service attributable to that month, excluding one-time Fees.");
    expect(en).toContain("As recurring Fees are invoiced annually in advance, the monthly Fees are one twelfth of the recurring Fees invoiced for the year in which the month falls.");
    expect(en).not.toContain("one third");
    expect(en).not.toContain("whatever the invoicing period");
    const zh = sla(none, "zh");
    expect(zh).toContain("某月的月度服务费是指归属于该月的本服务经常性服务费，不包括一次性服务费。");
    expect(zh).toContain("经常性服务费按年预先开具发票，月度服务费为该月所在年度开具发票的经常性服务费的十二分之一。");
    expect(zh).not.toContain("三分之一");
    expect(zh).not.toContain("不论发票周期如何");
  });

  it("quarterly invoicing: one third of the quarter's recurring fees (en, zh)", () => {
    const q = (d: Draft): void => void (d.fees.schedule = "quarterlyInAdvance");
    const en = sla(q, "en");
    expect(en).toContain("As recurring Fees are invoiced quarterly in advance, the monthly Fees are one third of the recurring Fees invoiced for the quarter in which the month falls.");
    expect(en).not.toContain("one twelfth");
    const zh = sla(q, "zh");
    expect(zh).toContain("经常性服务费按季度预先开具发票，月度服务费为该月所在季度开具发票的经常性服务费的三分之一。");
    expect(zh).not.toContain("十二分之一");
  });

  it("monthly invoicing: the month's own recurring fees (en, zh)", () => {
    const m = (d: Draft): void => void (d.fees.schedule = "monthlyInAdvance");
    const en = sla(m, "en");
    expect(en).toContain("As recurring Fees are invoiced monthly in advance, the monthly Fees are the recurring Fees invoiced for that month.");
    expect(en).not.toMatch(/one (twelfth|third)/);
    const zh = sla(m, "zh");
    expect(zh).toContain("经常性服务费按月预先开具发票，月度服务费为该月开具发票的经常性服务费。");
    expect(zh).not.toMatch(/十二分之一|三分之一/);
  });

  it("fees paid in stages: one twelfth of the contract year's recurring fees, not an invoicing period (en, zh)", () => {
    const staged = (d: Draft): void => {
      d.implementation = { milestones: [{ id: "go-live", name: "Go-live", dueDate: "2027-04-01", acceptanceCriteria: "All tests pass" }], acceptance: { reviewPeriodDays: 10 } };
      d.fees.stages = [
        { percent: "30", trigger: "signing" },
        { percent: "70", trigger: "acceptance", milestone: "go-live" },
      ];
    };
    const en = sla(staged, "en");
    expect(en).toContain(
      "As the Fees are not invoiced in advance by period, the monthly Fees are one twelfth of the recurring Fees for the year (starting on the Effective Date or an anniversary of it) in which the month falls.",
    );
    expect(en).not.toContain("invoiced annually in advance");
    const zh = sla(staged, "zh");
    expect(zh).toContain("由于服务费不按期间预先开具发票，月度服务费为该月所在年度（自生效日或者其周年日起算）经常性服务费的十二分之一。");
    expect(zh).not.toContain("按年预先开具发票");
  });

  it("caps the credits for a month at the deal's share of that month's fees, in bold (en, zh)", () => {
    const capped = (d: Draft): void => {
      d.sla.creditCap = "30";
      d.sla.credits = [
        { below: "99.9", credit: "10" },
        { below: "99.0", credit: "30" },
      ];
    };
    expect(sla(capped, "en")).toContain("Service Credits for a month will not exceed 30% of the monthly Fees for that month.");
    expect(sla(capped, "zh")).toContain("每月的服务抵扣总额不超过该月月度服务费的30%。");
    expect(sla(none, "en")).toContain("will not exceed 50% of the monthly Fees");
    expect(sla(none, "zh")).toContain("不超过该月月度服务费的50%");
  });
});

describe("exclusions do not swallow the provider's own hosting and sub-processors", () => {
  it("makes the provider answer for its hosting providers, cloud platforms and sub-processors (en, zh)", () => {
    const en = sla(none, "en");
    // The example deal is under US law, whose profile spells the template text the US way (centers, Authorized).
    expect(en).toMatch(/The Provider answers for the hosting providers, cloud platforms, data cent(re|er)s, sub-processors and other subcontractors it uses to provide the Service as for itself/);
    expect(en).toContain("Unavailability that any of them causes is Downtime; an outage or failure of any of them is not in itself an event outside the Provider's control");
    expect(en).not.toContain("third-party systems outside the Provider's control");
    expect(en).not.toContain("failures of the public internet");
    const zh = sla(none, "zh");
    expect(zh).toContain("乙方为提供本服务而使用的托管服务商、云平台服务商、数据中心运营商、分处理者及其他分包商");
    expect(zh).toContain("上述任一主体导致的不可用，计入停机；上述任一主体发生服务中断或者故障，其本身不构成");
    expect(zh).not.toContain("乙方控制范围以外的第三方系统");
  });

  it("excludes only the customer's side, events outside everyone's control and capped maintenance (en, zh)", () => {
    const en = sla(none, "en");
    expect(en).toMatch(/acts or omissions of the Customer or its Authori[sz]ed Users in breach of this Agreement or contrary to the Documentation/);
    expect(en).toContain("the Customer's own equipment, software, networks and internet access, or systems of third parties that the Customer engages (other than the Provider's subcontractors)");
    expect(en).toContain("Scheduled Maintenance within the limits of paragraph 3 of Schedule 2");
    expect(en).toContain("The Provider bears the burden of showing that an exclusion applies");
    const zh = sla(none, "zh");
    expect(zh).toContain("甲方或其授权用户违反本合同或者不按照用户文档使用本服务的作为或者不作为");
    expect(zh).toContain("甲方自身的设备、软件、网络及互联网接入，或者甲方自行委托的第三方的系统（乙方的分包商除外）");
    expect(zh).toContain("乙方主张适用除外情形的，应当承担举证责任");
  });

  it("excuses force majeure only where business continuity and redundancy could not have helped (en, zh)", () => {
    const en = sla(none, "en");
    expect(en).toContain(
      "an event outside the reasonable control of both the Provider and the subcontractors referred to in paragraph 2 of Schedule 2, such as a natural disaster, epidemic, war, terrorism, riot or act of government (force majeure), but only to the extent that the backup, redundancy and disaster-recovery measures described in Section 13.1 (Security Measures), and those a prudent provider of a comparable service would maintain, could not have prevented the unavailability or shortened it.",
    );
    expect(en).toMatch(/and Section \d+ \(Force Majeure\) does not excuse unavailability beyond what this paragraph excludes\./);
    expect(en).not.toMatch(/^- \(\w\) a force majeure event;$/m);
    const zh = sla(none, "zh");
    expect(zh).toContain(
      "例如自然灾害、疫情、战争、恐怖活动、骚乱或者政府行为等不可抗力，但仅限于第十三条第1款所述的备份、冗余和灾难恢复措施以及同类服务的审慎提供者应当具备的措施均不能避免该不可用或者缩短其持续时间的部分。",
    );
    expect(zh).toMatch(/超出本条除外范围的不可用，不因第\S+条（不可抗力）的约定而免责。/);
    expect(zh).not.toMatch(/（[一二三四]）\s*不可抗力事件；/);
  });

  it("still drafts, without the references, when a pack switches off the force majeure and security clauses (en, zh)", () => {
    const catalog = catalogWithout(["force-majeure", "security"]);
    const en = sla(none, "en", catalog);
    expect(en).toContain(
      "but only to the extent that the backup, redundancy and disaster-recovery measures a prudent provider of a comparable service would maintain could not have prevented the unavailability or shortened it.",
    );
    expect(en).toContain("The Provider bears the burden of showing that an exclusion applies.");
    expect(en).not.toContain("Force Majeure)");
    const zh = sla(none, "zh", catalog);
    expect(zh).toContain("但仅限于同类服务的审慎提供者应当具备的备份、冗余和灾难恢复措施不能避免该不可用或者缩短其持续时间的部分。");
    expect(zh).toContain("乙方主张适用除外情形的，应当承担举证责任。");
    expect(zh).not.toContain("不可抗力）");
  });
});

describe("scheduled maintenance is capped each month, notified in advance and done when use is low", () => {
  it("defaults the cap to the Downtime the target allows, in whole minutes, with 5 business days' and 48 hours' notice (en, zh)", () => {
    const deal = validateDeal(variant(none));
    expect(deal.sla.maintenance).toEqual({ noticeBusinessDays: 5, emergencyNoticeHours: 48 });
    const en = sla(none, "en");
    expect(en).toContain("No more than 43 minutes of Scheduled Maintenance in a calendar month, planned and urgent maintenance together, is excluded from Downtime.");
    expect(en).toContain("Maintenance beyond that limit, and maintenance without the notice set out above, is Downtime.");
    expect(en).toContain(
      "for planned maintenance, at least five (5) business days before it starts, carried out outside the Customer's normal business hours and at a time when use of the Service is low; or",
    );
    expect(en).toContain("for urgent maintenance needed to fix a security vulnerability or to prevent an imminent failure of the Service, at least forty-eight (48) hours before it starts");
    expect(en).not.toContain("maintenance window");
    const zh = sla(none, "zh");
    expect(zh).toContain("每个日历月内不计入停机的计划内维护合计不超过43分钟，计划性维护与紧急维护合并计算。");
    expect(zh).toContain("超出该上限的维护，以及未按上述要求通知的维护，计入停机。");
    expect(zh).toContain("计划性维护，至少提前5个工作日通知，并在甲方正常营业时间以外、本服务使用量较低的时段进行；或者");
    expect(zh).toContain("至少提前48小时通知并说明不能推迟的理由");
    expect(zh).not.toContain("维护时段");
  });

  it("follows the target when the deal leaves the cap out: 21 minutes at 99.95% (en, zh)", () => {
    const high = (d: Draft): void => {
      d.sla.availability = "99.95";
      d.sla.credits = [
        { below: "99.95", credit: "10" },
        { below: "99.0", credit: "25" },
      ];
    };
    expect(sla(high, "en")).toContain("No more than 21 minutes of Scheduled Maintenance in a calendar month");
    expect(sla(high, "zh")).toContain("不计入停机的计划内维护合计不超过21分钟");
  });

  it("states the deal's cap, notice and window (en, zh)", () => {
    const set = (d: Draft): void => {
      d.sla.availability = "99.5";
      d.sla.credits = [
        { below: "99.5", credit: "10" },
        { below: "99.0", credit: "25" },
      ];
      d.sla.maintenance = { maxHoursPerMonth: 3, noticeBusinessDays: 10, emergencyNoticeHours: 24, window: { en: "Sundays from 02:00 to 06:00 CET", zh: "欧洲中部时间每周日02:00至06:00" } };
    };
    const en = sla(set, "en");
    expect(en).toContain("No more than three (3) hours of Scheduled Maintenance in a calendar month");
    expect(en).toContain("at least ten (10) business days before it starts, carried out within the following maintenance window: Sundays from 02:00 to 06:00 CET; or");
    expect(en).toContain("at least twenty-four (24) hours before it starts");
    expect(en).toContain("Maintenance beyond that limit, and maintenance without the notice or outside the window set out above, is Downtime.");
    expect(en).not.toContain("outside the Customer's normal business hours");
    expect(en).not.toContain("43 minutes");
    const zh = sla(set, "zh");
    expect(zh).toContain("不计入停机的计划内维护合计不超过3小时");
    expect(zh).toContain("至少提前10个工作日通知，并在以下维护时段内进行：欧洲中部时间每周日02:00至06:00；或者");
    expect(zh).toContain("至少提前24小时通知");
    expect(zh).toContain("以及未按上述要求通知或者在上述维护时段以外进行的维护，计入停机。");
    expect(zh).not.toContain("正常营业时间以外");
  });

  it("prints a cap of less than an hour, or not whole hours, in minutes (en, zh)", () => {
    const half = (d: Draft): void => void (d.sla.maintenance = { maxHoursPerMonth: 0.5 });
    expect(sla(half, "en")).toContain("No more than 30 minutes of Scheduled Maintenance");
    expect(sla(half, "zh")).toContain("合计不超过30分钟");
    const oneAndHalf = (d: Draft): void => void (d.sla.maintenance = { maxHoursPerMonth: 1.5 });
    expect(sla(oneAndHalf, "en")).toContain("No more than 90 minutes of Scheduled Maintenance");
    expect(sla(oneAndHalf, "zh")).toContain("合计不超过90分钟");
  });

  it("says so when the deal does not cap maintenance, and still counts unnotified maintenance as Downtime (en, zh)", () => {
    const uncapped = (d: Draft): void => void (d.sla.maintenance = { maxHoursPerMonth: false });
    const en = sla(uncapped, "en");
    expect(en).toContain("Scheduled Maintenance is excluded from Downtime however long it lasts in a calendar month. Maintenance without the notice set out above is Downtime.");
    expect(en).not.toContain("No more than");
    const zh = sla(uncapped, "zh");
    expect(zh).toContain("计划内维护不论每个日历月持续多久，均不计入停机。未按上述要求通知的维护，计入停机。");
    expect(zh).not.toContain("合计不超过");
  });

  it("refuses a cap that is not a whole number of minutes", () => {
    expect(() => validateDeal(variant((d) => (d.sla.maintenance = { maxHoursPerMonth: 0.01 })))).toThrow(/whole number of minutes/);
    expect(() => validateDeal(variant((d) => (d.sla.maintenance = { maxHoursPerMonth: 0.25 })))).not.toThrow();
  });
});

describe("Downtime is measured by the provider's monitoring and the customer's reasonable evidence", () => {
  it("lets the customer prove Downtime by its own logs or third-party monitoring, and settles differences in good faith (en, zh)", () => {
    const en = sla(none, "en");
    expect(en).toContain("The Provider will measure availability with automated monitoring that tests the Service at least once every five (5) minutes from outside its hosting environment");
    expect(en).toContain("The Customer may also show Downtime by its own system logs, reports of an independent monitoring service, records of support requests or other reasonable evidence.");
    expect(en).toContain("will not reject a period of Downtime only because its own monitoring did not record it");
    expect(en).toContain("the Parties will try in good faith to agree the Downtime, taking both into account");
    expect(en).not.toContain("as measured by the Provider's monitoring");
    const zh = sla(none, "zh");
    expect(zh).toContain("从其托管环境以外至少每5分钟检测一次本服务的可用性");
    expect(zh).toContain("甲方也可以通过其自身的系统日志、独立监测服务的报告、技术支持请求记录或者其他合理证据证明停机。");
    expect(zh).toContain("不得仅以其自身监测未记录为由否认停机");
    expect(zh).toContain("双方应当综合考虑二者，本着诚信原则协商确定停机时间");
    expect(zh).not.toContain("根据乙方的监测，甲方无法使用本服务的期间");
  });
});

describe("claiming a credit: how, by when, what, the answer, and how it is applied", () => {
  it("states the deal's claim window, the contents of a claim and the provider's answer (en, zh)", () => {
    const window = (d: Draft): void => void (d.sla.claimWindowDays = 45);
    const en = sla(window, "en");
    expect(en).toContain("The Customer may claim a Service Credit by written notice to the Provider within forty-five (45) days after the end of the affected month.");
    expect(en).toContain("The claim will state the month and, as far as the Customer knows them, the dates, times and duration of the Downtime claimed and the evidence the Customer relies on");
    expect(en).toContain("within fifteen (15) days after receiving it. A claim, or the part of it, that the Provider does not dispute within that period is accepted.");
    expect(en).not.toContain("within thirty (30) days after the end of the affected month");
    const zh = sla(window, "zh");
    expect(zh).toContain("甲方可以在受影响月份结束后45日内书面通知乙方申请服务抵扣。");
    expect(zh).toContain("申请应当载明所涉月份，并在甲方所知范围内载明所主张停机的日期、时间、持续时长以及甲方所依据的证据");
    expect(zh).toContain("乙方未在该期限内提出异议的申请或者申请的相应部分，视为已被确认。");
    expect(sla(none, "zh")).toContain("受影响月份结束后30日内");
  });

  it("deducts credits from the next invoice and pays them out when no invoice follows (en, zh)", () => {
    const en = sla(none, "en");
    expect(en).toContain("The Provider will deduct an accepted Service Credit from the next invoice it issues under this Agreement.");
    expect(en).toContain(
      "the Provider will pay the amount of any Service Credit not yet deducted to the Customer within thirty (30) days after the end of the Term or after the claim is accepted, whichever is later.",
    );
    expect(en).not.toContain("never paid in cash");
    const zh = sla(none, "zh");
    expect(zh).toContain("乙方应当从其依照本合同开具的下一张发票中扣除已确认的服务抵扣。");
    expect(zh).toContain("将尚未扣除的服务抵扣金额支付给甲方");
    expect(zh).not.toContain("服务抵扣用于抵减此后的发票金额，不以现金支付。");
  });

  it("makes credits the exclusive remedy without prejudice to chronic-failure termination and other breaches (en, zh)", () => {
    const en = sla(none, "en");
    expect(en).toContain(
      "Service Credits are the Customer's sole and exclusive remedy for any failure to meet the Availability Target, without prejudice to its right to terminate under paragraph 8 of Schedule 2 and to its rights and remedies for any other breach of this Agreement (such as a breach of the Provider's data security obligations or a loss of Customer Data), even where the breach also causes Downtime.",
    );
    const zh = sla(none, "zh");
    expect(zh).toContain("服务抵扣是乙方未达到可用性目标时甲方唯一的、排他的救济，但不影响甲方依照附件二第8条解除本合同的权利");
    const open = (d: Draft): void => void (d.sla.exclusiveRemedy = false);
    const enOpen = sla(open, "en");
    expect(enOpen).not.toContain("sole and exclusive remedy");
    expect(enOpen).toContain(
      "Service Credits are without prejudice to the Customer's other rights and remedies for a failure to meet the Availability Target, including its right to terminate under paragraph 8 of Schedule 2",
    );
    const zhOpen = sla(open, "zh");
    expect(zhOpen).not.toContain("唯一的、排他的救济");
    expect(zhOpen).toContain("服务抵扣不影响甲方就未达到可用性目标享有的其他权利和救济");
  });
});

describe("SLA-MEANINGLESS: exclusions that empty the availability target", () => {
  const fired = (mutate: (d: Draft) => void) => checkDeal(variant(mutate), { document: false }).problems.filter((p) => p.id === "SLA-MEANINGLESS");

  it("warns when the maintenance cap exceeds the Downtime the target allows (8 hours against 43.2 minutes), in English and Chinese", () => {
    const [p, ...more] = fired((d) => (d.sla.maintenance = { maxHoursPerMonth: 8 }));
    expect(more).toEqual([]);
    expect(p).toMatchObject({ severity: "warning", code: "CHECK_SLA_MEANINGLESS", path: ["sla", "maintenance", "maxHoursPerMonth"] });
    expect(p?.message.en).toBe(
      "The 99.9% availability target is meaningless: up to 8 hours of scheduled maintenance a month is excluded from Downtime, more than the 43.2 minutes of Downtime the target allows in a 30-day month, so the Service could be unavailable for 523.2 minutes a month (availability of 98.78%) and still meet it",
    );
    expect(p?.message.zh).toBe(
      "99.9%的可用性目标形同虚设：每月最多8小时的计划内维护不计入停机，超过该目标在30日的月份内允许的43.2分钟停机时间，本服务每月不可用523.2分钟（可用性仅为98.78%）仍视为达到目标",
    );
    expect(p?.hint.zh).toContain("sla.maintenance.maxHoursPerMonth");
  });

  it("warns when maintenance is uncapped", () => {
    const [p] = fired((d) => (d.sla.maintenance = { maxHoursPerMonth: false }));
    expect(p?.message.en).toContain("scheduled maintenance is excluded from Downtime with no monthly cap");
    expect(p?.message.zh).toContain("计划内维护不计入停机且每月没有上限");
  });

  it("compares with the deal's own target: 4 hours hollow out 99.5% (216 minutes), 3 hours do not", () => {
    const at995 =
      (hours: number) =>
      (d: Draft): void => {
        d.sla.availability = "99.5";
        d.sla.credits = [
          { below: "99.5", credit: "10" },
          { below: "99.0", credit: "25" },
        ];
        d.sla.maintenance = { maxHoursPerMonth: hours };
      };
    expect(fired(at995(4)).map((p) => p.message.en)).toEqual([expect.stringContaining("more than the 216 minutes of Downtime the target allows")]);
    expect(fired(at995(3))).toEqual([]);
  });

  it("does not fire for the default cap, a cap within the allowance, or the example deals", () => {
    expect(fired(none)).toEqual([]);
    expect(fired((d) => (d.sla.maintenance = { maxHoursPerMonth: 0.5 }))).toEqual([]);
    expect(fired((d) => ((d.sla.availability = "99.95"), (d.sla.credits = [{ below: "99.95", credit: "10" }])))).toEqual([]);
  });
});
