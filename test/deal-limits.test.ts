import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { buildDealSchema } from "../src/catalog/deal-schema.js";
import type { Pack } from "../src/catalog/types.js";
import { findTooDeep, yamlNestingPastLimit } from "../src/deal/depth.js";
import { dealJsonSchema } from "../src/deal/json-schema.js";
import * as L from "../src/deal/limits.js";
import { parseDealSheet, validateDeal } from "../src/deal/parse.js";
import { draft } from "../src/draft.js";
import { ClausewrightError } from "../src/errors/error.js";
import type { Problem } from "../src/errors/problem.js";
import { ROOT, runCli } from "./helpers/cli.js";
import { tempDir } from "./helpers/tools.js";
import { exampleDeal, exampleDealText } from "./fixtures/deals.js";
import { problemsOf } from "./helpers/problems.js";

// Issue 15, items 1, 5 and 6: every field of a deal sheet has a limit, reported as a problem with
// its path, and nothing a deal sheet holds ends in an internal error.

type AnyDeal = any;

/** The problems of the example deal with one change, or [] when it is valid. */
function problemsWith(change: (d: AnyDeal) => void): Problem[] {
  const deal: AnyDeal = exampleDeal();
  change(deal);
  try {
    validateDeal(deal);
    return [];
  } catch (err) {
    if (ClausewrightError.is(err)) return [...err.problems];
    throw err;
  }
}

const line = { item: "Extra seats", unitPrice: "10.00" };

// [field, set it to a value at the limit, set it one past the limit, the message one past]
const LIMITS: [string, (d: AnyDeal, over: boolean) => void, string][] = [
  ["customer.legalName", (d, o) => (d.customer.legalName = "N".repeat(L.MAX_NAME_LENGTH + (o ? 1 : 0))), "customer.legalName is 301 characters long; the limit is 300"],
  ["provider.legalName.zh", (d, o) => (d.provider.legalName = { en: "P", zh: "名".repeat(L.MAX_NAME_LENGTH + (o ? 1 : 0)) }), "provider.legalName.zh is 301 characters long; the limit is 300"],
  ["customer.registeredAddress", (d, o) => (d.customer.registeredAddress = "A".repeat(L.MAX_ADDRESS_LENGTH + (o ? 1 : 0))), "customer.registeredAddress is 501 characters long; the limit is 500"],
  [
    "customer.contact.email",
    (d, o) => (d.customer.contact.email = `${"e".repeat(L.MAX_EMAIL_LENGTH - 12 + (o ? 1 : 0))}@example.com`),
    "customer.contact.email is 255 characters long; the limit is 254",
  ],
  ["agreement.reference", (d, o) => (d.agreement.reference = "R".repeat(L.MAX_LABEL_LENGTH + (o ? 1 : 0))), "agreement.reference is 101 characters long; the limit is 100"],
  ["services.description", (d, o) => (d.services.description = "d ".repeat(L.MAX_DESCRIPTION_LENGTH / 2) + (o ? "d" : "")), "services.description is 2001 characters long; the limit is 2000"],
  [
    "customization.description",
    (d, o) => (d.customization = { description: "s".repeat(L.MAX_LONG_TEXT_LENGTH + (o ? 1 : 0)) }),
    "customization.description is 5001 characters long; the limit is 5000",
  ],
  ["services.modules[0].code", (d, o) => (d.services.modules[0].code = "m".repeat(L.MAX_CODE_LENGTH + (o ? 1 : 0))), "services.modules[0].code is 65 characters long; the limit is 64"],
  ["fees.lines", (d, o) => (d.fees.lines = Array.from({ length: L.MAX_FEE_LINES + (o ? 1 : 0) }, () => line)), "fees.lines has 501 items; the limit is 500"],
  [
    "services.modules",
    (d, o) => d.services.modules.push(...Array.from({ length: L.MAX_MODULES - d.services.modules.length + (o ? 1 : 0) }, (_, i) => ({ code: `m${i}`, name: `M${i}`, tier: "base" }))),
    "services.modules has 201 items; the limit is 200",
  ],
  [
    "privacy.subprocessors",
    (d, o) => (d.privacy = { subprocessors: Array.from({ length: L.MAX_SUBPROCESSORS + (o ? 1 : 0) }, () => ({ name: "S", country: "US", task: "hosting" })) }),
    "privacy.subprocessors has 501 items; the limit is 500",
  ],
  ["security.certifications", (d, o) => (d.security = { certifications: Array(L.MAX_LIST_ITEMS + (o ? 1 : 0)).fill("ISO 27001") }), "security.certifications has 101 items; the limit is 100"],
  ["agreement.initialTermMonths", (d, o) => (d.agreement.initialTermMonths = L.MAX_TERM_MONTHS + (o ? 1 : 0)), "agreement.initialTermMonths is 1201; the maximum is 1200"],
  ["fees.paymentTermsDays", (d, o) => (d.fees.paymentTermsDays = L.MAX_DAYS + (o ? 1 : 0)), "fees.paymentTermsDays is 3651; the maximum is 3650"],
  ["sla.severities[0].responseHours", (d, o) => (d.sla.severities = [{ level: "P1", responseHours: L.MAX_HOURS + (o ? 1 : 0) }]), "sla.severities[0].responseHours is 8761; the maximum is 8760"],
  ["services.users.seats", (d, o) => (d.services.users.seats = L.MAX_SEATS + (o ? 1 : 0)), "services.users.seats is 10000001; the maximum is 10000000"],
  ["fees.lines[0].quantity", (d, o) => (d.fees.lines[0].quantity = L.MAX_QUANTITY + (o ? 1 : 0)), "fees.lines[0].quantity is 1000000001; the maximum is 1000000000"],
  ["confidentiality.survivalYears", (d, o) => (d.confidentiality = { survivalYears: L.MAX_YEARS + (o ? 1 : 0) }), "confidentiality.survivalYears is 101; the maximum is 100"],
  [
    "fees.lines[0].unitPrice",
    (d, o) => (d.fees.lines[0].unitPrice = o ? "1,000,000,000,000,000.00" : "999,999,999,999,999.99"),
    'fees.lines[0].unitPrice: Amount "1,000,000,000,000,000.00" has 16 digits before the decimal point; the limit is 15',
  ],
  ["agreement.effectiveDate", (d, o) => (d.agreement.effectiveDate = o ? "3000-01-01" : "2999-12-31"), "agreement.effectiveDate: 3000-01-01 is not in the years 1900 to 2999"],
];

