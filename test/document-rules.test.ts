import { describe, expect, it } from "vitest";
import { builtinPack } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { runRules } from "../src/check/engine.js";
import { consistencyRules, parseAmount, tableMismatches } from "../src/check/rules/consistency.js";
import { builtinRules } from "../src/check/rules/index.js";
import type { CheckedClause, CheckedDocument, CheckResult } from "../src/check/types.js";
import type { Deal } from "../src/deal/schema.js";
import type { Clause, DocumentModel, Lang, Paragraph, Run, Table } from "../src/model/types.js";
import { TemplateEnvironment, type PrintedValue } from "../src/template/env.js";
import { TokenTable } from "../src/template/tokens.js";
import { assemble } from "../src/assemble/build.js";
import { validVariant } from "./helpers/check.js";

// Constructed models, so these tests do not depend on the wording of the built-in pack.

const t = (text: string, ref?: string): Run => (ref ? { type: "ref", target: ref, text } : { type: "text", text });
const para = (...runs: Run[]): Paragraph => ({ kind: "paragraph", role: "body", runs });
const table = (rows: [string, string][], totals: readonly number[]): Table => ({
  kind: "table",
  columns: [
    { header: [t("Item")], width: 1, align: "left" },
    { header: [t("Amount")], width: 1, align: "right" },
  ],
  rows: rows.map((r, i) => ({ cells: r.map((c) => [t(c)]), ...(totals.includes(i) ? { emphasis: true } : {}) })),
});
const clause = (id: string, blocks: Clause["blocks"], subclauses: Clause["subclauses"] = []): Clause => ({ id, anchor: `cw-${id}`, number: "1", label: "1.", title: id, blocks, subclauses });
const model = (lang: Lang, clauses: Clause[], front: DocumentModel["front"] = []): DocumentModel => ({
  meta: { lang, title: "T", subject: "S", reference: "R", parties: ["A", "B"], createdAt: "2026-01-01T00:00:00.000Z", producer: "test" },
  front,
  clauses,
  schedules: [],
  signatures: { heading: "Signatures", intro: [], parties: [] },
});
const checked = (id: string, extra: Partial<CheckedClause> = {}): CheckedClause => ({ id, category: "general", reads: [], terms: [], placement: "body", printed: [], ...extra });
const doc = (lang: Lang, clauses: Clause[], extra: Partial<CheckedDocument> = {}, front: DocumentModel["front"] = []): CheckedDocument => ({
  lang,
  model: model(lang, clauses, front),
  clauses: clauses.map((c) => checked(c.id)),
  ...extra,
});

const deal: Deal = validVariant((d) => {
  d.agreement.effectiveDate = "2026-01-31";
  d.agreement.initialTermMonths = 1;
});
const run = (id: string, documents: CheckedDocument[], langs: Lang[] = ["en"]): CheckResult =>
  runRules(
    consistencyRules.filter((r) => r.id === id),
    deal,
    { langs, documents },
  );

describe("G2: fee tables add up", () => {
  it("parses amounts in both languages' formats", () => {
    expect(parseAmount("USD 1,000.00")).toMatchObject({ currency: "USD" });
    expect(parseAmount("USD 1,000.00")?.amount.toString()).toBe("1000");
    expect(parseAmount("人民币1,000.50元")?.amount.toString()).toBe("1000.5");
    expect(parseAmount("人民币1,000.50元")?.currency).toBe("人民币元");
    expect(parseAmount("美元12,750.50")?.currency).toBe("美元");
    expect(parseAmount("EUR 5.00 (Five Euros)")?.amount.toString()).toBe("5");
    expect(parseAmount("Onboarding")).toBeUndefined();
    expect(parseAmount("1,00")).toBeUndefined();
  });

  it("accepts a table whose subtotals and grand total add up (exactly: 0.1 + 0.2 = 0.3)", () => {
    const ok = table(
      [
        ["Licences", "USD 0.10"],
        ["Support", "USD 0.20"],
        ["! Recurring", "USD 0.30"],
        ["Onboarding", "USD 1,000.00"],
        ["! One-time", "USD 1,000.00"],
        ["! Total", "USD 1,000.30"],
      ],
      [2, 4, 5],
    );
    expect(tableMismatches(ok)).toEqual([]);
  });

  it("reports the first total that does not add up, naming clause and table, in Chinese amounts too", () => {
    const bad = table(
      [
        ["订阅", "人民币144,000.00元"],
        ["实施", "人民币45,600.78元"],
        ["合计", "人民币180,000.00元"],
        ["总计", "人民币180,000.00元"],
      ],
      [2, 3],
    );
    const r = run("G2", [doc("zh", [clause("fees", [para(t("费用")), bad])])], ["zh"]);
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p).toMatchObject({ id: "G2", code: "CHECK_G2", clause: "fees" });
    expect(p.message.en).toContain('the total "合计" in table 1 of 1. fees is 人民币180,000.00元, but the amounts above it add up to 人民币189,600.78元');
    expect(p.message.zh).toContain("人民币189,600.78元");
  });

  it("does not sum a column with two currencies or a cell that is not an amount", () => {
    expect(
      tableMismatches(
        table(
          [
            ["A", "USD 1.00"],
            ["B", "EUR 1.00"],
            ["Total", "USD 2.00"],
          ],
          [2],
        ),
      ),
    ).toEqual([]);
    expect(
      tableMismatches(
        table(
          [
            ["A", "USD 1.00"],
            ["B", "see Schedule 2"],
            ["Total", "USD 2.00"],
          ],
          [2],
        ),
      ),
    ).toEqual([]);
    expect(
      tableMismatches(
        table(
          [
            ["A", "USD 1.00"],
            ["B", "USD 1.00"],
            ["Total", "USD 3.00"],
          ],
          [2],
        ),
      ),
    ).toHaveLength(1);
  });
});

