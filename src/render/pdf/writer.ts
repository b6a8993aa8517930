import PDFDocument from "pdfkit";
import { ClausewrightError } from "../../errors/error.js";
import type { Run } from "../../model/types.js";
import type * as fontkit from "fontkit";
import { missingGlyph, type Face, type ParsedFonts } from "./fonts.js";

/** Layout constants, in points (A4). */
export const LAYOUT = {
  margin: { top: 68, bottom: 68, left: 64, right: 64 },
  body: 10.5,
  small: 8,
  lineGap: 2.2,
  paragraphGap: 5,
  text: "#111827",
  muted: "#6B7280",
  link: "#1D4ED8",
  rule: "#9CA3AF",
} as const;

/**
 * A thin layer over a pdfkit document: fonts by face, glyph checks with the
 * location in the message, and "keep with next" space checks.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  /** Where we are, for messages ("clause 9 (liability)"). */
  where = "the front matter";
  /**
   * The text column being drawn into, in a parallel layout. While set, text
   * that runs off a page continues on the page after it, which may already
   * exist (the other column made it).
   */
  column: { readonly x: number; readonly width: number } | undefined;
  /** Page index (0-based) each clause and schedule heading landed on, by anchor, for the contents' page numbers. */
  readonly pageOf = new Map<string, number>();
  /** Contents lines waiting for their page numbers, which are known only once the whole document is laid out. */
  readonly contentsLines: { readonly anchor: string; readonly page: number; readonly y: number }[] = [];

  /** Index of the page being written (not always the last one: parallel columns go back to a page). */
  get page(): number {
    return this.pageIndex;
  }

  constructor(
    readonly fonts: ParsedFonts,
    info: PDFKit.DocumentInfo,
  ) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: LAYOUT.margin,
      bufferPages: true,
      autoFirstPage: true,
      // A parsed font object: pdfkit embeds a subset without parsing the file again.
      font: fonts.regular as unknown as string,
      info,
      pdfVersion: "1.7",
      lang: "en",
      displayTitle: true,
    });
    this.doc.fillColor(LAYOUT.text);
    // pdfkit starts a new page when text runs off one; in a column the next
    // page may already hold the other column's text, so go there instead.
    const addPage = this.doc.addPage.bind(this.doc);
    this.doc.addPage = (options?: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument => {
      const range = this.doc.bufferedPageRange();
      const current = this.pageIndex;
      if (this.column && current + 1 < range.start + range.count) {
        this.doc.switchToPage(current + 1);
        this.doc.x = this.column.x;
        this.doc.y = LAYOUT.margin.top;
        return this.doc;
      }
      return addPage(options);
    };
  }

  /** Index of the page being drawn on. */
  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    const pages = (this.doc as unknown as { _pageBuffer: PDFKit.PDFPage[] })._pageBuffer;
    const i = pages.indexOf(this.doc.page);
    return range.start + (i < 0 ? range.count - 1 : i);
  }

  /** Left edge of the text column. */
  get left(): number {
    return this.column?.x ?? LAYOUT.margin.left;
  }

  get contentWidth(): number {
    return this.column?.width ?? this.doc.page.width - LAYOUT.margin.left - LAYOUT.margin.right;
  }

  get bottom(): number {
    return this.doc.page.height - LAYOUT.margin.bottom;
  }

  /** The CJK font standing in for a face, when the font set has one. */
  private cjkFor(face: Face): fontkit.Font | undefined {
    const cjk = this.fonts.cjk;
    return cjk ? (face === "bold" || face === "boldItalic" ? cjk.bold : cjk.regular) : undefined;
  }

  /**
   * Splits text into pieces each drawn in one font: the face itself where it
   * has the glyphs, the CJK font where only it has them (Chinese characters).
   * Spaces and line breaks stay with the piece they follow.
   */
  pieces(face: Face, text: string): { text: string; font: fontkit.Font }[] {
    const main = this.fonts[face];
    const cjk = this.cjkFor(face);
    if (!cjk || missingGlyph(main, text) === undefined) return [{ text, font: main }];
    const out: { text: string; font: fontkit.Font }[] = [];
    for (const ch of text) {
      const last = out[out.length - 1];
      const font = /\s/.test(ch) && last ? last.font : missingGlyph(main, ch) === undefined ? main : cjk;
      if (last && last.font === font) last.text += ch;
      else out.push({ text: ch, font });
    }
    return out;
  }

  /** The font measuring text should use: the CJK one when the face lacks some of its characters. */
  measureFont(face: Face, text: string): fontkit.Font {
    const main = this.fonts[face];
    const cjk = this.cjkFor(face);
    return cjk && missingGlyph(main, text) !== undefined ? cjk : main;
  }

  /** Selects a face and size, after checking every character of `text` has a glyph. */
  face(face: Face, size: number, text: string, use: fontkit.Font = this.measureFont(face, text)): this {
    const font = use;
    const cp = missingGlyph(font, text);
    if (cp !== undefined) {
      const hex = cp.toString(16).toUpperCase().padStart(4, "0");
      throw new ClausewrightError([
        {
          code: "RENDER_MISSING_GLYPH",
          severity: "error",
          message: `The PDF font ${font.postscriptName} has no glyph for U+${hex} "${String.fromCodePoint(cp)}" in ${this.where}; it would be invisible`,
          hint: "Remove the character, or pass a font that has it (options.fonts).",
        },
      ]);
    }
    this.doc.font(font as unknown as string).fontSize(size);
    return this;
  }

  /** Starts a new page when fewer than `height` points remain. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** Line height of the body face at a size. */
  lineHeight(size: number = LAYOUT.body): number {
    this.doc.font(this.fonts.regular as unknown as string).fontSize(size);
    return this.doc.currentLineHeight(true) + LAYOUT.lineGap;
  }

  /**
   * Writes runs as one wrapped paragraph starting at (x, current y) with the
   * given width; references become links to their named destinations.
   */
  runs(runs: readonly Run[], options: { x: number; width: number; size?: number; align?: "left" | "justify" | "center" | "right"; bold?: boolean; color?: string }): void {
    const size = options.size ?? LAYOUT.body;
    const faceOf = (r: Run): Face => {
      const bold = options.bold === true || r.bold === true;
      return bold && r.italic ? "boldItalic" : bold ? "bold" : r.italic ? "italic" : "regular";
    };
    // Chinese characters in a Latin run are drawn in the CJK font, piece by piece.
    const split = runs.filter((r) => r.text !== "").flatMap((r) => this.pieces(faceOf(r), r.text).map((p) => ({ run: { ...r, text: p.text }, font: p.font })));
    const list = moveSpacesBack(split);
    if (list.length === 0) return;
    this.doc.x = options.x;
    list.forEach(({ run: r, font }, i) => {
      this.face(faceOf(r), size, r.text, font);
      const isRef = r.type === "ref";
      this.doc.fillColor(isRef ? LAYOUT.link : (options.color ?? LAYOUT.text));
      const textOptions: PDFKit.Mixins.TextOptions = {
        width: options.width,
        align: options.align ?? "left",
        lineGap: LAYOUT.lineGap,
        continued: i < list.length - 1,
        ...(isRef ? { goTo: r.target } : {}),
      };
      if (i === 0) this.doc.text(r.text, options.x, this.doc.y, textOptions);
      else this.doc.text(r.text, textOptions);
    });
    this.doc.fillColor(LAYOUT.text);
    this.doc.x = this.left;
  }

  /** Height the runs would take in a width, using the regular face (a safe upper bound for checks). */
  heightOf(runs: readonly Run[], width: number, size: number = LAYOUT.body, bold = false): number {
    const text = runs.map((r) => r.text).join("");
    if (!text) return 0;
    this.doc.font(this.measureFont(bold ? "bold" : "regular", text) as unknown as string).fontSize(size);
    return this.doc.heightOfString(text, { width, lineGap: LAYOUT.lineGap });
  }
}

/**
 * pdfkit drops a space that starts a `continued` chunk on a justified line,
 * gluing words together ("Affiliate"means); a space that ends the previous
 * chunk survives, so leading spaces move back to the run before.
 */
function moveSpacesBack(pieces: readonly { run: Run; font: fontkit.Font }[]): { run: Run; font: fontkit.Font }[] {
  const out = pieces.map((p) => ({ run: { ...p.run }, font: p.font }));
  for (let i = 1; i < out.length; i++) {
    const cur = out[i];
    const prev = out[i - 1];
    if (!cur || !prev) continue;
    const lead = /^\s+/.exec(cur.run.text)?.[0];
    if (lead) {
      prev.run = { ...prev.run, text: prev.run.text + lead };
      cur.run = { ...cur.run, text: cur.run.text.slice(lead.length) };
    }
  }
  return out.filter((p) => p.run.text !== "");
}
