import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

/**
 * Makes a packed DOCX byte-for-byte reproducible. The docx package stamps the
 * zip entries and core properties with the current time; we rewrite both from
 * the model's creation date, and write the entries in a fixed order.
 */
export function normaliseDocx(bytes: Uint8Array, createdAt: string): Uint8Array {
  const files = unzipSync(bytes);
  const iso = createdAt.replace(/\.\d{3}Z$/, "Z");
  const core = files["docProps/core.xml"];
  if (core) {
    const xml = strFromU8(core)
      .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`)
      .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`);
    files["docProps/core.xml"] = strToU8(xml);
  }
  // Bookmark ids come from a counter global to the docx package, so they keep
  // growing across documents in one process; renumber them in document order.
  const body = files["word/document.xml"];
  if (body) {
    const ids = new Map<string, number>();
    const xml = strFromU8(body).replace(/(<w:bookmark(?:Start|End)\b[^>]*?\sw:id=")(\d+)(")/g, (_m, pre: string, id: string, post: string) => {
      let n = ids.get(id);
      if (n === undefined) {
        n = ids.size + 1;
        ids.set(id, n);
      }
      return `${pre}${n}${post}`;
    });
    files["word/document.xml"] = strToU8(xml);
  }
  // fflate converts mtime with local-time getters; a Date built from local
  // components has the same fields in every time zone.
  const d = new Date(createdAt);
  const mtime = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12, 0, 0);
  const out: Zippable = {};
  // [Content_Types].xml must come first for some consumers.
  const names = Object.keys(files).sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const data = files[name];
    if (data) out[name] = [data, { mtime, level: 6 }];
  }
  return zipSync(out);
}
