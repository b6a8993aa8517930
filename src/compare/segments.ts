import type { Block, Clause, DocumentModel, Lang } from "../model/types.js";
import { bookmarkName } from "../render/docx/text.js";
import { acceptedText, rejectedText, type DocxParagraph } from "./document.js";

/** What part of the agreement a segment is. */
export type SegmentKind = "front" | "clause" | "signatures" | "schedule";

/** A part of our agreement that is compared on its own: the front matter, a clause, the signature page, a schedule. */
export interface SegmentDef {
  readonly kind: SegmentKind;
  /** The clause id; "front" and "signatures" for those parts. */
  readonly id: string;
  /** The clause's number ("9"), "" for the front matter and signature page. */
  readonly number: string;
  /** Its heading as the document prints it ("9. Limitation of Liability"), "" for the front matter. */
  readonly heading: string;
  /** The language of this copy, in a sequential bilingual document (each clause appears once per language). */
  readonly lang?: Lang;
  /** The bookmark on its heading, which starts it. */
  readonly bookmark?: string;
  /** Or, for parts without a bookmark, the text of the paragraph that starts it (whitespace collapsed). */
  readonly startText?: string;
}

/** Our agreement's parts and the bookmarks the DOCX renderer writes for them. */
export interface Outline {
  readonly segments: readonly SegmentDef[];
  /** Sub-clause bookmarks and the sub-clause numbers they mark. */
  readonly subclauses: ReadonlyMap<string, string>;
  /** Every clause and sub-clause bookmark of our document: a heading that carries one is ours, not an added clause. */
  readonly bookmarks: ReadonlySet<string>;
}

/** Text with runs of white space (tabs, line breaks) made one space, trimmed: how headings are matched. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function firstParagraphText(blocks: readonly Block[]): string | undefined {
  for (const b of blocks) {
    if (b.kind !== "paragraph") continue;
    const text = normalise(b.runs.map((r) => r.text).join(""));
    if (text !== "") return text;
  }
  return undefined;
}

/** The parts of a document model in document order, with the bookmarks that start them (as src/render/docx writes them). */
export function outlineOf(model: DocumentModel): Outline {
  const segments: SegmentDef[] = [{ kind: "front", id: "front", number: "", heading: "" }];
  const subclauses = new Map<string, string>();
  const bookmarks = new Set<string>();
  const sequential = model.meta.bilingual?.layout === "sequential";
  const add = (c: Clause, kind: SegmentKind, lang: Lang | undefined): void => {
    const bookmark = bookmarkName(c.anchor);
    bookmarks.add(bookmark);
    if (c.alt?.anchor !== undefined) bookmarks.add(bookmarkName(c.alt.anchor));
    for (const s of c.subclauses) {
      for (const a of [s.anchor, s.alt?.anchor]) {
        if (a === undefined) continue;
        subclauses.set(bookmarkName(a), s.number);
        bookmarks.add(bookmarkName(a));
      }
    }
    segments.push({ kind, id: c.id, number: c.number, heading: normalise(`${c.label} ${c.title}`), ...(lang ? { lang } : {}), bookmark });
  };
  for (const c of model.clauses) add(c, "clause", sequential ? model.meta.lang : undefined);
  if (model.continuation) {
    const start = firstParagraphText(model.continuation.front);
    if (start !== undefined) segments.push({ kind: "front", id: "front", number: "", heading: "", lang: model.continuation.lang, startText: start });
    for (const c of model.continuation.clauses) add(c, "clause", model.continuation.lang);
  }
  segments.push({ kind: "signatures", id: "signatures", number: "", heading: normalise(model.signatures.heading), startText: normalise(model.signatures.heading) });
  for (const c of model.schedules) add(c, "schedule", undefined);
  return { segments, subclauses, bookmarks };
}