describe("limits: every text, list and number, as a problem with the field's path", () => {
  it.each(LIMITS)("%s: the limit is accepted, one more is refused naming the limit and the actual size", (path, set, message) => {
    expect(problemsWith((d) => set(d, false))).toEqual([]);
    const [p, ...rest] = problemsWith((d) => set(d, true));
    expect(rest).toEqual([]);
    expect(p?.code === "DEAL_TOO_BIG" || p?.code === "DEAL_INVALID_DATE").toBe(true);
    expect(p?.message).toBe(message);
    expect(p?.path?.join(".").replace(/\.(\d+)/g, "[$1]")).toBe(path);
  });

  it("130,000 fee lines and a term of 4,000,000 months are limit problems, not internal errors (API and CLI)", async () => {
    expect(problemsWith((d) => (d.fees.lines = Array(130_000).fill(line)))).toMatchObject([
      { code: "DEAL_TOO_BIG", path: ["fees", "lines"], message: "fees.lines has 130000 items; the limit is 500" },
    ]);
    const dir = tempDir();
    const deal: AnyDeal = exampleDeal();
    deal.agreement.initialTermMonths = 4_000_000;
    writeFileSync(join(dir, "term.yaml"), stringify(deal));
    const term = await runCli(["draft", join(dir, "term.yaml"), "--out", join(dir, "out"), "-f", "md"]);
    expect(term.code).toBe(1);
    expect(term.stderr).toMatch(
      /^error DEAL_TOO_BIG at agreement\.initialTermMonths \(.*term\.yaml:\d+:\d+\): agreement\.initialTermMonths is 4000000; the maximum is 1200\n1 problem\(s\); nothing was written\.\n$/,
    );
    deal.agreement.initialTermMonths = 12;
    deal.fees.lines = Array(130_000).fill(line);
    const fees = await runCli(["draft", "-", "--out", join(dir, "out"), "-f", "md"], { stdin: JSON.stringify(deal) });
    expect(fees.code).toBe(1);
    expect(fees.stderr).toMatch(/^error DEAL_FILE_TOO_LARGE \(<stdin>\): /);
  });

  it("more than MAX_REPORTED_PROBLEMS problems are cut short with DEAL_TOO_MANY_PROBLEMS", () => {
    const problems = problemsWith((d) => (d.fees.lines = Array(L.MAX_FEE_LINES).fill({ item: "x", unitPrice: "x" })));
    expect(problems).toHaveLength(L.MAX_REPORTED_PROBLEMS + 1);
    expect(problems[L.MAX_REPORTED_PROBLEMS]).toMatchObject({ code: "DEAL_TOO_MANY_PROBLEMS", message: "400 more problems were found and are not shown (the first 100 are)" });
  });

  it("`clausewright schema` shows the limits: maxLength, maxItems, maximum (pack fields too)", () => {
    const s = dealJsonSchema() as any;
    expect(s.properties.customer.properties.legalName.anyOf[0]).toMatchObject({ type: "string", minLength: 1, maxLength: L.MAX_NAME_LENGTH });
    expect(s.properties.customer.properties.legalName.anyOf[1].properties.zh).toMatchObject({ maxLength: L.MAX_NAME_LENGTH });
    expect(s.properties.customer.properties.contact.properties.email).toMatchObject({ maxLength: L.MAX_EMAIL_LENGTH });
    expect(s.properties.fees.properties.lines).toMatchObject({ minItems: 1, maxItems: L.MAX_FEE_LINES });
    expect(s.properties.fees.properties.lines.items.properties.unitPrice.anyOf[0]).toMatchObject({ type: "string", maxLength: L.MAX_AMOUNT_TEXT_LENGTH });
    expect(s.properties.agreement.properties.initialTermMonths).toMatchObject({ type: "integer", maximum: L.MAX_TERM_MONTHS });
    const pack = { name: "p", fields: { note: { type: "string" }, rate: { type: "number", max: 1e20 }, tags: { type: "list", items: { type: "string" } } } } as unknown as Pack;
    const withPack = dealJsonSchema({ dealSchema: buildDealSchema([pack], []) }) as any;
    const ext = withPack.properties.extensions.properties.p.properties;
    expect(ext.note.anyOf[0]).toMatchObject({ maxLength: L.MAX_LONG_TEXT_LENGTH });
    expect(ext.rate).toMatchObject({ minimum: -L.MAX_PACK_NUMBER, maximum: L.MAX_PACK_NUMBER });
    expect(ext.tags).toMatchObject({ maxItems: L.MAX_PACK_LIST_ITEMS });
  });
});

