import { describe, expect, it } from "vitest";
import { createCatalog } from "../src/catalog/catalog.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import type { PackFiles } from "../src/catalog/types.js";
import { ClausewrightError } from "../src/errors/error.js";
import type { Problem } from "../src/errors/problem.js";
import { dealJsonSchema } from "../src/deal/json-schema.js";
import { VERSION } from "../src/version.js";
import pkg from "../package.json" with { type: "json" };

const base: PackFiles = {
  "pack.yaml": "name: t\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: [en]\nagreements:\n  - id: a\n    title: { en: A }\n    clauses: [one]\n",
  "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: One }\nreads: [customer.legalName]\n",
  "clauses/one/en.hbs": "Hello {{customer.legalName}}.\n",
};

function problems(files: PackFiles): Problem[] {
  const parsed = parsePack(files);
  if (parsed.problems.some((p) => p.severity === "error") || !parsed.pack) return [...parsed.problems];
  try {
    const c = createCatalog([parsed.pack]);
    return [...c.warnings];
  } catch (err) {
    if (ClausewrightError.is(err)) return [...err.problems];
    throw err;
  }
}

describe("catalogue checks", () => {
  it("accepts a clean pack", () => {
    expect(problems(base)).toEqual([]);
  });

  it.each([
    ["unknown helper", { "clauses/one/en.hbs": "Hi\n{{shout customer.legalName}}" }, { code: "TEMPLATE_UNKNOWN_HELPER", file: "clauses/one/en.hbs", line: 2, column: 1 }],
    ["triple braces", { "clauses/one/en.hbs": "{{{customer.legalName}}}" }, { code: "TEMPLATE_RAW_OUTPUT", line: 1 }],
    ["syntax error", { "clauses/one/en.hbs": "ok\n{{#if x}}never closed" }, { code: "TEMPLATE_SYNTAX", file: "clauses/one/en.hbs" }],
    ["partials", { "clauses/one/en.hbs": "{{> other}} {{customer.legalName}}" }, { code: "TEMPLATE_UNSUPPORTED" }],
    ["undeclared variable", { "clauses/one/en.hbs": "{{customer.legalName}} {{provider.legalName}}" }, { code: "PACK_UNDECLARED_VARIABLE", line: 1, column: 26 }],
    ["unknown category", { "clauses/one/clause.yaml": "id: one\ncategory: nonsense\ntitle: { en: One }\nreads: [customer.legalName]\n" }, { code: "PACK_UNKNOWN_CATEGORY" }],
    ["unknown reference", { "clauses/one/en.hbs": '{{customer.legalName}} {{ref "nowhere.x"}}' }, { code: "PACK_UNKNOWN_REFERENCE", line: 1 }],
    ["incompatible engine", { "pack.yaml": base["pack.yaml"]!.replace(">=0.1.0", ">=9.0.0") }, { code: "PACK_INCOMPATIBLE_ENGINE" }],
    ["bad metadata field", { "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: One }\nreads: [customer.legalName]\ncolour: red\n" }, { code: "PACK_UNKNOWN_FIELD", line: 5 }],
    ["missing language", { "clauses/one/en.hbs": undefined }, { code: "PACK_MISSING_LANGUAGE" }],
  ])("reports %s with its code and location", (_name, change, expected) => {
    const files: Record<string, string> = { ...base };
    for (const [k, v] of Object.entries(change)) {
      if (v === undefined) delete files[k];
      else files[k] = v;
    }
    expect(problems(files)).toContainEqual(expect.objectContaining(expected));
  });

  it("warns about a declared variable no template reads", () => {
    const files = { ...base, "clauses/one/clause.yaml": base["clauses/one/clause.yaml"]!.replace("reads: [customer.legalName]", "reads: [customer.legalName, provider.legalName]") };
    expect(problems(files)).toContainEqual(expect.objectContaining({ code: "PACK_UNUSED_VARIABLE", severity: "warning" }));
  });
});

describe("package facts", () => {
  it("VERSION matches package.json", () => {
    expect(VERSION).toBe(pkg.version);
  });

  it("the JSON Schema describes the deal sheet", () => {
    const schema = dealJsonSchema() as { type: string; properties: Record<string, { properties?: Record<string, unknown> }>; required: string[]; additionalProperties: boolean };
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(["agreement", "customer", "provider", "services", "fees", "sla", "law"]));
    expect(Object.keys(schema.properties.customer?.properties ?? {})).toEqual(expect.arrayContaining(["legalName", "registeredAddress", "contact", "signatory"]));
  });
});
