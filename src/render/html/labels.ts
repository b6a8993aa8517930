import type { Lang } from "../../model/types.js";

/**
 * What an HTML page says itself (not the agreement's words), per language: kept as data like the
 * other renderers' furniture labels, so a renderer never words anything itself.
 */
export interface HtmlLabels {
  /** The BCP 47 tag for `lang` attributes: browsers pick fonts, hyphenation and line breaking by it. */
  readonly tag: string;
  /** The printed footer, as CSS `content` pieces around the page counters. */
  readonly footer: { readonly before: string; readonly between: string; readonly after: string };
  /** The accessible name of the table of contents' navigation landmark. */
  readonly contents: string;
  /** The accessible name of the signature section. */
  readonly signatures: string;
}

const LABELS: Readonly<Record<Lang, HtmlLabels>> = {
  en: { tag: "en", footer: { before: "Page ", between: " of ", after: "" }, contents: "Contents", signatures: "Signatures" },
  // "第 3 页，共 12 页" as the DOCX and PDF footers print it, with full-width punctuation (domain brief §5.10).
  zh: { tag: "zh-CN", footer: { before: "第", between: "页，共", after: "页" }, contents: "目录", signatures: "签署页" },
};

/** The HTML labels of a language. */
export function htmlLabels(lang: Lang): HtmlLabels {
  return LABELS[lang];
}
