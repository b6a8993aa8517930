import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { builtinPack } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import type { PackFiles, Pack } from "../src/catalog/types.js";
import { checkDeal } from "../src/check/check-deal.js";
import { evaluateCondition, ruleFromSpec } from "../src/check/conditions.js";
import { parseLangs, problemCode, runRules } from "../src/check/engine.js";
import type { Rule } from "../src/check/types.js";
import { validateDeal } from "../src/deal/parse.js";
import { draft } from "../src/draft.js";
import { ClausewrightError } from "../src/errors/error.js";
import { runCli } from "./helpers/cli.js";
import { catalogWithout, checkVariant, REGIME_CLAUSES, variant } from "./helpers/check.js";
import { tempDir } from "./helpers/tools.js";

const ROOT = new URL("../", import.meta.url).pathname;
const RULES_PACK = join(ROOT, "test/fixtures/packs/checks-rules");

function readPack(dir: string): PackFiles {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

/** A deal with one error (stages add up to 90 %) and one warning (a low fixed cap). */
const badDeal = (): ReturnType<typeof variant> =>
  variant((d) => {
    d.fees.stages = [
      { percent: 30, trigger: "signing" },
      { percent: 60, trigger: "goLive" },
    ];
    d.liability.generalCap = { type: "fixed", amount: "50000" };
  });

function writeDeal(deal: unknown, name = "deal.yaml"): string {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, stringify(deal));
  return file;
}

describe("the engine", () => {
  it("codes problems CHECK_<ID> and parses --lang values", () => {
    expect(problemCode("D1")).toBe("CHECK_D1");
    expect(problemCode("D1-transfer")).toBe("CHECK_D1_TRANSFER");
    expect(problemCode("acme.rule-2")).toBe("CHECK_ACME_RULE_2");
    expect(parseLangs("en+zh")).toEqual(["en", "zh"]);
    expect(parseLangs("fr")).toBeUndefined();
  });

  it("orders problems errors, warnings, info and splits them", () => {
    const r = checkVariant((d) => {
      d.liability.generalCap = { type: "fixed", amount: "50000" };
      d.fees.stages = [{ percent: 90, trigger: "signing" }];
      d.privacy = { transferMechanism: { type: "bcr" } };
    });
    expect(r.problems.map((p) => p.severity)).toEqual(["error", "warning", "info"]);
    expect(r.errors.map((p) => p.id)).toEqual(["P1"]);
    expect(r.warnings.map((p) => p.id)).toEqual(["L8"]);
    expect(r.infos.map((p) => p.id)).toEqual(["D5-mechanism"]);
    expect(r.ok).toBe(false);
  });

  it("fills message placeholders in both languages", () => {
    const p = checkVariant(
      (d) =>
        (d.fees.stages = [
          { percent: "33.3", trigger: "signing" },
          { percent: "33.3", trigger: "goLive" },
        ]),
    ).errors[0];
    expect(p?.message).toEqual({ en: "The payment stages add up to 66.6%, not 100%", zh: "各期付款比例合计为66.6%，而非100%" });
  });

  it("reports a rule that throws instead of crashing", () => {
    const broken: Rule = {
      id: "X1",
      group: "t",
      severity: "warning",
      message: { en: "x", zh: "x" },
      hint: { en: "x", zh: "x" },
      paths: [],
      check: () => {
        throw new Error("boom");
      },
    };
    const r = runRules([broken], validateDeal(variant(() => {})), { langs: ["en"] });
    expect(r.errors).toMatchObject([{ id: "X1", code: "CHECK_RULE_FAILED", message: { en: "Rule X1 failed: boom" } }]);
  });

  it("refuses an invalid deal with the validation problems", () => {
    expect(() => checkDeal(variant((d) => (d.agreement.effectiveDate = "2026-02-30")))).toThrow(ClausewrightError);
  });

  it("runs the document rules by default and skips them with document: false", () => {
    const gdpr = (d: ReturnType<typeof variant>): void => {
      d.privacy = {
        regimes: ["GDPR"],
        processing: { subjectMatter: "CRM data", nature: "storage", purpose: "the CRM service", dataTypes: ["contact details"], dataSubjects: ["customers"] },
        breachNoticeHours: 48,
      };
      d.data = { storageLocation: "Germany" };
    };
    // The built-in pack has GDPR terms; leaving them out of the agreement is what the document rule catches.
    const catalog = catalogWithout(REGIME_CLAUSES);
    expect(checkVariant(gdpr, { document: true, catalog }).errors.map((p) => p.id)).toEqual(["D1-dpa"]);
    expect(checkDeal(variant(gdpr), { catalog }).errors.map((p) => p.id)).toEqual(["D1-dpa"]);
    expect(checkDeal(variant(gdpr)).errors).toEqual([]);
    expect(checkVariant(gdpr, { catalog }).errors).toEqual([]);
  });
});

