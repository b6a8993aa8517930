import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble } from "../src/assemble/build.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import type { PackFiles } from "../src/catalog/types.js";
import { validateDeal } from "../src/deal/parse.js";
import { ClausewrightError } from "../src/errors/error.js";
import type { Clause } from "../src/model/types.js";
import { exampleDeal } from "./fixtures/deals.js";

function readDir(dir: string): PackFiles {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const f = join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else out[relative(dir, f)] = readFileSync(f, "utf8");
    }
  };
  walk(dir);
  return out;
}

const miniFiles = readDir(new URL("./fixtures/packs/mini", import.meta.url).pathname);

function miniCatalog(files: PackFiles = miniFiles) {
  const { pack, problems } = parsePack(files);
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  return createCatalog([pack!]);
}

function text(c: Clause): string {
  return JSON.stringify(c);
}

describe("assemble", () => {
  it("numbers clauses and sub-clauses and resolves references both ways", () => {
    const deal = validateDeal(exampleDeal());
    const { model, details } = assemble(miniCatalog(), deal);
    expect(model.clauses.map((c) => `${c.label} ${c.title}`)).toEqual(["1. Alpha", "2. Beta", "3. Gamma"]);
    expect(model.clauses[0]!.subclauses.map((s) => [s.number, s.title ?? null, s.id ?? null])).toEqual([
      ["1.1", "First Part", "alpha.first"],
      ["1.2", null, "alpha.second"],
    ]);
    const alphaIntro = model.clauses[0]!.blocks[0];
    expect(alphaIntro).toEqual({
      kind: "paragraph",
      role: "body",
      runs: [
        { type: "text", text: "Alpha intro, see " },
        { type: "ref", target: "cw-gamma-cap", text: "Section 3.1 (Cap)" },
        { type: "text", text: "." },
      ],
    });
    expect(details.clauses.map((c) => [c.id, c.variant, c.number])).toEqual([
      ["intro", "default", ""],
      ["alpha", "default", "1"],
      ["beta", "default", "2"],
      ["gamma", "two", "3"],
      ["sign", "default", ""],
    ]);
    expect(model.signatures.intro).toEqual([{ type: "text", text: "Signed by the Parties." }]);
  });

  it("renumbers everything after an omitted clause, references included", () => {
    const input = exampleDeal();
    (input as { options: Record<string, unknown> }).options = { terminationForConvenience: false };
    const { model, details } = assemble(miniCatalog(), validateDeal(input));
    expect(model.clauses.map((c) => `${c.label} ${c.title}`)).toEqual(["1. Alpha", "2. Gamma"]);
    expect(text(model.clauses[0]!)).toContain('"text":"Section 2.1 (Cap)"');
    expect(details.omitted).toEqual([{ id: "beta", reason: "condition on options.terminationForConvenience does not hold" }]);
  });

  it("numbers and references in a Chinese numbering profile", () => {
    const { model } = assemble(miniCatalog(), validateDeal(exampleDeal()), { numbering: "zh-article-decimal" });
    expect(model.clauses.map((c) => c.label)).toEqual(["第一条", "第二条", "第三条"]);
    expect(model.clauses[0]!.blocks[0]).toMatchObject({ runs: [{ text: "Alpha intro, see " }, { type: "ref", text: "第三条第1款" }, { text: "." }] });
  });

  it("chooses the variant whose condition holds", () => {
    const input = exampleDeal();
    (input as { liability: unknown }).liability = { generalCap: { type: "fixed", amount: "100000" } };
    const { model } = assemble(miniCatalog(), validateDeal(input));
    expect(model.clauses[2]!.variant).toBe("one");
    expect(text(model.clauses[2]!)).toContain("Fixed variant.");
  });

  it("inserts lists from #each with computed labels", () => {
    const { model } = assemble(miniCatalog(), validateDeal(exampleDeal()));
    const list = model.clauses[0]!.subclauses[0]!.blocks[1];
    expect(list).toMatchObject({ kind: "list", style: "lettered", depth: 0 });
    expect(list && list.kind === "list" ? list.items.map((i) => `${i.label} ${i.runs.map((r) => r.text).join("")}`) : []).toEqual([
      "(a) Account and Contact Management (base)",
      "(b) Sales Pipeline Management (base)",
      "(c) Marketing Automation (optional)",
      "(d) Advanced Analytics and Forecasting (valueAdded)",
    ]);
  });

  it("a reference to a clause this deal leaves out names both clauses", () => {
    const files = { ...miniFiles, "clauses/alpha/en.hbs": 'See {{ref "beta"}}.' };
    const input = exampleDeal();
    (input as { options: Record<string, unknown> }).options = { terminationForConvenience: false };
    const err = (() => {
      try {
        assemble(miniCatalog(files), validateDeal(input));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(ClausewrightError.is(err)).toBe(true);
    const p = (err as ClausewrightError).problems[0];
    expect(p).toMatchObject({ code: "ASSEMBLE_REF_TO_OMITTED", clause: "alpha", file: "clauses/alpha/en.hbs", line: 1 });
    expect(p.message).toContain('"alpha"');
    expect(p.message).toContain('"beta"');
  });

  it("a missing value names the clause, the template line and the data path", () => {
    const files = {
      ...miniFiles,
      "clauses/intro/clause.yaml": miniFiles["clauses/intro/clause.yaml"]!.replace("reads: [", "reads: [customer.registrationNumber, "),
      "clauses/intro/en.hbs": "Hello.\n\nReg no {{customer.registrationNumber}}.",
    };
    let err: unknown;
    try {
      assemble(miniCatalog(files), validateDeal(exampleDeal()));
    } catch (e) {
      err = e;
    }
    expect((err as ClausewrightError).problems[0]).toMatchObject({
      code: "TEMPLATE_MISSING_VALUE",
      clause: "intro",
      file: "clauses/intro/en.hbs",
      line: 3,
      path: ["customer", "registrationNumber"],
    });
  });

  it("a missing value inside #each names the item index", () => {
    const files = {
      ...miniFiles,
      "clauses/alpha/en.hbs": '{{#each services.modules}}\n- {{description}}\n{{/each}}\n\nSee {{ref "gamma.cap"}}.',
    };
    let err: unknown;
    try {
      assemble(miniCatalog(files), validateDeal(exampleDeal()));
    } catch (e) {
      err = e;
    }
    expect((err as ClausewrightError).problems[0]).toMatchObject({ code: "TEMPLATE_MISSING_VALUE", line: 2, path: ["services", "modules", 0, "description"] });
  });

  it("generates the Definitions clause from the terms used, alphabetically, and warns about slips", () => {
    const { model, warnings } = assemble(miniCatalog(), validateDeal(exampleDeal()), { agreement: "mini-terms" });
    const defs = model.clauses[0]!;
    expect(defs.title).toBe("Definitions");
    const lines = defs.blocks.map((b) => (b.kind === "paragraph" ? b.runs.map((r) => r.text).join("") : ""));
    // Gadget is used only inside Widget's definition; Abacus and Spare Part are never marked as used.
    expect(lines).toEqual(["In this Agreement:", '"Gadget" means a small device.', '"Widget" means any Gadget sold under Northwind CRM Cloud.']);
    expect(defs.blocks[1]).toMatchObject({ runs: [{ text: '"Gadget"', bold: true }, { text: " means a small device." }] });
    expect(warnings.map((w) => [w.code, w.message])).toEqual(
      expect.arrayContaining([
        ["TERM_UNUSED", 'Term "Abacus" is defined by clause "widgets" but never used'],
        ["TERM_UNUSED", 'Term "Spare Part" is defined by clause "widgets" but never used'],
        ["TERM_UNMARKED", 'Clause "widgets" writes "Spare Part" without marking it as the defined term ([[Spare Part]])'],
      ]),
    );
    expect(warnings).toHaveLength(3);
  });

  it("a use of an undefined term names the clause and template line", () => {
    const files = { ...miniFiles, "clauses/widgets/en.hbs": "Fine.\n\nA [[Widget]] and a [[Sprocket]]." };
    const parsed = parsePack(files);
    // The catalogue refuses it at load time with file:line:column…
    expect(() => createCatalog([parsed.pack!])).toThrow(/Sprocket/);
    try {
      createCatalog([parsed.pack!]);
    } catch (e) {
      expect((e as ClausewrightError).problems[0]).toMatchObject({ code: "PACK_UNDEFINED_TERM", file: "clauses/widgets/en.hbs", line: 3, column: 20 });
    }
  });

  it("a term whose defining clause is left out names both clauses", () => {
    const files = {
      ...miniFiles,
      "clauses/beta/clause.yaml": miniFiles["clauses/beta/clause.yaml"]! + "defines:\n  - term: { en: Notice Period }\n    definition: { en: means the notice period. }\n",
      "clauses/alpha/en.hbs": miniFiles["clauses/alpha/en.hbs"]!.replace("Alpha intro", "Alpha intro about the [[Notice Period]]"),
    };
    const input = exampleDeal();
    (input as { options: Record<string, unknown> }).options = { terminationForConvenience: false };
    let err: unknown;
    try {
      assemble(miniCatalog(files), validateDeal(input));
    } catch (e) {
      err = e;
    }
    expect((err as ClausewrightError).problems[0]).toMatchObject({ code: "ASSEMBLE_TERM_FROM_OMITTED", clause: "alpha", line: 1 });
    expect((err as ClausewrightError).problems[0]!.message).toContain('"beta"');
  });

  it("data never becomes markup", () => {
    const input = exampleDeal();
    const nasty = "**Acme** _x_ | {{x}} <w:t> & ]]> \\*";
    (input as { customer: { legalName: string } }).customer.legalName = nasty;
    const { model } = assemble(miniCatalog(), validateDeal(input));
    const runs = model.front.flatMap((b) => (b.kind === "paragraph" ? b.runs : []));
    expect(runs).toContainEqual({ type: "text", text: nasty, bold: true });
  });
});
