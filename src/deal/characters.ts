/**
 * Characters a deal value may not contain: they are invisible, or they make text show differently
 * from what it says, so the same value could read one way in the DOCX and another in the PDF (a
 * right-to-left override shows "Acme" as "emcA" in one renderer and not in another), or a name
 * could differ from the one the reader sees.
 *
 * The decision (docs/security.md, "Deal sheet"):
 * - control characters (Unicode category Cc: C0, DEL, C1) are refused, except tab and line feed in
 *   a field that may span lines (addresses, descriptions, long text); a carriage return before a
 *   line feed is turned into a plain line feed first;
 * - format characters (Cf) are refused: the bidirectional embeddings, overrides and isolates
 *   (U+202A–U+202E, U+2066–U+2069), the marks U+200E, U+200F and U+061C, zero-width space and
 *   no-break space (U+200B, U+FEFF), word joiner, soft hyphen, tag characters, …; except zero-width
 *   non-joiner and joiner (U+200C, U+200D) between a letter of a script that needs them (Arabic,
 *   Syriac, N'Ko, Mongolian, the Indic scripts, Tibetan, Myanmar, Khmer) or an emoji and a letter,
 *   mark or emoji — Persian and Hindi names and emoji sequences need them, a Latin or Chinese name
 *   never does;
 * - the other default-ignorable characters (Hangul fillers, the combining grapheme joiner), line
 *   and paragraph separators (U+2028, U+2029), noncharacters and lone surrogates are refused;
 * - variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF, Mongolian U+180B–U+180D, U+180F) are
 *   allowed: they choose a glyph (an ideographic variant in a Japanese or Chinese name, emoji
 *   presentation) without reordering or hiding text.
 */

/** Every character that may be refused; the exceptions are decided in {@link forbiddenCharacter}. */
const SUSPECT = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}\p{Default_Ignorable_Code_Point}]/gu;

const VARIATION_SELECTOR = /^[\u180B-\u180D\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;

/** A character after which ZWNJ/ZWJ can be needed: a letter of a joining or Indic script, or an emoji. */
const JOINER_BEFORE =
  /^(?:[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Tibetan}\p{Script=Myanmar}\p{Script=Khmer}\p{Extended_Pictographic}\p{Emoji_Modifier}]|\uFE0F)$/u;
const JOINER_AFTER = /^[\p{L}\p{M}\p{Extended_Pictographic}]$/u;

/** Names of the characters a user is most likely to meet, as the Unicode character database spells them. */
const NAMES: Readonly<Record<number, string>> = {
  0: "NULL",
  9: "CHARACTER TABULATION",
  10: "LINE FEED",
  13: "CARRIAGE RETURN",
  27: "ESCAPE",
  127: "DELETE",
  133: "NEXT LINE",
  173: "SOFT HYPHEN",
  847: "COMBINING GRAPHEME JOINER",
  1564: "ARABIC LETTER MARK",
  4447: "HANGUL CHOSEONG FILLER",
  4448: "HANGUL JUNGSEONG FILLER",
  6158: "MONGOLIAN VOWEL SEPARATOR",
  8203: "ZERO WIDTH SPACE",
  8204: "ZERO WIDTH NON-JOINER",
  8205: "ZERO WIDTH JOINER",
  8206: "LEFT-TO-RIGHT MARK",
  8207: "RIGHT-TO-LEFT MARK",
  8232: "LINE SEPARATOR",
  8233: "PARAGRAPH SEPARATOR",
  8234: "LEFT-TO-RIGHT EMBEDDING",
  8235: "RIGHT-TO-LEFT EMBEDDING",
  8236: "POP DIRECTIONAL FORMATTING",
  8237: "LEFT-TO-RIGHT OVERRIDE",
  8238: "RIGHT-TO-LEFT OVERRIDE",
  8288: "WORD JOINER",
  8289: "FUNCTION APPLICATION",
  8290: "INVISIBLE TIMES",
  8291: "INVISIBLE SEPARATOR",
  8292: "INVISIBLE PLUS",
  8294: "LEFT-TO-RIGHT ISOLATE",
  8295: "RIGHT-TO-LEFT ISOLATE",
  8296: "FIRST STRONG ISOLATE",
  8297: "POP DIRECTIONAL ISOLATE",
  12644: "HANGUL FILLER",
  65279: "ZERO WIDTH NO-BREAK SPACE",
  65440: "HALFWIDTH HANGUL FILLER",
  65534: "NONCHARACTER U+FFFE",
  65535: "NONCHARACTER U+FFFF",
};

/** A refused character in a value: its code point, where it is, and how to name it. */
export interface ForbiddenCharacter {
  readonly codePoint: number;
  /** 1-based position in the value, counting characters (code points). */
  readonly position: number;
  /** "U+202E RIGHT-TO-LEFT OVERRIDE", or "U+0007 (a control character)" for one without a listed name. */
  readonly label: string;
}

/** "U+202E RIGHT-TO-LEFT OVERRIDE": the code point and, where known, its name or kind. */
export function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = NAMES[codePoint];
  if (name) return `${hex} ${name}`;
  const ch = String.fromCodePoint(codePoint);
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return `${hex} (a lone surrogate, half of a UTF-16 pair)`;
  if (/\p{Cc}/u.test(ch)) return `${hex} (a control character)`;
  if (/\p{Cf}/u.test(ch)) return `${hex} (an invisible format character)`;
  if (/\p{Noncharacter_Code_Point}/u.test(ch)) return `${hex} (a noncharacter)`;
  return `${hex} (an invisible character)`;
}

function allowed(value: string, index: number, char: string, multiline: boolean): boolean {
  if (VARIATION_SELECTOR.test(char)) return true;
  if (char === "\t" || char === "\n") return multiline;
  if (char === "\u200C" || char === "\u200D") {
    const before = previousCodePoint(value, index);
    const next = value.codePointAt(index + 1);
    return before !== undefined && next !== undefined && JOINER_BEFORE.test(String.fromCodePoint(before)) && JOINER_AFTER.test(String.fromCodePoint(next));
  }
  return false;
}

function isSurrogatePair(value: string, index: number): boolean {
  const hi = value.charCodeAt(index);
  const lo = value.charCodeAt(index + 1);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/** The code point that ends just before UTF-16 index `index`. */
function previousCodePoint(value: string, index: number): number | undefined {
  if (index === 0) return undefined;
  return index >= 2 && isSurrogatePair(value, index - 2) ? value.codePointAt(index - 2) : value.codePointAt(index - 1);
}

/** The number of code points before UTF-16 index `index`, a surrogate pair counting one. */
function codePointsBefore(value: string, index: number): number {
  let n = 0;
  for (let i = 0; i < index; i++, n++) if (isSurrogatePair(value, i)) i++;
  return n;
}

/**
 * The first character of `value` that a deal may not contain (see the module comment), or
 * undefined. `multiline` allows tab and line feed. Linear in the length of the value.
 */
export function forbiddenCharacter(value: string, multiline: boolean): ForbiddenCharacter | undefined {
  for (const m of value.matchAll(SUSPECT)) {
    if (allowed(value, m.index, m[0], multiline)) continue;
    const codePoint = m[0].codePointAt(0) ?? 0;
    return { codePoint, position: codePointsBefore(value, m.index) + 1, label: describeCodePoint(codePoint) };
  }
  return undefined;
}
