import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { builtinPack } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import type { Pack } from "../src/catalog/types.js";
import { draft, type DraftResult } from "../src/draft.js";
import type { Block, Clause, Contents, Table } from "../src/model/types.js";
import { defaultFonts } from "../src/node/fonts.js";
import { exampleDeal } from "./fixtures/deals.js";
import { docxTextViaLibreOffice, itWithTools, pdfText, tempDir } from "./helpers/tools.js";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const cellText = (t: Table, row: number, col: number): string => (t.rows[row]?.cells[col] ?? []).map((r) => r.text).join("");
const textOf = (blocks: readonly Block[]): string =>
  blocks
    .map((b) => (b.kind === "paragraph" ? b.runs.map((r) => r.text).join("") : b.kind === "list" ? b.items.map((i) => `${i.label} ${i.runs.map((r) => r.text).join("")}`).join("\n") : ""))
    .join("\n");
const clauseText = (c: Clause): string => [textOf(c.blocks), ...c.subclauses.map((s) => `${s.number} ${s.title ?? ""}\n${textOf(s.blocks)}`)].join("\n");

function withImplementation(): ReturnType<typeof exampleDeal> {
  const deal = exampleDeal();
  deal.implementation = {
    milestones: [
      { id: "design", name: "Solution design", deliverables: ["Design document", "Data migration plan"], dueDate: "2027-01-15", acceptanceCriteria: "Signed off by the project board" },
      { id: "go-live", name: "Go-live", deliverables: ["Production tenant"], dueDate: "2027-03-01" },
    ],
    acceptance: { reviewPeriodDays: 10, deemedAcceptance: true, maxFailedRounds: 2 },
  };
  return deal;
}

let example: DraftResult<never>;
let implemented: DraftResult<never>;
beforeAll(async () => {
  example = await draft(exampleDeal(), { fonts: defaultFonts() });
  implemented = await draft(withImplementation(), { formats: ["md"] });
});

