import { AlignmentType, BuilderElement, FileChild, InternalHyperlink, LeaderType, Paragraph, Run, TabStopType, TextRun, type ParagraphChild, type XmlComponent } from "docx";
import type { Contents } from "../../model/types.js";
import type { DocxContext } from "./blocks.js";
import { bookmarkName, checkXmlText, textRuns } from "./text.js";

/**
 * The contents' field instruction: entries from the Heading 1 paragraphs (the clauses and schedules), linked to
 * them (`\h`), no page numbers in Word's web view (`\z`).
 */
export const TOC_INSTRUCTION = 'TOC \\h \\o "1-1" \\z';

/** A field character: `begin`, `separate` (the instruction ends, the result starts) or `end`. */
function fieldChar(type: "begin" | "separate" | "end"): XmlComponent {
  return new BuilderElement<{ type: string }>({ name: "w:fldChar", attributes: { type: { key: "w:fldCharType", value: type } } });
}

/** A field instruction; the docx package escapes the text. */
class Instruction extends BuilderElement<{ space: string }> {
  constructor(text: string) {
    super({ name: "w:instrText", attributes: { space: { key: "xml:space", value: "preserve" } } });
    this.root.push(text);
  }
}

/**
 * A PAGEREF field to a bookmark with its result written: the page number a reader shows until it updates fields
 * (LibreOffice never does). Written clean (not dirty): the document's update-fields request makes Word update it.
 */
function pageReference(bookmark: string, page: number | undefined): Run[] {
  return [
    new Run({ children: [fieldChar("begin"), new Instruction(` PAGEREF ${bookmark} \\h `), fieldChar("separate")] }),
    new TextRun(page === undefined ? "" : String(page)),
    new Run({ children: [fieldChar("end")] }),
  ];
}

/**
 * A block content control of Word's "Table of Contents" gallery around the field's paragraphs, as Word writes its
 * own: Word then treats it as a table of contents (Update Table).
 */
class ContentsControl extends FileChild {
  constructor(alias: string, paragraphs: readonly Paragraph[]) {
    super("w:sdt");
    const val = (name: string, value: string): XmlComponent => new BuilderElement<{ val: string }>({ name, attributes: { val: { key: "w:val", value } } });
    this.root.push(
      new BuilderElement({
        name: "w:sdtPr",
        children: [val("w:alias", alias), new BuilderElement({ name: "w:docPartObj", children: [val("w:docPartGallery", "Table of Contents"), new BuilderElement({ name: "w:docPartUnique" })] })],
      }),
      new BuilderElement({ name: "w:sdtContent", children: [...paragraphs] }),
    );
  }
}

/**
 * The table of contents: its heading, then a real TOC field whose result is already written, as Word writes a
 * TOC: one paragraph per clause and schedule, linked to its heading's bookmark, with a dot leader to a right tab
 * and a PAGEREF field whose result is the page the heading is estimated to start on (`ctx.pages`, see
 * page-estimate.ts).
 *
 * Written out rather than left for the reader to compute, because LibreOffice (7.4, checked) shows a TOC field's
 * result as the file has it: it neither rebuilds the index on load nor honours `w:updateFields`, and keeps a
 * PAGEREF's written result inside the index; an empty result stays empty. Word shows the written result until it
 * updates fields, which the document asks it to do on opening (index.ts), so Word's numbers end up its own.
 */
export function contents(c: Contents, ctx: DocxContext): FileChild[] {
  const heading = checkXmlText(c.heading, "the table of contents");
  const tabs = [{ type: TabStopType.RIGHT, position: ctx.width, leader: LeaderType.DOT }];
  const entries = c.entries.map((e, i) => {
    const anchor = bookmarkName(e.anchor);
    const title = checkXmlText(`${e.label} ${e.title}`, "the table of contents");
    const entry: ParagraphChild = new InternalHyperlink({ anchor, children: [...textRuns(title, { tab: true }), ...pageReference(anchor, ctx.pages.get(e.anchor))] });
    const children: ParagraphChild[] = [
      ...(i === 0 ? [new Run({ children: [fieldChar("begin"), new Instruction(TOC_INSTRUCTION), fieldChar("separate")] })] : []),
      entry,
      ...(i === c.entries.length - 1 ? [new Run({ children: [fieldChar("end")] })] : []),
    ];
    // Left-aligned: a justified entry that wraps would stretch its first line out to the margin.
    return new Paragraph({ style: "TOC1", alignment: AlignmentType.LEFT, tabStops: tabs, children });
  });
  // A contents without entries is an empty field.
  if (entries.length === 0) entries.push(new Paragraph({ children: [new Run({ children: [fieldChar("begin"), new Instruction(TOC_INSTRUCTION), fieldChar("separate"), fieldChar("end")] })] }));
  return [new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 240, after: 240 }, children: textRuns(heading, { bold: true }) }), new ContentsControl(heading, entries)];
}
