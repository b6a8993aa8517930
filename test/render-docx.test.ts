import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderDocx } from "../src/render/docx/index.js";
import { ClausewrightError } from "../src/errors/error.js";
import type { DocumentModel } from "../src/model/types.js";
import { docxTextViaLibreOffice, itWithTools } from "./helpers/tools.js";
import { NASTY_NAME, sampleModel } from "./fixtures/sample-model.js";

function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

describe("renderDocx", () => {
  it("writes real heading styles, list numbering, bookmarks and internal links", async () => {
    const p = parts(await renderDocx(sampleModel));
    const doc = p["word/document.xml"]!;
    expect(doc).toContain('<w:pStyle w:val="Heading1"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading2"/>');
    expect(doc).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    expect(doc).toMatch(/<w:numPr><w:ilvl w:val="1"\/>/);
    expect(doc).toMatch(/<w:hyperlink [^>]*w:anchor="cl_liability_cap"/);
    expect(doc).toContain('w:name="cl_liability_cap"');
    expect(doc).toContain("<w:tblHeader/>");
    expect(p["word/numbering.xml"]).toContain('<w:lvlText w:val="(%1)"/>');
    expect(p["word/numbering.xml"]).toContain('<w:numFmt w:val="lowerRoman"/>');
    const footer = Object.entries(p).find(([k]) => /word\/footer\d*\.xml/.test(k))?.[1] ?? "";
    expect(footer).toContain("PAGE");
    expect(footer).toContain("NUMPAGES");
    expect(p["docProps/core.xml"]).toContain("<dc:title>CRM Cloud Services Agreement</dc:title>");
    expect(p["docProps/core.xml"]).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-12-01T00:00:00Z</dcterms:created>');
    expect(p["docProps/custom.xml"]).toContain("CW-2026-0001");
  });

  it("escapes data: a nasty party name is stored as text", async () => {
    const doc = parts(await renderDocx(sampleModel))["word/document.xml"]!;
    expect(doc).toContain("*Acme* {{x}} &lt;w:t&gt; &amp; ]]&gt;");
  });

  it("is byte-identical across renders, seconds apart", async () => {
    const a = await renderDocx(sampleModel);
    await new Promise((r) => setTimeout(r, 2100));
    const b = await renderDocx(sampleModel);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  }, 20_000);

  it("refuses a character XML cannot carry", async () => {
    const bad: DocumentModel = { ...sampleModel, front: [{ kind: "paragraph", role: "body", runs: [{ type: "text", text: "bell \u0007" }] }] };
    const err = await renderDocx(bad).catch((e: unknown) => e);
    expect(ClausewrightError.is(err)).toBe(true);
    expect((err as ClausewrightError).problems[0]).toMatchObject({ code: "RENDER_INVALID_CHARACTER" });
    expect((err as ClausewrightError).message).toContain("U+0007");
  });

  itWithTools(["soffice"], "opens in LibreOffice with headings, labels and the literal name", async () => {
    const text = docxTextViaLibreOffice(await renderDocx(sampleModel)).replace(/\s+/g, " ");
    expect(text).toContain("1. Definitions");
    expect(text).toContain("3.1 Liability Cap");
    expect(text).toContain("(a) the invoice states");
    expect(text).toContain("(ii) optional modules");
    expect(text).toContain(NASTY_NAME);
  }, 120_000);
});
