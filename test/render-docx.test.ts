import { ExternalHyperlink, Document, Packer, Paragraph, TextRun } from "docx";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ClausewrightError } from "../src/errors/error.js";
import type { DocumentModel, List } from "../src/model/types.js";
import { normaliseDocx } from "../src/render/docx/deterministic.js";
import { renderDocx } from "../src/render/docx/index.js";
import { levelSpecOf } from "../src/render/docx/numbering.js";
import { coreXml } from "../src/render/docx/properties.js";
import { bookmarkName } from "../src/render/docx/text.js";
import { NASTY_NAME, sampleModel } from "./fixtures/sample-model.js";
import { docxTextViaLibreOffice, itWithTools, libreofficeConvert, pdfText } from "./helpers/tools.js";

function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

function part(bytes: Uint8Array, name: string): string {
  const p = parts(bytes)[name];
  if (p === undefined) throw new Error(`no ${name} in the package`);
  return p;
}

/** The DOS time and date words of every local and central header, read straight from the zip. */
function zipStamps(zip: Uint8Array): { name: string; time: number; date: number; localTime: number; localDate: number }[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  expect(v.getUint32(eocd, true)).toBe(0x06054b50);
  const out = [];
  let p = v.getUint32(eocd + 16, true);
  for (let i = 0; i < v.getUint16(eocd + 10, true); i++) {
    const nameLength = v.getUint16(p + 28, true);
    const local = v.getUint32(p + 42, true);
    out.push({
      name: strFromU8(zip.subarray(p + 46, p + 46 + nameLength)),
      time: v.getUint16(p + 12, true),
      date: v.getUint16(p + 14, true),
      localTime: v.getUint16(local + 10, true),
      localDate: v.getUint16(local + 12, true),
    });
    p += 46 + nameLength + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return out;
}

const lettered = (labels: string[], depth = 0): List => ({
  kind: "list",
  style: depth % 3 === 1 ? "roman" : "lettered",
  depth,
  items: labels.map((label) => ({ label, runs: [{ type: "text", text: `item ${label}` }] })),
});

/** The sample with extra blocks in clause 1. */
function withBlocks(blocks: DocumentModel["clauses"][number]["blocks"]): DocumentModel {
  const [first, ...rest] = sampleModel.clauses;
  if (!first) throw new Error("sample has no clauses");
  return { ...sampleModel, clauses: [{ ...first, blocks: [...first.blocks, ...blocks] }, ...rest] };
}

describe("renderDocx: structure", () => {
  it("uses real Heading 1/2 styles with keep-with-next, for '{label} {title}' and '{number} {title}'", async () => {
    const docx = await renderDocx(sampleModel);
    const doc = part(docx, "word/document.xml");
    expect(doc).toMatch(/<w:pStyle w:val="Heading1"\/><\/w:pPr><w:bookmarkStart w:name="cl_definitions" w:id="\d+"\/><w:r><w:t xml:space="preserve">1\. Definitions<\/w:t>/);
    expect(doc).toMatch(/<w:pStyle w:val="Heading2"\/><\/w:pPr><w:bookmarkStart w:name="cl_liability_cap" w:id="\d+"\/><w:r><w:t xml:space="preserve">3\.1 Liability Cap<\/w:t>/);
    expect(doc).toContain('<w:pStyle w:val="Title"/>');
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const styles = part(docx, "word/styles.xml");
    const h1 = /<w:style [^>]*w:styleId="Heading1">.*?<\/w:style>/.exec(styles)?.[0] ?? "";
    expect(h1).toContain("<w:keepNext/>");
    expect(h1).toContain('w:ascii="Noto Serif"');
    expect(styles).toMatch(/<w:docDefaults>.*<w:sz w:val="22"\/>.*<\/w:docDefaults>/);
  });

  it("takes the Latin font from the options", async () => {
    expect(part(await renderDocx(sampleModel, { font: "Georgia" }), "word/styles.xml")).toContain('w:ascii="Georgia"');
  });

  it("numbers lists with Word numbering that reproduces the model's labels: (a) at level 0, (i) nested at level 1", async () => {
    const docx = await renderDocx(sampleModel);
    const doc = part(docx, "word/document.xml");
    const numbering = part(docx, "word/numbering.xml");
    const numIds = [...doc.matchAll(/<w:numPr><w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/g)].map((m) => `${m[1]}:${m[2]}`);
    // (a) (b) [(i) (ii)] (c): one instance, the nested list one level down.
    expect(numIds).toHaveLength(5);
    expect(new Set(numIds.map((n) => n.split(":")[1])).size).toBe(1);
    expect(numIds.map((n) => n.split(":")[0])).toEqual(["0", "0", "1", "1", "0"]);
    expect(numbering).toMatch(/<w:lvl w:ilvl="0"[^>]*><w:start w:val="1"\/><w:numFmt w:val="lowerLetter"\/><w:lvlText w:val="\(%1\)"\/>/);
    expect(numbering).toMatch(/<w:lvl w:ilvl="1"[^>]*><w:start w:val="1"\/><w:numFmt w:val="lowerRoman"\/><w:lvlText w:val="\(%2\)"\/>/);
    // The labels are not also written as text.
    expect(doc).not.toContain(">(a)<");
  });

  it("starts every list at (a) with its own numbering instance", async () => {
    const docx = await renderDocx(withBlocks([lettered(["(a)", "(b)"]), { kind: "paragraph", role: "body", runs: [{ type: "text", text: "between" }] }, lettered(["(a)", "(b)", "(c)"])]));
    const doc = part(docx, "word/document.xml");
    const numbering = part(docx, "word/numbering.xml");
    const ids = [...doc.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]);
    expect(ids.slice(0, 5)).toEqual([ids[0], ids[0], ids[2], ids[2], ids[2]]);
    expect(ids[0]).not.toBe(ids[2]);
    for (const id of new Set(ids)) {
      expect(numbering).toMatch(new RegExp(`<w:num w:numId="${id}"><w:abstractNumId w:val="\\d+"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>`));
    }
  });

  it("derives levels from the labels: Chinese counting, decimals, bullets; unknown schemes stay literal text", async () => {
    expect(levelSpecOf(["(一)", "(二)", "(十一)"].slice(0, 2))).toMatchObject({ format: "chineseCounting", prefix: "(", suffix: ")" });
    expect(levelSpecOf(["1.", "2.", "3."])).toMatchObject({ format: "decimal", prefix: "", suffix: "." });
    expect(levelSpecOf(["(i)"])).toMatchObject({ format: "lowerRoman" });
    expect(levelSpecOf(["•", "•"])).toMatchObject({ format: "bullet", prefix: "•" });
    // Word's lowerLetter goes y, z, aa, bb; a model counting z, aa, ab is not what Word would draw.
    expect(levelSpecOf(Array.from({ length: 28 }, (_, i) => `(${i < 26 ? String.fromCharCode(97 + i) : ["aa", "ab"][i - 26]})`))).toBeUndefined();

    const docx = await renderDocx(withBlocks([lettered(["(一)", "(二)"]), lettered(["A-1", "B-7"])]));
    const doc = part(docx, "word/document.xml");
    expect(part(docx, "word/numbering.xml")).toMatch(/<w:numFmt w:val="chineseCounting"\/><w:lvlText w:val="\(%1\)"\/>/);
    expect(doc).toMatch(/<w:t xml:space="preserve">A-1<\/w:t><w:tab\/><\/w:r>/);
    expect(doc).toMatch(/<w:t xml:space="preserve">B-7<\/w:t><w:tab\/>/);
  });

  it("puts a sub-clause number without a title before its text, with a tab and a hanging indent, bookmarked", async () => {
    const doc = part(await renderDocx(sampleModel), "word/document.xml");
    expect(doc).toMatch(
      /<w:p><w:pPr><w:ind w:left="709" w:hanging="709"\/><\/w:pPr><w:bookmarkStart w:name="cl_definitions_1" w:id="\d+"\/><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">1\.1<\/w:t><w:tab\/><\/w:r><w:bookmarkEnd w:id="\d+"\/><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">&quot;Customer Data&quot;<\/w:t>/,
    );
  });

  it("links references to bookmarks that exist, with unique bookmark ids", async () => {
    const doc = part(await renderDocx(sampleModel), "word/document.xml");
    const anchors = [...doc.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toEqual(["cl_liability_cap"]);
    const names = [...doc.matchAll(/<w:bookmarkStart w:name="([^"]+)" w:id="(\d+)"\/>/g)];
    expect(names.map((m) => m[1])).toEqual(["cl_definitions", "cl_definitions_1", "cl_definitions_2", "cl_fees", "cl_fees_invoicing", "cl_liability", "cl_liability_cap"]);
    expect(names.map((m) => m[2])).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(doc).toMatch(/<w:hyperlink w:history="1" w:anchor="cl_liability_cap"><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><\/w:rPr><w:t xml:space="preserve">Section 3\.1 \(Liability Cap\)<\/w:t>/);
  });

  it("writes a reference to an anchor the document lacks as plain text, not a dead link", async () => {
    const doc = part(await renderDocx(withBlocks([{ kind: "paragraph", role: "body", runs: [{ type: "ref", target: "cl-nowhere", text: "Section 99" }] }])), "word/document.xml");
    expect(doc).not.toContain("cl_nowhere");
    expect(doc).toContain(">Section 99<");
  });

  it("maps anchors to valid, stable, distinct bookmark names", () => {
    const anchors = ["cw-liability-cap", "cw-liability_cap", "cw-liability--cap", "9-lives", "x".repeat(41), "x".repeat(40) + "y", "中文", "", "cw-a.b"];
    const names = anchors.map(bookmarkName);
    for (const n of names) expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
    expect(new Set(names).size).toBe(anchors.length);
    expect(names[0]).toBe("cw_liability_cap");
    expect(anchors.map(bookmarkName)).toEqual(names);
  });

  it("draws tables with a repeating shaded header, widths sized to the content, column alignment and bold emphasis rows", async () => {
    const doc = part(await renderDocx(sampleModel), "word/document.xml");
    const table = /<w:tbl>.*?<\/w:tbl>/.exec(doc)?.[0] ?? "";
    // The 9412 twips between the margins in proportion to each column's longest line ("Marketing automation module",
    // "Quantity", "USD 8,500.00", "USD 38,500.00"), no longer the template's equal-ish weights: a wide label column.
    expect(table).toContain('<w:tblGrid><w:gridCol w:w="3760"/><w:gridCol w:w="1510"/><w:gridCol w:w="1935"/><w:gridCol w:w="2207"/></w:tblGrid>');
    expect(table).toContain('<w:tblLayout w:type="fixed"/>');
    expect(table).toMatch(/<w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
    expect(table).toContain('<w:shd w:fill="E5E7EB"');
    expect(table).toMatch(/<w:insideH w:val="single"/);
    expect(table).toMatch(/<w:jc w:val="right"\/><\/w:pPr><w:r><w:t xml:space="preserve">USD 120\.00</);
    expect(table).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">Total</);
    // The empty cells of the total row are empty paragraphs.
    expect(table).toMatch(/<w:p><w:pPr><w:pStyle w:val="TableText"\/><w:jc w:val="right"\/><\/w:pPr><\/w:p>/);
  });

  it("starts the signature page on a new page with one borderless column per party", async () => {
    const doc = part(await renderDocx(sampleModel), "word/document.xml");
    expect(doc).toMatch(/<w:pPr><w:pStyle w:val="Heading1"\/><w:pageBreakBefore\/><\/w:pPr><w:r><w:t xml:space="preserve">Signatures<\/w:t>/);
    const sig = doc.slice(doc.lastIndexOf("<w:tbl>"));
    expect(sig).toContain('<w:top w:val="none"');
    expect(sig.match(/<w:tc>/g)).toHaveLength(2);
    expect(sig).toContain(">CUSTOMER<");
    expect(sig).toContain(">Name: Jane Doe<");
    // A line to sign on is its label, then an empty paragraph whose bottom border runs the column's full width.
    expect(sig).toContain(">Signature:<");
    expect(sig).toContain(">Date:<");
    expect(sig.match(/<w:pBdr><w:bottom w:val="single"/g)).toHaveLength(4);
  });

  it("turns tabs and newlines in text into Word tabs and breaks", async () => {
    const doc = part(await renderDocx(withBlocks([{ kind: "paragraph", role: "body", runs: [{ type: "text", text: "a\tb\nc" }] }])), "word/document.xml");
    expect(doc).toContain('<w:r><w:t xml:space="preserve">a</w:t><w:tab/><w:t xml:space="preserve">b</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">c</w:t></w:r>');
  });

  it("has a header with title and reference and a 'Page X of Y' footer from PAGE and NUMPAGES fields", async () => {
    const p = parts(await renderDocx(sampleModel));
    expect(p["word/header1.xml"]).toContain(">CRM Cloud Services Agreement · CW-2026-0001<");
    const footer = p["word/footer1.xml"] ?? "";
    expect(footer).toMatch(/>Page <\/w:t>.*<w:instrText xml:space="preserve">PAGE<\/w:instrText>.*> of <\/w:t>.*<w:instrText xml:space="preserve">NUMPAGES<\/w:instrText>/);
  });

  it("fills the document properties from the model", async () => {
    const p = parts(await renderDocx({ ...sampleModel, meta: { ...sampleModel.meta, record: '{"v":1}' } }));
    const core = p["docProps/core.xml"] ?? "";
    expect(core).toContain("<dc:title>CRM Cloud Services Agreement</dc:title>");
    expect(core).toContain("<dc:subject>CRM SaaS service agreement</dc:subject>");
    expect(core).toContain("<dc:creator>clausewright test</dc:creator>");
    expect(core).toContain("<cp:lastModifiedBy>clausewright test</cp:lastModifiedBy>");
    expect(core).toContain("<cp:keywords>CW-2026-0001; *Acme* {{x}} &lt;w:t&gt; &amp; ]]&gt;; Northwind Software Inc.</cp:keywords>");
    expect(core).toContain("<dc:description>CRM Cloud Services Agreement (CW-2026-0001): *Acme* {{x}} &lt;w:t&gt; &amp; ]]&gt;; Northwind Software Inc.</dc:description>");
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-12-01T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-12-01T00:00:00Z</dcterms:modified>');
    const custom = p["docProps/custom.xml"] ?? "";
    expect(custom).toContain('name="Reference"><vt:lpwstr>CW-2026-0001</vt:lpwstr>');
    expect(custom).toContain('name="clausewright.record"><vt:lpwstr>{&quot;v&quot;:1}</vt:lpwstr>');
  });

  it("writes Chinese documents with an East Asian font, zh-CN language and a Chinese page footer", async () => {
    const p = parts(await renderDocx({ ...sampleModel, meta: { ...sampleModel.meta, lang: "zh" } }));
    expect(p["word/styles.xml"]).toContain('w:eastAsia="SimSun"');
    expect(p["word/styles.xml"]).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
    expect(p["word/footer1.xml"]).toMatch(/>第 <\/w:t>.*PAGE.* 页，共 .*NUMPAGES.*> 页</);
  });
});

describe("renderDocx: text is data", () => {
  it("stores a nasty party name as escaped text", async () => {
    const p = parts(await renderDocx(sampleModel));
    const escaped = "*Acme* {{x}} &lt;w:t&gt; &amp; ]]&gt;";
    expect(p["word/document.xml"]).toContain(`<w:t xml:space="preserve">${escaped}</w:t>`);
    expect(p["word/document.xml"]).not.toContain(NASTY_NAME);
  });

  it("refuses characters XML cannot carry, naming the code point", async () => {
    const cases: [DocumentModel, string][] = [
      [withBlocks([{ kind: "paragraph", role: "body", runs: [{ type: "text", text: "bell \u0007" }] }]), "U+0007"],
      [{ ...sampleModel, meta: { ...sampleModel.meta, parties: ["Acme\u001B"] } }, "U+001B"],
      [{ ...sampleModel, signatures: { ...sampleModel.signatures, parties: [{ role: "X", name: "lone \uD800 surrogate", lines: [] }] } }, "U+D800"],
      [{ ...sampleModel, meta: { ...sampleModel.meta, title: "\uFFFF" } }, "U+FFFF"],
    ];
    for (const [model, cp] of cases) {
      const err = await renderDocx(model).catch((e: unknown) => e);
      expect(ClausewrightError.is(err)).toBe(true);
      expect((err as ClausewrightError).code).toBe("RENDER_INVALID_CHARACTER");
      expect((err as ClausewrightError).message).toContain(cp);
    }
  });

  it("refuses a creation time that is not a date", async () => {
    const err = await renderDocx({ ...sampleModel, meta: { ...sampleModel.meta, createdAt: "yesterday" } }).catch((e: unknown) => e);
    expect((err as ClausewrightError).code).toBe("RENDER_INVALID_DATE");
  });
});

describe("renderDocx: determinism", () => {
  it("gives identical bytes seconds apart and in another time zone", async () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = "Pacific/Kiritimati";
      const a = await renderDocx(sampleModel);
      await new Promise((r) => setTimeout(r, 2100));
      // Node re-reads TZ when it is assigned.
      process.env.TZ = "America/Los_Angeles";
      expect(new Date(0).getHours()).toBe(16);
      const b = await renderDocx(sampleModel);
      expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it("stamps every zip entry with the model's creation time, as DOS time in UTC", async () => {
    const model = { ...sampleModel, meta: { ...sampleModel.meta, createdAt: "2027-03-14T15:09:26.000Z" } };
    const stamps = zipStamps(await renderDocx(model));
    expect(stamps.length).toBeGreaterThan(10);
    const time = (15 << 11) | (9 << 5) | (26 >> 1);
    const date = ((2027 - 1980) << 9) | (3 << 5) | 14;
    for (const s of stamps) expect(s).toMatchObject({ time, date, localTime: time, localDate: date });
  });

  it("renames random relationship ids consistently across parts, in order of appearance", async () => {
    // External hyperlinks are one place the docx package names relationships with nanoid.
    const when = new Date("2026-12-01T00:00:00Z");
    const links = [new ExternalHyperlink({ link: "https://example.com/a", children: [new TextRun("a")] }), new ExternalHyperlink({ link: "https://example.com/b", children: [new TextRun("b")] })];
    // core.xml carries the clock unless replaced, as renderDocx does.
    const core = [{ path: "docProps/core.xml", data: coreXml(sampleModel.meta, when) }];
    const pack = () => Packer.pack(new Document({ sections: [{ children: [new Paragraph({ children: links })] }] }), "uint8array", false, core);
    const a = normaliseDocx(await pack(), when);
    const b = normaliseDocx(await pack(), when);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const p = parts(a);
    expect(p["word/_rels/document.xml.rels"]).toMatch(/Id="rIdcw1"[^>]*Target="https:\/\/example\.com\/a"/);
    expect(p["word/_rels/document.xml.rels"]).toMatch(/Id="rIdcw2"[^>]*Target="https:\/\/example\.com\/b"/);
    expect(p["word/document.xml"]).toContain('r:id="rIdcw1"');
    expect(p["word/document.xml"]).toContain('r:id="rIdcw2"');
    for (const [name, xml] of Object.entries(p)) expect(xml, name).not.toMatch(/"rId(?!cw\d|\d)[^"]*"/);
  });

  it("has no random-looking ids anywhere in the package", async () => {
    for (const [name, xml] of Object.entries(parts(await renderDocx(sampleModel)))) {
      expect(xml, name).not.toMatch(/"rId(?!\d+")[^"]*"/);
      // nanoid's alphabet, 21 characters, as docx's uniqueId() makes them
      expect(xml, name).not.toMatch(/"[a-z0-9_-]{21}"/);
    }
  });
});

describe("renderDocx: LibreOffice", () => {
  itWithTools(
    ["soffice"],
    "opens in LibreOffice with headings, list labels and the literal name",
    async () => {
      const text = docxTextViaLibreOffice(await renderDocx(sampleModel)).replace(/\s+/g, " ");
      expect(text).toContain("1. Definitions");
      expect(text).toContain("3.1 Liability Cap");
      expect(text).toContain('1.1 "Customer Data" means');
      expect(text).toContain("(a) the invoice states the agreement reference;");
      expect(text).toContain("(b) the invoice itemises each module; and");
      expect(text).toContain("(i) base modules;");
      expect(text).toContain("(ii) optional modules.");
      expect(text).toContain("(c) late amounts bear interest");
      expect(text).toContain(`This Agreement is made between ${NASTY_NAME} (the "Customer")`);
      expect(text).toContain(`CUSTOMER ${NASTY_NAME} Signature:`);
    },
    120_000,
  );

  itWithTools(
    ["soffice", "pdftotext"],
    "lays out as a PDF with 'Page 1 of 2' footers, the header and the signature page on page 2",
    async () => {
      const pages = pdfText(libreofficeConvert(await renderDocx(sampleModel), "pdf")).split("\f");
      expect(pages[0]).toContain("Page 1 of 2");
      expect(pages[0]).toContain("CRM Cloud Services Agreement · CW-2026-0001");
      expect(pages[0]).not.toContain("Signatures");
      expect(pages[1]).toContain("Page 2 of 2");
      expect(pages[1]).toContain("Signatures");
      expect(pages[1]).toContain(NASTY_NAME);
    },
    120_000,
  );
});

describe("DOCX document defaults by language", () => {
  it("marks shared characters East Asian only in a Chinese document, never in a bilingual one (its English would break between any two letters)", async () => {
    const { styles } = await import("../src/render/docx/styles.js");
    const fontOf = (s: ReturnType<typeof styles>): unknown => s.default?.document?.run?.font;
    expect(fontOf(styles("Noto Serif", "zh"))).toMatchObject({ hint: "eastAsia" });
    expect(fontOf(styles("Noto Serif", "zh", true))).not.toHaveProperty("hint");
    expect(styles("Noto Serif", "zh", true).default?.document?.run).not.toHaveProperty("language");
    expect(fontOf(styles("Noto Serif", "en", true))).not.toHaveProperty("hint");
  });
});