describe("the example deals", () => {
  const dir = join(ROOT, "examples/deals");
  it.each(readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)))("%s has no errors", (file) => {
    const deal = parse(readFileSync(join(dir, file), "utf8")) as unknown;
    const result = checkDeal(deal as Parameters<typeof checkDeal>[0]);
    expect(result.errors).toEqual([]);
  });
});

describe("draft runs the checks", () => {
  it("refuses a deal with errors, with one problem per error coded CHECK_<ID>", async () => {
    const err = await draft(badDeal(), { formats: ["md"] }).catch((e: unknown) => e);
    expect(ClausewrightError.is(err)).toBe(true);
    const problems = (err as ClausewrightError).problems;
    expect(problems.map((p) => p.code)).toEqual(["CHECK_P1"]);
    expect(problems[0]).toMatchObject({ severity: "error", path: ["fees", "stages"], messageZh: "各期付款比例合计为90%，而非100%" });
    expect(problems[0]?.hint).toContain("100");
  });

  it("drafts with force: true, returns the errors as warnings and records force", async () => {
    const result = await draft(badDeal(), { formats: ["md"], force: true });
    expect(result.markdown).toContain("Harborview");
    expect(result.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["CHECK_P1", "CHECK_L8"]));
    expect(result.record.options).toMatchObject({ force: true, forcedChecks: ["CHECK_P1"] });
    expect(JSON.parse(result.model.meta.record ?? "{}").options.force).toBe(true);
  });

  it("puts warnings in the result and leaves force out of a normal record", async () => {
    const result = await draft(
      variant((d) => (d.liability.generalCap = { type: "fixed", amount: "50000" })),
      { formats: ["md"] },
    );
    expect(result.warnings.filter((w) => w.code.startsWith("CHECK_"))).toMatchObject([{ code: "CHECK_L8", severity: "warning", path: ["liability", "generalCap", "amount"] }]);
    expect(result.record.options).not.toHaveProperty("force");
  });

  it("stops on a document rule after assembly (G1-style rules see the model)", async () => {
    const deal = variant((d) => {
      d.privacy = { regimes: ["CCPA"], ccpa: { businessPurposes: ["hosting and operating the CRM service for the sales team"] } };
      d.data = { storageLocation: "the United States" };
    });
    const err = await draft(deal, { formats: ["md"], catalog: catalogWithout(REGIME_CLAUSES) }).catch((e: unknown) => e);
    expect((err as ClausewrightError).problems.map((p) => p.code)).toEqual(["CHECK_D3_TERMS"]);
  });
});

