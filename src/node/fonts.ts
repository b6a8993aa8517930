import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BoundedCache } from "../bounded-cache.js";
import { PACKAGE_NAME, packageRoot, startedAt } from "./package-root.js";
import { ClausewrightError } from "../errors/error.js";
import type { CjkFontBytes, FontSet } from "../render/pdf/fonts.js";

/**
 * The package's `fonts/` folder (see `packageRoot`).
 */
function packageFontsDir(): string {
  const root = packageRoot();
  if (root !== undefined) return join(root, "fonts");
  throw new ClausewrightError([
    {
      code: "FONT_NOT_READABLE",
      severity: "error",
      message: `Cannot find the fonts folder of the ${PACKAGE_NAME} package: no folder above ${startedAt()} has its package.json`,
      hint: "When clausewright is bundled into another file, copy its fonts/ folder along, or pass options.fonts with the font bytes yourself.",
    },
  ]);
}

function shippedFace(file: string): Uint8Array {
  const path = join(packageFontsDir(), file);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ClausewrightError([{ code: "FONT_NOT_READABLE", severity: "error", file: path, message: `Cannot read the bundled font ${path}: ${err instanceof Error ? err.message : String(err)}` }]);
  }
}

let cached: FontSet | undefined;
let cjkCached: CjkFontBytes | undefined;

function shippedCjk(): CjkFontBytes {
  cjkCached ??= { regular: shippedFace("NotoSerifSC-Regular.ttf"), bold: shippedFace("NotoSerifSC-Bold.ttf") };
  return cjkCached;
}

/**
 * The fonts that ship with the package (folder `fonts/`, SIL Open Font
 * License): Noto Serif in four faces for Latin text and Noto Serif SC regular
 * and bold for Chinese, each a subset (see `fonts/README.md` for the character
 * sets). Read from disk once per process; the Chinese faces only when a
 * document has Chinese text. Reuse the returned object: fonts are parsed once
 * per FontSet.
 */
export function defaultFonts(): FontSet {
  if (cached) return cached;
  const set = {
    regular: shippedFace("NotoSerif-Regular.ttf"),
    bold: shippedFace("NotoSerif-Bold.ttf"),
    italic: shippedFace("NotoSerif-Italic.ttf"),
    boldItalic: shippedFace("NotoSerif-BoldItalic.ttf"),
  };
  // A getter, so English-only runs never read the 22 MB of the Chinese faces; not enumerable, so
  // code that walks the four faces (Object.entries) sees byte arrays only.
  Object.defineProperty(set, "cjk", { enumerable: false, get: shippedCjk });
  cached = set as FontSet;
  return cached;
}

/** A font given by file path or as bytes. */
export type FontSource = string | Uint8Array;

/**
 * Distinct font files whose bytes are kept, least recently used dropped first:
 * a process drafts with a handful of fonts, and a Chinese font is 10–100 MB.
 */
export const FONT_FILES_KEPT = 8;

/** Bytes of font files kept (see {@link FONT_FILES_KEPT}); a larger file is read for each use and not kept. */
export const FONT_FILE_BYTES_KEPT = 512 * 1024 * 1024;

/**
 * Font file bytes by the file's identity (device, inode, size and modification
 * time, from the open file): "./fonts/x.ttf", "fonts//x.ttf", the absolute
 * path, a symbolic or hard link are one file, read and parsed once; a file
 * replaced in place is read again. The bytes object is what the parsed-font
 * cache is keyed by (render/pdf/fonts.ts).
 */
const fontFiles = new BoundedCache<string, Uint8Array>({ maxBytes: FONT_FILE_BYTES_KEPT, maxEntries: FONT_FILES_KEPT, sizeOf: (bytes) => bytes.byteLength });

let fontFileReads = 0;

/** How many font files this process has read from disk (tests count that a file is read once). @internal */
export function fontFileReadCount(): number {
  return fontFileReads;
}

function notReadable(source: string, what: string, reason: string): ClausewrightError {
  return new ClausewrightError([{ code: "FONT_NOT_READABLE", severity: "error", file: source, message: `Cannot read the ${what} font file ${source}: ${reason}` }]);
}

/** A font file's bytes and identity, read through one open handle (the identity is the file's that is read). */
function fontFile(source: string, what: string): { readonly bytes: Uint8Array; readonly id: string } {
  let fd: number | undefined;
  try {
    fd = openSync(source, "r");
    const st = fstatSync(fd, { bigint: true });
    // A folder or a device (/dev/zero) is no font, and reading a device may never end.
    if (!st.isFile()) throw notReadable(source, what, "not a regular file");
    const id = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
    let bytes = fontFiles.get(id);
    if (!bytes) {
      bytes = readFileSync(fd);
      fontFileReads++;
      fontFiles.set(id, bytes);
    }
    return { bytes, id };
  } catch (err) {
    if (err instanceof ClausewrightError) throw err;
    throw notReadable(source, what, err instanceof Error ? err.message : String(err));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Font sets built from files, by the identities of their files: the same files
 * under any spelling give the same set, so its parsed fonts are reused.
 */
const custom = new BoundedCache<string, FontSet>({ maxBytes: Number.POSITIVE_INFINITY, maxEntries: FONT_FILES_KEPT, sizeOf: () => 0 });

/**
 * The default fonts with your own font for Chinese text (TTF, OTF or TTC, by
 * path or bytes; bold defaults to regular), e.g. one that covers characters
 * the shipped subset leaves out. A font file is read and parsed once per
 * process, however its path is spelled (relative, absolute, through a link);
 * the last few files used are kept ({@link FONT_FILES_KEPT}).
 */
export function fontsWithChineseFont(regular: FontSource, bold?: FontSource): FontSet {
  const r = typeof regular === "string" ? fontFile(regular, "Chinese regular") : { bytes: regular, id: undefined };
  const b = typeof bold === "string" ? fontFile(bold, "Chinese bold") : { bytes: bold, id: undefined };
  // Only sets made of files are kept: bytes passed in are the caller's to keep (and parsed once per byte array).
  const key = r.id !== undefined && (bold === undefined || b.id !== undefined) ? `${r.id}\u0000${b.id ?? ""}` : undefined;
  const hit = key ? custom.get(key) : undefined;
  if (hit) return hit;
  const base = defaultFonts();
  const set: FontSet = {
    regular: base.regular,
    bold: base.bold,
    italic: base.italic,
    boldItalic: base.boldItalic,
    cjk: { regular: r.bytes, ...(b.bytes !== undefined ? { bold: b.bytes } : {}) },
  };
  if (key) custom.set(key, set);
  return set;
}