describe("the agreement family", () => {
  it("opens with an order form holding the key commercial terms, then the contents, each on its own page", () => {
    const front = example.model.front;
    const table = front.find((b): b is Table => b.kind === "table");
    expect(table).toBeDefined();
    const rows = Object.fromEntries(table!.rows.map((_, i) => [cellText(table!, i, 0), cellText(table!, i, 1)]));
    expect(rows).toMatchObject({
      Customer: "Harborview Logistics, Inc., 1200 Market Street, Suite 400, Wilmington, DE 19801, USA",
      "Agreement reference": "CW-2026-0142",
      "Effective Date": "December 1, 2026",
      "Initial Term": "thirty-six (36) months, ending on November 30, 2029",
      Fees: "USD 160,250.50 for the first year, as set out in Schedule 1 (Fees and Payment)",
      "Availability target": "99.9% per calendar month, as set out in Schedule 2 (Service Levels)",
      "Governing law": "The laws of the State of Delaware, United States of America",
      Disputes: "The courts set out in Section 28 (Dispute Resolution)",
    });
    expect(front.map((b) => b.kind)).toEqual([
      "paragraph",
      "paragraph",
      "paragraph",
      "paragraph",
      "table",
      "pageBreak",
      "contents",
      "pageBreak",
      "paragraph",
      "paragraph",
      "list",
      "paragraph",
      "paragraph",
      "list",
      "paragraph",
    ]);
    // The precedence clause ranks "the Order Form" and "these Standard Terms": each is labelled as such.
    const heading = front[8];
    expect(heading?.kind === "paragraph" ? heading.runs.map((r) => r.text).join("") : "").toBe("Standard Terms");
  });

  it("numbers schedules apart from the clauses, after the signature page, and lists both in the contents", () => {
    expect(example.model.schedules.map((s) => [s.label, s.title, s.subclauses.map((x) => x.number).join(" ")])).toEqual([
      ["Schedule 1 —", "Fees and Payment", "1. 2. 3. 4. 5. 6."],
      ["Schedule 2 —", "Service Levels", "1. 2. 3. 4. 5. 6. 7. 8."],
    ]);
    const contents = example.model.front.find((b): b is Contents => b.kind === "contents");
    expect(contents?.entries.map((e) => `${e.label} ${e.title}`)).toEqual([
      ...example.model.clauses.map((c) => `${c.label} ${c.title}`),
      "Schedule 1 — Fees and Payment",
      "Schedule 2 — Service Levels",
    ]);
    expect(contents?.entries.at(-1)?.anchor).toBe("cw-sla");
  });

  it("generates the order of precedence from the documents present", () => {
    const precedence = example.model.clauses.find((c) => c.id === "precedence")!;
    expect(clauseText(precedence)).toContain("This Agreement consists of the Order Form, these Standard Terms and the following Schedules:");
    expect(clauseText(precedence)).toContain("(a) the Order Form;\n(b) the Schedules, each only as to its subject matter;\n(c) these Standard Terms.");
    const refs = precedence.subclauses[0]!.blocks.flatMap((b) => (b.kind === "list" ? b.items.flatMap((i) => i.runs) : [])).map((r) => [r.type, r.text]);
    expect(refs).toEqual([
      ["ref", "Schedule 1 (Fees and Payment)"],
      ["ref", "Schedule 2 (Service Levels)"],
    ]);

    const withPlan = implemented.model.clauses.find((c) => c.id === "precedence")!;
    expect(withPlan.subclauses[0]!.blocks.flatMap((b) => (b.kind === "list" ? b.items : [])).map((i) => i.runs.map((r) => r.text).join(""))).toEqual([
      "Schedule 1 (Fees and Payment)",
      "Schedule 2 (Service Levels)",
      "Schedule 3 (Implementation Plan)",
    ]);
  });

  it("when the order form must cite the section it changes, says so and drops it from the ranking", async () => {
    const deal = exampleDeal();
    (deal.agreement as Record<string, unknown>).precedence = "orderFormMustCiteSection";
    const r = await draft(deal, { formats: ["md"] });
    const text = clauseText(r.model.clauses.find((c) => c.id === "precedence")!);
    expect(text).toContain("(a) the Schedules, each only as to its subject matter;\n(b) these Standard Terms.");
    expect(text).toContain("The Order Form changes these Standard Terms only where it expressly names the section it changes");
  });

  it("adds the implementation plan as a schedule only when the deal has milestones", () => {
    expect(example.model.schedules.some((s) => s.id === "implementation-plan")).toBe(false);
    const plan = implemented.model.schedules.find((s) => s.id === "implementation-plan")!;
    expect(plan.label).toBe("Schedule 3 —");
    const table = plan.subclauses[0]!.blocks.find((b): b is Table => b.kind === "table")!;
    expect([0, 1].map((row) => [0, 1, 2, 3].map((col) => cellText(table, row, col)))).toEqual([
      ["Solution design", "Design document; Data migration plan", "January 15, 2027", "Signed off by the project board"],
      ["Go-live", "Production tenant", "March 1, 2027", "Conforms to the Documentation"],
    ]);
    expect(clauseText(plan)).toMatch(/Each milestone is tested and accepted as set out in Section \d+ \(Delivery and Acceptance\)\./);
    expect(implemented.markdown).toContain("## Schedule 3 — Implementation Plan");
  });
});

describe("one numbering in every format", () => {
  const expected = (): string[] => [...example.model.clauses, ...example.model.schedules].map((c) => `${c.label} ${c.title}`);
  const inOrder = (text: string, headings: string[]): void => {
    let at = 0;
    for (const h of headings) {
      const i = text.indexOf(h, at);
      expect(i, `"${h}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = i + h.length;
    }
  };
  it("Markdown has every clause and schedule heading, in order", () => {
    inOrder(
      example.markdown!,
      expected().map((h) => `## ${h}`),
    );
  });
  itWithTools(["pdftotext"], "the PDF has every heading in order, after its contents page", () => {
    const text = pdfText(example.pdf!, false).replace(/[ \t]+/g, " ");
    const body = text.slice(text.indexOf("1. Definitions and Interpretation\n", text.indexOf("Schedule 2 — Service Levels") + 10));
    inOrder(body, expected());
  });
  itWithTools(
    ["soffice"],
    "the DOCX, laid out by LibreOffice, has every heading in order and the pre-filled contents",
    () => {
      const text = docxTextViaLibreOffice(example.docx!).replace(/\s+/g, " ");
      inOrder(text, ["Contents", ...expected(), ...expected()]);
    },
    60_000,
  );
});

