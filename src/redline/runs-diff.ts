import { diffArrays } from "diff";
import type { Change, Run } from "../model/types.js";
import { tokenize, type Token } from "./tokens.js";

/**
 * Edits beyond this many tokens are not worth a word diff: the runs are shown as all deleted and
 * all inserted. It bounds the diff's work (Myers is O(N·D)) without a clock, so the output stays
 * deterministic; a paragraph this different reads better replaced anyway.
 */
export const MAX_WORD_EDITS = 4000;

/** Every run of `runs` marked with `change` (runs already marked keep theirs). */
export function markRuns(runs: readonly Run[], change: Change): Run[] {
  return runs.map((r) => (r.change === undefined ? { ...r, change } : r));
}

/** A text as one plain run, or none for an empty text. */
export function plainRuns(text: string): Run[] {
  return text === "" ? [] : [{ type: "text", text }];
}

interface Piece {
  readonly tokens: readonly Token[];
  readonly change?: Change;
}

/** The runs of some tokens: one run per stretch of tokens from the same run with the same change. */
function runsOf(pieces: readonly Piece[]): Run[] {
  const out: Run[] = [];
  let last: { run: Run; change: Change | undefined; text: string } | undefined;
  const flush = (): void => {
    if (!last) return;
    const { run, change, text } = last;
    const base: Run = run.type === "ref" ? { ...run, text } : { ...run, text };
    const { change: _drop, ...rest } = base;
    out.push(change === undefined ? (rest as Run) : ({ ...rest, change } as Run));
    last = undefined;
  };
  for (const piece of pieces) {
    for (const t of piece.tokens) {
      // References stay one run each: a link is not merged with its neighbours.
      if (last && last.run === t.run && last.change === piece.change && t.run.type !== "ref") last.text += t.text;
      else if (last && t.run.type === "text" && last.run.type === "text" && last.change === piece.change && sameStyle(last.run, t.run)) last.text += t.text;
      else {
        flush();
        last = { run: t.run, change: piece.change, text: t.text };
      }
    }
  }
  flush();
  return out;
}

function sameStyle(a: Run, b: Run): boolean {
  return (a.bold === true) === (b.bold === true) && (a.italic === true) === (b.italic === true);
}

const isSpace = (t: Token): boolean => /^\s+$/.test(t.text);

/**
 * The runs of `next` with the differences from `base` marked: deleted text (from `base`) and
 * inserted text (from `next`) at word level, Chinese by character, references as wholes. Within
 * one stretch of edits the deletions come before the insertions ("[del 12][ins 6] months"), and a
 * lone space between two edits joins them, so "the cat" → "a dog" reads as one replacement rather
 * than two. Equal runs give `next` back unchanged.
 */
export function diffRuns(base: readonly Run[], next: readonly Run[]): Run[] {
  const a = tokenize(base);
  const b = tokenize(next);
  const parts = diffArrays(a, b, { comparator: (x, y) => x.text === y.text && x.key === y.key, maxEditLength: MAX_WORD_EDITS });
  if (parts === undefined) return [...markRuns(base, "delete"), ...markRuns(next, "insert")];
  // Group into alternating stretches of equal tokens and of edits (deleted + inserted).
  const pieces: Piece[] = [];
  let dels: Token[] = [];
  let inss: Token[] = [];
  const closeEdit = (): void => {
    if (dels.length > 0) pieces.push({ tokens: dels, change: "delete" });
    if (inss.length > 0) pieces.push({ tokens: inss, change: "insert" });
    dels = [];
    inss = [];
  };
  for (const [i, part] of parts.entries()) {
    if (part.removed) dels = dels.concat(part.value);
    else if (part.added) inss = inss.concat(part.value);
    else {
      const inEdit = dels.length + inss.length > 0;
      const nextIsEdit = parts[i + 1] !== undefined;
      // A lone space between two edits becomes part of both: one replacement, not two.
      if (inEdit && nextIsEdit && part.value.length === 1 && part.value.every(isSpace)) {
        dels = dels.concat(part.value);
        inss = inss.concat(part.value);
        continue;
      }
      closeEdit();
      pieces.push({ tokens: part.value });
    }
  }
  closeEdit();
  if (unreadable(pieces)) return [...markRuns(base, "delete"), ...markRuns(next, "insert")];
  return runsOf(pieces);
}

/**
 * A word diff a lawyer cannot read: three or more separate edits, with less of the text left
 * standing between them than either side changed ("{--At the Effective Date--}{++The Provider will maintain
 * for++} the {--Provider holds--}{++Term++} …"). Such a paragraph reads better struck and replaced
 * whole, as a lawyer would mark it by hand.
 */
function unreadable(pieces: readonly Piece[]): boolean {
  let edits = 0;
  let kept = 0;
  const changed = { delete: 0, insert: 0 };
  let inEdit = false;
  for (const p of pieces) {
    const chars = p.tokens.reduce((n, t) => n + (isSpace(t) ? 0 : t.text.length), 0);
    if (p.change === undefined) {
      kept += chars;
      inEdit = false;
    } else if (p.tokens.every((t) => t.run.type === "ref" || isSpace(t))) {
    } else {
      changed[p.change] += chars;
      if (!inEdit) edits++;
      inEdit = true;
    }
  }
  // Measured against the longer side of the edits: "twelve (12) months … 2028" → "thirty-six (36)
  // months … 2030" keeps more than it changes and reads well word by word.
  return edits >= 3 && kept < Math.max(changed.delete, changed.insert);
}

/** The plain text of some runs. */
export function runsText(runs: readonly Run[]): string {
  let s = "";
  for (const r of runs) s += r.text;
  return s;
}
