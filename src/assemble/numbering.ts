import { toLetters, toRoman } from "../text/numbers.js";

/**
 * A numbering profile: how clause numbers, list labels and cross-references
 * read. Numbers are computed from the clause tree, so omitting a clause
 * renumbers everything after it and every reference follows.
 */
export interface NumberingProfile {
  readonly id: string;
  /** Label before a clause title: "9." */
  clauseLabel(n: number): string;
  /** Number of a sub-clause: "9.2" */
  subclauseNumber(clause: number, sub: number): string;
  /** Label of a list item at a depth: "(a)", "(i)", "(A)". */
  listLabel(depth: number, n: number, style: "lettered" | "bullet"): string;
  /** Text of a cross-reference: "Section 9.2 (Liability Cap)". */
  refText(number: string, title: string | undefined): string;
}

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
  refText: (number, title) => (title ? `Section ${number} (${title})` : `Section ${number}`),
};
