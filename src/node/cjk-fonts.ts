import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ClausewrightError } from "../errors/error.js";
import type { FontSet } from "../render/pdf/fonts.js";

const PACKAGE = "@expo-google-fonts/noto-serif-sc";

let faces: NonNullable<FontSet["cjk"]> | undefined;
const withCjk = new WeakMap<FontSet, FontSet>();

/**
 * Noto Serif SC regular and bold (SIL Open Font License) from the optional
 * dependency @expo-google-fonts/noto-serif-sc, read once per process. Throws a
 * ClausewrightError (`FONT_CJK_MISSING`) that says what to install when the
 * package is absent.
 */
export function chineseFonts(): NonNullable<FontSet["cjk"]> {
  if (faces) return faces;
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve(`${PACKAGE}/package.json`));
  } catch {
    throw new ClausewrightError([
      {
        code: "FONT_CJK_MISSING",
        severity: "error",
        message: `Chinese text in a PDF needs a CJK font, and the optional package ${PACKAGE} is not installed`,
        hint: `npm install ${PACKAGE}, or pass your own font as fonts.cjk`,
      },
    ]);
  }
  faces = {
    regular: readFileSync(join(dir, "400Regular", "NotoSerifSC_400Regular.ttf")),
    bold: readFileSync(join(dir, "700Bold", "NotoSerifSC_700Bold.ttf")),
  };
  return faces;
}

/**
 * `fonts` with the Chinese faces of {@link chineseFonts} added (unless it has
 * its own). The same input gives the same object, so the fonts are parsed once.
 */
export function withChineseFonts(fonts: FontSet): FontSet {
  if (fonts.cjk) return fonts;
  let out = withCjk.get(fonts);
  if (!out) {
    out = { ...fonts, cjk: chineseFonts() };
    withCjk.set(fonts, out);
  }
  return out;
}
