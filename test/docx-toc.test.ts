/**
 * The DOCX table of contents shows page numbers (issue 14): a TOC field whose
 * result is written, each entry with a PAGEREF field whose result is the page
 * LibreOffice puts the heading on (estimated by page-estimate.ts), and the
 * update-fields request for Word. The LibreOffice tests read what LibreOffice
 * shows: the text of the contents, and where the headings are in its PDF.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { DealInput } from "../src/deal/schema.js";
import { draft, type DraftOptions, type DraftResult } from "../src/draft.js";
import type { Block, Clause, Contents, DocumentModel, Paragraph } from "../src/model/types.js";
import { renderDocx } from "../src/render/docx/index.js";
import { estimateHeadingPages } from "../src/render/docx/page-estimate.js";
import { bookmarkName } from "../src/render/docx/text.js";
import { itWithTools, libreofficeConvertAll, pdfText, tempDir } from "./helpers/tools.js";

/** The example agreements: English (Letter), Chinese (A4), bilingual side by side and interleaved. */
const EXAMPLES = {
  en: { deal: "us-crm-enterprise", options: {} },
  zh: { deal: "cn-crm-standard", options: { lang: "zh" } },
  parallel: { deal: "bilingual-crm", options: { lang: "en+zh", layout: "parallel" } },
  interleaved: { deal: "shanghai-singapore-shiac", options: { lang: "en+zh", layout: "interleaved" } },
} as const satisfies Record<string, { deal: string; options: DraftOptions }>;
type Example = keyof typeof EXAMPLES;
const NAMES = Object.keys(EXAMPLES) as Example[];

const drafts = {} as Record<Example, DraftResult<"docx">>;
beforeAll(async () => {
  for (const name of NAMES) {
    const { deal, options } = EXAMPLES[name];
    const input = parse(readFileSync(new URL(`../examples/deals/${deal}.yaml`, import.meta.url), "utf8")) as DealInput;
    drafts[name] = await draft(input, { ...options, formats: ["docx"] });
  }
});

const contentsOf = (m: DocumentModel): Contents => {
  const c = m.front.find((b): b is Contents => b.kind === "contents");
  if (!c) throw new Error("no contents in the model");
  return c;
};
const entryTexts = (m: DocumentModel): string[] => contentsOf(m).entries.map((e) => `${e.label} ${e.title}`);

const part = (docx: Uint8Array, name: string): string => {
  const p = unzipSync(docx)[name];
  if (!p) throw new Error(`no ${name} in the package`);
  return strFromU8(p);
};

const unescapeXml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** A complex field of the body: its instruction, its result as text, and the fields nested in its result. */
interface Field {
  readonly instruction: string;
  readonly result: string;
  readonly nested: Field[];
}

/** The body's fields, read from fldChar, instrText, w:t and w:tab in document order. */
function fields(xml: string): Field[] {
  const top: Field[] = [];
  const open: { instruction: string; result: string; inResult: boolean; nested: Field[] }[] = [];
  for (const m of xml.matchAll(/<w:fldChar w:fldCharType="(begin|separate|end)"\/>|<w:instrText[^>]*>([^<]*)<\/w:instrText>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)) {
    const current = open[open.length - 1];
    if (m[1] === "begin") open.push({ instruction: "", result: "", inResult: false, nested: [] });
    else if (m[1] === "separate" && current) current.inResult = true;
    else if (m[1] === "end" && current) {
      open.pop();
      const done = { instruction: current.instruction, result: current.result, nested: current.nested };
      const parent = open[open.length - 1];
      if (parent) {
        parent.nested.push(done);
        parent.result += done.result;
      } else top.push(done);
    } else if (m[2] !== undefined && current && !current.inResult) current.instruction += unescapeXml(m[2]);
    else if (current?.inResult) current.result += m[3] !== undefined ? unescapeXml(m[3]) : "\t";
  }
  return top;
}

function tocField(docx: Uint8Array): Field {
  const tocs = fields(part(docx, "word/document.xml")).filter((f) => /^\s*TOC\b/.test(f.instruction));
  expect(tocs).toHaveLength(1);
  return tocs[0]!;
}

/** The page numbers written into the contents, entry by entry. */
const writtenNumbers = (docx: Uint8Array): number[] => tocField(docx).nested.map((f) => Number(f.result));