describe("pack rules", () => {
  const house = (): Pack => {
    const { pack, problems } = parsePack(readPack(RULES_PACK));
    expect(problems).toEqual([]);
    return pack!;
  };

  it("a YAML rule from rules.yaml fires through draft and check", async () => {
    const pack = house();
    expect(pack.rules?.map((r) => [r.id, r.severity, r.group])).toEqual([
      ["ACME-NOTICE", "error", "checks-rules"],
      ["ACME-SEATS", "warning", "checks-rules"],
    ]);
    const deal = variant((d) => {
      d.privacy = { regimes: ["CCPA"], ccpa: { businessPurposes: ["hosting and operating the CRM service for the sales team"] }, breachNoticeHours: 48 };
      d.data = { storageLocation: "the United States" };
      d.services.users.seats = 1200;
    });
    const r = checkDeal(deal, { packs: [pack], document: false });
    expect(r.problems.map((p) => [p.id, p.severity, p.path.join(".")])).toEqual([
      ["ACME-NOTICE", "error", "privacy.breachNoticeHours"],
      ["ACME-SEATS", "warning", "services.users.seats"],
    ]);
    expect(r.errors[0]?.message.zh).toBe("本公司标准要求在24小时内通知个人数据泄露");
    const err = await draft(deal, { packs: [pack], formats: ["md"] }).catch((e: unknown) => e);
    expect((err as ClausewrightError).problems.map((p) => p.code)).toContain("CHECK_ACME_NOTICE");
    // Within the house standard, and without a regime, it does not fire.
    expect(
      checkDeal(
        variant(() => {}),
        { packs: [pack], document: false },
      ).problems,
    ).toEqual([]);
  });

  it("a function rule in a TypeScript pack fires, with params, through draft", async () => {
    const rule: Rule = {
      id: "ACME-PLAN",
      group: "acme",
      severity: "warning",
      message: { en: "{seats} seats is above the standard plan", zh: "{seats}个席位超出标准套餐" },
      hint: { en: "Use the enterprise order form.", zh: "请使用企业版订单。" },
      paths: ["services.users.seats"],
      check: (deal) => (deal.services.users.seats > 200 ? [{ path: ["services", "users", "seats"], params: { seats: deal.services.users.seats } }] : []),
    };
    const acme: Pack = { name: "acme", version: "1.0.0", engine: ">=0.1.0", languages: ["en"], clauses: [], agreements: [], rules: [rule] };
    const result = await draft(
      variant(() => {}),
      { packs: [acme], formats: ["md"] },
    );
    expect(result.warnings.filter((w) => w.code === "CHECK_ACME_PLAN")).toMatchObject([
      { severity: "warning", message: "250 seats is above the standard plan", messageZh: "250个席位超出标准套餐", path: ["services", "users", "seats"] },
    ]);
    expect(checkVariant((d) => (d.services.users.seats = 100), { packs: [acme] }).problems).toEqual([]);
  });

  it("a pack rule with a built-in id replaces it when declared and, for a safety rule, allowed (here: L8 becomes an error)", () => {
    const stricter = ruleFromSpec({
      id: "L8",
      severity: "error",
      message: { en: "cap too low", zh: "上限过低" },
      hint: { en: "raise it", zh: "提高" },
      path: "liability.generalCap",
      when: { path: "liability.generalCap.type", equals: "fixed" },
    });
    const catalog = createCatalog(
      [builtinPack("crm"), { name: "strict", version: "1.0.0", engine: ">=0.1.0", languages: ["en"], clauses: [], agreements: [], rules: [stricter], declaredOverrides: ["L8"] }],
      { allowRuleOverride: ["L8"] },
    );
    // L8 is a safety rule, so its replacement stays one.
    expect(catalog.rules.filter((r) => r.id === "L8")).toEqual([{ ...stricter, safety: true }]);
    expect(catalog.rules.findIndex((r) => r.id === "L8")).toBeGreaterThan(0);
    const r = checkVariant((d) => (d.liability.generalCap = { type: "fixed", amount: "50000" }), { catalog });
    expect(r.errors.map((p) => p.id)).toEqual(["L8"]);
    expect(catalog.overrides).toEqual([{ pack: "strict", kind: "rule", id: "L8", replaces: "crm", allowed: true }]);
  });

  it.each([
    ["not a list", "id: X\n", "PACK_RULES_NOT_A_LIST", 1],
    ["a bad severity", "- id: X\n  severity: fatal\n  message: m\n  hint: h\n  path: a.b\n  when: { path: a, exists: true }\n", "PACK_RULE_INVALID_VALUE", 2],
    ["an unknown test", "- id: X\n  severity: error\n  message: m\n  hint: h\n  path: a.b\n  when:\n    all:\n      - { path: a, biggerThan: 3 }\n", "PACK_RULE_BAD_CONDITION", 8],
    ["two tests in one condition", "- id: X\n  severity: error\n  message: m\n  hint: h\n  path: a.b\n  when: { path: a, exists: true, equals: 3 }\n", "PACK_RULE_BAD_CONDITION", 6],
    ["a wrongly typed test", "- id: X\n  severity: error\n  message: m\n  hint: h\n  path: a.b\n  when: { path: a, greaterThan: lots }\n", "PACK_RULE_BAD_CONDITION", 6],
    ["a missing hint", "- id: X\n  severity: error\n  message: m\n  path: a.b\n  when: { path: a, exists: true }\n", "PACK_RULE_MISSING_FIELD", 1],
    [
      "a duplicate id",
      "- { id: X, severity: info, message: m, hint: h, path: a, when: { path: a, exists: true } }\n- { id: X, severity: info, message: m, hint: h, path: a, when: { path: a, exists: true } }\n",
      "PACK_DUPLICATE_RULE",
      2,
    ],
    ["a YAML syntax error", "- id: [X\n", "PACK_YAML_SYNTAX", 2],
  ])("rules.yaml with %s is reported with a code and its line", (_name, text, code, line) => {
    const { problems } = parsePack({ ...readPack(RULES_PACK), "rules.yaml": text });
    expect(problems.find((p) => p.code === code)).toMatchObject({ file: "rules.yaml", line });
  });

  it("conditions: equals, notEquals, exists, missing, greaterThan, lessThan, contains, all, any, not, *", () => {
    const deal = validateDeal(variant((d) => (d.fees.lines[1].currency = "EUR")));
    const t = (c: Parameters<typeof evaluateCondition>[0]): boolean => evaluateCondition(c, deal);
    expect(t({ path: "law.governingLaw", equals: "delaware" })).toBe(true);
    expect(t({ path: "law.governingLaw", equals: ["prc", "delaware"] })).toBe(true);
    expect(t({ path: "law.governingLaw", notEquals: ["prc"] })).toBe(true);
    expect(t({ path: "sla.availability", equals: 99.9 })).toBe(true); // "99.9" as a decimal
    expect(t({ path: "sla.availability", greaterThan: "99.5" })).toBe(true);
    expect(t({ path: "sla.availability", lessThan: 99.9 })).toBe(false);
    expect(t({ path: "agreement.effectiveDate", greaterThan: "2026-11-30" })).toBe(true);
    expect(t({ path: "privacy", missing: true })).toBe(true);
    expect(t({ path: "privacy", exists: true })).toBe(false);
    expect(t({ path: "integrations", missing: true })).toBe(true); // an empty list
    expect(t({ path: "liability.uncapped", contains: "indemnity" })).toBe(true);
    expect(t({ path: "fees.lines.*.currency", equals: "EUR" })).toBe(true);
    expect(t({ path: "fees.lines.0.currency", exists: true })).toBe(false);
    expect(t({ all: [{ path: "law.governingLaw", equals: "delaware" }, { not: { path: "privacy", exists: true } }] })).toBe(true);
    expect(
      t({
        any: [
          { path: "law.governingLaw", equals: "prc" },
          { path: "services.users.seats", lessThan: 100 },
        ],
      }),
    ).toBe(false);
  });
});

