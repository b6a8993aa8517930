import { Inflate } from "fflate";
import { ClausewrightError } from "../errors/error.js";

/**
 * Limits on a returned file, so a hostile one (a zip bomb, millions of entries) is refused with a
 * clear problem instead of filling memory. A contract's DOCX is some 100 KB to a few MB, with its
 * images; its text parts are far smaller.
 */
export const COMPARE_LIMITS = {
  /** Bytes of the file itself. */
  maxFileBytes: 64 * 1024 * 1024,
  /** Entries in its zip directory. */
  maxEntries: 10_000,
  /** Bytes of all the parts read from it, once inflated. */
  maxInflatedBytes: 64 * 1024 * 1024,
  /** Paragraphs of its body (ours have a few thousand). */
  maxParagraphs: 200_000,
  /** Characters of its text (ours have a few hundred thousand). */
  maxTextChars: 8_000_000,
} as const;

/** The limits of a comparison (tests pass small ones). */
export type CompareLimits = { readonly [K in keyof typeof COMPARE_LIMITS]: number };

/** One entry of a zip's central directory. */
interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  /** Offset of the compressed data in the file. */
  readonly dataStart: number;
}

/** The parts of a zip, read on demand within {@link COMPARE_LIMITS}. */
export interface ZipReader {
  /** Whether the zip has an entry of this name. */
  has(name: string): boolean;
  /** The entry's bytes, or undefined when the zip has no such entry. */
  read(name: string): Uint8Array | undefined;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
/** Read the input in slices this small, so no one push can inflate to more than ~16 MB before the budget is checked. */
const SLICE = 16 * 1024;

/** A COMPARE_NOT_DOCX error: the file is not a DOCX we can read, and why. */
export function notDocx(file: string, why: string, hint?: string): ClausewrightError {
  return new ClausewrightError([{ code: "COMPARE_NOT_DOCX", severity: "error", file, message: `${file} is not a DOCX file: ${why}`, ...(hint ? { hint } : {}) }]);
}

/** The COMPARE_TOO_LARGE error: the file is past one of the limits. */
export function tooLarge(file: string, what: string): ClausewrightError {
  return new ClausewrightError([
    {
      code: "COMPARE_TOO_LARGE",
      severity: "error",
      file,
      message: `${file} is too large to compare: ${what}`,
      hint: `A returned agreement is read within ${COMPARE_LIMITS.maxFileBytes / 1024 / 1024} MiB of file, ${COMPARE_LIMITS.maxEntries} zip entries, ${COMPARE_LIMITS.maxInflatedBytes / 1024 / 1024} MiB of text parts, ${COMPARE_LIMITS.maxParagraphs} paragraphs and ${COMPARE_LIMITS.maxTextChars} characters of text.`,
    },
  ]);
}

/**
 * Opens a zip held in memory by its central directory (as Word does), checking the limits:
 * entries are inflated only when read, in small slices, and reading stops as soon as the inflated
 * bytes pass the budget, whatever sizes the directory claims. Refuses what a DOCX never is: zip64,
 * encrypted entries, methods other than stored and deflate, and two entries of one name (which a
 * reader and Word could resolve differently).
 */
export function openZip(bytes: Uint8Array, file: string, limits: Pick<CompareLimits, "maxFileBytes" | "maxEntries" | "maxInflatedBytes"> = COMPARE_LIMITS): ZipReader {
  if (bytes.byteLength > limits.maxFileBytes) throw tooLarge(file, `the file has ${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => (at + 4 <= bytes.byteLength ? view.getUint32(at, true) : -1);
  const u16 = (at: number): number => (at + 2 <= bytes.byteLength ? view.getUint16(at, true) : -1);
  if (bytes.byteLength >= 8 && u32(0) === 0xe011cfd0 && u32(4) === 0xe11ab1a1) {
    throw notDocx(file, "it is an older Word (.doc) file or a password-protected document", "Save it in Word as a Word Document (.docx) without a password, then compare again.");
  }
  if (u32(0) !== LOCAL && u32(0) !== EOCD) throw notDocx(file, "it is not a zip archive, as every DOCX file is");
  let end = -1;
  for (let p = bytes.byteLength - 22; p >= Math.max(0, bytes.byteLength - 22 - 0xffff); p--) {
    if (u32(p) === EOCD) {
      end = p;
      break;
    }
  }
  if (end < 0) throw notDocx(file, "its zip directory is missing (the file is cut short or damaged)");
  const count = u16(end + 10);
  const start = u32(end + 16);
  if (count === 0xffff || start === 0xffffffff) throw notDocx(file, "it is a zip64 archive, which DOCX files are not");
  if (count > limits.maxEntries) throw tooLarge(file, `its zip has ${count} entries`);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder("utf-8");
  let p = start;
  for (let i = 0; i < count; i++) {
    if (u32(p) !== CENTRAL) throw notDocx(file, "its zip directory is damaged");
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const compressedSize = u32(p + 20);
    const nameLength = u16(p + 28);
    const extraLength = u16(p + 30);
    const commentLength = u16(p + 32);
    const local = u32(p + 42);
    if (p + 46 + nameLength > bytes.byteLength) throw notDocx(file, "its zip directory is damaged");
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    if (entries.has(name)) throw notDocx(file, `its zip has two entries named ${name}`);
    if ((flags & 1) !== 0) throw notDocx(file, `its part ${name} is encrypted`);
    if (method !== 0 && method !== 8) throw notDocx(file, `its part ${name} is compressed with method ${method}, which DOCX files do not use`);
    if (local + 30 > bytes.byteLength || u32(local) !== LOCAL) throw notDocx(file, `its part ${name} is damaged`);
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (compressedSize < 0 || dataStart + compressedSize > bytes.byteLength) throw notDocx(file, `its part ${name} is cut short`);
    entries.set(name, { name, method, compressedSize, dataStart });
  }
  let inflated = 0;
  return {
    has: (name) => entries.has(name),
    read: (name) => {
      const entry = entries.get(name);
      if (!entry) return undefined;
      const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
      const budget = limits.maxInflatedBytes - inflated;
      const out = entry.method === 0 ? storedEntry(data, budget, file) : inflateEntry(data, budget, file, name);
      inflated += out.byteLength;
      return out;
    },
  };
}

function storedEntry(data: Uint8Array, budget: number, file: string): Uint8Array {
  if (data.byteLength > budget) throw tooLarge(file, "its text parts come to more bytes than a comparison reads");
  return data;
}

/** Inflates one entry slice by slice, stopping as soon as the output passes `budget`. */
function inflateEntry(data: Uint8Array, budget: number, file: string, name: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.byteLength;
    if (total > budget) throw tooLarge(file, "its text parts inflate to more bytes than a comparison reads");
    chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let at = 0; at < data.byteLength || at === 0; at += SLICE) {
      const last = at + SLICE >= data.byteLength;
      inflate.push(data.subarray(at, Math.min(at + SLICE, data.byteLength)), last);
      if (last) break;
    }
  } catch (err) {
    if (ClausewrightError.is(err)) throw err;
    throw notDocx(file, `its part ${name} is damaged (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!done) throw notDocx(file, `its part ${name} is cut short`);
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.byteLength;
  }
  return out;
}