describe("DOCX furniture", () => {
  it("has a real TOC field whose entries are already written, linked to the heading bookmarks", async () => {
    const { unzipSync, strFromU8 } = await import("fflate");
    const xml = strFromU8(unzipSync(example.docx!)["word/document.xml"]!);
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-1&quot;/);
    for (const c of example.model.clauses) expect(xml).toContain(`<w:t xml:space="preserve">${c.label} ${c.title}</w:t>`);
    expect(xml).toContain('w:anchor="cw_liability"');
    expect(xml).toContain('<w:bookmarkStart w:name="cw_liability"');
    // Schedules start on a new page.
    expect(xml).toMatch(/<w:pageBreakBefore\/>[\s\S]{0,400}Schedule 1 — Fees and Payment/);
  });
  itWithTools(
    ["soffice", "pdftotext"],
    "lays out with 'Page X of Y' footers on every page",
    async () => {
      const { libreofficeConvert } = await import("./helpers/tools.js");
      const pdf = libreofficeConvert(example.docx!, "pdf");
      const text = pdfText(new Uint8Array(pdf));
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", ["-"], { input: pdf, encoding: "utf8" }))?.[1]);
      expect(pages).toBeGreaterThan(5);
      for (let p = 1; p <= pages; p++) expect(text).toContain(`Page ${p} of ${pages}`);
    },
    60_000,
  );
});

describe("PDF furniture", () => {
  itWithTools(["qpdf"], "has an outline entry for every clause and schedule, with titled sub-clauses beneath", () => {
    const dir = tempDir();
    const file = join(dir, "a.pdf");
    writeFileSync(file, example.pdf!);
    const json = JSON.parse(execFileSync("qpdf", ["--json", "--json-key=outlines", file], { encoding: "utf8" })) as { outlines: { title: string; kids: unknown[] }[] };
    expect(json.outlines.map((o) => o.title)).toEqual([...example.model.clauses.map((c) => `${c.label} ${c.title}`), "Signatures", ...example.model.schedules.map((c) => `${c.label} ${c.title}`)]);
    const liability = json.outlines.find((o) => o.title.endsWith("Limitation of Liability"))!;
    expect(liability.kids.length).toBe(example.model.clauses.find((c) => c.id === "liability")!.subclauses.filter((s) => s.title).length);
  });
  itWithTools(["pdftotext"], "fills the contents page numbers from where the headings landed", () => {
    const pages = pdfText(example.pdf!).split("\f");
    const contents = pages[1]!;
    const line = contents.split("\n").find((l) => l.includes("Schedule 2 — Service Levels"))!;
    const page = Number(/(\d+)\s*$/.exec(line)?.[1]);
    expect(pages[page - 1]).toContain("Schedule 2 — Service Levels");
    expect(pages.length - 1).toBeGreaterThanOrEqual(page);
  });
});

describe("the assembly record", () => {
  it("changes only the hash of the clause whose template changed", async () => {
    const pack = builtinPack();
    const edited: Pack = {
      ...pack,
      clauses: pack.clauses.map((c) =>
        c.id !== "confidentiality"
          ? c
          : {
              ...c,
              // Both languages change alike: a paragraph in one only would fail the language-structure check.
              variants: c.variants.map((v) => ({
                ...v,
                templates: {
                  en: { ...v.templates.en!, text: `${v.templates.en!.text}\nThe Parties value discretion.\n` },
                  zh: { ...v.templates.zh!, text: `${v.templates.zh!.text}\n双方重视保密。\n` },
                },
              })),
            },
      ),
    };
    const before = await draft(exampleDeal(), { formats: ["md"], catalog: createCatalog([pack]) });
    const after = await draft(exampleDeal(), { formats: ["md"], catalog: createCatalog([edited]) });
    const changed = before.record.clauses.filter((c, i) => c.templateSha256 !== after.record.clauses[i]!.templateSha256).map((c) => c.id);
    expect(changed).toEqual(["confidentiality"]);
    expect(after.record.dealSha256).toBe(before.record.dealSha256);
    expect(before.record.clauses.map((c) => c.id)).toEqual(before.assembly.clauses.map((c) => c.id));
  });
});

