import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDeal, parseDealSheet } from "../src/deal/parse.js";
import { ClausewrightError } from "../src/errors/error.js";
import type { Problem } from "../src/errors/problem.js";
import { runCli } from "./helpers/cli.js";
import { tempDir } from "./helpers/tools.js";

const ROOT = new URL("../", import.meta.url).pathname;
const example = readFileSync(join(ROOT, "examples/deals/us-crm-enterprise.yaml"), "utf8");
const ADDRESS = /^( {2}registeredAddress: ).*$/m;

/** The example deal with the customer's address line replaced. */
const withAddress = (line: string): string => example.replace(ADDRESS, `$1${line}`);
const warningsOf = (text: string): readonly Problem[] => parseDealSheet(text, { file: "deal.yaml" }).warnings;
const lineOf = (text: string, needle: string): number => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("a # that cuts a value short", () => {
  it("warns for an unquoted address whose # follows a single space, naming path, line and column", () => {
    const text = withAddress("8 Marina View, #30-01, Singapore 018960");
    const { deal, warnings } = parseDealSheet(text, { file: "deal.yaml" });
    expect(deal.customer.registeredAddress).toBe("8 Marina View,");
    expect(warnings).toHaveLength(1);
    const w = warnings[0]!;
    expect(w).toMatchObject({ code: "DEAL_YAML_TRAILING_COMMENT", severity: "warning", path: ["customer", "registeredAddress"], file: "deal.yaml" });
    expect(w.line).toBe(lineOf(text, "#30-01"));
    expect(w.column).toBe("  registeredAddress: 8 Marina View, ".length + 1);
    expect(w.message).toContain('reads "8 Marina View,"');
    expect(w.hint).toContain('"8 Marina View, #30-01, Singapore 018960"');
  });

  it("warns when the value visibly continues, even after two spaces", () => {
    expect(warningsOf(withAddress("Suite 5,   # 12 Main Street")).map((w) => w.code)).toEqual(["DEAL_YAML_TRAILING_COMMENT"]);
  });

  it.each([
    ["a quoted value", '"8 Marina View, #30-01, Singapore 018960"'],
    ["a single-quoted value with a comment after it", "'8 Marina View' # registered office"],
    ["an annotation two spaces after a finished value", "8 Marina View  # registered office"],
    ["no comment at all", "8 Marina View"],
  ])("does not warn for %s", (_name, line) => {
    expect(warningsOf(withAddress(line))).toEqual([]);
  });

  it("does not warn after numbers, booleans or dates, nor for comments on their own line", () => {
    const text = example
      .replace(/^( {2}effectiveDate: \S+)$/m, "$1 # the start")
      .replace(/^( {4}seats: \d+)$/m, "$1 # named users")
      .replace(/^agreement:$/m, "# the agreement\nagreement:");
    expect(text).not.toBe(example);
    expect(warningsOf(text)).toEqual([]);
  });

  it("parseDeal hands warnings to onWarning", () => {
    const seen: Problem[] = [];
    parseDeal(withAddress("8 Marina View, #30-01"), { onWarning: (w) => seen.push(w) });
    expect(seen.map((w) => w.code)).toEqual(["DEAL_YAML_TRAILING_COMMENT"]);
  });

  it("no example deal sheet has the trap", () => {
    for (const dir of ["examples/deals", "examples/pack-deals"]) {
      for (const f of readdirSync(join(ROOT, dir)).filter((x) => x.endsWith(".yaml"))) {
        const text = readFileSync(join(ROOT, dir, f), "utf8");
        // Pack deals carry pack fields; the built-in schema would refuse them, so only the trap scan matters here.
        let warnings: readonly Problem[] = [];
        try {
          warnings = parseDealSheet(text, { file: f }).warnings;
        } catch (err) {
          if (!ClausewrightError.is(err)) throw err;
        }
        expect(warnings, f).toEqual([]);
      }
    }
  });

  it("the CLI prints the warning for draft and check (and in check --json)", async () => {
    const dir = tempDir();
    const file = join(dir, "deal.yaml");
    writeFileSync(file, withAddress("8 Marina View, #30-01, Singapore 018960"));
    const drafted = await runCli(["draft", file, "--out", join(dir, "out"), "--format", "md"]);
    expect(drafted.code).toBe(0);
    expect(drafted.stderr).toContain("warning DEAL_YAML_TRAILING_COMMENT at customer.registeredAddress (");
    const checked = await runCli(["check", file]);
    expect(checked.stderr).toContain("warning DEAL_YAML_TRAILING_COMMENT at customer.registeredAddress");
    const json = await runCli(["check", file, "--json"]);
    const problems = (JSON.parse(json.stdout) as { problems: { id: string; path: string }[] }).problems;
    expect(problems).toContainEqual(expect.objectContaining({ id: "DEAL_YAML_TRAILING_COMMENT", path: "customer.registeredAddress" }));
  });
});

describe("a key given twice", () => {
  it("is DEAL_DUPLICATE_KEY with the path, line and column of the second key", () => {
    const text = example.replace(/^( {2}registeredAddress: .*)$/m, "$1\n  registeredAddress: Elsewhere");
    let err: unknown;
    try {
      parseDeal(text, { file: "deal.yaml" });
    } catch (e) {
      err = e;
    }
    expect(ClausewrightError.is(err)).toBe(true);
    const p = (err as ClausewrightError).problems[0]!;
    expect(p).toMatchObject({ code: "DEAL_DUPLICATE_KEY", path: ["customer", "registeredAddress"], file: "deal.yaml", line: lineOf(text, "Elsewhere"), column: 3 });
  });

  it("in JSON too (JSON.parse would keep the last silently)", () => {
    let err: unknown;
    try {
      parseDeal('{ "agreement": { "reference": "A", "reference": "B" } }', { file: "deal.json" });
    } catch (e) {
      err = e;
    }
    expect((err as ClausewrightError).problems[0]).toMatchObject({ code: "DEAL_DUPLICATE_KEY", path: ["agreement", "reference"], line: 1 });
  });
});
