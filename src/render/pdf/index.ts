import type { DocumentModel } from "../../model/types.js";
import { blocks, clause, contentsPageNumbers } from "./blocks.js";
import { parsedCjkFonts, parsedFonts, type FontSet } from "./fonts.js";
import { signaturePage } from "./signatures.js";
import { redlineLegends } from "../redline-labels.js";
import { setText } from "./typeset.js";
import { LAYOUT, PdfWriter } from "./writer.js";

export type { CjkFontBytes, FontSet } from "./fonts.js";

/** Options for {@link renderPdf}. */
export interface PdfOptions {
  /** Font bytes; parsed once per FontSet object and reused across documents. */
  readonly fonts: FontSet;
  /**
   * Finds where a character came from (a data path into the deal sheet), for
   * the path of a `RENDER_MISSING_GLYPH` problem; `draft` passes one that
   * searches the deal's strings.
   */
  readonly locate?: (char: string) => readonly (string | number)[] | undefined;
}

/** Header (title and reference) and "Page X of Y" footer on every page, once the page count is known. */
function furniture(w: PdfWriter, model: DocumentModel): void {
  const doc = w.doc;
  const range = doc.bufferedPageRange();
  w.where = "the page header";
  const header = oneLine(w, `${model.meta.title} · ${model.meta.reference}`, LAYOUT.small, w.contentWidth);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = { ...doc.page.margins };
    // Writing inside the margins would make pdfkit start a new page.
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    w.where = "the page header";
    w.face("regular", LAYOUT.small, header);
    doc.fillColor(LAYOUT.muted).text(header, w.margin.left, 36, { width: w.contentWidth, align: "right", lineBreak: false });
    const page = i - range.start + 1;
    // Full-width comma, as in the DOCX footer (domain brief §5.10).
    const footer = model.meta.lang === "zh" ? `第${page}页，共${range.count}页` : `Page ${page} of ${range.count}`;
    w.face("regular", LAYOUT.small, footer);
    doc.text(footer, w.margin.left, doc.page.height - 44, { width: w.contentWidth, align: "center", lineBreak: false });
    doc.fillColor(LAYOUT.text);
    doc.page.margins = margins;
  }
}

/**
 * A redline's legend at the top of the first page, a line per language of the document, its samples
 * drawn as the changes they explain: "Redline: insertions underlined, deletions struck through — 12 changes".
 */
function legend(w: PdfWriter, model: DocumentModel): void {
  const legends = redlineLegends(model.meta, "pdf");
  if (legends.length === 0) return;
  w.where = "the redline legend";
  for (const runs of legends) w.runs(runs, { x: w.margin.left, width: w.contentWidth, size: LAYOUT.small, color: LAYOUT.muted, changeBar: "none" });
  w.doc.y += 2 * LAYOUT.paragraphGap;
  w.where = "the front matter";
}

/**
 * `text` when it fits on one line of `width` at `size`, else as much of it as fits with "…"
 * after it: a header is one line, and pdfkit, given a width, would wrap a longer one down the
 * page (measuring the rest of an unbreakable word again for every line).
 */
function oneLine(w: PdfWriter, text: string, size: number, width: number): string {
  const runs = [{ type: "text", text }] as const;
  const options = { size, bold: false, color: LAYOUT.muted, linkColor: LAYOUT.link } as const;
  if (setText(w.metrics, runs, { ...options, width }).lines.length <= 1) return text;
  const ellipsis = "…";
  const room = width - w.width(w.fontFor("regular", text), size, ellipsis);
  const first = setText(w.metrics, runs, { ...options, width: room }).lines[0];
  return `${text.slice(0, first?.contentEnd ?? 0)}${ellipsis}`;
}

/**
 * Renders the document model to PDF bytes: embedded (subset) fonts, wrapped
 * text, tables that repeat their header, internal links for references, an
 * outline entry per clause, "Page X of Y" footers and document info. Pure and
 * deterministic: dates come from the model, never the clock.
 */
export function renderPdf(model: DocumentModel, options: PdfOptions): Promise<Uint8Array> {
  const fonts = parsedFonts(options.fonts);
  const created = new Date(model.meta.createdAt);
  const w = new PdfWriter(
    fonts,
    {
      Title: model.meta.title,
      Subject: model.meta.subject,
      Author: model.meta.parties.join("; "),
      Keywords: [model.meta.reference, ...model.meta.parties].join("; "),
      Creator: model.meta.producer,
      Producer: model.meta.producer,
      CreationDate: created,
      ModDate: created,
      ...(model.meta.record ? { ClausewrightRecord: model.meta.record } : {}),
    } as PDFKit.DocumentInfo,
    () => parsedCjkFonts(options.fonts),
    model.meta.lang,
    model.meta.lang === "zh" || model.meta.bilingual?.langs.includes("zh") === true,
    model.meta.paper ?? "a4",
  );
  w.locate = options.locate;
  // A bilingual document mixes languages outside its parallel cells and its continuation: the text decides there.
  const lang = model.meta.bilingual ? undefined : model.meta.lang;
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    w.doc.on("data", (c: Buffer) => chunks.push(c));
    w.doc.on("end", () => {
      const buf = Buffer.concat(chunks);
      resolve(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
    });
    w.doc.on("error", reject);
    try {
      const sequential = model.meta.bilingual?.layout === "sequential";
      w.lang = sequential ? model.meta.lang : lang;
      legend(w, model);
      blocks(w, model.front);
      for (const c of model.clauses) clause(w, c);
      if (model.continuation) {
        w.lang = model.continuation.lang;
        blocks(w, model.continuation.front);
        for (const c of model.continuation.clauses) clause(w, c);
      }
      w.lang = lang;
      signaturePage(w, model.signatures);
      for (const sc of model.schedules) clause(w, sc, true);
      contentsPageNumbers(w);
      furniture(w, model);
      w.doc.end();
    } catch (err) {
      reject(err);
    }
  });
}