describe("dropping an optional clause", () => {
  const files = (dir: string, root = dir, out: Record<string, string> = {}): Record<string, string> => {
    for (const n of readdirSync(dir)) {
      const f = join(dir, n);
      if (statSync(f).isDirectory()) files(f, root, out);
      else out[f.slice(root.length + 1)] = readFileSync(f, "utf8");
    }
    return out;
  };
  let withBeta: DraftResult<never>;
  let withoutBeta: DraftResult<never>;
  beforeAll(async () => {
    const { parsePack } = await import("../src/catalog/parse-pack.js");
    const { pack } = parsePack(files(new URL("./fixtures/packs/mini", import.meta.url).pathname));
    const catalog = createCatalog([pack!]);
    const on = exampleDeal();
    (on.options as Record<string, unknown>).terminationForConvenience = { noticeDays: 30 };
    const off = exampleDeal();
    (off.options as Record<string, unknown>).terminationForConvenience = false;
    withBeta = await draft(on, { catalog, fonts: defaultFonts() });
    withoutBeta = await draft(off, { catalog, fonts: defaultFonts() });
  });

  it("renumbers every later clause and every reference to one in the model", () => {
    expect(withBeta.model.clauses.map((c) => c.label + " " + c.title)).toEqual(["1. Alpha", "2. Beta", "3. Gamma"]);
    expect(withoutBeta.model.clauses.map((c) => c.label + " " + c.title)).toEqual(["1. Alpha", "2. Gamma"]);
    expect(withBeta.markdown).toContain("[Section 3.1 (Cap)](#cw-gamma-cap)");
    expect(withoutBeta.markdown).toContain("[Section 2.1 (Cap)](#cw-gamma-cap)");
    expect(withoutBeta.markdown).not.toContain("Section 3.1");
  });
  itWithTools(
    ["pdftotext", "soffice"],
    "identically in the PDF and the DOCX",
    () => {
      for (const [r, n] of [
        [withBeta, "3"],
        [withoutBeta, "2"],
      ] as const) {
        const pdf = pdfText(r.pdf!, false).replace(/\s+/g, " ");
        const docx = docxTextViaLibreOffice(r.docx!).replace(/\s+/g, " ");
        for (const text of [pdf, docx]) {
          expect(text).toContain(`${n}. Gamma`);
          expect(text).toContain(`see Section ${n}.1 (Cap)`);
        }
        expect(pdf.includes("2. Beta")).toBe(n === "3");
        expect(docx.includes("2. Beta")).toBe(n === "3");
      }
    },
    60_000,
  );
});

describe("agreement layouts in parts", () => {
  const layoutPack = (layout: string): Pack => {
    const { parsePack } = parsePackModule;
    const { pack, problems } = parsePack({ "pack.yaml": "name: house\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: [en, zh]\n", "agreements/short.yaml": layout });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    return pack!;
  };
  let parsePackModule: typeof import("../src/catalog/parse-pack.js");
  beforeAll(async () => {
    parsePackModule = await import("../src/catalog/parse-pack.js");
  });

  it("the built-in layout comes from templates/crm/crm-saas.yaml with its parts", () => {
    const layout = createCatalog([builtinPack()]).agreements.get("crm-saas")!;
    expect(layout.file).toBe("agreements/crm-saas.yaml");
    expect(layout.parts?.cover).toEqual(["order-form"]);
    expect(layout.parts?.schedules).toEqual(["fees", "sla", "implementation-plan"]);
    expect(layout.clauses.at(-4)).toBe("signatures");
  });

  it("a pack's layout file drafts a shorter agreement in that order", async () => {
    const pack = layoutPack(
      "id: short\ntitle: { en: Short Form, zh: 简式协议 }\nstandardTerms: [parties, definitions, scope, payment, term, termination, confidentiality, liability, governing-law, disputes, language, signatures]\nschedules: [fees, sla]\n",
    );
    const r = await draft(exampleDeal(), { formats: ["md"], packs: [pack], agreement: "short", force: true });
    expect(r.model.clauses.map((c) => c.id)).toEqual(["definitions", "scope", "payment", "term", "termination", "confidentiality", "liability", "governing-law", "disputes"]);
    expect(r.model.schedules.map((s) => s.label)).toEqual(["Schedule 1 —", "Schedule 2 —"]);
  });

  it("refuses a clause listed in a part its placement does not fit, naming the layout file", () => {
    const pack = layoutPack("id: wrong\ntitle: { en: Wrong, zh: 错误 }\nstandardTerms: [parties, fees, signatures]\nschedules: [liability]\n");
    let problems: readonly { code: string; file?: string; clause?: string }[] = [];
    try {
      createCatalog([builtinPack(), pack]);
    } catch (e) {
      problems = (e as { problems: typeof problems }).problems;
    }
    expect(problems.filter((p) => p.code === "PACK_LAYOUT_PLACEMENT").map((p) => [p.file, p.clause])).toEqual([
      ["agreements/short.yaml", "fees"],
      ["agreements/short.yaml", "liability"],
    ]);
  });
});