/** A stretch of paragraphs `[start, end)` of one document. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** Where the segments of our outline are in our own document: by bookmark, or by the text that starts them. */
export function splitOurs(outline: Outline, paragraphs: readonly DocxParagraph[]): (Range | undefined)[] {
  const byBookmark = new Map<string, number>();
  outline.segments.forEach((s, i) => {
    if (s.bookmark !== undefined) byBookmark.set(s.bookmark, i);
  });
  const starts: { index: number; at: number }[] = [{ index: 0, at: 0 }];
  let current = 0;
  paragraphs.forEach((p, at) => {
    let next: number | undefined;
    for (const b of p.bookmarks) {
      const i = byBookmark.get(b);
      if (i !== undefined && i > current) next = i;
    }
    if (next === undefined) {
      const text = normalise(rejectedText(p));
      // The next parts without a bookmark, in order: a sequential copy's front matter, the signature page.
      for (let i = current + 1; i < outline.segments.length && next === undefined; i++) {
        const s = outline.segments[i];
        if (s?.bookmark !== undefined) break;
        if (s?.startText !== undefined && s.startText === text) next = i;
      }
    }
    if (next !== undefined) {
      starts.push({ index: next, at });
      current = next;
    }
  });
  const ranges: (Range | undefined)[] = outline.segments.map(() => undefined);
  starts.forEach((s, k) => {
    ranges[s.index] = { start: s.at, end: starts[k + 1]?.at ?? paragraphs.length };
  });
  return ranges;
}

/** One part of the returned document: one of our segments (`index`), or a clause the other side added. */
export interface ReturnedPart {
  readonly range: Range;
  /** Our segment it corresponds to; absent for an added clause. */
  readonly index?: number;
  /** Found out of order: the other side moved it. */
  readonly moved?: boolean;
}

/** The longest strictly increasing subsequence of `values` (entries that are undefined are skipped), as indexes into it. */
function longestIncreasing(values: readonly (number | undefined)[]): Set<number> {
  const tails: number[] = [];
  const previous = new Map<number, number>();
  values.forEach((v, i) => {
    if (v === undefined) return;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous.set(i, tails[lo - 1] ?? 0);
    tails[lo] = i;
  });
  const out = new Set<number>();
  for (let i = tails[tails.length - 1]; i !== undefined; i = previous.get(i)) out.add(i);
  return out;
}

/** How many words two headings share (each word counted as often as both have it). */
function sharedWords(a: string, b: string): number {
  const words = (t: string): string[] =>
    t
      .toLowerCase()
      .split(/[\s.,;:()（）、，。]+/u)
      .filter(Boolean);
  const pool = words(b);
  let n = 0;
  for (const w of words(a)) {
    const k = pool.indexOf(w);
    if (k >= 0) {
      n++;
      pool.splice(k, 1);
    }
  }
  return n;
}

/**
 * Finds our segments in the returned document. Each is found by the bookmark on its heading (Word
 * and LibreOffice keep bookmarks), else by its heading's text (an editor that dropped them), in
 * document order: the longest run of finds in our order is taken as the spine, and a find out of
 * that order is a clause the other side moved. A Heading 1 paragraph that is none of ours (no
 * bookmark of ours, a text no heading of ours has) starts a clause the other side added; between two
 * found segments, a segment of ours that was not found is paired with the added heading there that
 * shares most words with its own (its title was edited and its bookmark lost) before it is called
 * removed.
 */