describe("invisible, bidirectional and control characters are refused in deal strings", () => {
  const at = (value: string, set: (d: AnyDeal, v: string) => void = (d, v) => (d.customer.legalName = v)): Problem[] => problemsWith((d) => set(d, value));
  it.each([
    ["Blue\u202Estone LLC", "U+202E RIGHT-TO-LEFT OVERRIDE at character 5"],
    ["\u202AAcme", "U+202A LEFT-TO-RIGHT EMBEDDING at character 1"],
    ["Ac\u202Cme", "U+202C POP DIRECTIONAL FORMATTING at character 3"],
    ["Acme \u2066Inc\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE at character 6"],
    ["Acme\u2069", "U+2069 POP DIRECTIONAL ISOLATE at character 5"],
    ["Acme\u200E", "U+200E LEFT-TO-RIGHT MARK at character 5"],
    ["Acme\u200F", "U+200F RIGHT-TO-LEFT MARK at character 5"],
    ["Acme\u061C", "U+061C ARABIC LETTER MARK at character 5"],
    ["Ac\u200Bme", "U+200B ZERO WIDTH SPACE at character 3"],
    ["Ac\uFEFFme", "U+FEFF ZERO WIDTH NO-BREAK SPACE at character 3"],
    ["Ac\u00ADme", "U+00AD SOFT HYPHEN at character 3"],
    ["Ac\u2060me", "U+2060 WORD JOINER at character 3"],
    ["Ac\u200Dme", "U+200D ZERO WIDTH JOINER at character 3"],
    ["Ac\u3164me", "U+3164 HANGUL FILLER at character 3"],
    ["😀Ac\u{E0041}me", "U+E0041 (an invisible format character) at character 4"],
    ["Acme\u0007", "U+0007 (a control character) at character 5"],
    ["Acme\u007F", "U+007F DELETE at character 5"],
    ["Acme\u0085", "U+0085 NEXT LINE at character 5"],
    ["Acme\tInc", "U+0009 CHARACTER TABULATION at character 5"],
    ["Acme\nInc", "U+000A LINE FEED at character 5"],
    ["Acme\u2028Inc", "U+2028 LINE SEPARATOR at character 5"],
    ["Acme\uD800Inc", "U+D800 (a lone surrogate, half of a UTF-16 pair) at character 5"],
    ["Acme\uDC00", "U+DC00 (a lone surrogate, half of a UTF-16 pair) at character 5"],
  ])("%j: DEAL_INVISIBLE_CHARACTER, %s", (value, where) => {
    const [p, ...rest] = at(value);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ code: "DEAL_INVISIBLE_CHARACTER", path: ["customer", "legalName"] });
    expect(p?.message).toBe(`customer.legalName: ${where} is not allowed: invisible, bidirectional and control characters can make a value show differently from what it says`);
    expect(p?.hint).toMatch(/^Retype the value without it/);
  });

  it("allowed: line breaks and tabs where a field may span lines, ZWNJ/ZWJ where a script needs them, variation selectors", () => {
    const address = (v: string) => at(v, (d, x) => (d.customer.registeredAddress = x));
    expect(address("1 Main Street\nSuite 2\tNew York")).toEqual([]);
    const crlf: AnyDeal = exampleDeal();
    crlf.customer.registeredAddress = "1 Main Street\r\nNew York";
    expect(validateDeal(crlf).customer.registeredAddress).toBe("1 Main Street\nNew York");
    expect(address("1 Main Street\rNew York")[0]).toMatchObject({ code: "DEAL_INVISIBLE_CHARACTER", message: expect.stringContaining("U+000D CARRIAGE RETURN at character 14") });
    for (const name of ["کتاب\u200Cخانه", "क्\u200Dष", "👩\u200D💻 Studio", "葛\u{E0100}飾商事", "❤\uFE0F Care"]) expect(at(name)).toEqual([]);
    expect(at("Acme\u200C Inc")[0]).toMatchObject({ code: "DEAL_INVISIBLE_CHARACTER" });
  });

  it("every kind of string: {en, zh} text, lists, sub-processors, references, pack extension fields; with line and column from YAML", () => {
    const rlo = "\u202E";
    expect(problemsWith((d) => (d.customer.legalName = { en: "Acme", zh: `阿克${rlo}米` }))[0]).toMatchObject({ code: "DEAL_INVISIBLE_CHARACTER", path: ["customer", "legalName", "zh"] });
    expect(problemsWith((d) => (d.customer.contact.name = `Ann${rlo}`))[0]).toMatchObject({ path: ["customer", "contact", "name"] });
    expect(problemsWith((d) => (d.privacy = { subprocessors: [{ name: `AWS${rlo}`, country: "US", task: "hosting" }] }))[0]).toMatchObject({ path: ["privacy", "subprocessors", 0, "name"] });
    expect(problemsWith((d) => (d.fees.lines[0].module = `core${rlo}`))[0]).toMatchObject({ code: "DEAL_INVISIBLE_CHARACTER", path: ["fees", "lines", 0, "module"] });
    const pack = { name: "p", fields: { note: { type: "string" } } } as unknown as Pack;
    const deal: AnyDeal = exampleDeal();
    deal.extensions = { p: { note: `a${rlo}b` } };
    expect(problemsOf(() => validateDeal(deal, { dealSchema: buildDealSchema([pack], []) }))[0]).toMatchObject({ code: "DEAL_INVISIBLE_CHARACTER", path: ["extensions", "p", "note"] });
    const text = exampleDealText().replace("legalName: Harborview Logistics, Inc.", 'legalName: "Harbor\\u202Eview Logistics, Inc."');
    expect(problemsOf(() => parseDealSheet(text, { file: "d.yaml" }))[0]).toMatchObject({ code: "DEAL_INVISIBLE_CHARACTER", file: "d.yaml", line: 14, column: 14 });
  });
});

