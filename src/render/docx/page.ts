import { Footer, Header, PageNumber, Paragraph, TextRun, type ISectionOptions } from "docx";
import type { DocumentMeta } from "../../model/types.js";
import { LETTER_PAGE, PAGE, STYLE } from "./styles.js";
import { checkXmlText } from "./text.js";

/** "Page X of Y" in the document's language; X and Y are PAGE and NUMPAGES fields, so Word keeps them right after edits. */
function pageOf(meta: DocumentMeta): TextRun {
  const children = meta.lang === "zh" ? ["第 ", PageNumber.CURRENT, " 页，共 ", PageNumber.TOTAL_PAGES, " 页"] : ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES];
  return new TextRun({ children });
}

/**
 * The page setup of the one section: A4 or Letter (the model's paper) with the margins from {@link PAGE},
 * a small header with the title and reference, and a "Page X of Y" footer.
 */
export function section(meta: DocumentMeta, children: ISectionOptions["children"]): ISectionOptions {
  const running = checkXmlText(`${meta.title} · ${meta.reference}`, "the page header");
  const page = meta.paper === "letter" ? LETTER_PAGE : PAGE;
  return {
    properties: {
      page: {
        size: { width: page.width, height: page.height },
        margin: { top: page.marginY, bottom: page.marginY, left: page.marginX, right: page.marginX, header: page.header, footer: page.footer },
      },
    },
    headers: { default: new Header({ children: [new Paragraph({ style: STYLE.header, children: [new TextRun(running)] })] }) },
    footers: { default: new Footer({ children: [new Paragraph({ style: STYLE.footer, children: [pageOf(meta)] })] }) },
    children,
  };
}
