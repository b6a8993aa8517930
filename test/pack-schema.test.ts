import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { computedSchema, documentSchema } from "../src/assemble/context-schema.js";
import { builtinPack } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import { contextResolver } from "../src/catalog/path-checks.js";
import { resolvePath } from "../src/catalog/schema-paths.js";
import { dealSheetSchema } from "../src/deal/schema.js";
import { ClausewrightError } from "../src/errors/error.js";
import type { Problem } from "../src/errors/problem.js";
import { checkPackDir, formatPackProblem } from "../src/node/pack-check.js";
import { ROOT } from "./helpers/cli.js";

/**
 * Packs are checked against the deal schema when they load: every path a
 * template, a condition or `reads` names must exist, and every literal
 * compared with a field must be a value it can hold.
 */

const PACK = "name: t\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: [en]\nplace:\n  - clause: one\n    after: scope\n";
const clause = (extra = "", reads = "[customer.legalName]"): string => `id: one\ncategory: scope\ntitle: { en: One }\nreads: ${reads}\n${extra}`;

/** The problems of loading the built-in pack plus a small pack made of `files` (no problems: []). */
function load(files: Record<string, string>): Problem[] {
  const parsed = parsePack({ "pack.yaml": PACK, "clauses/one/clause.yaml": clause(), "clauses/one/en.hbs": "{{customer.legalName}}\n", ...files });
  expect(parsed.problems.filter((p) => p.severity === "error")).toEqual([]);
  try {
    createCatalog([builtinPack("crm"), parsed.pack!]);
    return [];
  } catch (e) {
    if (ClausewrightError.is(e)) {
      return [...e.problems];
    }
    throw e;
  }
}

describe("resolving a path against the deal schema", () => {
  const ok = (path: string): boolean => resolvePath(dealSheetSchema, path).ok;

  it("walks objects, arrays ([]), optional / default / prefault wrappers and unions", () => {
    expect(ok("fees.lines[].unitPrice")).toBe(true); // array, money (a transform)
    expect(ok("fees.lines[].unit.en")).toBe(true); // optional localText, its {en, zh} member
    expect(ok("law.forum.institution.name")).toBe(true); // discriminated union member, then union member
    expect(ok("law.forum.courts")).toBe(true); // a key of one member (courts) counts
    expect(ok("law.forum.court")).toBe(false);
    expect(ok("options.terminationForConvenience.noticeDays")).toBe(true); // union of false and an object, with a default
    expect(ok("forceMajeure.noticeDays")).toBe(true); // prefault
    expect(ok("fees.lines.length")).toBe(true);
    expect(ok("customer.legalName.constructor")).toBe(false);
  });

  it("names the first segment that fails and the keys that exist there", () => {
    const r = resolvePath(dealSheetSchema, "fees.lines[].unitPrce");
    expect(r).toMatchObject({ ok: false, failedAt: "fees.lines[].unitPrce" });
    expect(r.ok ? [] : r.known).toContain("unitPrice");
  });

  it("resolves computed.* and document.* against their descriptions", () => {
    const resolve = contextResolver(dealSheetSchema);
    expect(resolve("computed.fees.firstYear").ok).toBe(true);
    expect(resolve("computed.fees.lines[].period").ok).toBe(true);
    expect(resolve("computed.modules.base[].name.zh").ok).toBe(true);
    expect(resolve("document.schedules[].title").ok).toBe(true);
    expect(resolve("document.bilingual").ok).toBe(true);
    expect(resolve("computed.fees.firstYer")).toMatchObject({ ok: false, failedAt: "computed.fees.firstYer" });
    expect(resolve("document.bilingul")).toMatchObject({ ok: false, failedAt: "document.bilingul" });
    expect(Object.keys(computedSchema.shape)).toContain("payment");
    expect(Object.keys(documentSchema.shape)).toEqual(["lang", "langs", "bilingual", "cover", "schedules", "dataProtection", "included"]);
  });

  it("the built-in pack and the example pack load with no problems", async () => {
    expect(() => createCatalog([builtinPack("crm")])).not.toThrow();
    // Its one problem is the warning that it replaces the built-in liability wording, as it declares.
    expect((await checkPackDir(join(ROOT, "examples/packs/healthcare"))).problems.map((p) => [p.code, p.severity, p.clause])).toEqual([["PACK_OVERRIDE", "warning", "liability"]]);
  });
});

