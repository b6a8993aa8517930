import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ClausewrightError } from "../errors/error.js";
import type { CjkFontBytes, FontSet } from "../render/pdf/fonts.js";

/** The package name whose folder holds `fonts/` (see {@link packageFontsDir}). */
const PACKAGE_NAME = "clausewright";

let fontsDir: string | undefined;

/**
 * The package's `fonts/` folder. This module runs as `dist/*.js` (fonts in `../fonts`) or, under
 * the tests, as `src/node/fonts.ts` (`../../fonts`), so walk up from it to the folder whose
 * package.json is clausewright's rather than count levels.
 */
function packageFontsDir(): string {
  if (fontsDir !== undefined) return fontsDir;
  // `import.meta.url` in the ESM build; tsup's shim provides it in the CJS build.
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && packageName(manifest) === PACKAGE_NAME) {
      fontsDir = join(dir, "fonts");
      return fontsDir;
    }
    if (dirname(dir) === dir) break;
  }
  throw new ClausewrightError([
    {
      code: "FONT_NOT_READABLE",
      severity: "error",
      message: `Cannot find the fonts folder of the ${PACKAGE_NAME} package: no folder above ${start} has its package.json`,
      hint: "When clausewright is bundled into another file, copy its fonts/ folder along, or pass options.fonts with the font bytes yourself.",
    },
  ]);
}

function packageName(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
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

function fontBytes(source: FontSource, what: string): Uint8Array {
  if (typeof source !== "string") return source;
  try {
    return readFileSync(source);
  } catch (err) {
    throw new ClausewrightError([
      { code: "FONT_NOT_READABLE", severity: "error", file: source, message: `Cannot read the ${what} font file ${source}: ${err instanceof Error ? err.message : String(err)}` },
    ]);
  }
}

const custom = new Map<string, FontSet>();

/**
 * The default fonts with your own font for Chinese text (TTF, OTF or TTC, by
 * path or bytes; bold defaults to regular), e.g. one that covers characters
 * the shipped subset leaves out. Sets built from the same paths are reused, so
 * a font file is read and parsed once per process.
 */
export function fontsWithChineseFont(regular: FontSource, bold?: FontSource): FontSet {
  const key = typeof regular === "string" && (bold === undefined || typeof bold === "string") ? `${regular}\u0000${bold ?? ""}` : undefined;
  const hit = key ? custom.get(key) : undefined;
  if (hit) return hit;
  const base = defaultFonts();
  const set: FontSet = {
    regular: base.regular,
    bold: base.bold,
    italic: base.italic,
    boldItalic: base.boldItalic,
    cjk: { regular: fontBytes(regular, "Chinese regular"), ...(bold !== undefined ? { bold: fontBytes(bold, "Chinese bold") } : {}) },
  };
  if (key) custom.set(key, set);
  return set;
}
