import PDFDocument from "pdfkit";
import { ClausewrightError } from "../../errors/error.js";
import type { Change, Run } from "../../model/types.js";
import { missingGlyph, needsCjkFont, type Face, type ParsedCjkFonts, type ParsedFonts } from "./fonts.js";
import { heightOfSet, lineFragments, setText, type Fragment, type Metrics } from "./typeset.js";
import type * as fontkit from "fontkit";
import { BoundedCache } from "../../bounded-cache.js";

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
  /** A redline's inserted text (underlined) and deleted text (struck through). */
  changes: { insert: "#1D4ED8", delete: "#B91C1C" },
  /** The bar in the outer margin beside a line with a change. */
  changeBar: "#4B5563",
} as const;

/**
 * Where a redline's marks go, in ems of the type size: the underline below the baseline (clear of
 * the foot of a Chinese character, which reaches about 0.08 em below it), the strike-through line
 * through Chinese characters (the middle of the ideographic em box, which runs from -0.12 to
 * 0.88 em; a font's own strike-out position is set for Latin letters), and their thickness.
 */
const MARKS = { underline: 0.13, strikeCjk: 0.38, thickness: 0.055, minThickness: 0.45 } as const;

/** The change bar: its distance from the text area (outside it), and its width, in points. */
const CHANGE_BAR = { offset: 12, width: 1.2 } as const;

/** Paper size: A4, or US Letter for agreements under US law. */
export type Paper = "a4" | "letter";

/**
 * Page margins: A4 keeps {@link LAYOUT.margin}; Letter is 17 pt wider and 50 pt shorter, so it
 * takes one-inch sides and keeps the same measure — a line breaks at the same word on either paper.
 */
export function marginsFor(paper: Paper): { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number } {
  return paper === "letter" ? { ...LAYOUT.margin, left: 72, right: 72 } : LAYOUT.margin;
}

/** Bytes a cached text counts for: two per UTF-16 code unit, and the entry's own overhead. */
const textBytes = (text: string): number => 2 * text.length + 64;

/**
 * Bytes of measured widths kept per parsed font (about 40,000 words). Widths
 * depend only on the font and the text, so what the cache holds never changes
 * the output; the least recently used are dropped first.
 */
export const WIDTH_CACHE_BYTES = 4 * 1024 * 1024;

/**
 * Longest text (UTF-16 code units) whose width or layout is kept: a word, a
 * line's fragment. Anything longer (a run of spaces, a hostile identifier) is
 * measured each time it comes, which is once: it is not worth a cache entry
 * as long as itself.
 */
export const CACHED_TEXT_MAX = 1024;

/**
 * Widths of words and characters at 1000 pt, per parsed font. Shaping a word
 * is most of the cost of setting text, and parsed fonts are shared across
 * documents (see fonts.ts), so the widths are too: the second document with
 * the same words measures nothing.
 */
const widthCache = new WeakMap<fontkit.Font, BoundedCache<string, number>>();

function widthsOf(font: fontkit.Font): BoundedCache<string, number> {
  let cache = widthCache.get(font);
  if (!cache) {
    cache = new BoundedCache<string, number>({ maxBytes: WIDTH_CACHE_BYTES, sizeOf: (_w, text) => textBytes(text) });
    widthCache.set(font, cache);
  }
  return cache;
}

/**
 * Bytes of pdfkit word layouts (glyphs and positions) kept per parsed font,
 * shared by the documents of a process (see `use`): some 10,000 distinct
 * words, more than an agreement has.
 */
export const LAYOUT_CACHE_BYTES = 16 * 1024 * 1024;

/** What pdfkit's layout of a word holds that we count: its glyphs (each with a position). */
interface GlyphRunLike {
  readonly glyphs: readonly unknown[];
}

/** A laid-out word's bytes, roughly: the text, a glyph and a position object per glyph, the run itself. */
const runBytes = (run: GlyphRunLike, text: string): number => textBytes(text) + 160 * run.glyphs.length + 256;

/** pdfkit's word layouts per font, shared by the documents of a process (see `use`). */
const layoutCaches = new WeakMap<fontkit.Font, BoundedCache<string, GlyphRunLike>>();

function sharedLayoutCache(font: fontkit.Font): BoundedCache<string, GlyphRunLike> {
  let cache = layoutCaches.get(font);
  if (!cache) {
    cache = new BoundedCache<string, GlyphRunLike>({ maxBytes: LAYOUT_CACHE_BYTES, sizeOf: runBytes });
    layoutCaches.set(font, cache);
  }
  return cache;
}

