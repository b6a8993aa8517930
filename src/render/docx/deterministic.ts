import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { ClausewrightError } from "../../errors/error.js";

/**
 * Makes a DOCX packed by the docx package byte-for-byte reproducible.
 *
 * What varies between two packs of the same document, found by diffing the
 * parts of repeated renders:
 * - zip entry times: the docx package zips with the current time. Fixed here
 *   by overwriting the DOS time and date of every local and central header in
 *   place (they are outside the compressed data and the CRC), so the parts are
 *   not inflated and deflated a second time.
 * - relationship ids: the docx package names some relationships with random
 *   nanoid ids ("rIdk3j…", e.g. external hyperlinks). Our documents have none
 *   today, so the check only inflates the small `.rels` parts; if any turn up
 *   they are renamed in order of first appearance across all parts, and the
 *   package is rezipped.
 * - `docProps/core.xml` dates and bookmark ids are fixed where they are written
 *   (see `properties.ts` and `blocks.ts`), not here.
 */
export function normaliseDocx(zip: Uint8Array, time: Date): Uint8Array {
  const renames = randomRelationshipIds(zip);
  let out = renames.size > 0 ? rewrite(zip, renames) : zip;
  if (!stampTimes(out, dosDateTime(time))) {
    // A layout we do not patch in place (extra fields, zip64): rezip with fflate, which writes neither.
    out = rewrite(out, renames);
    if (!stampTimes(out, dosDateTime(time))) throw internal("cannot set the zip entry times");
  }
  return out;
}

function internal(message: string): ClausewrightError {
  return new ClausewrightError([{ code: "RENDER_DOCX_INTERNAL", severity: "error", message: `DOCX packaging failed: ${message}` }]);
}

/** Relationship ids that are not the docx package's sequential "rId<n>", mapped to stable names in order of appearance. */
function randomRelationshipIds(zip: Uint8Array): Map<string, string> {
  const rels = unzipSync(zip, { filter: (f) => f.name.endsWith(".rels") });
  const renames = new Map<string, string>();
  for (const data of Object.values(rels)) {
    for (const m of strFromU8(data).matchAll(/\sId="([^"]*)"/g)) {
      const id = m[1];
      if (id !== undefined && !/^rId\d+$/.test(id) && !renames.has(id)) renames.set(id, `rIdcw${renames.size + 1}`);
    }
  }
  return renames;
}

/** Unzips, renames the ids in every XML part in one pass per part, and zips in the original entry order. */
function rewrite(zip: Uint8Array, renames: ReadonlyMap<string, string>): Uint8Array {
  const files = unzipSync(zip);
  // Only quoted attribute values are replaced, so text that happens to contain an id is left alone.
  const pattern = renames.size > 0 ? new RegExp(`"(${[...renames.keys()].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})"`, "g") : undefined;
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    const xml = pattern && (name.endsWith(".xml") || name.endsWith(".rels"));
    out[name] = xml ? strToU8(strFromU8(data).replace(pattern, (_m, id: string) => `"${renames.get(id) ?? id}"`)) : data;
  }
  return zipSync(out, { level: 6 });
}

/** MS-DOS time and date words for a UTC instant, clamped to the range the format holds (1980–2107). */
export function dosDateTime(time: Date): { time: number; date: number } {
  const year = time.getUTCFullYear();
  if (year < 1980) return { time: 0, date: (1 << 5) | 1 };
  if (year > 2107) return { time: (23 << 11) | (59 << 5) | 29, date: (127 << 9) | (12 << 5) | 31 };
  return {
    time: (time.getUTCHours() << 11) | (time.getUTCMinutes() << 5) | (time.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((time.getUTCMonth() + 1) << 5) | time.getUTCDate(),
  };
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Writes `stamp` into every entry's local and central header. Returns false,
 * leaving `zip` untouched, when the archive has a layout this does not handle
 * (extra fields, which may hold more times, or zip64).
 */
function stampTimes(zip: Uint8Array, stamp: { time: number; date: number }): boolean {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let p = zip.length - 22; p >= Math.max(0, zip.length - 22 - 0xffff); p--) {
    if (view.getUint32(p, true) === EOCD) {
      end = p;
      break;
    }
  }
  if (end < 0) return false;
  const count = view.getUint16(end + 10, true);
  const start = view.getUint32(end + 16, true);
  if (count === 0xffff || start === 0xffffffff) return false;
  const headers: number[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || view.getUint32(p, true) !== CENTRAL) return false;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    if (extraLength !== 0 || local + 30 > start || view.getUint32(local, true) !== LOCAL || view.getUint16(local + 28, true) !== 0) return false;
    headers.push(p + 12, local + 10);
    p += 46 + nameLength + extraLength + commentLength;
  }
  for (const h of headers) {
    view.setUint16(h, stamp.time, true);
    view.setUint16(h + 2, stamp.date, true);
  }
  return true;
}
