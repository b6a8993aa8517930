import { toChineseNumeral, toLetters, toRoman } from "../text/numbers.js";

/**
 * A numbering profile: how clause numbers, list labels and cross-references
 * read. Numbers are computed from the clause tree, so omitting a clause
 * renumbers everything after it and every reference follows.
 */
export interface NumberingProfile {
  /** A built-in style, or the id of a pack's numbering profile. */
  readonly id: string;
  /** Label before a clause title: "9." / "第九条" / "九、". */
  clauseLabel(n: number): string;
  /** Number of a sub-clause: "9.2" / "（二）". */
  subclauseNumber(clause: number, sub: number): string;
  /** Label of a list item at a depth: "(a)", "(i)", "（一）", "1.". */
  listLabel(depth: number, n: number, style: "lettered" | "bullet"): string;
  /** Text of a reference to a clause: "Section 9 (Limitation of Liability)" / "第九条（责任限制）". */
  clauseRef(clause: number, title: string): string;
  /** Text of a reference to a sub-clause: "Section 9.2 (Liability Cap)" / "第九条第2款". */
  subclauseRef(clause: number, sub: number, title: string | undefined): string;
  /** Label of a schedule: "Schedule 1" / "附件一". */
  scheduleLabel(n: number): string;
  /** Text of a reference to a schedule: "Schedule 1 (Fee Schedule)" / "附件一（费用明细）". */
  scheduleRef(n: number, title: string): string;
  /** Text of a reference to a numbered paragraph of a schedule: "paragraph 2 of Schedule 1" / "附件一第2条". */
  scheduleItemRef(n: number, item: number): string;
}

const englishSchedules = {
  scheduleLabel: (n: number): string => `Schedule ${n} —`,
  scheduleRef: (n: number, title: string): string => `Schedule ${n} (${title})`,
  scheduleItemRef: (n: number, item: number): string => `paragraph ${item} of Schedule ${n}`,
};

// Reference and label text runs inside Chinese sentences, so it takes full-width punctuation (domain brief §5.10).
const chineseSchedules = {
  // No colon: renderers join a label and its title with a space ("附件一 服务等级"), and "：" followed by a space reads as a typo.
  scheduleLabel: (n: number): string => `附件${toChineseNumeral(n)}`,
  scheduleRef: (n: number, title: string): string => `附件${toChineseNumeral(n)}（${title}）`,
  scheduleItemRef: (n: number, item: number): string => `附件${toChineseNumeral(n)}第${item}条`,
};

/** The numbering styles clausewright knows (domain brief §5.8 for the Chinese ones). */
export type NumberingStyle = "en" | "zh-article-decimal" | "zh-gbt9704";

/** English contract numbering: 1. / 1.1 / (a) / (i). */
export const englishNumbering: NumberingProfile = {
  id: "en",
  clauseLabel: (n) => `${n}.`,
  subclauseNumber: (c, s) => `${c}.${s}`,
  listLabel(depth, n, style) {
    if (style === "bullet") return "•";
    if (depth % 3 === 0) return `(${toLetters(n)})`;
    if (depth % 3 === 1) return `(${toRoman(n)})`;
    return `(${toLetters(n).toUpperCase()})`;
  },
  clauseRef: (c, title) => `Section ${c} (${title})`,
  subclauseRef: (c, s, title) => (title ? `Section ${c}.${s} (${title})` : `Section ${c}.${s}`),
  ...englishSchedules,
};

/** Chinese commercial style: 第一条 / 1.1 / （一） / 1. — references read 第九条第2款. */
export const zhArticleDecimal: NumberingProfile = {
  id: "zh-article-decimal",
  clauseLabel: (n) => `第${toChineseNumeral(n)}条`,
  subclauseNumber: (c, s) => `${c}.${s}`,
  listLabel(depth, n, style) {
    if (style === "bullet") return "•";
    // Chinese numerals are Chinese text, so their brackets are full-width (GB/T 9704 writes （一）).
    if (depth % 3 === 0) return `（${toChineseNumeral(n)}）`;
    if (depth % 3 === 1) return `${n}.`;
    return `(${n})`;
  },
  clauseRef: (c, title) => `第${toChineseNumeral(c)}条（${title}）`,
  subclauseRef: (c, s) => `第${toChineseNumeral(c)}条第${s}款`,
  ...chineseSchedules,
};

/** Chinese official-document style (GB/T 9704): 一、 / （一） / 1. / (1). */
export const zhGbt9704: NumberingProfile = {
  id: "zh-gbt9704",
  clauseLabel: (n) => `${toChineseNumeral(n)}、`,
  subclauseNumber: (_c, s) => `（${toChineseNumeral(s)}）`,
  listLabel(depth, n, style) {
    if (style === "bullet") return "•";
    return depth % 2 === 0 ? `${n}.` : `(${n})`;
  },
  clauseRef: (c, title) => `第${toChineseNumeral(c)}部分（${title}）`,
  subclauseRef: (c, s) => `第${toChineseNumeral(c)}部分第（${toChineseNumeral(s)}）项`,
  ...chineseSchedules,
};

const PROFILES: Readonly<Record<NumberingStyle, NumberingProfile>> = {
  en: englishNumbering,
  "zh-article-decimal": zhArticleDecimal,
  "zh-gbt9704": zhGbt9704,
};

/** The numbering profile for a style. */
export function numberingProfile(style: NumberingStyle): NumberingProfile {
  return PROFILES[style];
}