/** Bytes the width and layout caches of a parsed font hold now (tests check that they stay bounded). @internal */
export function textCacheBytes(font: fontkit.Font): { readonly widths: number; readonly layouts: number } {
  return { widths: widthCache.get(font)?.bytes ?? 0, layouts: layoutCaches.get(font)?.bytes ?? 0 };
}

/** The parts of pdfkit's embedded font (`doc._font`) that {@link PdfWriter} reaches into. */
interface EmbeddedFontInternals {
  layoutCache?: object | undefined;
  layoutRun?: (text: string) => GlyphRunLike;
  layoutCached?: (text: string) => GlyphRunLike;
}

/**
 * Makes an embedded font look its word layouts up in the font's shared,
 * bounded cache instead of its own, which lives as long as the document and
 * holds every word it was given, however long.
 */
function shareLayouts(pdfFont: EmbeddedFontInternals, font: fontkit.Font): void {
  const layoutRun = pdfFont.layoutRun;
  if (typeof layoutRun !== "function" || typeof pdfFont.layoutCached !== "function") return;
  const cache = sharedLayoutCache(font);
  pdfFont.layoutCached = (text: string): GlyphRunLike => {
    let run = cache.get(text);
    if (run === undefined) {
      run = layoutRun.call(pdfFont, text);
      if (text.length <= CACHED_TEXT_MAX) cache.set(text, run);
    }
    return run;
  };
  pdfFont.layoutCache = undefined;
}

/** How {@link PdfWriter.runs} sets a paragraph. */
export interface RunsOptions {
  readonly x: number;
  readonly width: number;
  readonly size?: number;
  readonly align?: "left" | "center" | "right";
  /** Body text: justified when Chinese, ragged-right when English. */
  readonly body?: boolean;
  readonly bold?: boolean;
  readonly color?: string;
  /** Every fragment links to this destination (a contents entry). */
  readonly goTo?: string;
  /** A named destination at the start of the first line (a heading). */
  readonly destination?: string;
  /**
   * A number or list label drawn at `x` on the first line's baseline; `change` when the whole
   * unit is inserted or deleted (the label comes or goes with it).
   */
  readonly lead?: { readonly text: string; readonly x: number; readonly bold?: boolean; readonly destination?: string; readonly change?: Change };
  /**
   * Which outer margin the change bar beside a changed line goes in: by default the left one, or
   * the right one for the right column of a parallel layout, so a bar is beside its own column;
   * `none` for no bar (the redline's legend shows the marks, it is no change).
   */
  readonly changeBar?: "left" | "right" | "none";
}