describe("clausewright check (CLI)", () => {
  it("--json prints exactly { ok, problems: [{ id, severity, message, path, hint, file, line, column, clause }] } and exits 1 on errors", async () => {
    const file = writeDeal(badDeal());
    const r = await runCli(["check", file, "--json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { ok: boolean; problems: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(["ok", "problems"]);
    expect(out.ok).toBe(false);
    for (const p of out.problems) {
      expect(Object.keys(p).sort()).toEqual(["clause", "column", "file", "hint", "id", "line", "message", "path", "severity"]);
      expect(["error", "warning", "info"]).toContain(p["severity"]);
      expect(Object.keys(p["message"] as object).sort()).toEqual(["en", "zh"]);
      expect(Object.keys(p["hint"] as object).sort()).toEqual(["en", "zh"]);
    }
    // The position is the one the human form prints.
    const human = (await runCli(["check", file])).stdout;
    const [, line, column] = /P1 at fees\.stages \(.*:(\d+):(\d+)\)/.exec(human) ?? [];
    expect(out.problems as { id: string }[]).toEqual([
      {
        id: "P1",
        severity: "error",
        message: { en: "The payment stages add up to 90%, not 100%", zh: "各期付款比例合计为90%，而非100%" },
        path: "fees.stages",
        hint: { en: "Make the percentages in fees.stages add up to exactly 100.", zh: "请使 fees.stages 中的比例合计恰好为100。" },
        file,
        line: Number(line),
        column: Number(column),
        clause: null,
      },
      expect.objectContaining({ id: "L8", severity: "warning", path: "liability.generalCap.amount", file }),
    ]);
  });

  it("exits 0 with an empty list for a clean deal", async () => {
    const r = await runCli(["check", "examples/deals/us-crm-enterprise.yaml", "--json"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { problems: { id: string }[] }).problems).toEqual([]);
    const human = await runCli(["check", "examples/deals/us-crm-enterprise.yaml"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe("No problems found.\n");
  });

  it("prints problems grouped by severity, with file:line:column, and exits 0 for warnings only", async () => {
    const file = writeDeal(badDeal());
    const r = await runCli(["check", file]);
    expect(r.code).toBe(1);
    const out = r.stdout.replaceAll(file, "deal.yaml");
    expect(out).toMatch(/^Errors \(1\):\n {2}P1 at fees\.stages \(deal\.yaml:\d+:\d+\)\n {4}The payment stages add up to 90%, not 100%\n {4}hint: /);
    expect(out).toMatch(/Warnings \(\d+\):\n {2}L8 at liability\.generalCap\.amount/);
    expect(out).toMatch(/1 error, \d+ warnings?, 0 info\n$/);
    const warnOnly = await runCli(["check", writeDeal(variant((d) => (d.liability.generalCap = { type: "fixed", amount: "50000" })))]);
    expect(warnOnly.code).toBe(0);
    expect(warnOnly.stdout).toMatch(/Warnings \(\d+\):\n {2}L8 at/);
  });

  it("--lang en+zh turns on the bilingual rules and prints both languages; --lang zh prints Chinese", async () => {
    const file = writeDeal(variant(() => {}));
    const r = await runCli(["check", file, "--json", "--lang", "en+zh"]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { problems: { id: string }[] }).problems.map((p) => p.id)).toContain("B1");
    const human = await runCli(["check", file, "--lang", "en+zh"]);
    expect(human.stdout).toContain("    The agreement is bilingual, but it does not say which text prevails");
    expect(human.stdout).toContain("    协议为双语文本，但未约定以何种文本为准");
    const fixed = await runCli(["check", writeDeal(variant((d) => (d.agreement.prevailingLanguage = "equal"))), "--json", "--lang", "en+zh"]);
    expect((JSON.parse(fixed.stdout) as { problems: { id: string }[] }).problems.map((p) => p.id)).not.toContain("B1");
    const zh = await runCli(["check", writeDeal(badDeal()), "--lang", "zh"]);
    expect(zh.stdout).toContain("    各期付款比例合计为90%，而非100%\n    hint: 请使 fees.stages 中的比例合计恰好为100。");
    expect(zh.stdout).not.toContain("The payment stages add up to");
  });

  it("a bad --lang is a usage error (exit 2)", async () => {
    const r = await runCli(["check", "examples/deals/us-crm-enterprise.yaml", "--lang", "fr"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("en, zh or en+zh");
  });

  it("an invalid deal: exit 1, and --json reports the validation problems in the same shape", async () => {
    const file = writeDeal(variant((d) => (d.agreement.effectiveDate = "2026-02-30")));
    const r = await runCli(["check", file, "--json"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { problems: Record<string, unknown>[] };
    expect(out.problems[0]).toMatchObject({ id: "DEAL_INVALID_DATE", severity: "error", path: "agreement.effectiveDate" });
    expect(Object.keys(out.problems[0] ?? {}).sort()).toEqual(["clause", "column", "file", "hint", "id", "line", "message", "path", "severity"]);
    const lines = readFileSync(file, "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes("effectiveDate: 2026-02-30")) + 1;
    expect(out.problems[0]).toMatchObject({ file, line, column: (lines[line - 1] ?? "").indexOf("2026") + 1, clause: null });
    const human = await runCli(["check", file]);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain("DEAL_INVALID_DATE");
  });

  it("--pack adds the pack's YAML rules", async () => {
    const file = writeDeal(variant((d) => (d.services.users.seats = 1500)));
    const r = await runCli(["check", file, "--json", "--pack", RULES_PACK]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).problems as { id: string }[]).toMatchObject([{ id: "ACME-SEATS", severity: "warning", path: "services.users.seats" }]);
  });
});

describe("clausewright draft (CLI) with checks", () => {
  it("refuses a deal with check errors, writes nothing, and suggests --force", async () => {
    const out = join(tempDir(), "out");
    const r = await runCli(["draft", writeDeal(badDeal()), "--out", out, "--format", "md"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error CHECK_P1 at fees.stages");
    expect(r.stderr).toContain("--force");
    expect(existsSync(out)).toBe(false);
  });

  it("--force drafts, prints the overridden errors and warnings, and records force", async () => {
    const out = join(tempDir(), "out");
    mkdirSync(out);
    const r = await runCli(["draft", writeDeal(badDeal(), "bad.yaml"), "--out", out, "--format", "md", "--record", "--force"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("error CHECK_P1");
    expect(r.stderr).toContain("warning CHECK_L8");
    const record = JSON.parse(readFileSync(join(out, "bad.json"), "utf8")) as { options: Record<string, unknown> };
    expect(record.options).toMatchObject({ force: true, forcedChecks: ["CHECK_P1"] });
    expect(readdirSync(out).sort()).toEqual(["bad.json", "bad.md"]);
  });
});