describe("G3: the initial term ends where the deal says", () => {
  // 2026-01-31 + 1 month ends on 28 February 2026.
  const term = (sentence: string, lang: Lang = "en", extra: Partial<CheckedDocument> = {}): CheckResult => run("G3", [doc(lang, [clause("term", [para(t(sentence))])], extra)], [lang]);

  it("accepts the right end date in each date style", () => {
    expect(term("The initial term is one month, ending on 28 February 2026.").problems).toEqual([]);
    expect(term("The Initial Term ends on February 28, 2026.", "en", { dateStyle: "en-US" }).problems).toEqual([]);
    expect(term("初始期限为1个月,至2026年2月28日届满。", "zh").problems).toEqual([]);
  });

  it("reports a wrong end date next to the initial term's end words", () => {
    const r = term("The initial term is one month, ending on 27 February 2026.");
    expect(r.problems.map((p) => p.id)).toEqual(["G3"]);
    expect(r.problems[0]?.message.en).toContain("ends on 27 February 2026");
    expect(r.problems[0]?.message.en).toContain("ends on 28 February 2026");
    expect(term("初始期限为1个月,至2026年2月27日届满。", "zh").problems.map((p) => p.id)).toEqual(["G3"]);
  });

  it("reads a date that is not an end date, or another deal date printed by a clause, as not the term's", () => {
    expect(term("The Initial Term starts on 31 January 2026.").problems).toEqual([]);
    // A pilot ending on its own date inside the initial term.
    const pilot = validVariant((d) => {
      d.agreement.effectiveDate = "2026-01-31";
      d.agreement.initialTermMonths = 1;
      d.agreement.pilot = { endDate: "2026-02-14" };
    });
    const document = doc("en", [clause("pilot", [para(t("The pilot, within the Initial Term, ends on 14 February 2026."))])]);
    const withProvenance: CheckedDocument = { ...document, clauses: [checked("pilot", { printed: [{ helper: "date", path: "agreement.pilot.endDate" }] })] };
    const rule = consistencyRules.filter((r) => r.id === "G3");
    expect(runRules(rule, pilot, { langs: ["en"], documents: [document] }).problems.map((p) => p.id)).toEqual(["G3"]);
    expect(runRules(rule, pilot, { langs: ["en"], documents: [withProvenance] }).problems).toEqual([]);
  });
});

describe("G4: a period stated in two places", () => {
  const printed: PrintedValue[] = [{ helper: "period", path: "data.deletionDays" }];
  const withClauses = (cs: CheckedClause[]): CheckedDocument => ({ lang: "en", model: model("en", []), clauses: cs });

  it("warns when two body clauses print the same field with period", () => {
    const r = run("G4", [withClauses([checked("exit", { printed }), checked("gdpr-dpa", { printed, placement: "schedule" })])]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ id: "G4", severity: "warning", path: ["data", "deletionDays"] });
    expect(r.problems[0]?.message.en).toContain("data.deletionDays is stated in 2 clauses (exit, gdpr-dpa)");
  });

  it("does not count the order form, one clause printing it twice, or money and dates", () => {
    expect(run("G4", [withClauses([checked("order-form", { printed, placement: "cover" }), checked("exit", { printed })])]).problems).toEqual([]);
    expect(run("G4", [withClauses([checked("exit", { printed: [...printed, ...printed] })])]).problems).toEqual([]);
    const money: PrintedValue[] = [{ helper: "money", path: "computed.fees.firstYear" }];
    expect(run("G4", [withClauses([checked("fees", { printed: money }), checked("payment", { printed: money })])]).problems).toEqual([]);
  });

  it("reports a field once for both languages", () => {
    const both = [checked("exit", { printed }), checked("termination", { printed })];
    expect(run("G4", [withClauses(both), { ...withClauses(both), lang: "zh" }], ["en", "zh"]).problems).toHaveLength(1);
  });
});

