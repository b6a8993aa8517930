/**
 * Escaping for HTML text and attribute values. Everything the model holds is data: a customer named
 * `<script>alert(1)</script>` must come out as those characters, never as markup. One function for
 * both contexts (text and double-quoted attributes), so no caller can pick the weaker one.
 */
const SPECIAL = /[&<>"']/g;
const ENTITY: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// Characters HTML forbids in a document (C0 controls other than tab and line ends, and noncharacters'
// cousin U+FFFE/FFFF): a browser shows them as replacement boxes at best, so they are dropped.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/** Text as HTML text or a double-quoted attribute value: `&`, `<`, `>`, `"` and `'` become entities. */
export function escapeHtml(text: string): string {
  return text.replace(FORBIDDEN, "").replace(SPECIAL, (c) => ENTITY[c] ?? c);
}

/**
 * JSON inside `<script type="application/json">`: the only sequence that ends the element early is
 * `</`, and `<!--` can change how the parser reads it; escaping every `<` (as `\u003c`, which JSON
 * reads back as `<`) removes both. U+2028/2029 are escaped for old JavaScript parsers.
 */
export function escapeScriptJson(json: string): string {
  return json
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