describe("PACK_UNKNOWN_PATH: a path the deal cannot have", () => {
  it.each([
    [
      "a template",
      { "clauses/one/clause.yaml": clause("", "[customer]"), "clauses/one/en.hbs": "{{customer.legalName}}\n  {{customer.legalNme}}\n" },
      { file: "clauses/one/en.hbs", line: 2, column: 5 },
    ],
    [
      "a field inside #each",
      { "clauses/one/clause.yaml": clause("", "[customer.legalName, fees.lines]"), "clauses/one/en.hbs": "{{customer.legalName}}\n{{#each fees.lines}}{{unitPrce}}{{/each}}\n" },
      { file: "clauses/one/en.hbs", line: 2, column: 23 },
    ],
    [
      "computed.* in a template",
      { "clauses/one/clause.yaml": clause("", "[customer.legalName, computed.fees]"), "clauses/one/en.hbs": "{{customer.legalName}} {{money computed.fees.firstYer}}\n" },
      { file: "clauses/one/en.hbs", line: 1, column: 32 },
    ],
    ["a declared read", { "clauses/one/clause.yaml": clause("", "\n  - customer.legalName\n  - customer.legalNme\n") }, { file: "clauses/one/clause.yaml", line: 6, column: 5 }],
    ["a clause's when", { "clauses/one/clause.yaml": clause("when: { path: document.bilingul }\n") }, { file: "clauses/one/clause.yaml", line: 5, column: 15 }],
    [
      "a variant's when",
      {
        "clauses/one/clause.yaml": clause("variants:\n  - id: a\n    when: { path: options.publicty }\n  - id: b\n"),
        "clauses/one/a.en.hbs": "{{customer.legalName}}",
        "clauses/one/b.en.hbs": "{{customer.legalName}}",
      },
      { file: "clauses/one/clause.yaml", line: 7, column: 19 },
    ],
    [
      "a when on document.cover (not known until the clauses are chosen)",
      { "clauses/one/clause.yaml": clause("when: { path: document.cover }\n") },
      { file: "clauses/one/clause.yaml", line: 5, column: 15 },
    ],
    [
      "a when inside a list (conditions read no list items)",
      { "clauses/one/clause.yaml": clause("when: { path: 'fees.lines[].period', equals: [monthly] }\n") },
      { file: "clauses/one/clause.yaml", line: 5, column: 15 },
    ],
    [
      "a pack field nobody declares",
      {
        "fields.yaml": "level:\n  type: number\n",
        "clauses/one/clause.yaml": clause("", "[customer.legalName, extensions.t.levl]"),
        "clauses/one/en.hbs": "{{customer.legalName}} {{extensions.t.levl}}",
      },
      { file: "clauses/one/en.hbs", line: 1, column: 26 },
    ],
    ["an override's reads", { "overrides/liability/override.yaml": "reads:\n  - customer.legalNme\n" }, { file: "overrides/liability/override.yaml", line: 2, column: 5 }],
    ["an override template", { "overrides/language/equal.en.hbs": "{{law.forum.typ}}\n" }, { file: "overrides/language/equal.en.hbs", line: 1, column: 3 }],
  ])("in %s, with file:line:column", (_name, files, where) => {
    expect(load(files)).toContainEqual(expect.objectContaining({ code: "PACK_UNKNOWN_PATH", severity: "error", ...where }));
  });

  it("a pack's own field resolves, including inside a list of objects", () => {
    const fields = "sites:\n  type: list\n  items: { type: object, fields: { city: { type: string, required: true } } }\n";
    expect(
      load({
        "fields.yaml": fields,
        "clauses/one/clause.yaml": clause("", "[customer.legalName, extensions.t.sites]"),
        "clauses/one/en.hbs": "{{customer.legalName}}{{#each extensions.t.sites}} {{city}}{{/each}}",
      }),
    ).toEqual([]);
    expect(
      load({
        "fields.yaml": fields,
        "clauses/one/clause.yaml": clause("", "[customer.legalName, extensions.t.sites]"),
        "clauses/one/en.hbs": "{{customer.legalName}}{{#each extensions.t.sites}} {{town}}{{/each}}",
      }),
    ).toContainEqual(expect.objectContaining({ code: "PACK_UNKNOWN_PATH", message: expect.stringContaining('"extensions.t.sites[].town"') }));
  });

  it("reports every problem at once", () => {
    const problems = load({
      "clauses/one/clause.yaml": clause("when: { path: options.nope }\n", "[customer, fees]"),
      "clauses/one/en.hbs": '{{customer.a}} {{customer.b}}\n{{#if (eq fees.schedule "yearly")}}x{{/if}}\n',
    });
    expect(problems.map((p) => p.code).sort()).toEqual(["PACK_UNKNOWN_ENUM_VALUE", "PACK_UNKNOWN_PATH", "PACK_UNKNOWN_PATH", "PACK_UNKNOWN_PATH"]);
  });
});

