/**
 * Contradictions a lawyer found between clauses of the drafted examples (issue 11), each pinned:
 * the fee schedule must not undo the payment stages or the liquidated damages, the confidentiality
 * clause must not keep backups the deal says are deleted, and the BAA must permit the
 * de-identification that the AI clause relies on.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { draft } from "../src/draft.js";
import type { DealInput } from "../src/deal/schema.js";
import { markdownSection } from "./helpers/markdown.js";

const example = (name: string): DealInput => parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as DealInput;

describe("the fee schedule follows the payment terms", () => {
  it("staged payment: invoicing follows the stages, not annual in advance, and late payment bears the liquidated damages, not interest (zh)", async () => {
    const md = (await draft(example("prc-domestic-cietac"), { formats: ["md"], lang: "zh" })).markdown ?? "";
    const payment = markdownSection(md, "cw-fees-payment");
    expect(payment).toContain("服务费按照第四条（付款安排）约定的付款阶段开具发票，不按期间预先开具。");
    expect(payment).not.toContain("按年预先开具");
    const late = markdownSection(md, "cw-fees-late");
    expect(late).toContain("无争议款项逾期未付的，按照第二十八条第4款的约定支付违约金，不另计逾期利息。");
    expect(late).not.toContain("逾期利息;");
  });

  it("without stages or liquidated damages: annual invoicing in advance and interest, as before (en)", async () => {
    const md = (await draft(example("us-crm-enterprise"), { formats: ["md"] })).markdown ?? "";
    expect(markdownSection(md, "cw-fees-payment")).toContain("The Provider will invoice recurring Fees annually in advance, the first invoice on the Effective Date.");
    expect(markdownSection(md, "cw-fees-late")).toContain("Undisputed amounts not paid when due bear interest at 1.5% per month");
  });
});

describe("confidential copies and the deal's deletion terms", () => {
  it("keeps no backup copies when the deal says backups are deleted too, and defers to the exit clause for Customer Data", async () => {
    const d = example("prc-domestic-cietac") as DealInput & { data: Record<string, unknown> };
    expect(d.data["backupRetentionException"]).toBe(false);
    const zh = markdownSection((await draft(d, { formats: ["md"], lang: "zh" })).markdown ?? "", "cw-confidentiality-duration");
    expect(zh).toContain("但依法律要求保留的副本除外");
    expect(zh).not.toContain("常规备份");
    expect(zh).toMatch(/客户数据的返还和删除适用第[一二三四五六七八九十]+条（合同终止后的数据迁移与删除）的约定，该约定优先于本款适用。/);
    const en = markdownSection((await draft(example("us-crm-enterprise"), { formats: ["md"] })).markdown ?? "", "cw-confidentiality-duration");
    expect(en).toContain("except copies kept under a routine backup or that the law requires it to keep, which remain protected.");
  });
});

describe("the BAA permits what the AI clause relies on", () => {
  it("lets the provider de-identify PHI under 45 CFR 164.514(b) for the permitted AI use, and only when AI use is allowed", async () => {
    const hipaa = example("us-healthcare-hipaa") as DealInput & { data: Record<string, unknown> };
    const uses = markdownSection((await draft(hipaa, { formats: ["md"] })).markdown ?? "", "cw-hipaa-baa-uses");
    expect(uses).toMatch(
      /and may de-identify PHI in accordance with 45 C\.F\.R\. §164\.514\(b\), so that it is no longer protected health information, for the use of data so de-identified that Section \d+\.4 \(Artificial Intelligence\) permits/,
    );
    hipaa.data["aiTraining"] = "prohibited";
    const none = markdownSection((await draft(hipaa, { formats: ["md"] })).markdown ?? "", "cw-hipaa-baa-uses");
    expect(none).not.toContain("de-identify");
  });
});

describe("the forum and the standard contractual clauses", () => {
  it("leaves disputes under the SCCs to the courts the SCCs designate, so the ICC clause does not contradict them (en, zh)", async () => {
    const en = (await draft(example("eu-gdpr-icc"), { formats: ["md"] })).markdown ?? "";
    expect(markdownSection(en, "cw-disputes-scc")).toMatch(
      /Disputes arising from the standard contractual clauses incorporated by clause \d+\.\d+ \(International Transfers\) are resolved by the courts those clauses designate, and not under this clause\./,
    );
    const zh = (await draft(example("eu-gdpr-icc"), { formats: ["md"], lang: "zh" })).markdown ?? "";
    expect(markdownSection(zh, "cw-disputes-scc")).toContain("并入的标准合同条款产生的争议，由该等条款指定的法院管辖，不适用本条约定。");
    const us = (await draft(example("us-crm-enterprise"), { formats: ["md"] })).markdown ?? "";
    expect(us).not.toContain("cw-disputes-scc");
  });
});

describe("service credits and subcontractors", () => {
  it("defines the monthly Fees a credit is a share of, from the invoicing period the deal uses", async () => {
    const md = (await draft(example("us-crm-enterprise"), { formats: ["md"] })).markdown ?? "";
    expect(markdownSection(md, "cw-sla-credits")).toContain("The monthly Fees for a month are the recurring Fees for the Service attributable to that month, excluding one-time Fees.");
    expect(markdownSection(md, "cw-sla-credits")).toContain(
      "As recurring Fees are invoiced annually in advance, the monthly Fees are one twelfth of the recurring Fees invoiced for the year in which the month falls.",
    );
  });

  it("makes the general right to subcontract subject to every data-protection part of the agreement", async () => {
    const md = (await draft(example("us-healthcare-hipaa"), { formats: ["md"] })).markdown ?? "";
    expect(md.replace(/\[([^\]]+)\]\([^)]+\)/g, "$1")).toMatch(
      /The Provider may use subcontractors to perform this Agreement, but may engage one that processes personal data only as the data-protection terms of this Agreement allow \(Section \d+ \(Service Provider Terms \(CCPA\)\), Section \d+ \(Business Associate Terms \(HIPAA\)\)\)\./,
    );
  });
});

describe("one deletion deadline", () => {
  it("a request to delete sooner never makes deletion later, and the BAA's return of PHI runs to the same deadline", async () => {
    const md = (await draft(example("us-healthcare-hipaa"), { formats: ["md"] })).markdown ?? "";
    expect(markdownSection(md, "cw-exit-deletion")).toContain("if the Customer asks in writing for deletion before then, no later than that number of days after the Provider receives its request,");
    expect(markdownSection(md, "cw-hipaa-baa-termination")).toMatch(/the Provider will return or destroy all PHI, within the deadline in Section \d+\.\d+ \(Deletion\);/);
    const zh = (await draft(example("us-healthcare-hipaa"), { formats: ["md"], lang: "zh" })).markdown ?? "";
    expect(markdownSection(zh, "cw-exit-deletion")).toContain("上述期限改为自乙方收到该要求之日起算");
  });
});

describe("the renewal price cap and a term that does not renew", () => {
  it("caps the price of a renewal the parties agree, instead of giving the provider a right to raise fees at a renewal that never comes", async () => {
    const md = (await draft(example("eu-gdpr-icc"), { formats: ["md"] })).markdown ?? "";
    expect(md).toContain("If the Parties agree to renew this Agreement, the recurring Fees for the Renewal Term will not exceed those for the preceding twelve months by more than 5%.");
    expect(md).not.toContain("may increase the recurring Fees with effect from the start of a Renewal Term");
  });
});
