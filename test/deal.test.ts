import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDeal, validateDeal } from "../src/deal/parse.js";
import { exampleDeal, exampleDealText } from "./fixtures/deals.js";
import { problemsOf } from "./helpers/problems.js";

describe("parseDeal", () => {
  it("parses the example deal, applying defaults and normalising amounts", () => {
    const deal = parseDeal(exampleDealText(), { file: "deal.yaml" });
    expect(deal.agreement.effectiveDate).toBe("2026-12-01");
    expect(deal.fees.lines.map((l) => l.unitPrice)).toEqual(["420.00", "18500.00", "12750.50", "24000.00"]);
    expect(deal.fees.lines[1]?.quantity).toBe(1);
    expect(deal.sla.credits.map((c) => c.below)).toEqual(["99.9", "99", "95"]);
  });

  it("names line and column of a YAML syntax error", () => {
    const problems = problemsOf(() => parseDeal("agreement:\n  reference: [unclosed\n  title: x\n", { file: "bad.yaml" }));
    expect(problems[0]).toMatchObject({ code: "DEAL_YAML_SYNTAX", file: "bad.yaml", line: expect.any(Number), column: expect.any(Number) });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it("refuses an empty file", () => {
    expect(problemsOf(() => parseDeal("  \n", { file: "e.yaml" }))[0]).toMatchObject({ code: "DEAL_EMPTY", file: "e.yaml" });
  });

  it("refuses a scalar instead of a mapping", () => {
    expect(problemsOf(() => parseDeal("just a string\n", { file: "s.yaml" }))[0]).toMatchObject({ code: "DEAL_NOT_A_MAPPING", line: 1 });
    expect(problemsOf(() => parseDeal("[1, 2]", { file: "s.json" }))[0]).toMatchObject({ code: "DEAL_NOT_A_MAPPING" });
  });

  it("reports every problem at once, each with its path and line", () => {
    const text = exampleDealText()
      .replace("legalName: Harborview Logistics, Inc.", "legalName: ''")
      .replace("effectiveDate: 2026-12-01", "effectiveDate: 2026-02-30")
      .replace('unitPrice: "420.00"', 'unitPrice: "-420.00"')
      .replace("  initialTermMonths: 36", "  initialTermMonths: 36\n  colour: blue");
    const problems = problemsOf(() => parseDeal(text, { file: "deal.yaml" }));
    const summary = problems.map((p) => [p.code, p.path?.join("."), p.line]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ["DEAL_UNKNOWN_FIELD", "agreement.colour", 8],
        ["DEAL_INVALID_DATE", "agreement.effectiveDate", 6],
        ["DEAL_TOO_SMALL", "customer.legalName", 15],
        ["DEAL_NEGATIVE_AMOUNT", "fees.lines.0.unitPrice", expect.any(Number)],
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it("names a missing party name", () => {
    const deal = exampleDeal();
    delete (deal.customer as { legalName?: string }).legalName;
    const [p] = problemsOf(() => validateDeal(deal));
    expect(p).toMatchObject({ code: "DEAL_MISSING_FIELD", path: ["customer", "legalName"] });
    expect(p!.message).toContain("customer.legalName");
    expect(p!.messageZh).toContain("customer.legalName");
  });

  it("checks cross-field references", () => {
    const deal = exampleDeal();
    (deal.fees as { lines: { module?: string }[] }).lines[1]!.module = "nope";
    expect(problemsOf(() => validateDeal(deal))[0]).toMatchObject({ code: "DEAL_UNKNOWN_MODULE", path: ["fees", "lines", 1, "module"] });
  });

  it("accepts JSON and reports JSON syntax errors with a position", () => {
    const json = JSON.stringify(exampleDeal());
    expect(parseDeal(json, { file: "d.json" }).customer.legalName).toBe("Harborview Logistics, Inc.");
    expect(problemsOf(() => parseDeal('{"a": ', { file: "d.json" }))[0]).toMatchObject({ code: "DEAL_JSON_SYNTAX", file: "d.json" });
  });

  it("refuses floats that are not exact cents", () => {
    const deal = exampleDeal();
    (deal.fees as { lines: { unitPrice: unknown }[] }).lines[0]!.unitPrice = 12.345;
    expect(problemsOf(() => validateDeal(deal))[0]).toMatchObject({ code: "DEAL_INVALID_AMOUNT" });
  });

  it("normalises any exact amount to two decimals without drift", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (cents) => {
        const s = `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
        const deal = exampleDeal();
        (deal.fees as { lines: { unitPrice: unknown }[] }).lines[0]!.unitPrice = s;
        const out = validateDeal(deal).fees.lines[0]!.unitPrice;
        expect(out).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});
