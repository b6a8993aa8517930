import { AlignmentType, BorderStyle, type IStylesOptions } from "docx";
import type { Lang } from "../../model/types.js";

/** A4 page geometry in twentieths of a point: 2.5 cm top and bottom, 2.2 cm sides. */
export const PAGE = { width: 11906, height: 16838, marginX: 1247, marginY: 1417, header: 709, footer: 709 } as const;

/**
 * US Letter (8.5 × 11 in) with the same text measure as A4: the sides take the extra width
 * (0.98 in each), so tables and signature columns sized to {@link CONTENT_WIDTH} fit either paper.
 */
export const LETTER_PAGE = { ...PAGE, width: 12240, height: 15840, marginX: (12240 - (PAGE.width - 2 * PAGE.marginX)) / 2 } as const;

/** Width available to text and tables, in twips. */
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.marginX;

/** One indentation step (1.25 cm): a number's column, and each list level. */
export const INDENT = 709;

/** Paragraph style ids. Subtitle, header and footer reuse Word's built-in ids so Word users see familiar names. */
export const STYLE = {
  subtitle: "Subtitle",
  note: "Note",
  table: "TableText",
  header: "Header",
  footer: "Footer",
} as const;

/** East Asian font: SimSun ships with Word everywhere and LibreOffice maps it to an installed CJK serif. */
const EAST_ASIAN_FONT = "SimSun";

const INK = "1F2937";
const MUTED = "4B5563";

/**
 * The document's styles: real Heading 1/2 (Word's navigation pane, outline and
 * TOC see the clauses), keep-with-next so a heading never ends a page, 11 pt
 * body text with 1.15 line spacing. Body text is justified in the document
 * defaults rather than by a body style, which would put a style reference on
 * every paragraph and slow rendering; other styles align themselves.
 */
export function styles(font: string, lang: Lang, bilingual = false): IStylesOptions {
  // In Chinese documents, characters both scripts share (“ ” ‘ ’ …) take the East Asian font too.
  // Not in a bilingual one, even when Chinese comes first: the hint (and Chinese as the language
  // of Latin text) would set the English text as East Asian script, broken between any two letters.
  const chinese = lang === "zh" && !bilingual;
  const fonts = { ascii: font, hAnsi: font, cs: font, eastAsia: EAST_ASIAN_FONT, ...(chinese ? { hint: "eastAsia" } : {}) };
  // Word picks line-breaking and fallback fonts by language; Chinese text needs to say so.
  const language = chinese ? { language: { value: "zh-CN", eastAsia: "zh-CN" } } : {};
  return {
    default: {
      document: {
        run: { font: fonts, size: 22, ...language },
        paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { after: 120, line: 276 } },
      },
      title: {
        run: { font: fonts, size: 36, bold: true, color: INK },
        paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 0, after: 120 } },
      },
      heading1: {
        run: { font: fonts, size: 26, bold: true, color: INK },
        paragraph: { alignment: AlignmentType.LEFT, keepNext: true, keepLines: true, outlineLevel: 0, spacing: { before: 320, after: 120 } },
      },
      heading2: {
        run: { font: fonts, size: 23, bold: true, color: INK },
        paragraph: { alignment: AlignmentType.LEFT, keepNext: true, keepLines: true, outlineLevel: 1, spacing: { before: 200, after: 80 } },
      },
      hyperlink: { run: { color: "1D4ED8", underline: {} } },
    },
    paragraphStyles: [
      {
        id: STYLE.subtitle,
        name: "Subtitle",
        basedOn: "Normal",
        next: "Normal",
        quickFormat: true,
        run: { size: 24, color: MUTED },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 360 } },
      },
      { id: STYLE.note, name: "Note", basedOn: "Normal", next: "Normal", run: { size: 18, color: MUTED } },
      { id: STYLE.table, name: "Table Text", basedOn: "Normal", run: { size: 20 }, paragraph: { alignment: AlignmentType.LEFT, spacing: { before: 20, after: 20, line: 252 } } },
      {
        id: STYLE.header,
        name: "header",
        basedOn: "Normal",
        run: { size: 16, color: "6B7280" },
        paragraph: {
          alignment: AlignmentType.RIGHT,
          spacing: { after: 0 },
          border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "D1D5DB", space: 4 } },
        },
      },
      { id: STYLE.footer, name: "footer", basedOn: "Normal", run: { size: 16, color: "6B7280" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0 } } },
    ],
  };
}
