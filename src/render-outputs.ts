import { pathOfCharacter } from "./deal/char-path.js";
import type { Deal } from "./deal/schema.js";
import type { DocumentModel } from "./model/types.js";
import type { Format } from "./options.js";
import type { FontSet } from "./render/pdf/index.js";
import { renderHtml } from "./render/html/index.js";
import { renderMarkdown } from "./render/markdown/index.js";

/** The files of one document, as far as they were asked for. */
export interface RenderedOutputs {
  readonly docx?: Uint8Array;
  readonly pdf?: Uint8Array;
  readonly markdown?: string;
  readonly html?: string;
}

/**
 * Renders a model to the formats asked for. The DOCX and PDF renderers (with the docx library,
 * pdfkit and fontkit) load on first use: a Markdown-only draft, or a CLI run that asks for one
 * format, does not pay for the others. `deal` names the field a character the PDF fonts lack came from.
 */
export async function renderOutputs(model: DocumentModel, formats: readonly Format[], fonts: FontSet | undefined, deal: Deal): Promise<RenderedOutputs> {
  const [docx, pdf] = await Promise.all([
    formats.includes("docx") ? import("./render/docx/index.js").then((m) => m.renderDocx(model)) : undefined,
    formats.includes("pdf") && fonts ? import("./render/pdf/index.js").then((m) => m.renderPdf(model, { fonts, locate: (char) => pathOfCharacter(deal, char) })) : undefined,
  ]);
  return {
    ...(docx ? { docx } : {}),
    ...(pdf ? { pdf } : {}),
    ...(formats.includes("md") ? { markdown: renderMarkdown(model) } : {}),
    ...(formats.includes("html") ? { html: renderHtml(model) } : {}),
  };
}
