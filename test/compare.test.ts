import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, Packer, Paragraph } from "docx";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readParagraphs, rejectedText } from "../src/compare/document.js";
import { rejectedParagraphs, trackedChanges } from "../src/compare/tracked.js";
import { openZip } from "../src/compare/zip.js";
import { wordEdits } from "../src/compare/words.js";
import { compareDocx, draft, formatCompareReport, type ClauseComparison, type CompareReport, type Deal } from "../src/index.js";
import { readDealFile } from "../src/node/deal-file.js";
import { ROOT, runCli } from "./helpers/cli.js";
import { problemsOf, problemsOfAsync } from "./helpers/problems.js";

// Copies of our DOCX edited in word/document.xml the way the other side's editor would save them,
// WITHOUT tracked changes unless a test says so. The test edits the XML as text (known strings of
// our own output); the product reads it with an XML parser.

const ENGLAND = join(ROOT, "examples/deals/england-saas.yaml");
const BILINGUAL = join(ROOT, "examples/deals/bilingual-crm.yaml");
const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const JANE = 'w:author="Jane Doe" w:date="2027-02-10T09:00:00Z"';

/** A copy of a DOCX with each `[old, new]` applied to a part; each `old` must occur exactly once. */
function edited(docx: Uint8Array, edits: readonly (readonly [string, string])[], part = "word/document.xml"): Uint8Array {
  const files = unzipSync(docx);
  let xml = strFromU8(files[part] ?? new Uint8Array());
  for (const [from, to] of edits) {
    const count = xml.split(from).length - 1;
    if (count !== 1) throw new Error(`"${from}" occurs ${count} times in ${part}`);
    xml = xml.replace(from, () => to);
  }
  return zipSync({ ...(files as Zippable), [part]: strToU8(xml) });
}

/** The parts that are not unchanged, as [status, id, untracked count, tracked count]. */
function changedParts(report: CompareReport): [string, string | null, number, number][] {
  return report.clauses.filter((c) => c.status !== "unchanged").map((c) => [c.status, c.id, c.untracked.length, c.tracked.length]);
}

function part(report: CompareReport, id: string | null, heading?: string): ClauseComparison {
  const found = report.clauses.find((c) => c.id === id && (heading === undefined || c.heading === heading));
  if (!found) throw new Error(`no part ${id}`);
  return found;
}

let england: Deal;
let bilingual: Deal;
let ours: Uint8Array;
let oursZh: Uint8Array;
let oursBilingual: Uint8Array;
let dir: string;