describe("PACK_UNKNOWN_ENUM_VALUE: a literal the field can never equal", () => {
  const withTemplate = (hbs: string, reads = "[customer.legalName, fees, law]"): Record<string, string> => ({
    "clauses/one/clause.yaml": clause("", reads),
    "clauses/one/en.hbs": `{{customer.legalName}}\n${hbs}\n`,
  });

  it.each([
    ["eq with a misspelt enum value", '{{#if (eq fees.schedule "annualyInAdvance")}}x{{/if}}', 25, '"annualInAdvance"'],
    ["eq with the arguments swapped", '{{#if (eq "annualyInAdvance" fees.schedule)}}x{{/if}}', 11, '"quarterlyInAdvance"'],
    ["ne", '{{#unless (ne law.forum.type "arbitation")}}x{{/unless}}', 30, '"arbitration"'],
    ["a literal union (arbitrators: 1 or 3)", "{{#if (eq law.forum.arbitrators 2)}}x{{/if}}", 33, "1, 3"],
    ["a string compared with a number field", '{{#if (eq law.negotiationDays "30")}}x{{/if}}', 31, "any number"],
    ["inside #each", '{{#each fees.lines}}{{#if (eq period "yearly")}}x{{/if}}{{/each}}', 38, '"oneTime"'],
    ["a computed enum", '{{#each computed.payment.stages}}{{#if (eq trigger "golive")}}x{{/if}}{{/each}}', 52, '"goLive"'],
  ])("%s", (_name, hbs, column, allowed) => {
    const reads = hbs.includes("computed") ? "[customer.legalName, computed.payment]" : undefined;
    const problems = load(withTemplate(hbs, reads));
    expect(problems).toEqual([expect.objectContaining({ code: "PACK_UNKNOWN_ENUM_VALUE", file: "clauses/one/en.hbs", line: 2, column, message: expect.stringContaining(allowed) })]);
  });

  it("accepts values the field can hold", () => {
    const hbs =
      '{{#if (eq fees.schedule "annualInAdvance")}}a{{/if}}{{#if (eq law.forum.type "courts")}}b{{/if}}{{#if (eq law.forum.arbitrators 3)}}c{{/if}}{{#if (ne law.forum.institution "CIETAC")}}d{{/if}}';
    expect(load(withTemplate(hbs))).toEqual([]);
  });

  it.each([
    ["a misspelt value in a clause's when", "when: { path: law.forum.type, equals: [courts, arbitation] }\n", 5, 48, '"arbitration"'],
    ["a string for a boolean", 'when: { path: options.publicity, equals: ["yes"] }\n', 5, 43, "true, false"],
    ["a misspelt value in a variant's when", "variants:\n  - id: a\n    when: { path: agreement.prevailingLanguage, equals: [english] }\n  - id: b\n", 7, 58, '"en", "zh", "equal"'],
  ])("%s", (_name, extra, line, column, allowed) => {
    const variantFiles = extra.includes("variants") ? { "clauses/one/a.en.hbs": "{{customer.legalName}}", "clauses/one/b.en.hbs": "{{customer.legalName}}" } : {};
    expect(load({ "clauses/one/clause.yaml": clause(extra), ...variantFiles })).toEqual([
      expect.objectContaining({ code: "PACK_UNKNOWN_ENUM_VALUE", file: "clauses/one/clause.yaml", line, column, message: expect.stringContaining(allowed) }),
    ]);
  });
});

