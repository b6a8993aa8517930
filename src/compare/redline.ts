import type { DocxParagraph, Piece, Revision } from "./document.js";
import { trackedChanges } from "./tracked.js";

/** Who a redline's own tracked changes are by and when, as its record says (see `RedlineRecord`). */
export interface RedlineMark {
  readonly author: string;
  readonly dates: readonly string[];
}

/**
 * Whether a tracked change is one of the redline's own: its author and one of its dates. Dates
 * are compared as instants, since an editor that saves the file may write them another way
 * ("…00:02:00Z" for "…00:02:00.000Z").
 */
export function oursTest(mark: RedlineMark): (r: Revision | undefined) => boolean {
  const times = new Set(mark.dates.map((d) => Date.parse(d)).filter((t) => !Number.isNaN(t)));
  return (r) => r !== undefined && r.author === mark.author && r.date !== null && times.has(Date.parse(r.date));
}

const removes = (r: Revision): boolean => r.kind === "delete" || r.kind === "move-from";

/**
 * The returned paragraphs with the redline's own tracked changes accepted, the other side's left
 * as they are: our deleted text and rows go, our insertions become plain text, a paragraph whose
 * mark we deleted joins the next one in its cell (with its bookmarks). Read that way, a returned
 * redline is the new draft plus whatever the other side did, tracked or not.
 */
export function acceptOurs(paragraphs: readonly DocxParagraph[], ours: (r: Revision | undefined) => boolean): DocxParagraph[] {
  const out: DocxParagraph[] = [];
  // What a paragraph whose mark we deleted hands on to the next one.
  let carried: { pieces: Piece[]; bookmarks: string[]; container: number } | undefined;
  paragraphs.forEach((p, i) => {
    const before = carried?.container === p.container ? carried : undefined;
    const bookmarks = [...(carried?.bookmarks ?? []), ...p.bookmarks];
    carried = undefined;
    if (ours(p.rowRevision) && p.rowRevision && removes(p.rowRevision)) {
      // A row we deleted goes; its bookmarks stay in place for what follows.
      carried = { pieces: [], bookmarks, container: paragraphs[i + 1]?.container ?? p.container };
      return;
    }
    const pieces: Piece[] = [...(before?.pieces ?? [])];
    for (const piece of p.pieces) {
      if (piece.revisions.some((r) => ours(r) && removes(r))) continue;
      const revisions = piece.revisions.filter((r) => !ours(r));
      pieces.push(revisions.length === piece.revisions.length ? piece : { text: piece.text, revisions });
    }
    const next = paragraphs[i + 1];
    if (ours(p.mark) && p.mark && removes(p.mark) && next?.container === p.container) {
      carried = { pieces, bookmarks, container: p.container };
      return;
    }
    const { mark, format, rowRevision, ...rest } = p;
    const rowOurs = ours(rowRevision);
    out.push({
      ...rest,
      pieces,
      bookmarks,
      ...(mark && !ours(mark) ? { mark } : {}),
      ...(format && !ours(format) ? { format } : {}),
      ...(rowRevision && !rowOurs ? { rowRevision } : {}),
      inInsertedRow: p.inInsertedRow && !rowOurs,
    });
  });
  return out;
}

/** How many of the redline's own tracked changes the returned file still has (grouped as the report groups tracked changes). */
export function pendingOurs(paragraphs: readonly DocxParagraph[], ours: (r: Revision | undefined) => boolean): number {
  const all = trackedChanges(paragraphs, { start: 0, end: paragraphs.length }, new Map());
  return all.filter((t) => ours({ kind: t.kind, author: t.author, date: t.date })).length;
}
