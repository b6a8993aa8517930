import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { tempDir } from "./helpers/tools.js";
import { exampleDealText } from "./fixtures/deals.js";

function badDeal(dir: string, name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe("clausewright CLI", () => {
  it("drafts the example deal to the requested formats", async () => {
    const out = tempDir();
    const r = await runCli(["draft", "examples/deals/us-crm-enterprise.yaml", "--out", out, "--format", "md,docx"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["us-crm-enterprise.docx", "us-crm-enterprise.md"]);
    expect(readFileSync(join(out, "us-crm-enterprise.md"), "utf8")).toContain("Harborview Logistics, Inc.");
  });

  it("writes HTML only when asked for: the default is DOCX, PDF and Markdown", async () => {
    const out = tempDir();
    const r = await runCli(["draft", "examples/deals/us-crm-enterprise.yaml", "--out", out, "--format", "html"]);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(["us-crm-enterprise.html"]);
    const html = readFileSync(join(out, "us-crm-enterprise.html"), "utf8");
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain("Harborview Logistics, Inc.");
    const all = tempDir();
    expect((await runCli(["draft", "examples/deals/us-crm-enterprise.yaml", "--out", all])).code).toBe(0);
    expect(readdirSync(all).sort()).toEqual(["us-crm-enterprise.docx", "us-crm-enterprise.md", "us-crm-enterprise.pdf"]);
  });

  it("prints the JSON Schema", async () => {
    const r = await runCli(["schema"]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["agreement", "customer", "provider", "fees", "sla", "law"]));
  });

  it.each([["--help"], ["draft", "--help"], ["schema", "--help"]])("%s exits 0 with usage", async (...args) => {
    const r = await runCli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage:");
  });

  it.each([
    [["draft"], "error:"],
    [["draft", "x.yaml"], "required option"],
    [["draft", "examples/deals/us-crm-enterprise.yaml", "--out", "/tmp/x", "--format", "doc"], "formats are"],
    [["frobnicate"], "unknown command"],
  ])("usage error %j exits 2", async (args, text) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.toLowerCase()).toContain(text);
  });

  const example = exampleDealText();
  it.each([
    ["malformed YAML", "agreement: [unclosed\n", "DEAL_YAML_SYNTAX", "bad.yaml:2:1"],
    ["an empty file", "", "DEAL_EMPTY", "bad.yaml"],
    ["a scalar instead of a mapping", "42\n", "DEAL_NOT_A_MAPPING", "bad.yaml:1:1"],
    ["a missing party name", example.replace("  legalName: Harborview Logistics, Inc.\n", ""), "DEAL_MISSING_FIELD", "customer.legalName"],
    ["an impossible date", example.replace("2026-12-01", "2026-02-30"), "DEAL_INVALID_DATE", "agreement.effectiveDate (bad.yaml:6:"],
    ["a negative fee", example.replace('"420.00"', '"-420.00"'), "DEAL_NEGATIVE_AMOUNT", "fees.lines[0].unitPrice (bad.yaml:"],
    ["an unknown field", example.replace("  reference: CW-2026-0142", "  reference: CW-2026-0142\n  refrence: typo"), "DEAL_UNKNOWN_FIELD", "agreement.refrence (bad.yaml:5:"],
  ])("%s: exit 1, names the field, writes nothing", async (_name, text, code, where) => {
    const dir = tempDir();
    const deal = badDeal(dir, "bad.yaml", text);
    const out = join(dir, "out");
    mkdirSync(out);
    const r = await runCli(["draft", deal, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(code);
    expect(r.stderr.replaceAll(dir + "/", "")).toContain(where);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(out)).toEqual([]);
  });

  it("a missing deal file is a clear error", async () => {
    const r = await runCli(["draft", "/nonexistent/deal.yaml", "--out", tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DEAL_FILE_UNREADABLE");
    expect(existsSync("/nonexistent")).toBe(false);
  });
});
