import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { jsonHasDuplicateKeys } from "../src/deal/json-duplicate-keys.js";
import { duplicateKeys, parseDealSheet } from "../src/deal/parse.js";
import { exampleDeal } from "./fixtures/deals.js";
import { problemsOf } from "./helpers/problems.js";

// A JSON deal sheet is checked for keys given twice by a scan of its text; the YAML parser, which
// gives the position, runs only when the scan finds one (or validation fails).

describe("jsonHasDuplicateKeys", () => {
  it.each([
    ['{"a": 1, "a": 2}', true],
    ['{"a": 1, "b": {"a": 2}}', false],
    ['{"a": {"b": 1, "b": 2}}', true],
    ['[{"a": 1}, {"a": 1}]', false],
    ['[{"a": 1, "c": [1, {"d": 0}], "a": 2}]', true],
    ['{"a": "a", "b": "a"}', false],
    ['{"a": ["a", "a"], "b": {"a": "a"}}', false],
    ['{"a\\"b": 1, "a\\"b": 2}', true],
    ['{"\\u0061": 1, "a": 2}', true],
    ['{"a": "}, \\"a\\": {", "b": 1}', false],
    ['{"x": {}, "y": [], "x2": {"x": 1}}', false],
    ['{"": 1, "": 2}', true],
    ['"{\\"a\\":1,\\"a\\":2}"', false],
    ['{"a\\\\": 1, "a\\\\": 2}', true],
    ['{"a\\\\": 1, "a": 2}', false],
  ])("%s → %s", (text, expected) => {
    JSON.parse(text);
    expect(jsonHasDuplicateKeys(text)).toBe(expected);
  });

  it("any depth, without recursion", () => {
    const deep = 200_000;
    expect(jsonHasDuplicateKeys(`${'{"a":'.repeat(deep)}1${"}".repeat(deep)}`)).toBe(false);
    expect(jsonHasDuplicateKeys(`${'{"a":'.repeat(deep)}{"b":1,"b":2}${"}".repeat(deep)}`)).toBe(true);
  });

  it("agrees with the YAML parser's duplicate check on any JSON text (property)", () => {
    // Small key alphabet, so that repeats are common; keys with quotes, backslashes and escapes.
    const key = fc.constantFrom("a", "b", 'q"', "s\\", "\u00e9", "{", ",", "]");
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.oneof(fc.integer(), fc.constantFrom("a", '"', "}", "{", ",", "\\", null, true)),
        fc.array(tie("v"), { maxLength: 4 }),
        fc.array(fc.tuple(key, tie("v")), { maxLength: 5 }).map((pairs) => ({ pairs })),
      ),
    })).v;
    // Objects are written by hand so that a key can appear twice, with JSON.stringify's escapes or
    // with every character escaped as \uXXXX.
    const write = (v: unknown, unicode: boolean): string => {
      if (Array.isArray(v)) return `[${v.map((x) => write(x, unicode)).join(",")}]`;
      if (v !== null && typeof v === "object" && "pairs" in v) {
        const pairs = (v as { pairs: [string, unknown][] }).pairs;
        const escaped = (k: string) => `"${[...k].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}"`;
        // With `unicode`, every other key is spelt with escapes: the same key in two spellings.
        const name = (k: string, i: number) => (unicode && i % 2 === 0 ? escaped(k) : JSON.stringify(k));
        return `{${pairs.map(([k, x], i) => `${name(k, i)}: ${write(x, unicode)}`).join(", ")}}`;
      }
      return JSON.stringify(v);
    };
    fc.assert(
      fc.property(value, fc.boolean(), (v, unicode) => {
        const text = write(v, unicode);
        JSON.parse(text);
        const doc = parseDocument(text, { uniqueKeys: false });
        expect(jsonHasDuplicateKeys(text)).toBe(duplicateKeys(doc.contents).length > 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a JSON deal sheet", () => {
  it("valid: parsed without the YAML parser's positions, to the same deal as YAML", () => {
    const deal = exampleDeal();
    const fromJson = parseDealSheet(JSON.stringify(deal), { format: "json" });
    expect(fromJson.deal.customer.legalName).toBe("Harborview Logistics, Inc.");
    expect(fromJson.warnings).toEqual([]);
  });

  it("a field validation refuses still has its line and column", () => {
    const deal = exampleDeal() as unknown as { agreement: { initialTermMonths: unknown } };
    deal.agreement.initialTermMonths = "twelve";
    const text = JSON.stringify(deal, null, 2);
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes('"initialTermMonths": "twelve"')) + 1;
    // At the value, as for a YAML sheet.
    const column = (lines[line - 1] ?? "").indexOf('"twelve"') + 1;
    const [first] = problemsOf(() => parseDealSheet(text, { format: "json", file: "d.json" }));
    expect([line, column]).toEqual([6, 26]);
    expect(first).toMatchObject({ path: ["agreement", "initialTermMonths"], file: "d.json", line, column });
  });
});
