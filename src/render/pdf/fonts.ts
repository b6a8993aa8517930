import * as fontkit from "fontkit";
import { ClausewrightError } from "../../errors/error.js";

/** Font bytes for the four faces. TTF or OTF; for a TTC the first font is used. */
export interface FontSet {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
  readonly italic: Uint8Array;
  readonly boldItalic: Uint8Array;
  /**
   * A CJK font for characters the faces above lack (Chinese text): each
   * character is drawn in the face that has it. Italic uses the regular
   * face; bold falls back to regular when not given.
   */
  readonly cjk?: { readonly regular: Uint8Array; readonly bold?: Uint8Array };
}

/** The four faces, parsed. */
export interface ParsedFonts {
  readonly regular: fontkit.Font;
  readonly bold: fontkit.Font;
  readonly italic: fontkit.Font;
  readonly boldItalic: fontkit.Font;
  readonly cjk?: { readonly regular: fontkit.Font; readonly bold: fontkit.Font };
}

/** A face of {@link FontSet}. */
export type Face = "regular" | "bold" | "italic" | "boldItalic";

// Parsing a font is the most expensive step of a PDF (a CJK font costs ~12× a
// page of text), so each FontSet is parsed once and reused for every document.
const parsed = new WeakMap<FontSet, ParsedFonts>();

function parse(bytes: Uint8Array, face: Face): fontkit.Font {
  let font: fontkit.Font | fontkit.FontCollection;
  try {
    font = fontkit.create(bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new ClausewrightError([
      { code: "RENDER_BAD_FONT", severity: "error", message: `The ${face} font is not a TrueType/OpenType font (${err instanceof Error ? err.message : String(err)})`, hint: "Use TTF, OTF or TTC files; WOFF/WOFF2 are not supported." },
    ]);
  }
  const single = "fonts" in font ? font.fonts[0] : font;
  if (!single || typeof (single as { layout?: unknown }).layout !== "function") {
    throw new ClausewrightError([{ code: "RENDER_BAD_FONT", severity: "error", message: `The ${face} font could not be read` }]);
  }
  return single;
}

/** The parsed faces of a font set, parsed on first use. */
export function parsedFonts(set: FontSet): ParsedFonts {
  let p = parsed.get(set);
  if (!p) {
    const cjk = set.cjk ? parse(set.cjk.regular, "regular") : undefined;
    p = {
      regular: parse(set.regular, "regular"),
      bold: parse(set.bold, "bold"),
      italic: parse(set.italic, "italic"),
      boldItalic: parse(set.boldItalic, "boldItalic"),
      ...(set.cjk && cjk ? { cjk: { regular: cjk, bold: set.cjk.bold ? parse(set.cjk.bold, "bold") : cjk } } : {}),
    };
    parsed.set(set, p);
  }
  return p;
}

const glyphCache = new WeakMap<fontkit.Font, Map<number, boolean>>();

/** The first code point in `text` that `font` has no glyph for, or undefined. */
export function missingGlyph(font: fontkit.Font, text: string): number | undefined {
  let cache = glyphCache.get(font);
  if (!cache) {
    cache = new Map();
    glyphCache.set(font, cache);
  }
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20) continue;
    let ok = cache.get(cp);
    if (ok === undefined) {
      ok = font.hasGlyphForCodePoint(cp);
      cache.set(cp, ok);
    }
    if (!ok) return cp;
  }
  return undefined;
}
