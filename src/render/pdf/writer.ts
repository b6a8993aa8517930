import PDFDocument from "pdfkit";
import { ClausewrightError } from "../../errors/error.js";
import type { Run } from "../../model/types.js";
import { missingGlyph, needsCjkFont, type Face, type ParsedCjkFonts, type ParsedFonts } from "./fonts.js";
import type * as fontkit from "fontkit";

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
    /** Chinese faces, parsed on first use (a document without Chinese never parses them). */
    private readonly cjk: () => ParsedCjkFonts | undefined = () => undefined,
    lang: "en" | "zh" = "en",
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
      lang: lang === "zh" ? "zh-CN" : "en",
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

  /** Selects a face and size, after checking every character of `text` has a glyph. */
  face(face: Face, size: number, text: string): this {
    const font = this.fontFor(face, text);
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
    this.use(font).fontSize(size);
    return this;
  }

  /**
   * Selects a parsed font by a name registered once per document. Handing
   * pdfkit the font object itself makes it open a new embedded font and
   * compare name tables on every call, which cost a fifth of a Chinese render.
   */
  private use(font: fontkit.Font): PDFKit.PDFDocument {
    let name = this.fontNames.get(font);
    if (name === undefined) {
      name = `cw-font-${this.fontNames.size + 1}`;
      this.doc.registerFont(name, font as unknown as string);
      this.fontNames.set(font, name);
      this.doc.font(name);
      // pdfkit finds the document's default font under the same PostScript name and returns
      // it without caching it under our name, so every later call would reopen and compare
      // again; cache it under our name (pdfkit's own lookup table).
      const internals = this.doc as unknown as { _fontFamilies?: Record<string, unknown>; _font?: unknown };
      if (internals._fontFamilies && internals._font) internals._fontFamilies[name] = internals._font;
      return this.doc;
    }
    return this.doc.font(name);
  }

  private readonly fontNames = new Map<fontkit.Font, string>();

  /**
   * The font for a run: the Chinese font when the text has Chinese characters
   * (it covers the Latin letters mixed in), else the Latin face. Per run, so a
   * bilingual page keeps its English in the Latin serif.
   */
  fontFor(face: Face, text: string): fontkit.Font {
    if (!needsCjkFont(text)) return this.fonts[face];
    const cjk = this.cjk();
    if (!cjk) {
      throw new ClausewrightError([
        {
          code: "RENDER_NO_CJK_FONT",
          severity: "error",
          message: `Chinese text in ${this.where} needs a Chinese font, and none was given`,
          hint: "Install the optional font package (npm install @expo-google-fonts/noto-serif-sc), or pass your own TTF/OTF/TTC: CLI --font <file> [--font-bold <file>], API fonts.cjk = { regular, bold } (bytes; fontsWithChineseFont() from clausewright/node reads files).",
        },
      ]);
    }
    return face === "bold" || face === "boldItalic" ? cjk.bold : cjk.regular;
  }

  /** Starts a new page when fewer than `height` points remain. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** Line height of the body face at a size. */
  lineHeight(size: number = LAYOUT.body): number {
    this.use(this.fonts.regular).fontSize(size);
    return this.doc.currentLineHeight(true) + LAYOUT.lineGap;
  }

  /**
   * Writes runs as one wrapped paragraph starting at (x, current y) with the
   * given width; references become links to their named destinations. Body
   * text is set ragged-right: pdfkit justifies each `continued` chunk on its
   * own, which opens wide gaps where a bold term or a link ends mid-line.
   */
  runs(runs: readonly Run[], options: { x: number; width: number; size?: number; align?: "left" | "justify" | "center" | "right"; bold?: boolean; color?: string }): void {
    const size = options.size ?? LAYOUT.body;
    const list = moveSpacesBack(runs.filter((r) => r.text !== ""));
    if (list.length === 0) return;
    this.doc.x = options.x;
    list.forEach((r, i) => {
      const bold = options.bold === true || r.bold === true;
      const face: Face = bold && r.italic ? "boldItalic" : bold ? "bold" : r.italic ? "italic" : "regular";
      this.face(face, size, r.text);
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
    this.use(this.fontFor(bold ? "bold" : "regular", text)).fontSize(size);
    return this.doc.heightOfString(text, { width, lineGap: LAYOUT.lineGap });
  }
}

/**
 * pdfkit drops a space that starts a `continued` chunk on a justified line,
 * gluing words together ("Affiliate"means); a space that ends the previous
 * chunk survives, so leading spaces move back to the run before.
 */
function moveSpacesBack(runs: readonly Run[]): Run[] {
  const out: Run[] = runs.map((r) => ({ ...r }));
  for (let i = 1; i < out.length; i++) {
    const cur = out[i];
    const prev = out[i - 1];
    if (!cur || !prev) continue;
    const lead = /^\s+/.exec(cur.text)?.[0];
    if (lead) {
      out[i - 1] = { ...prev, text: prev.text + lead };
      out[i] = { ...cur, text: cur.text.slice(lead.length) };
    }
  }
  return out.filter((r) => r.text !== "");
}
