import { existsSync } from "node:fs";
import MarkdownIt from "markdown-it";
import { beforeAll, describe, expect, it } from "vitest";
import { draft, type DraftResult } from "../src/draft.js";
import { defaultFonts } from "../src/node/fonts.js";
import { ROOT, runNode } from "./helpers/cli.js";
import { docxTextViaLibreOffice, itWithTools, pdfText, qpdfCheck } from "./helpers/tools.js";
import { exampleDeal } from "./fixtures/deals.js";

const NASTY = "*Acme* {{x}} <w:t> & ]]>";
const LEFTOVERS = ["{{", "}}", "undefined", "NaN", "[object Object]"];

let example: DraftResult<never>;
let nasty: DraftResult<never>;

beforeAll(async () => {
  example = await draft(exampleDeal(), { fonts: defaultFonts() });
  const deal = exampleDeal();
  (deal.customer as { legalName: string }).legalName = NASTY;
  nasty = await draft(deal, { fonts: defaultFonts() });
});

const squash = (s: string): string => s.replace(/\s+/g, " ");
const headings = (r: DraftResult<never>): string[] => r.model.clauses.map((c) => `${c.label} ${c.title}`);

describe("the example agreement", () => {
  it("has the expected clauses, in order", () => {
    expect(example.assembly.clauses.map((c) => c.id)).toEqual([
      "order-form",
      "parties",
      "recitals",
      "definitions",
      "scope",
      "modules",
      "payment",
      "term",
      "beta-features",
      "responsibilities",
      "acceptable-use",
      "marketing-messages",
      "suspension",
      "support",
      "data-ownership",
      "security",
      "business-continuity",
      "confidentiality",
      "ip",
      "open-source",
      "warranties",
      "indemnification",
      "liability",
      "insurance",
      "force-majeure",
      "termination",
      "exit",
      "compliance",
      "audit",
      "governing-law",
      "disputes",
      "precedence",
      "notices",
      "assignment",
      "entire-agreement",
      "severability",
      "counterparts",
      "general",
      "signatures",
      "fees",
      "sla",
    ]);
  });

  it("Markdown has every heading, the parties, and no leftovers", () => {
    const md = example.markdown ?? "";
    for (const h of headings(example)) expect(md).toContain(`## ${h}`);
    expect(md).toContain("Harborview Logistics, Inc.");
    for (const bad of LEFTOVERS) expect(md).not.toContain(bad);
  });

  itWithTools(["qpdf", "pdftotext"], "PDF passes qpdf --check and pdftotext finds the parties and every heading", () => {
    const pdf = example.pdf!;
    expect(qpdfCheck(pdf)).toContain("No syntax or stream encoding errors found");
    const text = squash(pdfText(pdf, false));
    for (const h of headings(example)) expect(text).toContain(h);
    expect(text).toContain("Harborview Logistics, Inc.");
    expect(text).toContain("Northwind Cloud Software LLC");
    for (const bad of LEFTOVERS) expect(text).not.toContain(bad);
  });

  itWithTools(
    ["soffice"],
    "DOCX opens in LibreOffice, with the parties and every heading",
    () => {
      const text = squash(docxTextViaLibreOffice(example.docx!));
      for (const h of headings(example)) expect(text).toContain(h);
      expect(text).toContain("Harborview Logistics, Inc.");
      expect(text).toContain("Northwind Cloud Software LLC");
      for (const bad of LEFTOVERS) expect(text).not.toContain(bad);
    },
    180_000,
  );
});

describe("a customer name full of markup", () => {
  it("appears literally in the Markdown as a reader sees it", () => {
    const html = new MarkdownIt({ html: false }).render(nasty.markdown ?? "");
    const text = html
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
    expect(text).toContain(NASTY);
  });

  itWithTools(["pdftotext"], "appears literally in the PDF text", () => {
    expect(squash(pdfText(nasty.pdf!, false))).toContain(NASTY);
  });

  itWithTools(
    ["soffice"],
    "appears literally in the DOCX text",
    () => {
      expect(squash(docxTextViaLibreOffice(nasty.docx!))).toContain(NASTY);
    },
    180_000,
  );
});

describe("determinism", () => {
  it("the same deal in two time zones, seconds apart, gives byte-identical DOCX and PDF", async () => {
    expect(existsSync(`${ROOT}dist/node.js`)).toBe(true);
    const script = `
      import { createHash } from "node:crypto";
      import { draft, defaultFonts, readDealFile } from "clausewright/node";
      const deal = await readDealFile("examples/deals/us-crm-enterprise.yaml");
      const r = await draft(deal, { fonts: defaultFonts() });
      const h = (b) => createHash("sha256").update(b).digest("hex");
      console.log(JSON.stringify({ docx: h(r.docx), pdf: h(r.pdf), md: h(r.markdown), tz: Intl.DateTimeFormat().resolvedOptions().timeZone }));
    `;
    const a = JSON.parse(runNode(script, { TZ: "Asia/Shanghai" })) as Record<string, string>;
    await new Promise((r) => setTimeout(r, 2100));
    const b = JSON.parse(runNode(script, { TZ: "America/Los_Angeles" })) as Record<string, string>;
    expect([a.tz, b.tz]).toEqual(["Asia/Shanghai", "America/Los_Angeles"]);
    expect(b.docx).toBe(a.docx);
    expect(b.pdf).toBe(a.pdf);
    expect(b.md).toBe(a.md);
  });
});

describe("the built package", () => {
  it("imports as ESM and as CommonJS, with type declarations", () => {
    const esm = runNode(`import * as m from "clausewright"; import * as n from "clausewright/node"; console.log(typeof m.draft, typeof m.parseDeal, typeof n.defaultFonts, m.VERSION);`);
    const cjs = runNode(
      `const m = require("clausewright"); const n = require("clausewright/node"); console.log(typeof m.draft, typeof m.parseDeal, typeof n.defaultFonts, m.VERSION);`,
      {},
      "commonjs",
    );
    expect(esm.trim()).toBe("function function function 0.1.0");
    expect(cjs.trim()).toBe(esm.trim());
    for (const f of ["index.d.ts", "index.d.cts", "node.d.ts", "node.d.cts"]) expect(existsSync(`${ROOT}dist/${f}`)).toBe(true);
  });
});
