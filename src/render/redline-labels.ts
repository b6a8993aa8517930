import type { DocumentMeta, Lang, Run } from "../model/types.js";

/**
 * The words of a redline's legend in one language: a lead-in, a sample of each mark (drawn in that
 * mark, so the legend shows what it explains) and the number of changes. Kept as data, per
 * language, like the other furniture labels: a renderer draws them and never words them itself.
 */
export interface LegendWords {
  readonly lead: string;
  /** Drawn as an insertion. */
  readonly inserted: string;
  readonly between: string;
  /** Drawn as a deletion. */
  readonly deleted: string;
  /** The number of tracked changes, after the samples. */
  count(changes: number): string;
}

/** The legend of each output that shows marks on screen. */
export interface RedlineLabels {
  /** PDF, on the first page: "Redline: insertions underlined, deletions struck through — 12 changes". */
  readonly pdf: LegendWords;
  /** Markdown, the file's first line: the CriticMarkup notation, by example. */
  readonly markdown: LegendWords;
}

const enCount = (n: number): string => (n === 0 ? " — no changes" : n === 1 ? " — 1 change" : ` — ${n} changes`);

const EN: RedlineLabels = {
  pdf: { lead: "Redline: ", inserted: "insertions underlined", between: ", ", deleted: "deletions struck through", count: enCount },
  markdown: { lead: "Redline (CriticMarkup): ", inserted: "inserted", between: ", ", deleted: "deleted", count: enCount },
};

// Full-width punctuation throughout (domain brief §5.10); 修订 is how a PRC lawyer speaks of a marked-up draft.
const zhCount = (n: number): string => (n === 0 ? "（无修订）" : `（共${n}处修订）`);

const ZH: RedlineLabels = {
  pdf: { lead: "修订稿：", inserted: "新增内容以下划线标示", between: "，", deleted: "删除内容以删除线标示", count: zhCount },
  markdown: { lead: "修订稿（CriticMarkup 标记）：", inserted: "新增内容", between: "，", deleted: "删除内容", count: zhCount },
};

const LABELS: Readonly<Record<Lang, RedlineLabels>> = { en: EN, zh: ZH };

/** The redline legend words of a language. */
export function redlineLabels(lang: Lang): RedlineLabels {
  return LABELS[lang];
}

/**
 * The legend of a redline as runs, one list per language of the document (both, primary first, in
 * a bilingual one); none when the model is not a redline. The samples carry their change, so the
 * renderer draws them as it draws any change.
 */
export function redlineLegends(meta: DocumentMeta, output: keyof RedlineLabels): Run[][] {
  const redline = meta.redline;
  if (!redline) return [];
  const langs = meta.bilingual?.langs ?? [meta.lang];
  return langs.map((lang) => {
    const w = LABELS[lang][output];
    return [
      { type: "text", text: w.lead },
      { type: "text", text: w.inserted, change: "insert" },
      { type: "text", text: w.between },
      { type: "text", text: w.deleted, change: "delete" },
      { type: "text", text: w.count(redline.changes) },
    ];
  });
}
