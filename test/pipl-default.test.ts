/**
 * Issue 12: the PIPL entrusted-processing terms for a customer in mainland China whether or not
 * the deal lists PIPL, their cross-border part, 匿名化 for data that is no longer personal
 * information, and the trial run (试运行) as a period of its own.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { assemble } from "../src/assemble/build.js";
import { builtinPack } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { validateDeal } from "../src/deal/parse.js";
import type { Lang } from "../src/model/types.js";
import type { Draft } from "./helpers/check.js";
import { clauseText } from "./helpers/model-text.js";

const catalog = createCatalog([builtinPack("crm")]);
/** A deal sheet as YAML data, changed field by field (the shared loose type of the check tests). */
type Sheet = Draft;
const sheet = (name: string): Sheet => parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as Sheet;

function clause(input: Sheet, id: string, lang: Lang): string | undefined {
  const { model } = assemble(catalog, validateDeal(input, catalog), { lang });
  const c = [...model.clauses, ...model.schedules].find((x) => x.id === id);
  return c ? clauseText(c) : undefined;
}

describe("PIPL terms by default for a customer in mainland China", () => {
  it("includes the Art. 21 terms with fallback particulars when the deal has no privacy section (cn-crm-standard)", () => {
    const deal = sheet("cn-crm-standard");
    expect(deal.privacy).toBeUndefined();
    const zh = clause(deal, "pipl", "zh") ?? "";
    expect(zh).toContain("甲方委托乙方处理客户数据中受《中华人民共和国个人信息保护法》（以下简称《个人信息保护法》）调整的个人信息");
    expect(zh).toContain("处理目的 | 履行本合同，即为甲方提供、保护和支持本服务");
    expect(zh).toContain("个人信息种类 | 甲方及其授权用户向本服务提交的个人信息，如姓名、联系方式、职务信息及业务往来记录");
    expect(zh).toContain("未经甲方事先书面同意，乙方不得转委托他人处理个人信息。");
    expect(zh).toContain("甲方有权对乙方处理个人信息的活动进行监督");
    expect(zh).toContain("乙方应将个人信息存储于中国境内（杭州）。未经甲方事先书面同意并采用《个人信息保护法》认可的途径，乙方不得向中华人民共和国境外提供个人信息");
    expect(zh).not.toMatch(/undefined|\{\{|作为甲方的处理者/);
    const en = clause(deal, "pipl", "en") ?? "";
    expect(en).toContain("Purpose | to perform this Agreement: providing, securing and supporting the Service for the Customer");
    expect(en).toContain("The Provider will not entrust the processing of the Personal Information to another party without the Customer's prior written consent.");
    // The precedence clause lists the PIPL terms among those that prevail.
    expect(clause(deal, "precedence", "zh")).toContain("个人信息委托处理");
  });

  it("leaves the terms out for a customer outside mainland China that does not list PIPL", () => {
    const deal = sheet("cn-crm-standard");
    deal.customer.country = "HK";
    expect(clause(deal, "pipl", "zh")).toBeUndefined();
  });

  it("adds the cross-border conditions (Arts. 38, 39, 55) when the provider is registered outside the mainland", () => {
    const deal = sheet("cn-crm-standard");
    deal.provider.country = "SG";
    const zh = clause(deal, "pipl", "zh") ?? "";
    expect(zh).toContain("双方书面确定适用《个人信息保护法》第三十八条规定的何种条件");
    expect(zh).toContain("《个人信息保护法》第三十九条要求向个人告知并取得其单独同意的，由甲方负责");
    expect(zh).toContain("乙方应配合甲方依《个人信息保护法》第五十五条开展个人信息保护影响评估");
    const en = clause(deal, "pipl", "en") ?? "";
    expect(en).toContain(
      "No Personal Information may be provided outside the People's Republic of China until the Parties have agreed in writing which of the conditions of Article 38 of the PIPL applies",
    );
    expect(en).toContain("the personal information protection impact assessment that Article 55 of the PIPL requires the Customer to carry out");
    deal.privacy = { pipl: { crossBorderRoute: "standardContract" } };
    expect(clause(deal, "pipl", "zh")).toContain("按照国家网信部门制定的个人信息出境标准合同订立合同并依法备案后，方可向中华人民共和国境外提供");
  });
});

describe("anonymised data (匿名化) and HIPAA de-identification", () => {
  it("says 匿名化 for usage data disclosed outside the provider and explains HIPAA de-identification", () => {
    const deal = sheet("cn-crm-standard");
    const zh = clause(deal, "data-ownership", "zh") ?? "";
    expect(zh).toContain("应当事先对其进行汇总和匿名化处理，确保无法据此识别甲方、其授权用户或者任何自然人，且不能复原");
    expect(zh).not.toContain("去标识化");
    expect(clause(deal, "data-ownership", "en")).toContain(
      "only in aggregated and anonymised form, from which neither the Customer, its Authorised Users nor any individual can be identified and which cannot be restored to identify them",
    );
    const hipaa = sheet("us-healthcare-hipaa");
    hipaa.data = { ...hipaa.data, aiTraining: "aggregatedDeidentified", deidentificationStandard: "hipaaSafeHarbor" };
    const baa = clause(hipaa, "hipaa-baa", "zh") ?? "";
    expect(baa).toContain("进行去识别处理（即HIPAA所称的de-identification，经该处理的信息不再属于受保护健康信息）");
    expect(baa).not.toContain("去标识化");
  });
});

describe("the trial run (试运行)", () => {
  it("runs for implementation.acceptance.trialRunDays from initial acceptance, outside any acceptance period, and restarts after a P1 incident", () => {
    const deal = sheet("prc-domestic-cietac");
    deal.implementation.acceptance.trialRunDays = 45;
    const zh = clause(deal, "acceptance", "zh") ?? "";
    expect(zh).toContain("试运行：甲方以自身数据将交付成果投入实际运行45日");
    expect(zh).toContain("试运行期自交付成果通过前一阶段验收之次日起算，为期45日（“试运行期”）。试运行期独立于任何验收期，不计入验收期");
    expect(zh).toContain("终验：甲方在前一阶段结束之次日起算的验收期内进行测试");
    expect(zh).toMatch(/因乙方原因在试运行期内发生.*P1级故障的，乙方应.*排除故障，试运行期自故障排除之次日起重新计算。/);
    expect(zh).toContain("或在试运行期以外已将交付成果投入正式运行的");
    const en = clause(deal, "acceptance", "en") ?? "";
    expect(en).toContain('lasts forty-five (45) days (the "Trial Run Period"). The Trial Run Period is a period of its own: it is not part of any Acceptance Period');
    expect(en).toContain("a new Trial Run Period of the same length starts on the day after it is resolved");
    deal.implementation.acceptance.stages = ["final"];
    expect(clause(deal, "acceptance", "zh")).not.toContain("试运行");
  });
});
