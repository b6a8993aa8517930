/**
 * The LibreOffice redline harness (test/helpers/lo_redlines.py through libreoffice.ts) on small
 * DOCX files with tracked changes made by the docx package: the count LibreOffice reports, and its
 * own Accept All / Reject All. Besides proving the instrument, these pin down how LibreOffice 7.4
 * counts and merges changes, which the redline report must match (issue 16): adjacent insertions of
 * one author within a minute are one change, even across an unmarked paragraph mark, and a reject
 * then removes that mark too. One soffice start for every file.
 */
import { Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableOfContents, TableRow, TableCell, TextRun, InsertedTextRun, DeletedTextRun } from "docx";
import { describe, expect } from "vitest";
import { LO_REDLINE_TOOLS, type LoRedlines, loRedlinesOf } from "./helpers/libreoffice.js";
import { itWithTools } from "./helpers/tools.js";

const AUTHOR = "Lead";
const DATE = "2025-01-02T00:00:00Z";
let nextId = 1;
const change = (author = AUTHOR, date = DATE) => ({ id: nextId++, author, date });
const ins = (text: string, author?: string, date?: string) => new InsertedTextRun({ text, ...change(author, date) });
const del = (text: string) => new DeletedTextRun({ text, ...change() });
const p = (...children: (TextRun | InsertedTextRun | DeletedTextRun)[]) => new Paragraph({ children });
const t = (text: string) => new TextRun(text);
/** A paragraph inserted whole: its runs and its paragraph mark. */
const insertedP = (text: string) => new Paragraph({ children: [ins(text)], run: { insertion: change() } });
/** A paragraph deleted whole: its runs and its paragraph mark. */
const deletedP = (text: string) => new Paragraph({ children: [del(text)], run: { deletion: change() } });
const heading = (children: (TextRun | InsertedTextRun)[], inserted = false) =>
  new Paragraph({ children, heading: HeadingLevel.HEADING_1, numbering: { reference: "h", level: 0 }, ...(inserted ? { run: { insertion: change() } } : {}) });
const cell = (run: TextRun | InsertedTextRun) => new TableCell({ children: [p(run)] });

/** The documents, each a body; the keys name the tests' subjects. */
const CASES = {
  fee: () => [p(t("The fee is "), del("100"), ins("200"), t(" pounds."))],
  insertedParagraph: () => [p(t("First.")), insertedP("Inserted."), p(t("Last."))],
  deletedParagraph: () => [p(t("First.")), deletedP("Deleted."), p(t("Last."))],
  insertedHeading: () => [heading([t("Alpha")]), p(t("Body a.")), heading([ins("New")], true), insertedP("Body new."), heading([t("Beta")]), p(t("Body b."))],
  insertedRow: () => [
    new Table({
      rows: [
        new TableRow({ children: [cell(t("Item")), cell(t("Fee"))] }),
        new TableRow({ children: [cell(ins("CRM")), cell(ins("100"))], insertion: change() }),
        new TableRow({ children: [cell(t("Support")), cell(t("50"))] }),
      ],
    }),
    p(t("After.")),
  ],
  unchanged: () => [p(t("Nothing changed here."))],
  adjacentSameAuthor: () => [p(t("A "), ins("one"), ins(" two"), t(" B"))],
  adjacentOtherAuthor: () => [p(t("A "), ins("one"), ins(" two", "Other"), t(" B"))],
  acrossParagraphs: () => [p(t("One"), ins(" more")), p(ins("Also "), t("two")), p(t("Three"))],
  acrossParagraphsLater: () => [p(t("One"), ins(" more")), p(ins("Also ", AUTHOR, "2025-01-02T00:02:00Z"), t("two")), p(t("Three"))],
  contents: () => [new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-1" }), heading([t("Alpha")]), p(t("Body "), ins("new"))],
} satisfies Record<string, () => (Paragraph | Table | TableOfContents)[]>;
type Case = keyof typeof CASES;
const NAMES = Object.keys(CASES) as Case[];

const docx = (body: (Paragraph | Table | TableOfContents)[], trackRevisions = false): Promise<Uint8Array> =>
  Packer.toBuffer(
    new Document({
      features: { trackRevisions },
      numbering: { config: [{ reference: "h", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: "left" }] }] },
      sections: [{ children: body }],
    }),
  );

let batch: Promise<{ cases: Record<Case, LoRedlines>; broken: LoRedlines }> | undefined;
/** Every document through one LibreOffice run, the first time a test asks. */
function results(): Promise<{ cases: Record<Case, LoRedlines>; broken: LoRedlines }> {
  batch ??= (async () => {
    const docs = await Promise.all(NAMES.map((n) => docx(CASES[n](), n === "contents")));
    const all = loRedlinesOf([...docs, new TextEncoder().encode("not a zip, not a Word document")], { details: true });
    const cases = Object.fromEntries(NAMES.map((n, i) => [n, all[i]])) as Record<Case, LoRedlines>;
    const broken = all[NAMES.length];
    if (!broken) throw new Error("no result for the broken file");
    return { cases, broken };
  })();
  return batch;
}
const of = async (name: Case): Promise<LoRedlines> => (await results()).cases[name];
/** The fields every case asserts, in one object so a failure shows them together. */
const summary = (r: LoRedlines) => ({ loaded: r.loaded, redlines: r.redlines, redlineTypes: r.redlineTypes, original: r.original, accepted: r.accepted, rejected: r.rejected, left: r.left });

