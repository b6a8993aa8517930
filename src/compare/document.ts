import type { SaxesTagNS } from "saxes";
import { styleFacts, type StyleMap } from "./styles.js";
import { attr, MC, readXml, W, type PartSource } from "./xml.js";
import { COMPARE_LIMITS, tooLarge, type CompareLimits } from "./zip.js";

/** What a tracked change does. */
export type RevisionKind = "insert" | "delete" | "move-from" | "move-to" | "format";

/** A tracked change as the file records it: who and when. */
export interface Revision {
  readonly kind: RevisionKind;
  readonly author: string;
  /** ISO 8601 as the file has it, or null when it has none. */
  readonly date: string | null;
}

/** A stretch of a paragraph's text and the tracked changes it sits in, outermost first. */
export interface Piece {
  readonly text: string;
  readonly revisions: readonly Revision[];
}

/** A paragraph of the body (or of a table cell), in document order. */
export interface DocxParagraph {
  readonly pieces: readonly Piece[];
  /** A tracked insertion or deletion of the paragraph mark itself. */
  readonly mark?: Revision;
  /** A tracked change of the paragraph's formatting. */
  readonly format?: Revision;
  /** Names of the bookmarks that start in it (or just before it, between paragraphs). */
  readonly bookmarks: readonly string[];
  /** Heading level from its style or outline level; 1 for a clause heading. */
  readonly heading?: number;
  /** An entry of the table of contents, which a comparison leaves out (Word rebuilds it). */
  readonly toc: boolean;
  /** The body, table cell or text box it sits in: paragraphs merge only within one. */
  readonly container: number;
  /** The outermost table row it sits in, if any. */
  readonly row?: number;
  /** A tracked insertion or deletion of the row it sits in (the innermost row that has one). */
  readonly rowRevision?: Revision;
  /** It sits in a row whose insertion is tracked: rejecting the changes removes it. */
  readonly inInsertedRow: boolean;
}

const REVISION_ELEMENTS: ReadonlyMap<string, RevisionKind> = new Map([
  ["ins", "insert"],
  ["del", "delete"],
  ["moveFrom", "move-from"],
  ["moveTo", "move-to"],
]);

interface OpenParagraph {
  pieces: Piece[];
  mark?: Revision;
  format?: Revision;
  bookmarks: string[];
  style?: string;
  outline?: number;
  toc: boolean;
  container: number;
  row?: number;
  rowRevision?: Revision;
  inInsertedRow: boolean;
}

interface OpenRow {
  readonly id: number;
  revision?: Revision;
  readonly parentInserted: boolean;
}

function revisionOf(tag: SaxesTagNS, kind: RevisionKind): Revision {
  return { kind, author: attr(tag, W, "author") ?? "", date: attr(tag, W, "date") ?? null };
}

const isW = (tag: SaxesTagNS | undefined, local: string): boolean => tag !== undefined && tag.uri === W && tag.local === local;

/**
 * Reads the paragraphs of a main document part in order with a streaming parser: their text
 * (`w:t`, `w:delText`, tabs, breaks), the tracked changes around it (`w:ins`, `w:del`,
 * `w:moveFrom`, `w:moveTo`, changed run and paragraph formatting, tracked paragraph marks and
 * table rows) with author and date, their bookmarks, heading levels and whether they are entries
 * of the table of contents. Field instructions, the fallback copy of alternate content and
 * anything that is not text are left out. Used for our own DOCX and the returned one alike, so a
 * file compares equal to itself by construction.
 */