describe("G5: the order of precedence covers data protection", () => {
  const dpa = clause("gdpr-dpa", [para(t("Processing terms."))], [{ id: "gdpr-dpa.security", anchor: "cw-gdpr-dpa-security", number: "1.1", blocks: [para(t("Security."))] }]);
  const document = (precedenceRuns: Run[]): CheckedDocument => ({
    lang: "en",
    model: model("en", [clause("precedence", [para(...precedenceRuns)]), dpa]),
    clauses: [checked("precedence"), checked("gdpr-dpa", { category: "data-protection" })],
  });

  it("errors when the precedence clause does not refer to a data-protection clause", () => {
    const r = run("G5", [document([t("These Standard Terms prevail.")])]);
    expect(r.problems.map((p) => [p.id, p.clause])).toEqual([["G5", "gdpr-dpa"]]);
    expect(r.problems[0]?.message.en).toContain('does not refer to "1. gdpr-dpa"');
  });

  it("accepts a reference to the clause or to one of its sub-clauses", () => {
    expect(run("G5", [document([t("Terms in "), t("Section 1", "cw-gdpr-dpa"), t(" prevail.")])]).problems).toEqual([]);
    expect(run("G5", [document([t("Terms in "), t("Section 1.1", "cw-gdpr-dpa-security"), t(" prevail.")])]).problems).toEqual([]);
  });

  it("is not fooled by a clause whose id starts with the data-protection clause's", () => {
    const other = clause("gdpr-dpa-annex", [para(t("Annex."))]);
    const d = document([t("See "), t("Section 2", "cw-gdpr-dpa-annex")]);
    const withAnnex: CheckedDocument = { ...d, model: { ...d.model, clauses: [...d.model.clauses, other] } };
    expect(run("G5", [withAnnex]).problems.map((p) => p.clause)).toEqual(["gdpr-dpa"]);
  });
});

describe("value provenance: which deal paths a clause printed", () => {
  const env = new TemplateEnvironment();
  const render = (source: string, context: object): PrintedValue[] => {
    const { template, problems } = env.compile(source, "t.hbs", "t");
    expect(problems).toEqual([]);
    const printed: PrintedValue[] = [];
    template!.render(context, { lang: "en", clause: "t", file: "t.hbs", table: new TokenTable(), currency: "USD", dateStyle: "en-GB", printed });
    return printed;
  };

  it("records period, money and date with their paths, list indexes filled in", () => {
    const printed = render('{{period data.deletionDays "day"}} {{money fees.total}} {{date agreement.effectiveDate}} {{#each lines}}{{money amount}}{{/each}}', {
      data: { deletionDays: 30 },
      fees: { total: "10.00" },
      agreement: { effectiveDate: "2026-01-31" },
      lines: [{ amount: "1.00" }, { amount: "2.00" }],
    });
    expect(printed).toEqual([
      { helper: "period", path: "data.deletionDays" },
      { helper: "money", path: "fees.total" },
      { helper: "date", path: "agreement.effectiveDate" },
      { helper: "money", path: "lines[0].amount" },
      { helper: "money", path: "lines[1].amount" },
    ]);
  });

  it("does not credit a literal to a value an {{#if}} read just before", () => {
    const printed = render('{{#if (gt data.exportDays 15)}}{{period 30 "day"}}{{/if}} {{period 15 "day"}}', { data: { exportDays: 30 } });
    expect(printed).toEqual([]);
  });

  it("reaches the assembly details and the checked document of a real assembly", () => {
    const catalog = createCatalog([builtinPack("crm")]);
    const { details } = assemble(catalog, deal);
    const exit = details.clauses.find((c) => c.id === "exit");
    expect(exit?.printed).toContainEqual({ helper: "period", path: "data.deletionDays" });
    // Not in the rendered output: the model has no trace of it.
    expect(JSON.stringify(assemble(catalog, deal).model)).not.toContain("data.deletionDays");
  });
});

it("the built-in rules include G2–G5, each with both languages and a hint", () => {
  for (const id of ["G2", "G3", "G4", "G5"]) {
    const rule = builtinRules.find((r) => r.id === id);
    expect(rule?.scope).toBe("document");
    expect(rule?.message.zh).toBeTruthy();
    expect(rule?.hint.en).toBeTruthy();
  }
});
