import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ClausewrightError } from "../errors/error.js";
import type { CjkFontBytes, FontSet } from "../render/pdf/fonts.js";

/** The optional package that carries the Chinese font (see the README, "Fonts"). */
export const CJK_FONT_PACKAGE = "@expo-google-fonts/noto-serif-sc";

let cached: FontSet | undefined;
let cjkCached: CjkFontBytes | null | undefined;

// `import.meta.url` in the ESM build; tsup's shim provides it in the CJS build.
const require = createRequire(import.meta.url);

/** Noto Serif SC 400 and 700 from the optional package, or undefined when it is not installed. */
function bundledCjk(): CjkFontBytes | undefined {
  if (cjkCached === undefined) {
    let dir: string | undefined;
    try {
      dir = dirname(require.resolve(`${CJK_FONT_PACKAGE}/package.json`));
    } catch {
      dir = undefined;
    }
    cjkCached = dir
      ? { regular: readFileSync(join(dir, "400Regular", "NotoSerifSC_400Regular.ttf")), bold: readFileSync(join(dir, "700Bold", "NotoSerifSC_700Bold.ttf")) }
      : null;
  }
  return cjkCached ?? undefined;
}

/**
 * The bundled Noto Serif faces (SIL Open Font License), read from disk once per
 * process, with Noto Serif SC for Chinese text when the optional package
 * @expo-google-fonts/noto-serif-sc is installed (read only when a document has
 * Chinese text). Reuse the returned object: fonts are parsed once per FontSet.
 */
export function defaultFonts(): FontSet {
  if (cached) return cached;
  const dir = dirname(require.resolve("@expo-google-fonts/noto-serif/package.json"));
  const face = (folder: string, file: string): Uint8Array => readFileSync(join(dir, folder, file));
  const set = {
    regular: face("400Regular", "NotoSerif_400Regular.ttf"),
    bold: face("700Bold", "NotoSerif_700Bold.ttf"),
    italic: face("400Regular_Italic", "NotoSerif_400Regular_Italic.ttf"),
    boldItalic: face("700Bold_Italic", "NotoSerif_700Bold_Italic.ttf"),
  };
  // A getter, so English-only runs never read the 30 MB of the Chinese faces; not enumerable, so
  // code that walks the four faces (Object.entries) sees byte arrays only.
  Object.defineProperty(set, "cjk", { enumerable: false, get: bundledCjk });
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
 * path or bytes; bold defaults to regular). Sets built from the same paths are
 * reused, so a font file is read and parsed once per process.
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
