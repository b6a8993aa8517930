import { BorderStyle, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type FileChild } from "docx";
import type { SignaturePage } from "../../model/types.js";
import { runs, type DocxContext } from "./blocks.js";
import { CONTENT_WIDTH } from "./styles.js";
import { checkXmlText } from "./text.js";

const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;

/** The signature page: a new page, a lead-in, then one borderless column per party. */
export function signaturePage(page: SignaturePage, ctx: DocxContext): FileChild[] {
  ctx.where = "the signature page";
  const col = Math.floor(CONTENT_WIDTH / Math.max(1, page.parties.length));
  const cells = page.parties.map(
    (p) =>
      new TableCell({
        width: { size: col, type: WidthType.DXA },
        margins: { right: 240 },
        children: [
          new Paragraph({ keepNext: true, children: [new TextRun({ text: checkXmlText(p.role, ctx.where), bold: true })] }),
          new Paragraph({ keepNext: true, spacing: { after: 360 }, children: [new TextRun({ text: checkXmlText(p.name, ctx.where), bold: true })] }),
          ...p.lines.map(
            (l) =>
              new Paragraph({
                keepNext: true,
                spacing: { before: l.value ? 120 : 480, after: 120 },
                children: [new TextRun(checkXmlText(`${l.label}: ${l.value ?? "______________________________"}`, ctx.where))],
              }),
          ),
        ],
      }),
  );
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(checkXmlText(page.heading, ctx.where))] }),
    new Paragraph({ spacing: { after: 360 }, children: runs(page.intro, ctx) }),
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: page.parties.map(() => col),
      borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
      rows: [new TableRow({ cantSplit: true, children: cells })],
    }),
  ];
}
