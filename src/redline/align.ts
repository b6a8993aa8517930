import { diffArrays } from "diff";

/** How one item of the new list relates to the base list. */
export type Aligned<T> = { readonly kind: "match"; readonly base: T; readonly next: T } | { readonly kind: "delete"; readonly base: T } | { readonly kind: "insert"; readonly next: T };

/** How to align two lists of one kind of item. */
export interface AlignBy<T> {
  /** Items with equal keys are the same item (a clause id; a paragraph's text). */
  readonly key: (item: T) => string;
  /**
   * Among items left over between two matches, whether a base item and a new one are versions of
   * each other (then they are compared word by word) rather than one deleted and one inserted.
   */
  readonly similar: (base: T, next: T) => boolean;
}

/**
 * Aligns two lists in order: equal keys match (longest common subsequence, via `diff`), and in
 * each stretch between matches, base and new items that are `similar` pair up in order. The
 * result keeps the new list's order, with each deleted item placed where it stood among them.
 */
export function align<T>(base: readonly T[], next: readonly T[], by: AlignBy<T>): Aligned<T>[] {
  const parts = diffArrays(base.map(by.key), next.map(by.key));
  const out: Aligned<T>[] = [];
  let i = 0;
  let j = 0;
  let removed: T[] = [];
  let added: T[] = [];
  const flush = (): void => {
    pairUp(removed, added, by, out);
    removed = [];
    added = [];
  };
  for (const part of parts) {
    const n = part.count ?? part.value.length;
    if (part.removed) {
      removed = removed.concat(base.slice(i, i + n));
      i += n;
    } else if (part.added) {
      added = added.concat(next.slice(j, j + n));
      j += n;
    } else {
      flush();
      for (let k = 0; k < n; k++) out.push({ kind: "match", base: base[i + k] as T, next: next[j + k] as T });
      i += n;
      j += n;
    }
  }
  flush();
  return out;
}

function pairUp<T>(removed: readonly T[], added: readonly T[], by: AlignBy<T>, out: Aligned<T>[]): void {
  let r = 0;
  let a = 0;
  while (r < removed.length || a < added.length) {
    // The next pair: the first removed item (from r) that has a similar added item (from a).
    let pair: [number, number] | undefined;
    for (let x = r; x < removed.length && !pair; x++) {
      for (let y = a; y < added.length; y++) {
        if (by.similar(removed[x] as T, added[y] as T)) {
          pair = [x, y];
          break;
        }
      }
    }
    const [px, py] = pair ?? [removed.length, added.length];
    for (; r < px; r++) out.push({ kind: "delete", base: removed[r] as T });
    for (; a < py; a++) out.push({ kind: "insert", next: added[a] as T });
    if (pair) {
      out.push({ kind: "match", base: removed[px] as T, next: added[py] as T });
      r = px + 1;
      a = py + 1;
    }
  }
}