describe("PACK_UNDECLARED_VARIABLE is an error everywhere a template can be", () => {
  it("in an override's template (the clause's reads plus the override's)", () => {
    expect(
      load({ "overrides/liability/multiple-of-fees.en.hbs": "{{customer.legalName}} {{provider.legalName}}\n", "overrides/liability/override.yaml": "reads: [customer.legalName]\n" }),
    ).toContainEqual(
      expect.objectContaining({
        code: "PACK_UNDECLARED_VARIABLE",
        severity: "error",
        file: "overrides/liability/multiple-of-fees.en.hbs",
        line: 1,
        column: 26,
        message: expect.stringContaining('"provider.legalName"'),
      }),
    );
  });

  it("in a pack term's definition (terms.yaml), at the line and column in terms.yaml", () => {
    const terms = "- term: { en: Widget }\n  definition:\n    en: means the widget of {{provider.registeredAddress}}.\n";
    expect(load({ "terms.yaml": terms, "clauses/one/en.hbs": "{{customer.legalName}} [[Widget]]\n" })).toContainEqual(
      expect.objectContaining({ code: "PACK_UNDECLARED_VARIABLE", severity: "error", file: "terms.yaml", line: 3, column: 31 }),
    );
  });

  it("in a clause's own definition (clause.yaml), and a wrong path there is PACK_UNKNOWN_PATH", () => {
    const meta = clause('defines:\n  - term: { en: Gadget }\n    definition:\n      en: "means {{customer.legalName}} and {{customer.nam}}"\n');
    const problems = load({ "clauses/one/clause.yaml": meta, "clauses/one/en.hbs": "{{customer.legalName}} [[Gadget]]\n" });
    expect(problems).toContainEqual(expect.objectContaining({ code: "PACK_UNKNOWN_PATH", file: "clauses/one/clause.yaml", line: 8, column: 47 }));
    expect(problems).toContainEqual(expect.objectContaining({ code: "PACK_UNDECLARED_VARIABLE", file: "clauses/one/clause.yaml", line: 8, column: 47 }));
  });
});

describe("pack check prints the new problems with file:line:column", () => {
  const tmp = mkdtempSync(join(tmpdir(), "cw-pack-schema-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("PACK_UNKNOWN_PATH and PACK_UNKNOWN_ENUM_VALUE from a folder", async () => {
    const files: Record<string, string> = {
      "pack.yaml": PACK,
      "clauses/one/clause.yaml": clause("", "[customer.legalName, fees]"),
      "clauses/one/en.hbs": '{{customer.legalName}} {{#if (eq fees.schedule "annualyInAdvance")}}{{fees.schedul}}{{/if}}\n',
    };
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(dirname(join(tmp, f)), { recursive: true });
      writeFileSync(join(tmp, f), text);
    }
    const { problems } = await checkPackDir(tmp);
    expect(problems).toEqual([
      expect.objectContaining({ code: "PACK_UNKNOWN_PATH", file: `${tmp}/clauses/one/en.hbs`, line: 1, column: 71 }),
      expect.objectContaining({ code: "PACK_UNKNOWN_ENUM_VALUE", file: `${tmp}/clauses/one/en.hbs`, line: 1, column: 48 }),
    ]);
    expect(formatPackProblem(problems[1]!)).toBe(
      `${tmp}/clauses/one/en.hbs:1:48 PACK_UNKNOWN_ENUM_VALUE Template compares (eq) "fees.schedule" with "annualyInAdvance", which it can never be (allowed: "annualInAdvance", "quarterlyInAdvance", "monthlyInAdvance")`,
    );
  });
});
