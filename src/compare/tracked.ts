import { rejectedText, type DocxParagraph, type Revision, type RevisionKind } from "./document.js";
import type { Range } from "./segments.js";
import type { SideParagraph } from "./words.js";

/** A tracked change the returned file still has (the other side's, or anyone's). */
export interface TrackedChange {
  readonly kind: RevisionKind;
  readonly author: string;
  /** As the file has it (ISO 8601), or null. */
  readonly date: string | null;
  /** The text it inserts, deletes, moves or reformats; "" for a paragraph break alone. */
  readonly text: string;
  /** The sub-clause it is in ("9.2"), by the bookmarks of the returned file, or null. */
  readonly subclause: string | null;
}

const same = (a: Revision | undefined, b: Revision | undefined): boolean => a !== undefined && b !== undefined && a.kind === b.kind && a.author === b.author && a.date === b.date;

/** The sub-clause each paragraph of a range is in, by the sub-clause bookmarks met so far in it. */
function subclausesOf(paragraphs: readonly DocxParagraph[], range: Range, bookmarks: ReadonlyMap<string, string>): (string | null)[] {
  const out: (string | null)[] = [];
  let current: string | null = null;
  for (let i = range.start; i < range.end; i++) {
    for (const b of paragraphs[i]?.bookmarks ?? []) current = bookmarks.get(b) ?? current;
    out.push(current);
  }
  return out;
}

/**
 * A range's paragraphs with every tracked change rejected, as a side of the word diff: inserted
 * text and rows left out, deleted text kept, a paragraph whose mark was inserted joined to the one
 * after it (within its cell). Paragraphs left empty are dropped on both sides, so spacer paragraphs
 * and empty cells never show as changes.
 */
export function rejectedParagraphs(paragraphs: readonly DocxParagraph[], range: Range, bookmarks: ReadonlyMap<string, string>): SideParagraph[] {
  const subclauses = subclausesOf(paragraphs, range, bookmarks);
  const out: SideParagraph[] = [];
  let pending = "";
  for (let i = range.start; i < range.end; i++) {
    const p = paragraphs[i];
    if (!p || p.toc || p.inInsertedRow) continue;
    const text = pending + rejectedText(p);
    const next = paragraphs[i + 1];
    const markInserted = p.mark?.kind === "insert" || p.mark?.kind === "move-to";
    if (markInserted && i + 1 < range.end && next?.container === p.container) {
      pending = text;
      continue;
    }
    pending = "";
    if (text.trim() !== "") out.push({ text, subclause: subclauses[i - range.start] ?? null });
  }
  return out;
}

/**
 * The tracked changes of a range, in order. Consecutive pieces of one change (same kind, author and
 * date) are one entry, across paragraphs when the paragraph mark between them is part of it; a
 * tracked row counts for the text in it that carries no change of its own; a change of a
 * paragraph's formatting is an entry with the paragraph's text.
 */
export function trackedChanges(paragraphs: readonly DocxParagraph[], range: Range, bookmarks: ReadonlyMap<string, string>): TrackedChange[] {
  const subclauses = subclausesOf(paragraphs, range, bookmarks);
  const out: TrackedChange[] = [];
  let open: { revision: Revision; text: string; subclause: string | null } | undefined;
  const close = (): void => {
    if (open) out.push({ kind: open.revision.kind, author: open.revision.author, date: open.revision.date, text: open.text.trim(), subclause: open.subclause });
    open = undefined;
  };
  for (let i = range.start; i < range.end; i++) {
    const p = paragraphs[i];
    if (!p || p.toc) continue;
    const subclause = subclauses[i - range.start] ?? null;
    if (p.format) {
      close();
      out.push({
        kind: "format",
        author: p.format.author,
        date: p.format.date,
        text: p.pieces
          .map((x) => x.text)
          .join("")
          .trim(),
        subclause,
      });
    }
    for (const piece of p.pieces) {
      const revision = piece.revisions[piece.revisions.length - 1] ?? p.rowRevision;
      if (!revision) {
        close();
        continue;
      }
      if (!same(open?.revision, revision)) {
        close();
        open = { revision, text: "", subclause };
      }
      if (open) open.text += piece.text;
    }
    if (p.mark) {
      if (same(open?.revision, p.mark)) {
        if (open) open.text += "\n";
      } else {
        close();
        open = { revision: p.mark, text: "", subclause };
      }
    } else if (same(open?.revision, p.rowRevision)) {
      // A tracked row is one change, cell after cell.
      if (open) open.text += "\n";
    } else {
      close();
    }
  }
  close();
  return out;
}
