import { Document, Packer, type FileChild } from "docx";
import type { Block, DocumentModel } from "../../model/types.js";
import { blocks, clause, type DocxContext } from "./blocks.js";
import { normaliseDocx } from "./deterministic.js";
import { estimateHeadingPages } from "./page-estimate.js";
import { HeadingNumbering } from "./heading-numbering.js";
import { ListNumbering } from "./numbering.js";
import { section } from "./page.js";
import { coreXml, creationDate, customProperties } from "./properties.js";
import { signaturePage } from "./signatures.js";
import { CONTENT_WIDTH, styles } from "./styles.js";
import { checkXmlText } from "./text.js";

/** Options for {@link renderDocx}. */
export interface DocxOptions {
  /**
   * Font family for Latin text; default "Noto Serif" (Word and LibreOffice substitute a font when it is missing).
   * The contents' page numbers are estimated with Noto Serif's widths whatever the font.
   */
  readonly font?: string;
}

function paragraphAnchors(bs: readonly Block[], into: Set<string>): void {
  for (const b of bs) {
    if (b.kind === "paragraph" && b.anchor !== undefined) into.add(b.anchor);
    if (b.kind === "parallel") paragraphAnchors(b.cells, into);
  }
}

/** Every anchor the document bookmarks, so references to anything else stay plain text. */
function anchorsOf(model: DocumentModel): Set<string> {
  const anchors = new Set<string>();
  paragraphAnchors(model.front, anchors);
  paragraphAnchors(model.continuation?.front ?? [], anchors);
  for (const c of [...model.clauses, ...(model.continuation?.clauses ?? []), ...model.schedules]) {
    anchors.add(c.anchor);
    paragraphAnchors(c.blocks, anchors);
    for (const s of c.subclauses) {
      anchors.add(s.anchor);
      paragraphAnchors(s.blocks, anchors);
    }
  }
  return anchors;
}

/**
 * Renders the document model to DOCX bytes: Heading 1/2 clause headings with
 * bookmarks, cross-references as internal links, Word list numbering that
 * reproduces the model's labels, tables with repeating header rows, a
 * signature page, a header with title and reference, a "Page X of Y" footer,
 * and document properties (the assembly record as a custom property). The
 * table of contents is a TOC field written with page numbers: LibreOffice's
 * pages, estimated from the model (page-estimate.ts), which LibreOffice and
 * other readers that do not update fields show as they are; the document asks
 * Word to update its fields on opening, so Word's numbers are its own.
 *
 * Pure: no file system, no clock, no randomness in the output; identical
 * models give identical bytes in any time zone. Throws a ClausewrightError
 * (`RENDER_INVALID_CHARACTER`) for text XML cannot carry.
 */
export async function renderDocx(model: DocumentModel, options: DocxOptions = {}): Promise<Uint8Array> {
  const meta = model.meta;
  const created = creationDate(meta);
  const font = checkXmlText(options.font ?? "Noto Serif", "the font option");
  const hasContents = [...model.front, ...(model.continuation?.front ?? [])].some((b) => b.kind === "contents");
  const ctx: DocxContext = {
    lists: new ListNumbering({ separate: meta.redline !== undefined }),
    anchors: anchorsOf(model),
    nextBookmarkId: 1,
    where: "the front matter",
    width: CONTENT_WIDTH,
    pages: hasContents ? estimateHeadingPages(model) : new Map(),
    inCell: 0,
    stream: { fresh: true, markInserted: false, prevMarkInserted: false, later: false, lastMark: undefined },
    ...(meta.redline ? { revision: { author: checkXmlText(meta.redline.author, "the redline author"), date: meta.redline.date }, headings: new HeadingNumbering(model) } : {}),
  };

  const children: FileChild[] = [];
  blocks(model.front, ctx, children);
  for (const c of model.clauses) clause(c, ctx, children);
  if (model.continuation) {
    blocks(model.continuation.front, ctx, children);
    for (const c of model.continuation.clauses) clause(c, ctx, children);
  }
  for (const child of signaturePage(model.signatures, ctx)) children.push(child);
  for (const sc of model.schedules) clause(sc, ctx, children, true);

  const doc = new Document({
    customProperties: customProperties(meta),
    styles: styles(font, meta.lang, meta.bilingual !== undefined),
    numbering: { config: [...ctx.lists.config().config, ...(ctx.headings?.config() ?? [])] },
    // Word asks to update the fields on opening, and its update puts its own page numbers in the
    // contents: the written ones are LibreOffice's, and Word's pages differ (page-estimate.ts).
    // Without it Word would show LibreOffice's numbers until someone updated the table by hand.
    // A redline keeps tracking on: the other side's edits to it are tracked changes too.
    features: { updateFields: true, ...(meta.redline ? { trackRevisions: true } : {}) },
    sections: [section(meta, children)],
  });
  // Our core.xml replaces the package's, which carries the clock's time.
  const packed = await Packer.pack(doc, "uint8array", false, [{ path: "docProps/core.xml", data: coreXml(meta, created) }]);
  return normaliseDocx(packed, created);
}
