import { DeletedTextRun, InsertedTextRun, Tab, TextRun, type IRunOptions } from "docx";
import type { Change } from "../../model/types.js";
import { ClausewrightError } from "../../errors/error.js";

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except
// lone surrogates and U+FFFE/U+FFFF; anything else would make Word refuse the file.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Returns `text` unchanged, or throws a ClausewrightError
 * (`RENDER_INVALID_CHARACTER`) naming the first character XML cannot carry.
 * Refusing is better than writing a file Word will not open. `where` names
 * the clause or part for the message.
 */
export function checkXmlText(text: string, where: string): string {
  const m = XML_INVALID.exec(text);
  if (m) {
    const cp = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
    throw new ClausewrightError([
      {
        code: "RENDER_INVALID_CHARACTER",
        severity: "error",
        message: `Character U+${cp} in ${where} cannot be written to a DOCX file (XML does not allow it)`,
        hint: "Remove control characters from the deal sheet or clause text.",
      },
    ]);
  }
  return text;
}

/** Escapes text for XML we write ourselves (the docx package escapes its own). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/** Run formatting we use; only `true` flags are passed on, so Word gets no noise like `<w:i w:val="false"/>`. */
export interface RunStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly style?: string;
  /** End with a tab (after a number or label), in the same run. */
  readonly tab?: boolean;
}

function runOptions(style: RunStyle): IRunOptions {
  return { ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italics: true } : {}), ...(style.style ? { style: style.style } : {}) };
}

/** The attributes of a tracked change: its id (unique among the document's annotations), author and date. */
export interface RevisionAttributes {
  readonly id: number;
  readonly author: string;
  readonly date: string;
}

/** A tracked change to write: what it is and its attributes (`attributes` is called once per `w:ins` / `w:del`). */
export interface TrackedChange {
  readonly change: Change;
  readonly attributes: () => RevisionAttributes;
}

type AnyRun = TextRun | InsertedTextRun | DeletedTextRun;

function makeRun(options: IRunOptions, tracked: TrackedChange | undefined): AnyRun {
  if (!tracked) return new TextRun(options);
  const attrs = tracked.attributes();
  // The docx package writes deleted text as w:delText, as Word requires inside w:del.
  return tracked.change === "insert" ? new InsertedTextRun({ ...options, ...attrs }) : new DeletedTextRun({ ...options, ...attrs });
}

/**
 * Text as Word runs. A tab in a `w:t` is not a tab stop to Word, nor a newline
 * a line break, so they become `w:tab` and `w:br`; everything else is literal
 * (the docx package escapes XML). The text must already be checked. With
 * `tracked`, the runs are a tracked insertion or deletion (`w:ins` / `w:del`).
 */
export function textRuns(text: string, style: RunStyle = {}, tracked?: TrackedChange): TextRun[] {
  const base = runOptions(style);
  // Tracked runs are XmlComponents like TextRun; callers only place them in paragraphs.
  const make = (o: IRunOptions): TextRun => makeRun(o, tracked) as TextRun;
  if (!/[\t\r\n]/.test(text)) return [make(style.tab ? { ...base, children: [text, new Tab()] } : { ...base, text })];
  const lines = text.split(/\r\n|\r|\n/);
  return lines.map((line, i) => {
    const children: (string | Tab)[] = [];
    line.split("\t").forEach((part, j) => {
      if (j > 0) children.push(new Tab());
      if (part) children.push(part);
    });
    if (style.tab && i === lines.length - 1) children.push(new Tab());
    return make({ ...base, ...(i > 0 ? { break: 1 } : {}), children });
  });
}

function hash(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Anchors that map to a bookmark name without loss: a letter, then letters/digits in hyphen-separated groups. */
const PLAIN_ANCHOR = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;

/**
 * The Word bookmark name for an anchor: at most 40 characters of [A-Za-z0-9_],
 * starting with a letter (a leading underscore would hide it), the same every time.
 * "cw-liability-cap" becomes "cw_liability_cap". Other anchors get a readable
 * prefix and a hash after "__", which plain names never contain, so two anchors
 * cannot meet on one name short of a 64-bit hash collision.
 */
export function bookmarkName(anchor: string): string {
  if (anchor.length <= 40 && PLAIN_ANCHOR.test(anchor)) return anchor.replace(/-/g, "_");
  const digest = hash(anchor, 2166136261).toString(36).padStart(7, "0") + hash(anchor, 0x9747b28c).toString(36).padStart(7, "0");
  const prefix = anchor
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^[^A-Za-z]+/, "")
    .replace(/_+$/, "")
    .slice(0, 40 - 3 - digest.length);
  return `${prefix || "a"}__${digest}`;
}
