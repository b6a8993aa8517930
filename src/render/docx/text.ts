import { ClausewrightError } from "../../errors/error.js";

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses text that XML cannot carry, rather than writing a file Word will
 * not open. `where` names the clause or part for the message.
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
        hint: "Remove control characters from the deal sheet text.",
      },
    ]);
  }
  return text;
}

/** A Word bookmark name for an anchor: starts with a letter, ≤ 40 chars of [A-Za-z0-9_], stable. */
export function bookmarkName(anchor: string): string {
  const clean = anchor.replace(/[^A-Za-z0-9_]/g, "_");
  if (clean.length <= 40 && /^[A-Za-z]/.test(clean)) return clean;
  let h = 0;
  for (const ch of anchor) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `b${clean.replace(/^[^A-Za-z]+/, "").slice(0, 30)}_${h.toString(36)}`.slice(0, 40);
}
