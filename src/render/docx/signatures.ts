import { AlignmentType, BorderStyle, HeadingLevel, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType, type FileChild } from "docx";
import type { SignatureParty, SignaturePage } from "../../model/types.js";
import { runs, text, type DocxContext } from "./blocks.js";
import { CONTENT_WIDTH } from "./styles.js";

const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const COLUMNS = 2;
// Body text is justified by default; a wrapped party name must not be stretched.
const LEFT = AlignmentType.LEFT;
const COLUMN_WIDTH = Math.floor(CONTENT_WIDTH / COLUMNS);
/** The line to sign on: long enough for a signature, short enough to fit half the page width. */
const BLANK = "__________________________";

function partyCell(p: SignatureParty | undefined, ctx: DocxContext, sep: string): TableCell {
  const head = p?.roleWithName
    ? [new Paragraph({ alignment: LEFT, keepNext: true, spacing: { after: 240 }, children: text(`${p.role}${sep}${p.name}`, ctx, { bold: true }) })]
    : p
      ? [
          new Paragraph({ alignment: LEFT, keepNext: true, spacing: { after: 40 }, children: text(p.role, ctx, { bold: true }) }),
          new Paragraph({ alignment: LEFT, keepNext: true, spacing: { after: 240 }, children: text(p.name, ctx, { bold: true }) }),
        ]
      : [];
  const children = p
    ? [
        ...head,
        ...p.lines.map(
          (l) =>
            new Paragraph({
              alignment: LEFT,
              keepNext: true,
              // A blank line gets room above it for a hand-written signature or date.
              spacing: { before: l.value || l.blank ? 160 : 880, after: 0 },
              children: text(`${l.label}${sep}${l.value || l.blank || BLANK}`, ctx),
            }),
        ),
      ]
    : [new Paragraph({ children: [] })];
  return new TableCell({ width: { size: COLUMN_WIDTH, type: WidthType.DXA }, margins: { left: 0, right: 360, top: 120, bottom: 600 }, children });
}

/**
 * The signature page: a new page, its heading and lead-in, then the parties
 * two to a row in a borderless table, each a column of role, name and
 * "Label: value" or "Label: ____" lines.
 */
export function signaturePage(page: SignaturePage, ctx: DocxContext): FileChild[] {
  ctx.where = "the signature page";
  const rows: TableRow[] = [];
  for (let i = 0; i < page.parties.length; i += COLUMNS) {
    const pair = Array.from({ length: COLUMNS }, (_, j) => partyCell(page.parties[i + j], ctx, page.labelSeparator ?? ": "));
    // A party's block is never split across pages.
    rows.push(new TableRow({ cantSplit: true, children: pair }));
  }
  const out: FileChild[] = [
    ...(page.noFurtherText ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: text(page.noFurtherText, ctx) })] : []),
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: text(page.heading, ctx) }),
    new Paragraph({ keepNext: true, spacing: { after: 360 }, children: runs(page.intro, ctx) }),
  ];
  if (rows.length > 0) {
    out.push(
      new Table({
        width: { size: COLUMN_WIDTH * COLUMNS, type: WidthType.DXA },
        columnWidths: Array.from({ length: COLUMNS }, () => COLUMN_WIDTH),
        layout: TableLayoutType.FIXED,
        borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
        rows,
      }),
    );
  }
  return out;
}