/**
 * A thin layer over a pdfkit document: fonts by face, glyph checks with the
 * location in the message, and "keep with next" space checks.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  /** The page margins of the document's paper. */
  readonly margin: ReturnType<typeof marginsFor>;
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
  readonly contentsLines: { readonly anchor: string; readonly page: number; readonly baseline: number }[] = [];

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
    /** Whether any text is Chinese (a Chinese or bilingual document): space checks then allow for Chinese lines. */
    private readonly hasChinese = lang === "zh",
    paper: Paper = "a4",
  ) {
    this.margin = marginsFor(paper);
    this.lang = lang;
    this.doc = new PDFDocument({
      size: paper === "letter" ? "LETTER" : "A4",
      margins: this.margin,
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
        this.doc.y = this.margin.top;
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
    return this.column?.x ?? this.margin.left;
  }

  get contentWidth(): number {
    return this.column?.width ?? this.doc.page.width - this.margin.left - this.margin.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.margin.bottom;
  }

  /** Selects a face and size, after checking every character of `text` has a glyph. */
  face(face: Face, size: number, text: string): this {
    const font = this.fontFor(face, text);
    const cp = missingGlyph(font, text);
    if (cp !== undefined) throw this.missingGlyphError(font, text, cp);
    this.use(font).fontSize(size);
    return this;
  }

  /**
   * Finds the deal field a character came from, for the problem's path; set by
   * {@link renderPdf} from its options.
   */
  locate: ((char: string) => readonly (string | number)[] | undefined) | undefined;

  /**
   * A character the font cannot draw: pdfkit would print an empty box or nothing, so stop and say
   * which character, in which text, and (for Chinese) how to use a fuller font.
   */
  private missingGlyphError(font: fontkit.Font, text: string, cp: number): ClausewrightError {
    const char = String.fromCodePoint(cp);
    const hex = cp.toString(16).toUpperCase().padStart(4, "0");
    const path = this.locate?.(char);
    const hint = needsCjkFont(text)
      ? "Remove or replace the character, or pass a Chinese font that has it: CLI --font <file> [--font-bold <file>], API fontsWithChineseFont(regular, bold) from clausewright/node. The bundled Noto Serif SC is a subset (GBK and the CJK Unified Ideographs in regular, GB 2312 in bold, no Extension A; see fonts/README.md in the package)."
      : "Remove or replace the character, or pass fonts that have it (options.fonts).";
    return new ClausewrightError([
      {
        code: "RENDER_MISSING_GLYPH",
        severity: "error",
        ...(path ? { path } : {}),
        message: `The PDF font ${font.postscriptName} has no glyph for U+${hex} "${char}" in ${this.where}, in the text "${excerpt(text, char)}"; it would be invisible`,
        hint,
      },
    ]);
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
      const internals = this.doc as unknown as { _fontFamilies?: Record<string, unknown>; _font?: object };
      if (internals._fontFamilies && internals._font) internals._fontFamilies[name] = internals._font;
      // pdfkit shapes every word it draws through fontkit (the costliest step of a PDF) and caches
      // the result per document; the result depends only on the font and the word, so the cache
      // is kept per font across documents (the drawing code copies what it changes), bounded.
      if (internals._font) shareLayouts(internals._font as EmbeddedFontInternals, font);
      return this.doc;
    }
    return this.doc.font(name);
  }

  private readonly fontNames = new Map<fontkit.Font, string>();

  /**
   * The font for a run: the Chinese font when the text has Chinese characters
   * (it covers the Latin letters mixed in), else the Latin face. Per run, so a
   * bilingual page keeps its English in the Latin serif. Chinese bold falls back
   * to the regular face for a run the bold face cannot draw.
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
          hint: "Pass fonts with a Chinese font: defaultFonts() from clausewright/node includes Noto Serif SC; for your own TTF/OTF/TTC, fonts.cjk = { regular, bold } (bytes) or fontsWithChineseFont(regular, bold) from clausewright/node, which reads files.",
        },
      ]);
    }
    if (face !== "bold" && face !== "boldItalic") return cjk.regular;
    // The bundled bold face is a smaller subset than the regular one (fonts/README.md): a bold run
    // with a character only the regular face has (a rare character in a name) is set in regular
    // weight rather than failing; the glyph check then runs on the face actually used.
    return missingGlyph(cjk.bold, text) !== undefined && missingGlyph(cjk.regular, text) === undefined ? cjk.regular : cjk.bold;
  }

  /** Starts a new page when fewer than `height` points remain. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /**
   * Line advance of body text at a size: the Latin face's, or the Chinese
   * face's when the document has Chinese and it is taller (space checks must
   * hold for Chinese lines too).
   */
  lineHeight(size: number = LAYOUT.body): number {
    const latin = this.vertical(this.fonts.regular, size).advance;
    const cjk = this.hasChinese ? this.cjk() : undefined;
    return cjk ? Math.max(latin, this.vertical(cjk.regular, size).advance) : latin;
  }

  /**
   * The language of the text being drawn: the document's, a parallel cell's or
   * the continuation's; undefined where blocks of both languages follow each
   * other (interleaved layout, bilingual front matter), and the text decides.
   */
  lang: "en" | "zh" | undefined;

  /** Whether body text is set as Chinese (justified): by {@link lang}, else by what it is mostly written in. */
  isChinese(runs: readonly Run[]): boolean {
    if (this.lang !== undefined) return this.lang === "zh";
    const text = runs.map((r) => r.text).join("");
    // A Chinese paragraph may quote a Latin company name; an English one may quote a Chinese address.
    const han = text.match(/[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/g)?.length ?? 0;
    const words = text.match(/[A-Za-z]+/g)?.length ?? 0;
    return han > words;
  }

  /**
   * Set once room has been made for the next block: by a heading, which made
   * room for itself and the start of what follows (the block then starts right
   * below it, even where it would otherwise move to a new page on its own), and
   * by a parallel unit for its two columns (which must start at the same height).
   */
  roomMade = false;

  /** The metrics the typesetter reads: fonts with glyph checks, cached widths, vertical metrics. */
  readonly metrics: Metrics = {
    fontOf: (face, text) => this.checkedFont(face, text),
    width: (font, size, text) => this.width(font, size, text),
    vertical: (font, size) => this.vertical(font, size),
  };

  /** Width of text at a size as pdfkit draws it, cached per font at 1000 pt (widths scale linearly). */
  width(font: fontkit.Font, size: number, text: string): number {
    const cache = widthsOf(font);
    let w = cache.get(text);
    if (w === undefined) {
      w = this.use(font).fontSize(1000).widthOfString(text);
      if (text.length <= CACHED_TEXT_MAX) cache.set(text, w);
    }
    return (w * size) / 1000;
  }

  private readonly verticals = new Map<fontkit.Font, { advance: number; ascender: number }>();

  /** Line advance (with {@link LAYOUT.lineGap}) and ascender of a font at a size. */
  vertical(font: fontkit.Font, size: number): { readonly advance: number; readonly ascender: number } {
    let v = this.verticals.get(font);
    if (!v) {
      const doc = this.use(font).fontSize(1000);
      const pdfFont = (doc as unknown as { _font: { ascender: number } })._font;
      v = { advance: doc.currentLineHeight(true), ascender: pdfFont.ascender };
      this.verticals.set(font, v);
    }
    return { advance: (v.advance * size) / 1000 + LAYOUT.lineGap, ascender: (v.ascender * size) / 1000 };
  }

  /** The font for a run, after checking it can draw every character. */
  private checkedFont(face: Face, text: string): fontkit.Font {
    this.face(face, LAYOUT.body, text);
    return this.fontFor(face, text);
  }

  /**
   * Writes runs as one wrapped paragraph starting at (x, current y) with the
   * given width; references become links to their named destinations. Lines
   * are broken by our own line breaker (see line-break.ts) over the whole
   * paragraph, so the Chinese rules hold across runs; a line that does not fit
   * the page starts a new one (the next column page in a parallel layout).
   * `body` text is justified when it is Chinese (两端对齐) and left ragged when
   * it is English, as before: the gaps go between characters, never inside a
   * Latin word. Returns the top and the baseline of the last line (a
   * contents entry's page number goes on it).
   */
  runs(runs: readonly Run[], options: RunsOptions): { readonly top: number; readonly baseline: number } {
    const size = options.size ?? LAYOUT.body;
    const set = setText(this.metrics, runs, {
      width: options.width,
      size,
      bold: options.bold === true,
      color: options.color ?? LAYOUT.text,
      linkColor: LAYOUT.link,
      changeColors: LAYOUT.changes,
      ...(options.goTo !== undefined ? { goTo: options.goTo } : {}),
    });
    const justify = options.body === true && this.isChinese(runs);
    let destination = options.destination;
    // The lead (a number or list label) sits on the first line's baseline, on whatever page that line lands.
    const lead = options.lead;
    const leadFont = lead ? this.checkedFont(lead.bold === true ? "bold" : "regular", lead.text) : undefined;
    const leadV = leadFont ? this.vertical(leadFont, size) : undefined;
    const lines = set.lines.length > 0 || !lead ? set.lines : [undefined];
    let top = this.doc.y;
    let baseline = top;
    lines.forEach((line, i) => {
      // The lead does not make its line taller: a list in a parallel layout keeps its items side
      // by side with the other column's when only the labels are Chinese ("(四十四) m44").
      const h = line ? (set.heights[i] ?? { advance: 0, ascender: 0 }) : (leadV ?? { advance: 0, ascender: 0 });
      if (this.doc.y + h.advance > this.bottom) this.doc.addPage();
      top = this.doc.y;
      baseline = top + h.ascender;
      let changed = false;
      if (i === 0 && lead && leadFont && leadV) {
        this.use(leadFont).fontSize(size);
        this.doc.fillColor(lead.change !== undefined ? LAYOUT.changes[lead.change] : (options.color ?? LAYOUT.text));
        this.doc.text(lead.text, lead.x, baseline - leadV.ascender, { lineBreak: false, ...(lead.destination !== undefined ? { destination: lead.destination } : {}) });
        if (lead.change !== undefined) {
          this.changeMarks([{ text: lead.text, span: { start: 0, end: lead.text.length, font: leadFont, color: "", change: lead.change }, x: 0, spacing: 0 }], lead.x, baseline, size);
          changed = true;
        }
      }
      if (line) {
        const slack = options.width - line.width;
        const shift = options.align === "center" ? slack / 2 : options.align === "right" ? slack : 0;
        const fragments = lineFragments(this.metrics, set, line, options.width, justify);
        for (const f of fragments) {
          const v = this.vertical(f.span.font, size);
          this.use(f.span.font).fontSize(size);
          this.doc.fillColor(f.span.color);
          this.doc.text(f.text, options.x + shift + f.x, baseline - v.ascender, {
            lineBreak: false,
            ...(f.spacing !== 0 ? { characterSpacing: f.spacing } : {}),
            ...(f.span.goTo !== undefined ? { goTo: f.span.goTo } : {}),
            ...(destination !== undefined ? { destination } : {}),
          });
          destination = undefined;
        }
        if (this.changeMarks(fragments, options.x + shift, baseline, size)) changed = true;
      }
      if (changed) this.changeBar(options.changeBar ?? (this.column !== undefined && this.column.x > this.margin.left ? "right" : "left"), top, h.advance);
      this.doc.y = top + h.advance;
    });
    this.doc.fillColor(LAYOUT.text);
    this.doc.x = this.left;
    return { top, baseline };
  }

  /**
   * Underlines a line's inserted fragments and strikes through its deleted ones, in their colour;
   * neighbouring fragments of one change share one line (a justified Chinese insertion is
   * underlined across its gaps). `x` is where the line's fragments start. Returns whether the
   * line has a change. Nothing is drawn, and no width measured, on a line without one.
   */
  private changeMarks(fragments: readonly Fragment[], x: number, baseline: number, size: number): boolean {
    let mark: { change: Change; from: number; to: number; y: number } | undefined;
    let any = false;
    const draw = (): void => {
      if (!mark) return;
      const thickness = Math.max(MARKS.minThickness, size * MARKS.thickness);
      // Saved and restored: the caller's stroke colour and width (a table's rules) stay as they were.
      this.doc.save().lineWidth(thickness).strokeColor(LAYOUT.changes[mark.change]).moveTo(mark.from, mark.y).lineTo(mark.to, mark.y).stroke().restore();
      mark = undefined;
    };
    for (const f of fragments) {
      const change = f.span.change;
      if (change === undefined) {
        draw();
        continue;
      }
      any = true;
      const from = x + f.x;
      // The spacing of a justified fragment follows each character; the line stops at the last one.
      const to = from + this.width(f.span.font, size, f.text) + (f.spacing !== 0 ? f.spacing * ([...f.text].length - 1) : 0);
      const y = change === "insert" ? baseline + size * MARKS.underline : baseline - size * this.strikeHeight(f.span.font, f.text);
      if (mark && mark.change === change && mark.y === y) mark.to = to;
      else {
        draw();
        mark = { change, from, to, y };
      }
    }
    draw();
    return any;
  }

  /**
   * Height of the strike-through line above the baseline, in ems: through the middle of Chinese
   * characters, else where the font puts it (half its x-height when it does not say).
   */
  private strikeHeight(font: fontkit.Font, text: string): number {
    if (needsCjkFont(text)) return MARKS.strikeCjk;
    const position = font["OS/2"]?.yStrikeoutPosition;
    return position !== undefined && position > 0 ? position / font.unitsPerEm : font.xHeight / 2 / font.unitsPerEm;
  }

  /** The last change bar drawn: a bar it already covers (the other cells of a table row) is not drawn again. */
  private lastBar: { readonly page: number; readonly x: number; readonly top: number; readonly bottom: number } | undefined;

  /** A change bar in an outer margin beside a line from `top`, `height` high (consecutive lines make one bar). */
  private changeBar(side: "left" | "right" | "none", top: number, height: number): void {
    if (side === "none") return;
    const x = side === "left" ? this.margin.left - CHANGE_BAR.offset : this.doc.page.width - this.margin.right + CHANGE_BAR.offset - CHANGE_BAR.width;
    const page = this.pageIndex;
    const last = this.lastBar;
    if (last && last.page === page && last.x === x && last.top <= top && top + height <= last.bottom) return;
    this.lastBar = { page, x, top, bottom: top + height };
    this.doc.save().rect(x, top, CHANGE_BAR.width, height).fill(LAYOUT.changeBar).restore();
  }

  /** Height the runs take in a width, laid out exactly as {@link runs} draws them. */
  heightOf(runs: readonly Run[], width: number, size: number = LAYOUT.body, bold = false): number {
    return heightOfSet(setText(this.metrics, runs, { width, size, bold, color: LAYOUT.text, linkColor: LAYOUT.link }));
  }
}

/** Up to 20 characters either side of the first `char` in `text`, on one line, so a message shows where it is. */
function excerpt(text: string, char: string): string {
  const chars = [...text.replace(/\s+/g, " ")];
  const at = chars.indexOf(char);
  const from = Math.max(0, at - 20);
  const to = Math.min(chars.length, at + 21);
  return `${from > 0 ? "…" : ""}${chars.slice(from, to).join("")}${to < chars.length ? "…" : ""}`;
}
