import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import type { DraftLang } from "../options.js";
import type { SegmentKind } from "./segments.js";
import type { TrackedChange } from "./tracked.js";
import type { TextEdit } from "./words.js";

export type { SegmentKind } from "./segments.js";
export type { TrackedChange } from "./tracked.js";
export type { EditKind, TextEdit } from "./words.js";
export type { RevisionKind } from "./document.js";

/** What happened to a part of the agreement in the returned file. */
export type { ClauseStatus } from "../redline/report.js";
import type { ClauseStatus } from "../redline/report.js";

/** One part of the agreement (front matter, clause, signature page, schedule) compared with ours. */
export interface ClauseComparison {
  readonly kind: SegmentKind;
  /** The clause id ("liability"); "front" or "signatures"; null for a clause the other side added. */
  readonly id: string | null;
  /** Our number ("9"); "" for the front matter, the signature page and an added clause. */
  readonly number: string;
  /** The heading as our document prints it ("9. Limitation of Liability"), or the added clause's heading as the returned file has it. */
  readonly heading: string;
  /** The language of this copy, in a sequential bilingual agreement (where each clause appears once per language). */
  readonly lang?: Lang;
  readonly status: ClauseStatus;
  /** Found out of our order: the other side moved it (its edits are still compared). */
  readonly moved?: true;
  /** An added or moved clause: the id of the part it follows in the returned file ("front" at the start). */
  readonly after?: string;
  /**
   * Differences no tracked change marks: our text against the returned text with every tracked
   * change rejected (what the other side presents as the text we sent). An added clause is one
   * insertion, a removed one a deletion.
   */
  readonly untracked: readonly TextEdit[];
  /** Tracked changes left in the returned file, in order. */
  readonly tracked: readonly TrackedChange[];
  /** The clause's template changed since the file was drafted (a newer pack): some differences may be ours. */
  readonly templateChanged?: true;
}

/** How many parts and changes a comparison found. */
export interface CompareCounts {
  readonly unchanged: number;
  readonly changed: number;
  readonly added: number;
  readonly removed: number;
  /** Untracked edits, over all parts. */
  readonly untracked: number;
  /** Tracked changes left in, over all parts. */
  readonly tracked: number;
}

/** What {@link compareDocx} found: every part of the agreement in the returned file's order, and the counts. */
export interface CompareReport {
  /** The agreement's reference (from the deal). */
  readonly reference: string;
  /** The agreement layout the file was drafted with ("crm-saas"). */
  readonly agreement: string;
  /** The language(s) of the file. */
  readonly lang: DraftLang;
  readonly counts: CompareCounts;
  /** Authors of the tracked changes left in, in order of first appearance. */
  readonly authors: readonly string[];
  readonly clauses: readonly ClauseComparison[];
  /**
   * Present when the returned file is one of our redlines (its record says so): the reference is
   * the new draft, our own tracked changes (by `author`, at the redline's dates) are read as
   * accepted and are neither tracked changes left in nor untracked edits; `pending` counts those
   * still in the file, neither accepted nor rejected by the other side (grouped as `tracked` is).
   */
  readonly redline?: { readonly author: string; readonly pending: number };
  /** What the comparison should be read with (`COMPARE_VERSION_CHANGED`: the file was drafted with other versions). */
  readonly warnings: readonly Problem[];
}

/** The counts of a list of compared parts. */
export function countsOf(clauses: readonly ClauseComparison[]): CompareCounts {
  const n = (s: ClauseComparison["status"]): number => clauses.filter((c) => c.status === s).length;
  return {
    unchanged: n("unchanged"),
    changed: n("changed"),
    added: n("added"),
    removed: n("removed"),
    untracked: clauses.reduce((sum, c) => sum + c.untracked.length, 0),
    tracked: clauses.reduce((sum, c) => sum + c.tracked.length, 0),
  };
}