describe("LibreOffice redline harness", () => {
  itWithTools(LO_REDLINE_TOOLS, "a deleted and an inserted word are two changes; accept and reject give the new and the old sentence", async () => {
    const r = await of("fee");
    expect(summary(r)).toEqual({
      loaded: true,
      redlines: 2,
      redlineTypes: { Delete: 1, Insert: 1 },
      original: "The fee is 100200 pounds.",
      accepted: "The fee is 200 pounds.",
      rejected: "The fee is 100 pounds.",
      left: { accepted: 0, rejected: 0 },
    });
    expect(r.warnings).toEqual([]);
    expect(r.details).toEqual([
      { type: "Delete", author: "Lead", date: "2025-01-02T00:00:00", text: "100" },
      { type: "Insert", author: "Lead", date: "2025-01-02T00:00:00", text: "200" },
    ]);
  });

  itWithTools(LO_REDLINE_TOOLS, "an inserted paragraph (runs and mark) is one change, and rejecting it leaves no empty paragraph", async () => {
    const r = await of("insertedParagraph");
    expect(summary(r)).toEqual({
      loaded: true,
      redlines: 1,
      redlineTypes: { Insert: 1 },
      original: "First.\nInserted.\nLast.",
      accepted: "First.\nInserted.\nLast.",
      rejected: "First.\nLast.",
      left: { accepted: 0, rejected: 0 },
    });
    expect(r.empty).toEqual({ original: 0, accepted: 0, rejected: 0 });
  });

  itWithTools(LO_REDLINE_TOOLS, "a deleted paragraph (runs and mark) is one change, and accepting it leaves no empty paragraph", async () => {
    const r = await of("deletedParagraph");
    expect(summary(r)).toEqual({
      loaded: true,
      redlines: 1,
      redlineTypes: { Delete: 1 },
      original: "First.\nDeleted.\nLast.",
      accepted: "First.\nLast.",
      rejected: "First.\nDeleted.\nLast.",
      left: { accepted: 0, rejected: 0 },
    });
    expect(r.empty).toEqual({ original: 0, accepted: 0, rejected: 0 });
  });

  itWithTools(LO_REDLINE_TOOLS, "an inserted numbered heading and its paragraph are one change; the numbers are text, and rejecting renumbers", async () => {
    expect(summary(await of("insertedHeading"))).toEqual({
      loaded: true,
      redlines: 1,
      redlineTypes: { Insert: 1 },
      original: "1. Alpha\nBody a.\n2. New\nBody new.\n3. Beta\nBody b.",
      accepted: "1. Alpha\nBody a.\n2. New\nBody new.\n3. Beta\nBody b.",
      rejected: "1. Alpha\nBody a.\n2. Beta\nBody b.",
      left: { accepted: 0, rejected: 0 },
    });
  });

  itWithTools(LO_REDLINE_TOOLS, "an inserted table row counts one change per cell (the row mark is not counted), and rejecting removes the row", async () => {
    expect(summary(await of("insertedRow"))).toEqual({
      loaded: true,
      redlines: 2,
      redlineTypes: { Insert: 2 },
      original: "Item\nFee\nCRM\n100\nSupport\n50\nAfter.",
      accepted: "Item\nFee\nCRM\n100\nSupport\n50\nAfter.",
      rejected: "Item\nFee\nSupport\n50\nAfter.",
      left: { accepted: 0, rejected: 0 },
    });
  });

  itWithTools(LO_REDLINE_TOOLS, "a document without changes has none, and the same text three times", async () => {
    expect(summary(await of("unchanged"))).toEqual({
      loaded: true,
      redlines: 0,
      redlineTypes: {},
      original: "Nothing changed here.",
      accepted: "Nothing changed here.",
      rejected: "Nothing changed here.",
      left: { accepted: 0, rejected: 0 },
    });
  });

  itWithTools(LO_REDLINE_TOOLS, "adjacent insertions are one change for one author and two for two authors", async () => {
    const same = await of("adjacentSameAuthor");
    const other = await of("adjacentOtherAuthor");
    expect([same.redlines, same.details?.map((d) => d.text)]).toEqual([1, ["one two"]]);
    expect([other.redlines, other.details?.map((d) => `${d.author}: ${d.text}`)]).toEqual([2, ["Lead: one", "Other:  two"]]);
    expect([same.rejected, other.rejected]).toEqual(["A B", "A B"]);
  });

  itWithTools(LO_REDLINE_TOOLS, "insertions at the end of a paragraph and the start of the next merge within a minute, and rejecting then joins the paragraphs", async () => {
    const merged = await of("acrossParagraphs");
    expect(summary(merged)).toEqual({
      loaded: true,
      redlines: 1,
      redlineTypes: { Insert: 1 },
      original: "One more\nAlso two\nThree",
      accepted: "One more\nAlso two\nThree",
      rejected: "Onetwo\nThree",
      left: { accepted: 0, rejected: 0 },
    });
    // Two minutes apart they stay two changes, and the unmarked paragraph mark stays.
    const apart = await of("acrossParagraphsLater");
    expect([apart.redlines, apart.rejected]).toEqual([2, "One\ntwo\nThree"]);
  });

  itWithTools(LO_REDLINE_TOOLS, "the table of contents is left out of the text, and removing it is not a change even when changes are tracked", async () => {
    expect(summary(await of("contents"))).toEqual({
      loaded: true,
      redlines: 1,
      redlineTypes: { Insert: 1 },
      original: "1. Alpha\nBody new",
      accepted: "1. Alpha\nBody new",
      rejected: "1. Alpha\nBody",
      left: { accepted: 0, rejected: 0 },
    });
  });

  itWithTools(LO_REDLINE_TOOLS, "a file that is not a DOCX is reported as not loaded, and the files around it are still read", async () => {
    const { broken, cases } = await results();
    expect(broken).toMatchObject({ loaded: false, error: "LibreOffice could not load it (no document: a damaged file, or not a Word document)" });
    expect(broken.original).toBeUndefined();
    expect(cases.contents.loaded).toBe(true);
  });
});
