import { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun, type FileChild } from "docx";
import type { DocumentModel } from "../../model/types.js";
import { blocks, clause, type DocxContext } from "./blocks.js";
import { normaliseDocx } from "./deterministic.js";
import { signaturePage } from "./signatures.js";
import { numbering, PAGE, styles } from "./styles.js";
import { checkXmlText } from "./text.js";

/** Options for {@link renderDocx}. */
export interface DocxOptions {
  /** Font family for Latin text; default "Noto Serif" (Word substitutes a serif when it is missing). */
  readonly font?: string;
}

/**
 * Renders the document model to DOCX bytes: real Heading styles, Word list
 * numbering, tables, bookmarks and internal links for cross-references, a
 * header with title and reference, a "Page X of Y" footer, document properties
 * and the assembly record as a custom property. Pure and deterministic.
 */
export async function renderDocx(model: DocumentModel, options: DocxOptions = {}): Promise<Uint8Array> {
  const ctx: DocxContext = { nextListInstance: 1, where: "the front matter" };
  const children: FileChild[] = [];
  blocks(model.front, ctx, children);
  for (const c of model.clauses) clause(c, ctx, children);
  children.push(...signaturePage(model.signatures, ctx));

  const meta = model.meta;
  const m = (text: string) => checkXmlText(text, "the document properties");
  const doc = new Document({
    title: m(meta.title),
    subject: m(meta.subject),
    creator: m(meta.producer),
    lastModifiedBy: m(meta.producer),
    keywords: m(`${meta.reference}; ${meta.parties.join("; ")}`),
    description: m(`${meta.title} between ${meta.parties.join(" and ")} (reference ${meta.reference})`),
    customProperties: [
      { name: "Reference", value: m(meta.reference) },
      { name: "Parties", value: m(meta.parties.join("; ")) },
      ...(meta.record ? [{ name: "clausewright.record", value: m(meta.record) }] : []),
    ],
    styles: styles(options.font ?? "Noto Serif"),
    numbering: numbering(),
    features: { updateFields: false },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.marginTop, bottom: PAGE.marginBottom, left: PAGE.marginX, right: PAGE.marginX, header: 624, footer: 624 },
          },
        },
        headers: {
          default: new Header({
            children: [new Paragraph({ style: "CwHeaderFooter", alignment: AlignmentType.RIGHT, children: [new TextRun(m(`${meta.title} · ${meta.reference}`))] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                style: "CwHeaderFooter",
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(doc);
  return normaliseDocx(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength), meta.createdAt);
}
