import { AlignmentType, BorderStyle, HeadingLevel, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType, type FileChild, type ParagraphChild } from "docx";
import type { Run, SignatureLine, SignatureParty, SignaturePage } from "../../model/types.js";
import { beginParagraph, runs, text, type DocxContext } from "./blocks.js";
import { CONTENT_WIDTH } from "./styles.js";

const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const COLUMNS = 2;
// Body text is justified by default; a wrapped party name must not be stretched.
const LEFT = AlignmentType.LEFT;
const COLUMN_WIDTH = Math.floor(CONTENT_WIDTH / COLUMNS);
/** Cell margins of a party's column, in twips: room to the next column, and below the last line to sign on. */
export const PARTY_MARGINS = { left: 0, right: 360, top: 120, bottom: 600 } as const;
/** Width of the text in a party's column, in twips. */
export const PARTY_TEXT_WIDTH = COLUMN_WIDTH - PARTY_MARGINS.left - PARTY_MARGINS.right;
/** The rule of a line to sign on: a bottom border, so it runs the full width of the party's column whatever the label. */
const SIGNING_RULE = { bottom: { style: BorderStyle.SINGLE, size: 6, color: "374151", space: 1 } } as const;

/**
 * One line of a party's block. A pre-filled value or pre-printed blank follows
 * its label ("Name: Ann", "日期：____年____月____日"); a line to sign on is its
 * label (both languages on a bilingual page, wrapped when long), then room for
 * the signature over a rule the full width of the column: a long label never
 * shortens the line.
 */
function line(l: SignatureLine, ctx: DocxContext, sep: string): Paragraph[] {
  const filled = l.value || l.blank;
  // A redline's changed value: the label, then the value with its tracked changes.
  if (l.valueRuns && l.valueRuns.length > 0) {
    beginParagraph(ctx);
    return [new Paragraph({ alignment: LEFT, keepNext: true, spacing: { before: 160, after: 0 }, children: runs([{ type: "text", text: `${l.label}${sep}` }, ...l.valueRuns], ctx) })];
  }
  if (filled) return [new Paragraph({ alignment: LEFT, keepNext: true, spacing: { before: 160, after: 0 }, children: text(`${l.label}${sep}${filled}`, ctx) })];
  return [
    new Paragraph({ alignment: LEFT, keepNext: true, spacing: { before: 480, after: 0 }, children: text(`${l.label}${sep.trimEnd()}`, ctx) }),
    new Paragraph({ alignment: LEFT, keepNext: true, spacing: { before: 520, after: 0 }, border: SIGNING_RULE, children: [] }),
  ];
}

/** A party's name, bold; a redline's changed name with its tracked changes. */
function nameRuns(p: SignatureParty, lead: string, ctx: DocxContext): ParagraphChild[] {
  beginParagraph(ctx);
  if (!p.nameRuns) return text(`${lead}${p.name}`, ctx, { bold: true });
  const lead_: Run[] = lead ? [{ type: "text", text: lead }] : [];
  return runs([...lead_, ...p.nameRuns], ctx, { bold: true });
}

function partyCell(p: SignatureParty | undefined, ctx: DocxContext, sep: string): TableCell {
  const head = p?.roleWithName
    ? [new Paragraph({ alignment: LEFT, keepNext: true, spacing: { after: 240 }, children: nameRuns(p, `${p.role}${sep}`, ctx) })]
    : p
      ? [
          new Paragraph({ alignment: LEFT, keepNext: true, spacing: { after: 40 }, children: text(p.role, ctx, { bold: true }) }),
          new Paragraph({ alignment: LEFT, keepNext: true, spacing: { after: 240 }, children: nameRuns(p, "", ctx) }),
        ]
      : [];
  const children = p ? [...head, ...p.lines.flatMap((l) => line(l, ctx, sep))] : [new Paragraph({ children: [] })];
  return new TableCell({ width: { size: COLUMN_WIDTH, type: WidthType.DXA }, margins: PARTY_MARGINS, children });
}

/**
 * The signature page: a new page, its heading and lead-in, then the parties
 * two to a row in a borderless table, each a column of role, name and
 * "Label: value" lines and lines to sign on (label, then a full-width rule).
 */
export function signaturePage(page: SignaturePage, ctx: DocxContext): FileChild[] {
  ctx.where = "the signature page";
  const rows: TableRow[] = [];
  for (let i = 0; i < page.parties.length; i += COLUMNS) {
    const pair = Array.from({ length: COLUMNS }, (_, j) => partyCell(page.parties[i + j], ctx, page.labelSeparator ?? ": "));
    // A party's block is never split across pages.
    rows.push(new TableRow({ cantSplit: true, children: pair }));
  }
  beginParagraph(ctx);
  const intro = runs(page.intro, ctx);
  const out: FileChild[] = [
    ...(page.noFurtherText ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: text(page.noFurtherText, ctx) })] : []),
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: text(page.heading, ctx) }),
    // Left, not justified: on a bilingual page the intro is two languages joined by a line break,
    // and a justified line ending in a break is stretched to the full width, character by character.
    new Paragraph({ alignment: LEFT, keepNext: true, spacing: { after: 360 }, children: intro }),
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
