import { diffArrays } from "diff";

/**
 * Tokens of a text for a word diff: a word (letters and digits, with the inner apostrophes, points,
 * commas, hyphens and slashes of "Provider's", "99.5", "28,800.00", "e-mail"), one Chinese,
 * Japanese or Korean character or full-width mark (those scripts are compared character by
 * character), a run of spaces and tabs, a line break, or any other single character.
 */
const TOKEN =
  /(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}\p{M}_])+(?:['’.,\-/](?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}\p{M}_])+)*|[^\S\n]+|\n|[\s\S]/gu;

/** Splits text into diff tokens (see {@link TOKEN}). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** A paragraph of a side of the comparison: its text and the sub-clause it belongs to. */
export interface SideParagraph {
  readonly text: string;
  /** The number of the sub-clause it is in ("9.2"), or null. */
  readonly subclause: string | null;
}

/** What kind of change an edit is. */
export type EditKind = "insert" | "delete" | "replace";

/** A difference between our text and the returned text that no tracked change marks. */
export interface TextEdit {
  readonly kind: EditKind;
  /** Our text ("" for an insertion). A paragraph break is "\n". */
  readonly old: string;
  /** The returned file's text ("" for a deletion). */
  readonly new: string;
  /** The sub-clause of ours it falls in ("9.2"), or null (a clause's lead-in, the front matter). */
  readonly subclause: string | null;
  /** Some of our text just before it (within its paragraph), with the space that separates it from the edit. */
  readonly before: string;
  /** Some of our text just after it (within its paragraph), with the space that separates it from the edit. */
  readonly after: string;
}

/**
 * The most work one comparison may take, in token-steps of the diff (tokens × edit distance):
 * beyond it a segment is reported as replaced whole instead of word by word. Bounds the time a
 * returned file rewritten from top to bottom (or built to be slow) can take.
 */
export const MAX_DIFF_WORK = 40_000_000;
/** Characters of context either side of an edit. */
const CONTEXT = 40;

interface Tokens {
  readonly tokens: string[];
  /** For each token, the paragraph it came from. */
  readonly paragraph: number[];
}

/** The paragraphs as one token stream, a "\n" token between paragraphs. */
function tokensOf(paragraphs: readonly SideParagraph[]): Tokens {
  const tokens: string[] = [];
  const paragraph: number[] = [];
  paragraphs.forEach((p, i) => {
    if (i > 0) {
      tokens.push("\n");
      paragraph.push(i);
    }
    for (const t of tokenize(p.text)) {
      tokens.push(t);
      paragraph.push(i);
    }
  });
  return { tokens, paragraph };
}

const isSpace = (t: string): boolean => t !== "\n" && t.trim() === "";

/** A Chinese, Japanese or Korean character takes the room of two Latin ones (and says more). */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Context: whole tokens up to {@link CONTEXT} columns from `from` in direction `step`, stopping at
 * a paragraph break; spaces collapsed, trimmed only on the far side (the space next to the edit shows
 * whether it is inside a word).
 */
function context(tokens: readonly string[], from: number, step: 1 | -1): string {
  const parts: string[] = [];
  let width = 0;
  for (let i = from; i >= 0 && i < tokens.length && width < CONTEXT; i += step) {
    const t = tokens[i] ?? "";
    if (t === "\n") break;
    parts.push(t);
    width += WIDE.test(t) ? 2 : t.length;
  }
  if (step === -1) parts.reverse();
  const text = parts.join("").replace(/\s+/g, " ");
  return step === -1 ? text.trimStart() : text.trimEnd();
}

interface Span {
  oStart: number;
  oEnd: number;
  tStart: number;
  tEnd: number;
}

/** The changed spans between two token lists: common ends stripped, then Myers' diff (the `diff` package) within a work budget. */
function changedSpans(a: readonly string[], b: readonly string[]): Span[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (midA.length === 0 && midB.length === 0) return [];
  const whole: Span = { oStart: head, oEnd: a.length - tail, tStart: head, tEnd: b.length - tail };
  if (midA.length === 0 || midB.length === 0) return [whole];
  const maxEditLength = Math.max(1, Math.floor(MAX_DIFF_WORK / (midA.length + midB.length)));
  const changes = diffArrays(midA, midB, { maxEditLength });
  if (!changes) return [whole];
  const spans: Span[] = [];
  let o = head;
  let t = head;
  let open: Span | undefined;
  /** Common tokens since the open span, held back: only spaces between two changes join them into one. */
  let gap: string[] = [];
  for (const c of changes) {
    const n = c.value.length;
    if (!c.added && !c.removed) {
      if (open && gap.length === 0 && c.value.every(isSpace)) gap = c.value;
      else {
        if (open) spans.push(open);
        open = undefined;
        gap = [];
      }
      o += n;
      t += n;
      continue;
    }
    if (!open) open = { oStart: o, oEnd: o, tStart: t, tEnd: t };
    gap = [];
    if (c.removed) o += n;
    else t += n;
    open.oEnd = o;
    open.tEnd = t;
  }
  if (open) spans.push(open);
  return spans;
}

/**
 * The word-level differences between our paragraphs and the returned ones: insertions, deletions
 * and replacements, changes separated only by spaces joined into one, each with the sub-clause
 * of ours it falls in and a little of our text either side. Changes of spacing alone are not
 * reported; a paragraph split or joined is (its text is "\n").
 */
export function wordEdits(ours: readonly SideParagraph[], theirs: readonly SideParagraph[]): TextEdit[] {
  const a = tokensOf(ours);
  const b = tokensOf(theirs);
  const edits: TextEdit[] = [];
  for (const s of changedSpans(a.tokens, b.tokens)) {
    const rawOld = a.tokens.slice(s.oStart, s.oEnd).join("");
    const rawNew = b.tokens.slice(s.tStart, s.tEnd).join("");
    let old = rawOld.trim();
    let now = rawNew.trim();
    if (old === "" && now === "") {
      if (!rawOld.includes("\n") && !rawNew.includes("\n")) continue;
      old = rawOld.includes("\n") ? "\n" : "";
      now = rawNew.includes("\n") ? "\n" : "";
      if (old === now) continue;
    }
    const at = s.oStart < s.oEnd ? s.oStart : Math.max(0, s.oStart - 1);
    const paragraph = a.paragraph[at];
    edits.push({
      kind: old === "" ? "insert" : now === "" ? "delete" : "replace",
      old,
      new: now,
      subclause: paragraph === undefined ? null : (ours[paragraph]?.subclause ?? null),
      before: context(a.tokens, s.oStart - 1, -1),
      after: context(a.tokens, s.oEnd, 1),
    });
  }
  return edits;
}