beforeAll(async () => {
  england = await readDealFile(ENGLAND);
  bilingual = await readDealFile(BILINGUAL);
  [ours, oursZh, oursBilingual] = await Promise.all([
    draft(england, { formats: ["docx"] }).then((r) => r.docx),
    draft(england, { formats: ["docx"], lang: "zh" }).then((r) => r.docx),
    draft(bilingual, { formats: ["docx"], lang: "en+zh" }).then((r) => r.docx),
  ]);
  dir = mkdtempSync(join(tmpdir(), "cw-compare-"));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("compareDocx on an English draft", () => {
  it("reports nothing for our own unmodified file", async () => {
    const report = await compareDocx(ours, england);
    expect(report.counts).toEqual({ unchanged: 38, changed: 0, added: 0, removed: 0, untracked: 0, tracked: 0 });
    expect(report.clauses.map((c) => c.id).slice(0, 3)).toEqual(["front", "definitions", "scope"]);
    expect(report.warnings).toEqual([]);
    expect(formatCompareReport(report)).toBe(
      "No changes: the file says what the deal drafts.\n38 parts: 38 unchanged, 0 changed, 0 added, 0 removed; 0 changes without tracked changes, 0 tracked changes left in.\n",
    );
  });

  it("finds an edited word, a deleted sentence, an inserted clause and a changed amount made without tracked changes, each in its clause", async () => {
    const returned = edited(ours, [
      // (1) a word in sub-clause 20.2 (Liability Cap)
      ["in the twelve (12) months before", "in the six (6) months before"],
      // (2) a sentence of 9.5 (Effect of Suspension)
      ["The Provider will not delete any Customer Data because of a suspension. ", ""],
      // (3) a clause: a Heading 1 paragraph and a body paragraph before clause 21
      [
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:name="cw_force_majeure"',
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>20A. Escrow</w:t></w:r></w:p><w:p><w:r><w:t>The Provider will deposit the source code with an escrow agent.</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:name="cw_force_majeure"',
      ],
      // (4) an amount in the fees table of Schedule 1
      ['<w:t xml:space="preserve">GBP 28,800.00</w:t>', '<w:t xml:space="preserve">GBP 25,000.00</w:t>'],
    ]);
    const report = await compareDocx(returned, england);
    expect(changedParts(report)).toEqual([
      ["changed", "suspension", 1, 0],
      ["changed", "liability", 2, 0],
      ["added", null, 1, 0],
      ["changed", "fees", 1, 0],
    ]);
    expect(part(report, "liability").untracked).toEqual([
      { kind: "replace", old: "twelve", new: "six", subclause: "20.2", before: "the Customer under this Agreement in the ", after: " (12) months before the event that first" },
      { kind: "replace", old: "12", new: "6", subclause: "20.2", before: "Customer under this Agreement in the twelve (", after: ") months before the event that first gave" },
    ]);
    expect(part(report, "suspension").untracked).toEqual([
      { kind: "delete", old: "The Provider will not delete any Customer Data because of a suspension.", new: "", subclause: "9.5", before: "", after: "A suspension under clause 9.1 (Non-Payment" },
    ]);
    const escrow = part(report, null);
    expect([escrow.kind, escrow.heading, escrow.after, escrow.number]).toEqual(["clause", "20A. Escrow", "liability", ""]);
    expect(escrow.untracked).toEqual([{ kind: "insert", old: "", new: "20A. Escrow\nThe Provider will deposit the source code with an escrow agent.", subclause: null, before: "", after: "" }]);
    expect(part(report, "fees")).toMatchObject({ kind: "schedule", number: "1", untracked: [{ kind: "replace", old: "28,800.00", new: "25,000.00", subclause: "1." }] });
    expect(report.counts).toEqual({ unchanged: 35, changed: 3, added: 1, removed: 0, untracked: 5, tracked: 0 });
    expect(formatCompareReport(report).split("\n").slice(0, 4)).toEqual([
      "clause 9 (suspension): 1 change without tracked changes",
      '  - deleted "The Provider will not delete any Customer Data because of a suspension." in 9.5 (…[here]A suspension under clause 9.1 (Non-Payment…)',
      "clause 20 (liability): 2 changes without tracked changes",
      '  - replaced "twelve" with "six" in 20.2 (…the Customer under this Agreement in the [here] (12) months before the event that first…)',
    ]);
  });

  it("reports changes made with tracked changes as tracked, with their author and date, and the text with them rejected as ours", async () => {
    const returned = edited(ours, [
      // A word replaced with Word's markup: the run split around a deletion and an insertion.
      [
        "in the twelve (12) months",
        `in the </w:t></w:r><w:del w:id="901" ${JANE}><w:r><w:delText>twelve (12)</w:delText></w:r></w:del><w:ins w:id="902" ${JANE}><w:r><w:t>six (6)</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> months`,
      ],
      // A whole paragraph inserted at the end of 21.1: its text and its paragraph mark tracked.
      [
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:bookmarkStart w:name="cw_force_majeure_effect"',
        `<w:p><w:pPr><w:rPr><w:ins w:id="903" ${JANE}/></w:rPr></w:pPr><w:ins w:id="904" ${JANE}><w:r><w:t>Strikes are force majeure.</w:t></w:r></w:ins></w:p><w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:bookmarkStart w:name="cw_force_majeure_effect"`,
      ],
    ]);
    const report = await compareDocx(returned, england);
    expect(changedParts(report)).toEqual([
      ["changed", "liability", 0, 2],
      ["changed", "force-majeure", 0, 1],
    ]);
    expect(part(report, "liability").tracked).toEqual([
      { kind: "delete", author: "Jane Doe", date: "2027-02-10T09:00:00Z", text: "twelve (12)", subclause: "20.2" },
      { kind: "insert", author: "Jane Doe", date: "2027-02-10T09:00:00Z", text: "six (6)", subclause: "20.2" },
    ]);
    expect(part(report, "force-majeure").tracked).toEqual([{ kind: "insert", author: "Jane Doe", date: "2027-02-10T09:00:00Z", text: "Strikes are force majeure.", subclause: "21.1" }]);
    expect(report.authors).toEqual(["Jane Doe"]);
  });
  it("aligns clauses by their heading text when the bookmarks are gone: a retitled clause, a removed one, a moved one", async () => {
    const files = unzipSync(ours);
    let xml = strFromU8(files["word/document.xml"] ?? new Uint8Array()).replace(/<w:bookmark(?:Start|End) [^>]*\/>/g, "");
    // The body's headings are the last occurrences: the contents list them first.
    const paragraphOf = (heading: string): number => xml.lastIndexOf("<w:p>", xml.lastIndexOf(heading));
    const [audit, law, disputes, precedence] = ["25. Audit and Information Rights", "26. Governing Law", "27. Dispute Resolution", "28. Order of Precedence"].map(paragraphOf);
    xml = xml.slice(0, audit) + xml.slice(disputes, precedence) + xml.slice(law, disputes) + xml.slice(precedence);
    const title = xml.lastIndexOf("20. Limitation of Liability");
    xml = `${xml.slice(0, title)}20. Limits of Liability${xml.slice(title + "20. Limitation of Liability".length)}`;
    const report = await compareDocx(zipSync({ ...(files as Zippable), "word/document.xml": strToU8(xml) }), england);
    expect(changedParts(report)).toEqual([
      ["changed", "liability", 1, 0],
      ["removed", "audit", 1, 0],
      ["changed", "governing-law", 0, 0],
    ]);
    expect(part(report, "liability").untracked).toEqual([{ kind: "replace", old: "Limitation", new: "Limits", subclause: null, before: "20. ", after: " of Liability" }]);
    expect(part(report, "governing-law")).toMatchObject({ moved: true, after: "disputes" });
    expect(part(report, "audit").untracked[0]?.old.split("\n")[0]).toBe("25. Audit and Information Rights");
    // In the returned file's order, the removed clause where ours had it.
    expect(report.clauses.map((c) => c.id).slice(24, 29)).toEqual(["compliance", "audit", "disputes", "governing-law", "precedence"]);
  });
});

describe("compareDocx on Chinese and bilingual drafts", () => {
  it("reports nothing for an unmodified Chinese draft, and one edited character in the right clause", async () => {
    expect((await compareDocx(oursZh, england)).counts).toEqual({ unchanged: 38, changed: 0, added: 0, removed: 0, untracked: 0, tracked: 0 });
    const report = await compareDocx(edited(oursZh, [["首次发生前12个月内甲方根据本合同", "首次发生前12个月内乙方根据本合同"]]), england);
    expect(changedParts(report)).toEqual([["changed", "liability", 1, 0]]);
    expect(part(report, "liability").untracked).toEqual([
      { kind: "replace", old: "甲", new: "乙", subclause: "20.2", before: "，不超过引起责任的事件首次发生前12个月内", after: "方根据本合同已付或者应付的服务费。" },
    ]);
  });

  it("reports nothing for an unmodified bilingual parallel draft, and one edited character in the right clause", async () => {
    expect((await compareDocx(oursBilingual, bilingual)).counts).toEqual({ unchanged: 44, changed: 0, added: 0, removed: 0, untracked: 0, tracked: 0 });
    const report = await compareDocx(edited(oursBilingual, [["有关的全部责任总额，不超过引起责任的事件", "有关的全部赔任总额，不超过引起责任的事件"]]), bilingual);
    expect(changedParts(report)).toEqual([["changed", "liability", 1, 0]]);
    expect(part(report, "liability").untracked).toMatchObject([{ kind: "replace", old: "责", new: "赔", subclause: "22.2" }]);
  });
});

describe("compareDocx refuses files it cannot compare", () => {
  it("a file that is not a zip, a zip that is not a Word document, a DOCX not drafted by us, another deal's file, another pack's", async () => {
    const other = await readDealFile(join(ROOT, "examples/deals/singapore-saas.yaml"));
    const foreign = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Hello")] }] })));
    const notWord = zipSync({ "[Content_Types].xml": strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'), "a.txt": strToU8("x") });
    const otherPack = edited(ours, [["&quot;packs&quot;:[{&quot;name&quot;:&quot;crm&quot;", "&quot;packs&quot;:[{&quot;name&quot;:&quot;acme&quot;"]], "docProps/custom.xml");
    const codes = async (bytes: Uint8Array, deal: Deal): Promise<string[]> => (await problemsOfAsync(() => compareDocx(bytes, deal, { file: "back.docx" }))).map((p) => p.code);
    expect(await codes(strToU8("This is not a DOCX."), england)).toEqual(["COMPARE_NOT_DOCX"]);
    expect(await codes(notWord, england)).toEqual(["COMPARE_NOT_DOCX"]);
    expect(await codes(foreign, england)).toEqual(["COMPARE_NOT_OURS"]);
    expect(await codes(ours, other)).toEqual(["COMPARE_OTHER_DEAL"]);
    expect(await codes(otherPack, england)).toEqual(["COMPARE_OTHER_AGREEMENT"]);
    expect(await codes(edited(ours, [["</w:body>", "</w:bod>"]]), england)).toEqual(["COMPARE_NOT_DOCX"]);
  });

  it("reads a zip within its limits: entries and inflated bytes, whatever sizes the directory claims", () => {
    const limits = { maxFileBytes: 1 << 20, maxEntries: 3, maxInflatedBytes: 1 << 16 };
    const many = zipSync({ a: new Uint8Array(1), b: new Uint8Array(1), c: new Uint8Array(1), d: new Uint8Array(1) });
    expect(problemsOf(() => openZip(many, "many.zip", limits)).map((p) => p.code)).toEqual(["COMPARE_TOO_LARGE"]);
    const bomb = zipSync({ "word/document.xml": new Uint8Array(1 << 17) });
    // The central directory claims 100 bytes; the entry inflates to 128 KiB.
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(bomb.length - 22 - 46 - "word/document.xml".length + 24, 100, true);
    const zip = openZip(bomb, "bomb.zip", limits);
    expect(problemsOf(() => zip.read("word/document.xml")).map((p) => p.code)).toEqual(["COMPARE_TOO_LARGE"]);
  });
});

describe("reading a returned document", () => {
  const doc = (body: string, prefix = "w"): string => `<?xml version="1.0"?><${prefix}:document xmlns:${prefix}="${W_NS}"><${prefix}:body>${body}</${prefix}:body></${prefix}:document>`;
  const read = (xml: string) => readParagraphs(xml, new Map(), { file: "f", part: "p" });

  it("reads text by namespace, not prefix; leaves out field codes, the fallback of alternate content and the table of contents", () => {
    const xml =
      '<x:p><x:r><x:t xml:space="preserve">A </x:t><x:tab/><x:instrText>PAGEREF x</x:instrText><x:t>B</x:t></x:r></x:p>' +
      '<x:sdt><x:sdtPr><x:docPartObj><x:docPartGallery x:val="Table of Contents"/></x:docPartObj></x:sdtPr><x:sdtContent><x:p><x:r><x:t>1. Definitions 4</x:t></x:r></x:p></x:sdtContent></x:sdt>' +
      '<x:p><x:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><x:t>C</x:t></mc:Choice><mc:Fallback><x:t>C</x:t></mc:Fallback></mc:AlternateContent></x:r></x:p>';
    const paragraphs = read(doc(xml, "x"));
    expect(paragraphs.map((p) => [rejectedText(p), p.toc])).toEqual([
      ["A \tB", false],
      ["1. Definitions 4", true],
      ["C", false],
    ]);
  });

  it("rejects tracked changes: inserted text, paragraph marks and rows out, deleted and moved-away text in", () => {
    const ins = `w:id="1" ${JANE}`;
    const xml =
      `<w:p><w:r><w:t>One </w:t></w:r><w:ins ${ins}><w:r><w:t>new </w:t></w:r></w:ins><w:del ${ins}><w:r><w:delText>old </w:delText></w:r></w:del><w:moveFrom ${ins}><w:r><w:t>here</w:t></w:r></w:moveFrom></w:p>` +
      `<w:p><w:pPr><w:rPr><w:ins ${ins}/></w:rPr></w:pPr><w:r><w:t>Two</w:t></w:r></w:p><w:p><w:r><w:t>, joined</w:t></w:r></w:p>` +
      `<w:tbl><w:tr><w:trPr><w:ins ${ins}/></w:trPr><w:tc><w:p><w:r><w:t>row</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`;
    const paragraphs = read(doc(xml));
    expect(paragraphs.map(rejectedText)).toEqual(["One old here", "Two", ", joined", "row"]);
    const all = { start: 0, end: paragraphs.length };
    expect(rejectedParagraphs(paragraphs, all, new Map())).toEqual([
      { text: "One old here", subclause: null },
      { text: "Two, joined", subclause: null },
    ]);
    const by = { author: "Jane Doe", date: "2027-02-10T09:00:00Z", subclause: null };
    expect(trackedChanges(paragraphs, all, new Map())).toEqual([
      { kind: "insert", text: "new", ...by },
      { kind: "delete", text: "old", ...by },
      { kind: "move-from", text: "here", ...by },
      { kind: "insert", text: "", ...by },
      { kind: "insert", text: "row", ...by },
    ]);
  });

  it("diffs Chinese per character and ignores changes of spacing alone", () => {
    const one = (text: string) => [{ text, subclause: "1.1" }];
    expect(wordEdits(one("甲方应当付款"), one("乙方应当付款"))).toMatchObject([{ kind: "replace", old: "甲", new: "乙" }]);
    expect(wordEdits(one("pay  the fees"), one("pay the fees"))).toEqual([]);
    expect(wordEdits(one("the quick brown fox"), one("a slow red fox"))).toMatchObject([{ kind: "replace", old: "the quick brown", new: "a slow red" }]);
  });
});

describe("clausewright compare", () => {
  it("prints the report, writes the JSON report, exit 0; bad input is exit 1 with nothing written; a missing --deal is usage", async () => {
    const returned = join(dir, "back.docx");
    writeFileSync(returned, edited(ours, [["in the twelve (12) months before", "in the twelve (12) weeks before"]]));
    const out = await runCli(["compare", returned, "--deal", ENGLAND, "--report", join(dir, "report.json")]);
    expect([out.code, out.stderr]).toEqual([0, ""]);
    expect(out.stdout.split("\n").slice(0, 2)).toEqual([
      "clause 20 (liability): 1 change without tracked changes",
      '  - replaced "months" with "weeks" in 20.2 (…under this Agreement in the twelve (12) [here] before the event that first gave rise to…)',
    ]);
    expect(out.stdout).toContain(`wrote ${join(dir, "report.json")}\n`);

    writeFileSync(join(dir, "notes.docx"), "These are notes, not a DOCX.");
    const bad = await runCli(["compare", join(dir, "notes.docx"), "--deal", ENGLAND, "--report", join(dir, "bad.json")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("error COMPARE_NOT_DOCX");
    expect(existsSync(join(dir, "bad.json"))).toBe(false);

    expect((await runCli(["compare", returned])).code).toBe(2);
  });
});
