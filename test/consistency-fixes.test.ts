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

const example = (name: string): DealInput => parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as DealInput;

/** The Markdown of one sub-clause, links reduced to their text and emphasis removed. */
function sub(md: string, anchor: string): string {
  const start = md.indexOf(`<a id="${anchor}"></a>`);
  expect(start, anchor).toBeGreaterThanOrEqual(0);
  const end = md.indexOf('<a id="', start + anchor.length + 10);
  return md.slice(start, end).replace(/\*\*/g, "").replace(/\[([^\]]+)\]\([^)]+\)/g, "$1");
}

describe("the fee schedule follows the payment terms", () => {
  it("staged payment: invoicing follows the stages, not annual in advance, and late payment bears the liquidated damages, not interest (zh)", async () => {
    const md = (await draft(example("prc-domestic-cietac"), { formats: ["md"], lang: "zh" })).markdown ?? "";
    const payment = sub(md, "cw-fees-payment");
    expect(payment).toContain("服务费按照第四条（付款安排）约定的付款阶段开具发票，不按期间预先开具。");
    expect(payment).not.toContain("按年预先开具");
    const late = sub(md, "cw-fees-late");
    expect(late).toContain("无争议款项逾期未付的，按照第二十二条第4款的约定支付违约金，不另计逾期利息。");
    expect(late).not.toContain("逾期利息;");
  });

  it("without stages or liquidated damages: annual invoicing in advance and interest, as before (en)", async () => {
    const md = (await draft(example("us-crm-enterprise"), { formats: ["md"] })).markdown ?? "";
    expect(sub(md, "cw-fees-payment")).toContain("The Provider will invoice recurring Fees annually in advance, the first invoice on the Effective Date.");
    expect(sub(md, "cw-fees-late")).toContain("Undisputed amounts not paid when due bear interest at 1.5% per month");
  });
});

describe("confidential copies and the deal's deletion terms", () => {
  it("keeps no backup copies when the deal says backups are deleted too, and defers to the exit clause for Customer Data", async () => {
    const d = example("prc-domestic-cietac") as DealInput & { data: Record<string, unknown> };
    expect(d.data["backupRetentionException"]).toBe(false);
    const zh = sub((await draft(d, { formats: ["md"], lang: "zh" })).markdown ?? "", "cw-confidentiality-duration");
    expect(zh).toContain("但依法律要求保留的副本除外");
    expect(zh).not.toContain("常规备份");
    expect(zh).toMatch(/客户数据的返还和删除适用第[一二三四五六七八九十]+条（合同终止后的数据迁移与删除）的约定，该约定优先于本款适用。/);
    const en = sub((await draft(example("us-crm-enterprise"), { formats: ["md"] })).markdown ?? "", "cw-confidentiality-duration");
    expect(en).toContain("except copies kept under a routine backup or that the law requires it to keep, which remain protected.");
  });
});

describe("the BAA permits what the AI clause relies on", () => {
  it("lets the provider de-identify PHI under 45 CFR 164.514(b) for the permitted AI use, and only when AI use is allowed", async () => {
    const hipaa = example("us-healthcare-hipaa") as DealInput & { data: Record<string, unknown> };
    const uses = sub((await draft(hipaa, { formats: ["md"] })).markdown ?? "", "cw-hipaa-baa-uses");
    expect(uses).toMatch(/and may de-identify PHI in accordance with 45 C\.F\.R\. §164\.514\(b\) for the use of de-identified data that Section \d+\.4 \(Artificial Intelligence\) permits/);
    hipaa.data["aiTraining"] = "prohibited";
    const none = sub((await draft(hipaa, { formats: ["md"] })).markdown ?? "", "cw-hipaa-baa-uses");
    expect(none).not.toContain("de-identify");
  });
});