describe("the DOCX contents field (no LibreOffice)", () => {
  it("is one TOC field in a Table of Contents content control, its result the entries with PAGEREF page numbers", () => {
    for (const name of NAMES) {
      const { docx, model } = drafts[name];
      const xml = part(docx!, "word/document.xml");
      expect(xml, name).toMatch(
        new RegExp(
          `<w:sdt><w:sdtPr><w:alias w:val="${contentsOf(model).heading}"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>`,
        ),
      );
      const toc = tocField(docx!);
      expect(toc.instruction).toBe('TOC \\h \\o "1-1" \\z');
      const entries = contentsOf(model).entries;
      expect(toc.nested.map((f) => f.instruction)).toEqual(entries.map((e) => ` PAGEREF ${bookmarkName(e.anchor)} \\h `));
      // The result reads as Word writes a TOC: each entry, a tab (the dot leader), its page number.
      const numbers = writtenNumbers(docx!);
      expect(toc.result).toBe(
        entryTexts(model)
          .map((t, i) => `${t}\t${numbers[i]}`)
          .join(""),
      );
      // Each entry links to its heading's bookmark.
      for (const e of entries) {
        expect(xml).toContain(`<w:hyperlink w:history="1" w:anchor="${bookmarkName(e.anchor)}">`);
        expect(xml).toContain(`<w:bookmarkStart w:name="${bookmarkName(e.anchor)}"`);
      }
    }
  });

  it("writes a page number for every entry, never decreasing, the first on the page after the contents", () => {
    for (const name of NAMES) {
      const numbers = writtenNumbers(drafts[name].docx!);
      expect(
        numbers.every((n) => Number.isInteger(n) && n >= 1),
        name,
      ).toBe(true);
      expect(
        [...numbers].sort((a, b) => a - b),
        name,
      ).toEqual(numbers);
    }
    // The English example: order form on page 1, contents on pages 2 and 3, the Standard Terms from page 4.
    expect(writtenNumbers(drafts.en.docx!).slice(0, 3)).toEqual([4, 5, 6]);
    expect(writtenNumbers(drafts.en.docx!).at(-1)).toBeGreaterThan(25);
  });

  it("asks Word to update fields on opening (its pages differ from LibreOffice's, whose numbers are written)", () => {
    expect(part(drafts.en.docx!, "word/settings.xml")).toContain("<w:updateFields/>");
  });

  it("gives identical bytes for the same model", async () => {
    for (const name of ["en", "parallel"] as const) {
      const { model, docx } = drafts[name];
      expect(Buffer.from(await renderDocx(model)).equals(Buffer.from(docx!)), name).toBe(true);
    }
  });
});

/** A paragraph of body text. */
const text = (s: string): Paragraph => ({ kind: "paragraph", role: "body", runs: [{ type: "text", text: s }] });

/** A model: the contents and a page break, then clauses of one-line paragraphs, then a schedule. */
function pagedModel(lines: readonly number[]): DocumentModel {
  const clauses: Clause[] = lines.map((n, i) => ({
    id: `c${i + 1}`,
    anchor: `c${i + 1}`,
    number: String(i + 1),
    label: `${i + 1}.`,
    title: `Clause ${i + 1}`,
    blocks: Array.from({ length: n }, (_, k): Block => text(`Line ${k + 1}.`)),
    subclauses: [],
  }));
  const schedule: Clause = { id: "s1", anchor: "s1", number: "1", label: "Schedule 1 —", title: "Fees", blocks: [text("Fees.")], subclauses: [] };
  return {
    meta: { lang: "en", title: "T", subject: "S", reference: "R", parties: ["A", "B"], createdAt: "2026-12-01T00:00:00.000Z", producer: "test" },
    front: [{ kind: "contents", heading: "Contents", entries: [...clauses, schedule].map((c) => ({ label: c.label, title: c.title, anchor: c.anchor })) }, { kind: "pageBreak" }],
    clauses,
    signatures: { heading: "Signatures", intro: [{ type: "text", text: "Signed." }], parties: [] },
    schedules: [schedule],
  };
}

describe("the page estimate (LibreOffice's layout rules)", () => {
  // A4 has 700.2 pt of text height; a line is 13.8 pt, body paragraphs are 6 pt apart, a heading
  // has 16 pt before it (kept after a page break) and 6 pt after. After the heading of clause 1
  // and n one-line paragraphs the page is filled to 49.6 + (n - 1) * 19.8 pt; the next heading
  // needs 16 + 13.8 + 6 + 13.8 = 49.6 pt for itself and the first line it keeps with.
  it("moves a heading to the next page when its first line of text would not fit with it", () => {
    expect(estimateHeadingPages(pagedModel([31, 1]))).toEqual(
      new Map([
        ["c1", 2],
        ["c2", 2],
        ["s1", 4],
      ]),
    );
    expect(estimateHeadingPages(pagedModel([32, 1])).get("c2")).toBe(3);
  });

  it("breaks a long clause across pages and starts each schedule on a page of its own after the signature page", () => {
    // 33 paragraphs fit on page 2 (the 33rd ends at 49.6 + 32 * 19.8 = 683.2 pt, a 34th would end at 703), 7 run onto page 3.
    const pages = estimateHeadingPages(pagedModel([40, 1]));
    expect([pages.get("c1"), pages.get("c2"), pages.get("s1")]).toEqual([2, 3, 5]);
  });
});