export function readParagraphs(text: string, styles: StyleMap, source: PartSource, limits: Pick<CompareLimits, "maxParagraphs" | "maxTextChars"> = COMPARE_LIMITS): DocxParagraph[] {
  const out: DocxParagraph[] = [];
  const stack: SaxesTagNS[] = [];
  const paragraphs: OpenParagraph[] = [];
  const revisions: Revision[] = [];
  /** For each open element, whether it pushed a revision (popped when it closes). */
  const pushedRevision: boolean[] = [];
  const rows: OpenRow[] = [];
  const containers: number[] = [0];
  const sdts: { toc: boolean }[] = [];
  let nextId = 1;
  let pendingBookmarks: string[] = [];
  let skip = 0;
  let capture: string[] | undefined;
  let runFormat: Revision | undefined;
  let chars = 0;

  const parent = (up = 1): SaxesTagNS | undefined => stack[stack.length - 1 - up];
  const addText = (t: string): void => {
    const p = paragraphs[paragraphs.length - 1];
    if (!p || t === "") return;
    chars += t.length;
    if (chars > limits.maxTextChars) throw tooLarge(source.file, `its text has more than ${limits.maxTextChars} characters`);
    const revs = runFormat ? [...revisions, runFormat] : [...revisions];
    p.pieces.push({ text: t, revisions: revs });
  };

  readXml(text, source, {
    open: (tag) => {
      stack.push(tag);
      pushedRevision.push(false);
      if (skip > 0 || (tag.uri === MC && tag.local === "Fallback")) {
        skip++;
        return;
      }
      if (tag.uri !== W) return;
      const up = parent();
      switch (tag.local) {
        case "p": {
          const row = rows[rows.length - 1];
          const outer = rows[0];
          const rowRevision = [...rows].reverse().find((r) => r.revision)?.revision;
          paragraphs.push({
            pieces: [],
            bookmarks: pendingBookmarks,
            toc: sdts.some((s) => s.toc),
            container: containers[containers.length - 1] ?? 0,
            ...(outer ? { row: outer.id } : {}),
            ...(rowRevision ? { rowRevision } : {}),
            inInsertedRow: row !== undefined && (row.parentInserted || row.revision?.kind === "insert"),
          });
          pendingBookmarks = [];
          return;
        }
        case "tc":
        case "txbxContent":
        case "body":
          containers.push(nextId++);
          return;
        case "tr": {
          const enclosing = rows[rows.length - 1];
          rows.push({ id: nextId++, parentInserted: enclosing !== undefined && (enclosing.parentInserted || enclosing.revision?.kind === "insert") });
          return;
        }
        case "sdt":
          sdts.push({ toc: false });
          return;
        case "docPartGallery": {
          const sdt = sdts[sdts.length - 1];
          if (sdt && attr(tag, W, "val") === "Table of Contents") sdt.toc = true;
          return;
        }
        case "bookmarkStart": {
          const name = attr(tag, W, "name");
          if (name === undefined) return;
          const p = paragraphs[paragraphs.length - 1];
          if (p) p.bookmarks.push(name);
          else pendingBookmarks.push(name);
          return;
        }
        case "pStyle":
          if (isW(up, "pPr")) {
            const p = paragraphs[paragraphs.length - 1];
            const v = attr(tag, W, "val");
            if (p && v !== undefined) p.style = v;
          }
          return;
        case "outlineLvl":
          if (isW(up, "pPr") && isW(parent(2), "p")) {
            const p = paragraphs[paragraphs.length - 1];
            const v = Number(attr(tag, W, "val"));
            if (p && Number.isInteger(v)) p.outline = v;
          }
          return;
        case "r":
          runFormat = undefined;
          return;
        case "rPrChange":
          if (isW(up, "rPr") && isW(parent(2), "r")) runFormat = revisionOf(tag, "format");
          return;
        case "pPrChange": {
          const p = paragraphs[paragraphs.length - 1];
          if (p && isW(up, "pPr")) p.format = revisionOf(tag, "format");
          return;
        }
        case "t":
        case "delText":
          capture = [];
          return;
        case "tab":
        case "ptab":
          if (isW(up, "r")) addText("\t");
          return;
        case "br": {
          const type = attr(tag, W, "type");
          if (isW(up, "r") && type !== "page" && type !== "column") addText("\n");
          return;
        }
        case "cr":
          if (isW(up, "r")) addText("\n");
          return;
        case "noBreakHyphen":
          if (isW(up, "r")) addText("\u2011");
          return;
        default:
          break;
      }
      const kind = REVISION_ELEMENTS.get(tag.local);
      if (kind === undefined) return;
      const revision = revisionOf(tag, kind);
      if (isW(up, "rPr") && isW(parent(2), "pPr")) {
        // The paragraph mark's own change: a paragraph added or removed, or split or joined.
        const p = paragraphs[paragraphs.length - 1];
        if (p && (kind === "insert" || kind === "delete" || kind === "move-to" || kind === "move-from")) p.mark = revision;
      } else if (isW(up, "trPr")) {
        const row = rows[rows.length - 1];
        if (row && (kind === "insert" || kind === "delete")) row.revision = revision;
      } else if (!isW(up, "rPr")) {
        revisions.push(revision);
        pushedRevision[pushedRevision.length - 1] = true;
      }
    },
    close: (tag) => {
      stack.pop();
      if (pushedRevision.pop() === true) revisions.pop();
      if (skip > 0) {
        skip--;
        return;
      }
      if (tag.uri !== W) return;
      switch (tag.local) {
        case "p": {
          const p = paragraphs.pop();
          if (!p) return;
          if (out.length >= limits.maxParagraphs) throw tooLarge(source.file, `it has more than ${limits.maxParagraphs} paragraphs`);
          const facts = styleFacts(styles, p.style);
          const heading = facts.heading ?? (p.outline !== undefined && p.outline >= 0 && p.outline < 9 ? p.outline + 1 : undefined);
          out.push({
            pieces: p.pieces,
            ...(p.mark ? { mark: p.mark } : {}),
            ...(p.format ? { format: p.format } : {}),
            bookmarks: p.bookmarks,
            ...(heading !== undefined ? { heading } : {}),
            toc: p.toc || facts.toc === true,
            container: p.container,
            ...(p.row !== undefined ? { row: p.row } : {}),
            ...(p.rowRevision ? { rowRevision: p.rowRevision } : {}),
            inInsertedRow: p.inInsertedRow,
          });
          return;
        }
        case "tc":
        case "txbxContent":
        case "body":
          containers.pop();
          return;
        case "tr":
          rows.pop();
          return;
        case "sdt":
          sdts.pop();
          return;
        case "t":
        case "delText":
          if (capture) addText(capture.join(""));
          capture = undefined;
          return;
        case "r":
          runFormat = undefined;
          return;
        default:
          return;
      }
    },
    text: (t) => {
      if (capture && skip === 0) capture.push(t);
    },
  });
  return out;
}

/** A paragraph's text with every tracked change rejected: what the other side presents as the text we sent. */
export function rejectedText(p: DocxParagraph): string {
  let text = "";
  for (const piece of p.pieces) if (!piece.revisions.some((r) => r.kind === "insert" || r.kind === "move-to")) text += piece.text;
  return text;
}

/** A paragraph's text with every tracked change accepted. */
export function acceptedText(p: DocxParagraph): string {
  let text = "";
  for (const piece of p.pieces) if (!piece.revisions.some((r) => r.kind === "delete" || r.kind === "move-from")) text += piece.text;
  return text;
}
