import { AlignmentType, LevelFormat, type INumberingOptions, type IStylesOptions } from "docx";

/** Page geometry in twentieths of a point (A4, 2.2 cm side margins). */
export const PAGE = { width: 11906, height: 16838, marginX: 1247, marginTop: 1304, marginBottom: 1304 } as const;
/** Width available to text and tables, in twips. */
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.marginX;

/** Numbering definition references. */
export const NUMBERING = { lettered: "cw-lettered", bullet: "cw-bullet" } as const;

/** Paragraph and character styles: real Heading 1/2 styles so Word's navigation and TOC see the clauses. */
export function styles(font: string): IStylesOptions {
  return {
    default: {
      document: { run: { font, size: 21 }, paragraph: { spacing: { after: 120, line: 276 } } },
      heading1: {
        run: { font, size: 25, bold: true, color: "1F2937" },
        paragraph: { keepNext: true, keepLines: true, spacing: { before: 300, after: 120 } },
      },
      heading2: {
        run: { font, size: 22, bold: true, color: "1F2937" },
        paragraph: { keepNext: true, keepLines: true, spacing: { before: 180, after: 80 } },
      },
      title: { run: { font, size: 36, bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } } },
      hyperlink: { run: { color: "1D4ED8", underline: {} } },
    },
    paragraphStyles: [
      { id: "CwSubtitle", name: "Subtitle (clausewright)", basedOn: "Normal", run: { size: 22, color: "4B5563" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 360 } } },
      { id: "CwNote", name: "Note (clausewright)", basedOn: "Normal", run: { size: 17, color: "4B5563" } },
      { id: "CwTable", name: "Table text (clausewright)", basedOn: "Normal", run: { size: 19 }, paragraph: { spacing: { before: 40, after: 40, line: 252 } } },
      { id: "CwHeaderFooter", name: "Header and footer (clausewright)", basedOn: "Normal", run: { size: 16, color: "6B7280" }, paragraph: { spacing: { after: 0 } } },
    ],
  };
}

/**
 * Multi-level list numbering matching the model's labels: (a) → (i) → (A),
 * and bullets. Every list gets its own instance, so each restarts at (a).
 */
export function numbering(): INumberingOptions {
  const indent = (level: number) => ({ indent: { left: 567 * (level + 1) + 283, hanging: 567 } });
  return {
    config: [
      {
        reference: NUMBERING.lettered,
        levels: [
          { level: 0, format: LevelFormat.LOWER_LETTER, text: "(%1)", alignment: AlignmentType.LEFT, style: { paragraph: indent(0) } },
          { level: 1, format: LevelFormat.LOWER_ROMAN, text: "(%2)", alignment: AlignmentType.LEFT, style: { paragraph: indent(1) } },
          { level: 2, format: LevelFormat.UPPER_LETTER, text: "(%3)", alignment: AlignmentType.LEFT, style: { paragraph: indent(2) } },
        ],
      },
      {
        reference: NUMBERING.bullet,
        levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.LEFT, style: { paragraph: indent(level) } })),
      },
    ],
  };
}
