import * as fontkit from "fontkit";
import { ClausewrightError } from "../../errors/error.js";

/** Bytes of a Chinese (CJK) font: regular and bold. TTF, OTF or TTC (the first font of a collection). */
export interface CjkFontBytes {
  readonly regular: Uint8Array;
  /** Defaults to the regular face. */
  readonly bold?: Uint8Array;
}

/** Font bytes for the four faces. TTF or OTF; for a TTC the first font is used. */
export interface FontSet {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
  readonly italic: Uint8Array;
  readonly boldItalic: Uint8Array;
  /**
   * The font for Chinese text. A run that contains Chinese characters is set in
   * this font (CJK fonts also cover Latin letters), any other run in the Latin
   * faces above. Parsed only when a document has Chinese text.
   */
  readonly cjk?: CjkFontBytes;
}

/** The four faces, parsed. */
export interface ParsedFonts {
  readonly regular: fontkit.Font;
  readonly bold: fontkit.Font;
  readonly italic: fontkit.Font;
  readonly boldItalic: fontkit.Font;
}

/** A face of {@link FontSet}. */
export type Face = "regular" | "bold" | "italic" | "boldItalic";

/** The Chinese faces, parsed. Italic text uses the upright faces: Chinese has no italic. */
export interface ParsedCjkFonts {
  readonly regular: fontkit.Font;
  readonly bold: fontkit.Font;
}

// Parsing a font is the most expensive step of a PDF (a CJK font costs ~12× a
// page of text), so each FontSet is parsed once and reused for every document.
const parsed = new WeakMap<FontSet, ParsedFonts>();

/**
 * Parsed fonts by their bytes: two font sets that share a byte array (the same
 * file, read once by `fontsWithChineseFont`, or the bundled Latin faces under
 * every Chinese font) share one parsed font, and with it its width and layout
 * caches. Weak: a font nobody holds the bytes of any more is collected.
 */
const parsedBytes = new WeakMap<Uint8Array, fontkit.Font>();

let parses = 0;

/** How many fonts this process has parsed (tests count that a font is parsed once). @internal */
export function fontParseCount(): number {
  return parses;
}

function parse(bytes: Uint8Array, face: string): fontkit.Font {
  const known = parsedBytes.get(bytes);
  if (known) return known;
  const font = parseBytes(bytes, face);
  parsedBytes.set(bytes, font);
  return font;
}

function parseBytes(bytes: Uint8Array, face: string): fontkit.Font {
  parses++;
  let font: fontkit.Font | fontkit.FontCollection;
  try {
    font = fontkit.create(bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new ClausewrightError([
      {
        code: "RENDER_BAD_FONT",
        severity: "error",
        message: `The ${face} font is not a TrueType/OpenType font (${err instanceof Error ? err.message : String(err)})`,
        hint: "Use TTF, OTF or TTC files; WOFF/WOFF2 are not supported.",
      },
    ]);
  }
  const single = "fonts" in font ? font.fonts[0] : font;
  if (!single || typeof (single as { layout?: unknown }).layout !== "function") {
    throw new ClausewrightError([{ code: "RENDER_BAD_FONT", severity: "error", message: `The ${face} font could not be read` }]);
  }
  return single;
}

const parsedCjk = new WeakMap<FontSet, ParsedCjkFonts>();

/** The parsed Chinese faces of a font set (undefined when it has none), parsed on first use. */
export function parsedCjkFonts(set: FontSet): ParsedCjkFonts | undefined {
  if (!set.cjk) return undefined;
  let p = parsedCjk.get(set);
  if (!p) {
    const regular = parse(set.cjk.regular, "Chinese regular");
    p = { regular, bold: set.cjk.bold ? parse(set.cjk.bold, "Chinese bold") : regular };
    parsedCjk.set(set, p);
  }
  return p;
}

/** True when text has a character that needs a Chinese font (CJK ideographs, kana, full-width forms, CJK punctuation). */
export function needsCjkFont(text: string): boolean {
  return /[\u2E80-\u2FDF\u3000-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\u{20000}-\u{3134F}]/u.test(text);
}

/** The parsed faces of a font set, parsed on first use. */
export function parsedFonts(set: FontSet): ParsedFonts {
  let p = parsed.get(set);
  if (!p) {
    p = { regular: parse(set.regular, "regular"), bold: parse(set.bold, "bold"), italic: parse(set.italic, "italic"), boldItalic: parse(set.boldItalic, "boldItalic") };
    parsed.set(set, p);
  }
  return p;
}

/** Whether each code point has a glyph, per font: 0 not yet asked, 1 yes, 2 no. */
const glyphCache = new WeakMap<fontkit.Font, Uint8Array>();

/** The first code point in `text` that `font` has no glyph for, or undefined. */
export function missingGlyph(font: fontkit.Font, text: string): number | undefined {
  let cache = glyphCache.get(font);
  if (!cache) {
    // One byte per code point (1.1 MB): bounded whatever the text, where a map would grow with every new character.
    cache = new Uint8Array(0x110000);
    glyphCache.set(font, cache);
  }
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20) continue;
    let known = cache[cp] ?? 0;
    if (known === 0) {
      known = font.hasGlyphForCodePoint(cp) ? 1 : 2;
      cache[cp] = known;
    }
    if (known === 2) return cp;
  }
  return undefined;
}