describe("nothing a deal sheet holds is an internal error", () => {
  const deep = 100_000;
  it("nesting 100,000 deep in YAML and JSON (and 1 MiB of it) is DEAL_NESTING_TOO_DEEP, found before the parser runs", () => {
    expect(problemsOf(() => parseDealSheet(`a: ${"[".repeat(deep)}${"]".repeat(deep)}`))[0]).toMatchObject({ code: "DEAL_NESTING_TOO_DEEP", line: 1 });
    expect(problemsOf(() => parseDealSheet(`a:\n${"- ".repeat(L.MAX_DEAL_BYTES / 2 - 8)}x`))[0]).toMatchObject({ code: "DEAL_NESTING_TOO_DEEP", line: 2 });
    expect(problemsOf(() => parseDealSheet(`{"a": ${"[".repeat(deep)}${"]".repeat(deep)}}`, { format: "json" }))[0]).toMatchObject({
      code: "DEAL_NESTING_TOO_DEEP",
      message: expect.stringMatching(/^The deal sheet nests lists and mappings more than 32 levels deep \(at a\[0\]/),
    });
    // Just past the limit, inside the deal, is found exactly, with its path.
    const nested = `${exampleDealText()}extensions: { p: ${"[".repeat(L.MAX_NESTING_DEPTH - 1)}${"]".repeat(L.MAX_NESTING_DEPTH - 1)} }\n`;
    expect(problemsOf(() => parseDealSheet(nested))[0]).toMatchObject({ code: "DEAL_NESTING_TOO_DEEP", path: ["extensions", "p", ...Array(L.MAX_NESTING_DEPTH - 2).fill(0)] });
  });

  it("the nesting estimate before parsing equals the exact depth on every example deal (no false alarm)", () => {
    for (const dir of ["examples/deals", "examples/pack-deals"]) {
      for (const name of readdirSync(join(ROOT, dir))) {
        const text = readFileSync(join(ROOT, dir, name), "utf8");
        const doc = parseDocument(text);
        let depth = 1;
        while (findTooDeep(doc.contents, depth)) depth++;
        expect([name, yamlNestingPastLimit(text, depth), yamlNestingPastLimit(text, depth - 1)]).toEqual([name, undefined, expect.any(Number)]);
      }
    }
    // Six levels: the top mapping, a, b's list, its item, c's list, {d}; the seventh opens at offset 25.
    expect(yamlNestingPastLimit("a:\n  b:\n    - c: [1, {d: 2}]\n", 6)).toBeUndefined();
    expect(yamlNestingPastLimit("a:\n  b:\n    - c: [1, {d: [2]}]\n", 6)).toBe(25);
  });

  it("a deal built in code: a cycle is too deep, text that the per-field limits allow but that adds up past MAX_DEAL_TEXT is too large", () => {
    const cyclic: AnyDeal = exampleDeal();
    cyclic.services.self = cyclic.services;
    const [cycle, ...none] = problemsOf(() => validateDeal(cyclic));
    expect(none).toEqual([]);
    expect(cycle?.code).toBe("DEAL_NESTING_TOO_DEEP");
    expect(cycle?.path?.slice(0, 3)).toEqual(["services", "self", "self"]);
    expect(cycle?.path?.filter((p) => p === "self").length).toBeGreaterThan(20);
    const deliverables = Array(L.MAX_LIST_ITEMS).fill("d".repeat(L.MAX_DESCRIPTION_LENGTH));
    const milestones = Array.from({ length: L.MAX_MILESTONES }, (_, i) => ({ id: `m${i}`, name: "M", dueDate: "2027-01-01", deliverables }));
    expect(problemsWith((d) => (d.implementation = { milestones }))).toMatchObject([
      { code: "DEAL_FILE_TOO_LARGE", message: "The deal holds more than 1,048,576 characters of text (keys and values, with YAML aliases expanded); the limit is 1,048,576" },
    ]);
    // Aliases count as often as they are expanded: an anchored list of plain values can be reused
    // any number of times (the yaml package counts only aliases inside aliases), ten milestones
    // reusing 200,000 characters of deliverables are two million.
    const item = "d".repeat(L.MAX_DESCRIPTION_LENGTH);
    const uses = Array.from({ length: 10 }, (_, i) => `    - { id: m${i}, name: M, dueDate: 2027-01-01, deliverables: ${i === 0 ? `&l [${Array(L.MAX_LIST_ITEMS).fill(item).join(", ")}]` : "*l"} }`);
    const text = `${exampleDealText()}implementation:\n  milestones:\n${uses.join("\n")}\n`;
    expect(text.length).toBeLessThan(L.MAX_DEAL_BYTES);
    expect(problemsOf(() => parseDealSheet(text))).toMatchObject([{ code: "DEAL_FILE_TOO_LARGE" }]);
  });

  it("a YAML alias bomb is DEAL_YAML_ALIAS_LIMIT, exit 1 from the CLI", async () => {
    const laughs = ["a0: &a0 [x,x,x,x,x,x,x,x,x,x]", ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(",")}]`)].join("\n");
    const nested10 = `${"a: &a [x,x]\n"}${Array.from({ length: 10 }, (_, i) => `b${i}: &b${i} [${i === 0 ? "*a" : `*b${i - 1}`}, ${i === 0 ? "*a" : `*b${i - 1}`}]`).join("\n")}\n`;
    for (const bomb of [laughs, nested10]) expect(problemsOf(() => parseDealSheet(bomb, { file: "bomb.yaml" }))).toMatchObject([{ code: "DEAL_YAML_ALIAS_LIMIT", file: "bomb.yaml" }]);
    const dir = tempDir();
    writeFileSync(join(dir, "bomb.yaml"), laughs);
    const r = await runCli(["check", join(dir, "bomb.yaml")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error DEAL_YAML_ALIAS_LIMIT \(.*bomb\.yaml\): The deal sheet expands YAML aliases \(\*name\) more than 100 times\n/);
  });

  it("10,000 unknown top-level keys: 101 problems, in linear time", () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `k${i}: 1`).join("\n");
    const problems = problemsOf(() => parseDealSheet(keys));
    expect(problems).toHaveLength(101);
    expect(problems[100]?.code).toBe("DEAL_TOO_MANY_PROBLEMS");
  });

  it("1e308, -0, NaN, Infinity, 2^53+1, 5e-324, 0.1+0.2 and number-like strings: a problem, or a draft that prints them as numbers", async () => {
    const FIELDS: [string, (d: AnyDeal, v: unknown) => void][] = [
      ["initialTermMonths", (d, v) => (d.agreement.initialTermMonths = v)],
      ["paymentTermsDays", (d, v) => (d.fees.paymentTermsDays = v)],
      ["seats", (d, v) => (d.services.users.seats = v)],
      ["quantity", (d, v) => (d.fees.lines[0].quantity = v)],
      ["unitPrice", (d, v) => (d.fees.lines[0].unitPrice = v)],
      ["availability", (d, v) => (d.sla.availability = v)],
      ["responseHours", (d, v) => (d.sla.severities = [{ level: "P1", responseHours: v }])],
      ["multiplier", (d, v) => (d.liability = { generalCap: { type: "multipleOfFees", multiplier: v } })],
    ];
    const VALUES: unknown[] = [1e308, -1e308, -0, 2 ** 53 + 1, Number.MIN_VALUE, 0.1 + 0.2, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, "NaN", "Infinity", "1e308", "-0", "0x1F", " 12 "];
    const drafted: AnyDeal = exampleDeal();
    const accepted: string[] = [];
    for (const [name, set] of FIELDS) {
      for (const v of VALUES) {
        if (problemsWith((d) => set(d, v)).length > 0) continue;
        accepted.push(`${name}=${JSON.stringify(v)}`);
        set(drafted, v); // every accepted value goes into one deal, drafted once
      }
    }
    expect(accepted).toEqual(["paymentTermsDays=0", "unitPrice=0", 'unitPrice=" 12 "', "availability=0", 'availability=" 12 "']);
    const { markdown } = await draft(drafted, { formats: ["md"], force: true });
    expect(markdown).not.toMatch(/NaN|Infinity|undefined|\de[-+]?\d|-0\b/);
  });
});