/**
 * LibreOffice's environment with the document's Latin font, the bundled Noto Serif, added through fontconfig: it
 * then lays the DOCX out with the font the DOCX names (as a reader who has it installed), which the estimate
 * measures lines with. Without it LibreOffice substitutes DejaVu Sans, whose lines break elsewhere.
 */
function withDocumentFonts(): NodeJS.ProcessEnv {
  const dir = tempDir("cw-fonts-");
  const noto = dirname(createRequire(import.meta.url).resolve("@expo-google-fonts/noto-serif/package.json"));
  const dirs = ["400Regular", "700Bold", "400Regular_Italic", "700Bold_Italic"].map((f) => `<dir>${join(noto, f)}</dir>`).join("");
  const conf = join(dir, "fonts.conf");
  writeFileSync(
    conf,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${dirs}<cachedir>${join(dir, "cache")}</cachedir></fontconfig>`,
  );
  return { ...process.env, FONTCONFIG_FILE: conf };
}

const squash = (s: string): string => s.replace(/\s+/g, "");

/** The page numbers LibreOffice's text of the document shows after each contents entry ("1. Definitions…\t4"). */
function shownNumbers(loText: string, entries: readonly string[]): (number | undefined)[] {
  const lines = loText.split(/\r?\n/);
  return entries.map((e) => {
    const line = lines.find((l) => l.startsWith(`${e}\t`));
    const n = line === undefined ? undefined : /\t(\d+)$/.exec(line)?.[1];
    return n === undefined ? undefined : Number(n);
  });
}

/**
 * The page (from 1) each heading is on in LibreOffice's PDF: the first line, after the contents pages, that starts
 * with the heading's first-language text (a parallel layout sets the other language beside it, an interleaved one
 * under it), each found after the one before.
 */
function headingPages(pdf: Uint8Array, entries: readonly string[]): (number | undefined)[] {
  const pages = pdfText(pdf).split("\f");
  let page = pages.reduce((last, p, i) => (/\.{4,}\s*\d+\s*$/m.test(p) ? i : last), 0) + 1;
  return entries.map((e) => {
    const key = squash(e.split(" / ")[0] ?? e).slice(0, 12);
    for (let p = page; p < pages.length; p++) {
      if ((pages[p] ?? "").split("\n").some((l) => squash(l).startsWith(key))) {
        page = p;
        return p + 1;
      }
    }
    return undefined;
  });
}

describe("the DOCX contents in LibreOffice", () => {
  itWithTools(
    ["soffice", "pdftotext"],
    "shows the written page number for every entry, the first exactly where its heading is, every other within a page of it",
    () => {
      const docxs = NAMES.map((n) => drafts[n].docx!);
      const env = withDocumentFonts();
      const texts = libreofficeConvertAll(docxs, "txt:Text (encoded):UTF8", env).map((b) => b.toString("utf8"));
      const pdfs = libreofficeConvertAll(docxs, "pdf", env);
      NAMES.forEach((name, i) => {
        const entries = entryTexts(drafts[name].model);
        const pdf = new Uint8Array(pdfs[i]!);
        // LibreOffice laid the document out in its own font.
        expect(Buffer.from(pdf).includes("NotoSerif-Regular"), `${name}: LibreOffice used Noto Serif`).toBe(true);
        const shown = shownNumbers(texts[i]!, entries);
        expect(shown, name).toEqual(writtenNumbers(drafts[name].docx!));
        const actual = headingPages(pdf, entries);
        expect(
          actual.every((p) => p !== undefined),
          `${name}: every heading found in the PDF`,
        ).toBe(true);
        expect(shown[0], `${name}: the first entry`).toBe(actual[0]);
        const off = entries.filter((_, k) => Math.abs((shown[k] ?? 0) - (actual[k] ?? 0)) > 1);
        expect(off, `${name}: entries more than a page from their heading`).toEqual([]);
      });
    },
    300_000,
  );
});
