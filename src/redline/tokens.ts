import type { Run } from "../model/types.js";

/**
 * One unit a redline compares: a word, a number, a space, a punctuation mark, one Chinese
 * character, or a whole cross-reference. `key` is the formatting the token is drawn with, so a
 * word that turned bold is a change and a reference to another target is another token.
 */
export interface Token {
  readonly text: string;
  readonly key: string;
  /** The run the token came from, for its formatting and (references) its target. */
  readonly run: Run;
}

// Chinese (and Japanese) text has no spaces between words, and a PRC lawyer's redline marks
// characters; Latin text compares by word, with a number such as "1,250.00" or "9.2" kept whole so
// an amount changes as one unit. Written by hand because the `diff` package's word tokenizer splits
// numbers at punctuation and treats a run of CJK characters as one word.
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFFEF`;
const WORD_CHAR = String.raw`(?:(?![${CJK}])[\p{L}\p{N}\p{M}_])`;
// An amount in Chinese capital numerals (大写, "叁拾贰万柒仟肆佰零壹元整") changes as a whole: struck and
// replaced, never patched digit by digit.
const DAXIE = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整";
const TOKEN = new RegExp(String.raw`[${DAXIE}]{2,}|[${CJK}]|${WORD_CHAR}+(?:['’.,\-/]${WORD_CHAR}+)*|\s+|[^\s\p{L}\p{N}]`, "gu");

/** The formatting identity of a run: what must stay equal for its text to count as unchanged. */
export function styleKey(run: Run): string {
  return `${run.type === "ref" ? `ref:${run.target}` : "text"}|${run.bold === true ? "b" : ""}${run.italic === true ? "i" : ""}`;
}

/** The tokens of some runs, in order. A reference is one token: it changes as a whole. */
export function tokenize(runs: readonly Run[]): Token[] {
  const out: Token[] = [];
  for (const run of runs) {
    const key = styleKey(run);
    if (run.type === "ref") {
      out.push({ text: run.text, key, run });
      continue;
    }
    for (const m of run.text.matchAll(TOKEN)) out.push({ text: m[0], key, run });
  }
  return out;
}

/** The words of a text (no spaces), for similarity: which paragraphs are edits of each other. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) if (!/^\s+$/.test(m[0])) out.push(m[0]);
  return out;
}

/**
 * How alike two texts are, 0 to 1: the Dice coefficient of their word sets. Two versions of one
 * sub-clause with an amount changed score near 1; a paragraph rewritten for another governing
 * law scores low, and is shown as deleted and inserted rather than as a patchwork of small edits.
 */
export function similarity(a: string, b: string, cache?: Map<string, ReadonlySet<string>>): number {
  if (a === b) return 1;
  const set = (t: string): ReadonlySet<string> => {
    let s = cache?.get(t);
    if (!s) {
      s = new Set(words(t));
      cache?.set(t, s);
    }
    return s;
  };
  const wa = set(a);
  const wb = set(b);
  if (wa.size === 0 && wb.size === 0) return 1;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return (2 * common) / (wa.size + wb.size);
}