export function alignReturned(outline: Outline, ours: readonly DocxParagraph[], ourRanges: readonly (Range | undefined)[], theirs: readonly DocxParagraph[]): ReturnedPart[] {
  const byBookmark = new Map<string, number>();
  theirs.forEach((p, at) => {
    for (const b of p.bookmarks) if (!byBookmark.has(b)) byBookmark.set(b, at);
  });
  const texts = theirs.map((p) => [normalise(rejectedText(p)), normalise(acceptedText(p))] as const);
  const ourHeadings = new Set<string>();
  for (const p of ours) if (p.heading === 1) ourHeadings.add(normalise(rejectedText(p)));

  // Candidate position of each segment (the front matter is always at 0).
  const found: (number | undefined)[] = outline.segments.map(() => undefined);
  // A paragraph starts one segment at most, even in a file with a bookmark name twice or a heading text repeated.
  const claimed = new Set<number>();
  let last = 0;
  outline.segments.forEach((s, i) => {
    if (i === 0 || ourRanges[i] === undefined) return;
    let at = s.bookmark !== undefined ? byBookmark.get(s.bookmark) : undefined;
    if (at !== undefined && claimed.has(at)) at = undefined;
    if (at === undefined) {
      const range = ourRanges[i];
      const start = range ? ours[range.start] : undefined;
      const want = s.startText ?? (start ? normalise(rejectedText(start)) : undefined);
      if (want !== undefined && want !== "") {
        const matches = (k: number): boolean => !claimed.has(k) && (texts[k]?.[0] === want || texts[k]?.[1] === want);
        for (let k = last + 1; k < theirs.length && at === undefined; k++) if (matches(k)) at = k;
        for (let k = 1; k <= last && at === undefined; k++) if (matches(k)) at = k;
      }
    }
    if (at !== undefined && at > 0) {
      found[i] = at;
      claimed.add(at);
      if (at > last) last = at;
    }
  });
  const spine = longestIncreasing(found);

  // Headings that are none of ours start added clauses; a heading row of a parallel layout is one start.
  const added: number[] = [];
  const claimedRows = new Set<number>();
  for (const at of claimed) {
    const row = theirs[at]?.row;
    if (row !== undefined) claimedRows.add(row);
  }
  theirs.forEach((p, at) => {
    if (p.heading !== 1 || p.toc || at === 0 || claimed.has(at)) return;
    if (p.bookmarks.some((b) => outline.bookmarks.has(b))) return;
    const [rejected, accepted] = texts[at] ?? ["", ""];
    if ((rejected === "" && accepted === "") || ourHeadings.has(rejected) || ourHeadings.has(accepted)) return;
    if (p.row !== undefined && claimedRows.has(p.row)) return;
    const previous = added[added.length - 1];
    if (previous !== undefined && p.row !== undefined && theirs[previous]?.row === p.row) return;
    added.push(at);
  });

  // Pair segments not found with added headings between the same two found neighbours.
  const spineIndexes = [...spine].sort((a, b) => a - b);
  const paired = new Map<number, number>();
  const taken = new Set<number>();
  let gapStart = 0;
  for (let k = 0; k <= spineIndexes.length; k++) {
    const gapEnd = spineIndexes[k] ?? outline.segments.length;
    const lost: number[] = [];
    for (let i = gapStart + 1; i < gapEnd; i++) if (found[i] === undefined && ourRanges[i] !== undefined) lost.push(i);
    const from = gapStart === 0 ? 0 : (found[gapStart] ?? 0);
    const to = gapEnd < outline.segments.length ? (found[gapEnd] ?? theirs.length) : theirs.length;
    const headings = added.filter((at) => at > from && at < to);
    for (const i of lost) {
      // The heading that shares the most words with ours (its number, most of its title); the first on a tie.
      const ours = outline.segments[i]?.heading ?? "";
      let best: { at: number; score: number } | undefined;
      for (const at of headings) {
        if (taken.has(at)) continue;
        const score = sharedWords(ours, texts[at]?.[0] || texts[at]?.[1] || "");
        if (score > 0 && (!best || score > best.score)) best = { at, score };
      }
      if (best) {
        paired.set(i, best.at);
        taken.add(best.at);
      }
    }
    gapStart = gapEnd;
  }

  const starts: { at: number; index?: number; moved?: boolean }[] = [{ at: 0, index: 0 }];
  found.forEach((at, i) => {
    if (at !== undefined) starts.push({ at, index: i, ...(spine.has(i) ? {} : { moved: true }) });
  });
  for (const [i, at] of paired) starts.push({ at, index: i });
  const pairedAt = new Set(paired.values());
  for (const at of added) if (!pairedAt.has(at)) starts.push({ at });
  starts.sort((a, b) => a.at - b.at);
  return starts.map((s, k) => ({
    range: { start: s.at, end: starts[k + 1]?.at ?? theirs.length },
    ...(s.index !== undefined ? { index: s.index } : {}),
    ...(s.moved ? { moved: true } : {}),
  }));
}
