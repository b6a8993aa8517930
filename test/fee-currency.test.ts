import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { computeValues } from "../src/assemble/compute.js";
import { draft } from "../src/draft.js";
import { validateDeal } from "../src/deal/parse.js";
import type { DealInput } from "../src/deal/schema.js";

const deal = (): DealInput & { fees: Record<string, unknown> & { lines: Record<string, unknown>[] } } =>
  parse(readFileSync(new URL("../examples/deals/us-crm-enterprise.yaml", import.meta.url), "utf8")) as DealInput & { fees: Record<string, unknown> & { lines: Record<string, unknown>[] } };

/** The US example with its Marketing Automation module priced in EUR 17,000.00 at 1 EUR = 1.085 USD. */
function euroLine(): ReturnType<typeof deal> {
  const d = deal();
  d.fees.lines[1] = { ...d.fees.lines[1], item: "Marketing Automation module", currency: "EUR", unitPrice: "17,000.00" };
  d.fees["exchangeRates"] = [{ from: "EUR", rate: "1.085" }];
  return d;
}

describe("a fee line priced in another currency", () => {
  it("counts in the agreement's currency at the deal's rate, never at par", () => {
    const c = computeValues(validateDeal(euroLine()));
    const line = c.fees.lines[1];
    expect(line).toMatchObject({ currency: "EUR", unitPrice: "17000.00", amount: "18445.00", firstYearAmount: "18445.00" });
    // 250 × 420.00 + 18,445.00 + 12,750.50 recurring; 24,000.00 one-time.
    expect(c.fees.annualRecurring).toBe("136195.50");
    expect(c.fees.firstYear).toBe("160195.50");
    expect(c.fees.conversions).toEqual([{ from: "EUR", to: "USD", rate: "1.085" }]);
  });

  it("prints the line's own unit price, the converted amount and the rate, in English and Chinese", async () => {
    const en = (await draft(euroLine(), { formats: ["md"] })).markdown ?? "";
    expect(en).toContain("| Marketing Automation module | 1 | EUR 17,000.00 | per year | USD 18,445.00 |");
    expect(en).toContain("Fees priced in EUR are converted into USD at 1 EUR = 1.085 USD, and the amounts above are stated after conversion.");
    expect(en).toContain("| **Total for the first year** |  |  |  | **USD 160,195.50** |");
    const zh = (await draft(euroLine(), { formats: ["md"], lang: "zh" })).markdown ?? "";
    expect(zh).toContain("| 欧元17,000.00 | 每年 | 美元18,445.00 |");
    expect(zh).toContain("以欧元计价的费用按1欧元兑1.085美元的汇率折算为美元，上表金额为折算后的金额。");
  });

  it("says nothing about conversion or monthly lines when the deal has neither", async () => {
    const en = (await draft(deal(), { formats: ["md"] })).markdown ?? "";
    expect(en).not.toContain("are converted into");
    expect(en).not.toContain("A monthly line's amount");
  });
});
