import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ClausewrightError } from "../src/errors/error.js";
import type { DocumentModel } from "../src/model/types.js";
import { defaultFonts } from "../src/node/fonts.js";
import { renderPdf } from "../src/render/pdf/index.js";
import { NASTY_NAME, sampleModel } from "./fixtures/sample-model.js";
import { itWithTools, pdfText, qpdfCheck, tempDir } from "./helpers/tools.js";

function withFile<T>(pdf: Uint8Array, fn: (file: string) => T): T {
  const dir = tempDir();
  try {
    const f = join(dir, "a.pdf");
    writeFileSync(f, pdf);
    return fn(f);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Top-level outline titles, read from qpdf's JSON. */
function outlineTitles(pdf: Uint8Array): string[] {
  return withFile(pdf, (f) => {
    const json = JSON.parse(execFileSync("qpdf", ["--json", "--json-key=outlines", f], { encoding: "utf8" })) as { outlines: { title: string }[] };
    return json.outlines.map((o) => o.title);
  });
}

describe("renderPdf", () => {
  itWithTools(["qpdf", "pdftotext", "pdffonts"], "is a valid PDF with the text, embedded fonts, an outline and page numbers", async () => {
    const pdf = await renderPdf(sampleModel, { fonts: defaultFonts() });
    expect(qpdfCheck(pdf)).toContain("No syntax or stream encoding errors found");
    const text = pdfText(pdf, false).replace(/\s+/g, " ");
    expect(text).toContain("1. Definitions");
    expect(text).toContain("3.1 Liability Cap");
    expect(text).toContain("(a) the invoice states the agreement reference;");
    expect(text).toContain("(ii) optional modules.");
    expect(text).toContain(NASTY_NAME);
    expect(text).toContain("USD 38,500.00");
    const pages = Number(/Pages:\s+(\d+)/.exec(withFile(pdf, (f) => execFileSync("pdfinfo", [f], { encoding: "utf8" })))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    const fonts = withFile(pdf, (f) => execFileSync("pdffonts", [f], { encoding: "utf8" }));
    expect(fonts).toMatch(/NotoSerif-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    expect(fonts).toMatch(/NotoSerif-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    expect(outlineTitles(pdf)).toEqual(["1. Definitions", "2. Fees and Payment", "3. Limitation of Liability", "Signatures"]);
    const info = withFile(pdf, (f) => execFileSync("pdfinfo", [f], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } }));
    expect(info).toMatch(/Title:\s+CRM Cloud Services Agreement/);
    expect(info).toMatch(/CreationDate:\s+Tue Dec\s+1 00:00:00 2026/);
  });

  it("is byte-identical across renders", async () => {
    const a = await renderPdf(sampleModel, { fonts: defaultFonts() });
    await new Promise((r) => setTimeout(r, 1100));
    const b = await renderPdf(sampleModel, { fonts: defaultFonts() });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("reports a character the font cannot draw, with where it is", async () => {
    const bad: DocumentModel = {
      ...sampleModel,
      clauses: [{ ...sampleModel.clauses[0]!, blocks: [{ kind: "paragraph", role: "body", runs: [{ type: "text", text: "smile \u{1F600}" }] }] }],
    };
    const err = await renderPdf(bad, { fonts: defaultFonts() }).catch((e: unknown) => e);
    expect(ClausewrightError.is(err)).toBe(true);
    const p = (err as ClausewrightError).problems[0];
    expect(p).toMatchObject({ code: "RENDER_MISSING_GLYPH" });
    expect(p.message).toContain("U+1F600");
    expect(p.message).toContain("clause 1 (definitions)");
  });
});

describe("renderPdf across documents", () => {
  it("writes the same bytes for a document whatever was rendered before it in the process (word layouts are shared per font)", async () => {
    const fonts = defaultFonts();
    const model = sampleModel;
    // Fonts parsed afresh: the first render starts with empty caches.
    const fresh = { regular: new Uint8Array(fonts.regular), bold: new Uint8Array(fonts.bold), italic: new Uint8Array(fonts.italic), boldItalic: new Uint8Array(fonts.boldItalic) };
    const first = await renderPdf(model, { fonts: fresh });
    const other: DocumentModel = { ...model, meta: { ...model.meta, title: "Another agreement entirely" } };
    await renderPdf(other, { fonts: fresh });
    const again = await renderPdf(model, { fonts: fresh });
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });
});
