import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import { templatePosition } from "./path-checks.js";
import { positionAt } from "./positions.js";
import type { Pack, SourcePosition, SourcePositions, TemplateSource, Titles } from "./types.js";

/**
 * Chinese text uses full-width punctuation (domain brief §5.10): an ASCII
 * `, ; : ! ? ( )` next to a Chinese character reads as a typo. Numbers and
 * Latin names inside Chinese keep their own characters ("USD 1,000.00",
 * "45 C.F.R. §164.514(b)"), so a character is only wrong when it touches
 * Chinese.
 *
 * The rule, applied to template source (markup included):
 * - A character's neighbour is the nearest character on that side that is not
 *   markup. `**`, `_`, `[[`, `]]`, `{#anchor}` ids and Handlebars blocks
 *   (`{{#if}}`, `{{/if}}`, `{{else}}`, comments) are looked through; a
 *   `{{…}}` that prints a value stops the search and is not Chinese (its text
 *   is deal data: a Latin name, an amount); a line break, and a table cell
 *   border `|`, stop it too.
 * - `, ; : ! ?` and an unpaired `(` or `)` are wrong when either neighbour is a
 *   Han character or full-width punctuation.
 * - A `(`…`)` pair on one line is decided as a whole: Chinese when its content
 *   has a Han character ("(以下简称…)", "(大写:…)") or when the character
 *   before `(` or after `)` is Chinese ("条款(GDPR)" → "条款（GDPR）", a Latin
 *   phrase in Chinese text takes full-width brackets; "第164.504(e)条" →
 *   "第164.504（e）条", a bracket touching Chinese reads as a typo whatever it
 *   holds). A pair with Latin text on both sides stays ASCII ("Acme (HK)
 *   Ltd."): that is a name, not Chinese bracketing.
 * - Nothing inside `{{ }}`, `{#id}` or a table separator row (`|---|:--|`) is
 *   ever looked at.
 * A fix can make a neighbour full-width (the `(` of "a,(中文)"), so scanning
 * repeats until nothing changes: fixing every hit leaves nothing to find.
 */

/** The full-width form of each ASCII punctuation character the rule covers. */
export const ZH_FULL_WIDTH: Readonly<Record<string, string>> = { ",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）" };

/** One ASCII punctuation character that touches Chinese text. */
export interface ZhPunctuationHit {
  /** Index in the text (UTF-16 code units). */
  readonly index: number;
  /** 1-based line and column in the text. */
  readonly line: number;
  readonly column: number;
  /** The ASCII character found. */
  readonly char: string;
  /** Its full-width form. */
  readonly replacement: string;
}

const HAN = /\p{Script=Han}/u;
// CJK symbols and punctuation (、。《》「」【】…), full-width forms (，：（）), curly quotes, ellipsis and dash as used in Chinese.
const FULL_WIDTH_PUNCT = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026\u2014\u00b7]/u;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const ANCHOR = /^\{#[^{}\s]*\}/;

/** True for a Han character or full-width punctuation: a character of Chinese text. */
export function isChineseChar(ch: string): boolean {
  return HAN.test(ch) || FULL_WIDTH_PUNCT.test(ch);
}

type UnitKind = "char" | "markup" | "value" | "break";
interface Unit {
  readonly start: number;
  readonly end: number;
  readonly kind: UnitKind;
}

/** Splits template source into characters, transparent markup, printed values and breaks. */
function units(text: string): Unit[] {
  const out: Unit[] = [];
  let separatorRow = false;
  const startLine = (at: number): void => {
    const end = text.indexOf("\n", at);
    separatorRow = TABLE_SEPARATOR.test(text.slice(at, end < 0 ? text.length : end)) && text.slice(at, end < 0 ? text.length : end).includes("-");
  };
  startLine(0);
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (ch === "\n") {
      out.push({ start: i, end: i + 1, kind: "break" });
      i++;
      startLine(i);
      continue;
    }
    if (separatorRow) {
      // A table separator row is layout, not text: nothing in it is checked and nothing is seen through it.
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out.push({ start: i, end: stop, kind: "break" });
      i = stop;
      continue;
    }
    if (text.startsWith("{{", i)) {
      const comment = text.startsWith("{{!--", i);
      const close = comment ? text.indexOf("--}}", i + 5) : text.indexOf("}}", i + 2);
      if (close >= 0) {
        let end = close + (comment ? 4 : 2);
        if (text.startsWith("{{{", i) && text[end] === "}") end++;
        const inner = text.slice(i + 2, close).replace(/^[{~\s]+/, "");
        // Blocks and comments print nothing of their own; anything else prints a value (or a reference).
        const silent = /^[#/!^>]/.test(inner) || /^else\b/.test(inner);
        out.push({ start: i, end, kind: silent ? "markup" : "value" });
        i = end;
        continue;
      }
    }
    const anchor = ANCHOR.exec(text.slice(i, i + 200));
    if (anchor) {
      out.push({ start: i, end: i + anchor[0].length, kind: "markup" });
      i += anchor[0].length;
      continue;
    }
    if (text.startsWith("**", i) || text.startsWith("[[", i) || text.startsWith("]]", i)) {
      out.push({ start: i, end: i + 2, kind: "markup" });
      i += 2;
      continue;
    }
    if (ch === "_") {
      out.push({ start: i, end: i + 1, kind: "markup" });
      i++;
      continue;
    }
    if (ch === "|") {
      out.push({ start: i, end: i + 1, kind: "break" });
      i++;
      continue;
    }
    // A character outside the BMP (a rare Han ideograph) is one unit of two code units.
    const cp = text.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    out.push({ start: i, end: i + len, kind: "char" });
    i += len;
  }
  return out;
}

/** One pass: the hits in `chars` as it stands (a fix can create more). */
function pass(chars: readonly string[], us: readonly Unit[]): number[] {
  const charAt = (u: Unit): string => chars.slice(u.start, u.end).join("");
  // The nearest non-markup unit from `k` in direction `step`: Chinese only when it is a Chinese character.
  const chineseSide = (k: number, step: 1 | -1): boolean => {
    for (let j = k + step; j >= 0 && j < us.length; j += step) {
      const u = us[j];
      if (!u || u.kind === "markup") continue;
      return u.kind === "char" && isChineseChar(charAt(u));
    }
    return false;
  };
  const hits: number[] = [];
  // Pair parentheses on each line; a pair is decided as a whole.
  const pairOf = new Map<number, number>();
  const stack: number[] = [];
  us.forEach((u, k) => {
    if (u.kind === "break" && charAt(u) === "\n") stack.length = 0;
    if (u.kind !== "char") return;
    const c = charAt(u);
    if (c === "(") stack.push(k);
    else if (c === ")") {
      const open = stack.pop();
      if (open !== undefined) {
        pairOf.set(open, k);
        pairOf.set(k, open);
      }
    }
  });
  us.forEach((u, k) => {
    if (u.kind !== "char") return;
    const c = charAt(u);
    if (!(c in ZH_FULL_WIDTH)) return;
    const partner = pairOf.get(k);
    if (partner === undefined) {
      if (chineseSide(k, -1) || chineseSide(k, 1)) hits.push(u.start);
      return;
    }
    const open = Math.min(k, partner);
    const close = Math.max(k, partner);
    let han = false;
    for (let j = open + 1; j < close && !han; j++) {
      const v = us[j];
      if (v?.kind === "char" && HAN.test(charAt(v))) han = true;
    }
    if (han || chineseSide(open, -1) || chineseSide(close, 1)) hits.push(u.start);
  });
  return hits;
}

/** Line and column (1-based) of each index in `text`. */
function positions(text: string, indexes: readonly number[]): { line: number; column: number }[] {
  return indexes.map((index) => {
    const before = text.slice(0, index);
    const nl = before.lastIndexOf("\n");
    return { line: before.split("\n").length, column: index - nl };
  });
}

/**
 * Every ASCII `, ; : ! ? ( )` in Chinese template source that touches Chinese
 * text (the rule is at the top of this module), in text order, with its
 * full-width replacement. Pure: the same text always gives the same hits.
 */
export function scanZhPunctuation(text: string): ZhPunctuationHit[] {
  const us = units(text);
  // Replacements are one code unit for one, so indexes hold from pass to pass.
  // Code units, so a unit's [start, end) slices it; a surrogate pair joins back up when sliced.
  const chars = text.split("");
  const found = new Set<number>();
  for (;;) {
    const hits = pass(chars, us).filter((i) => !found.has(i));
    if (hits.length === 0) break;
    for (const i of hits) {
      found.add(i);
      chars[i] = ZH_FULL_WIDTH[chars[i] ?? ""] ?? chars[i] ?? "";
    }
  }
  const sorted = [...found].sort((a, b) => a - b);
  const at = positions(text, sorted);
  return sorted.map((index, n) => {
    const char = text[index] ?? "";
    return { index, line: at[n]?.line ?? 1, column: at[n]?.column ?? 1, char, replacement: ZH_FULL_WIDTH[char] ?? char };
  });
}

/** `text` with every hit of {@link scanZhPunctuation} replaced by its full-width form; idempotent. */
export function fixZhPunctuation(text: string): string {
  const hits = scanZhPunctuation(text);
  if (hits.length === 0) return text;
  const out = text.split("");
  for (const h of hits) out[h.index] = h.replacement;
  return out.join("");
}

/** Where to report a hit in a title: the title's YAML value, shifted by the column (same line). */
function titleProblem(pack: Pack, file: string, at: SourcePosition | undefined, title: string, what: string): Problem[] {
  return scanZhPunctuation(title).map((h) => problemFor(pack, { file, ...(at ? { line: at.line, column: at.column + h.column - 1 } : {}) }, h, what));
}

function problemFor(pack: Pack, where: { file: string; line?: number | undefined; column?: number | undefined }, h: ZhPunctuationHit, what: string, clause?: string): Problem {
  return {
    code: "PACK_ZH_ASCII_PUNCTUATION",
    // The built-in pack is held to the rule; a team's own pack is told, not stopped.
    severity: pack.name === "crm" ? "error" : "warning",
    file: where.file,
    ...(where.line !== undefined ? { line: where.line } : {}),
    ...(where.column !== undefined ? { column: where.column } : {}),
    ...(clause ? { clause } : {}),
    message: `ASCII "${h.char}" next to Chinese text in ${what}: use full-width "${h.replacement}"`,
    hint: `Chinese text uses full-width punctuation (${h.char} → ${h.replacement}); scripts/zh-punctuation.mjs <pack folder> rewrites a pack.`,
  };
}

function templateProblems(pack: Pack, src: TemplateSource | undefined, what: string, clause: string): Problem[] {
  if (!src) return [];
  const start = src.line !== undefined ? { line: src.line, column: src.column ?? 1 } : undefined;
  return scanZhPunctuation(src.text).map((h) => problemFor(pack, templatePosition(src.file, h.line, h.column, start), h, what, clause));
}

function zhTitle(titles: Titles | undefined): string | undefined {
  return titles?.zh;
}

/**
 * Every `PACK_ZH_ASCII_PUNCTUATION` problem of one pack: its zh templates
 * (clauses and overrides), zh term definitions, and zh titles. An error in
 * the built-in pack (`crm`), a warning in any other.
 */
export function zhPunctuationProblems(pack: Pack): Problem[] {
  const zh: Lang = "zh";
  const out: Problem[] = [];
  const title = (file: string, positions: SourcePositions | undefined, titles: Titles | undefined, path: (string | number)[], what: string): void => {
    const t = zhTitle(titles);
    if (t) out.push(...titleProblem(pack, file, positionAt(positions, path), t, what));
  };
  for (const c of pack.clauses) {
    title(c.file ?? "clause.yaml", c.positions, c.titles, ["title", "zh"], `the zh title of clause "${c.id}"`);
    for (const v of c.variants) out.push(...templateProblems(pack, v.templates[zh], "a Chinese template", c.id));
    for (const t of c.defines) out.push(...templateProblems(pack, t.definition[zh], "a Chinese definition", c.id));
  }
  for (const o of pack.overrides ?? []) {
    title(o.file, o.positions, o.titles, ["title", "zh"], `the zh title of the override of "${o.id}"`);
    for (const perLang of Object.values(o.variants)) out.push(...templateProblems(pack, perLang[zh], "a Chinese template", o.id));
  }
  for (const t of pack.terms ?? []) out.push(...templateProblems(pack, t.definition[zh], "a Chinese definition", t.clause ?? "definitions"));
  pack.agreements.forEach((a, i) => {
    title(a.file ?? pack.manifestFile ?? "pack.yaml", a.file ? undefined : pack.positions, a.titles, ["agreements", i, "title", "zh"], `the zh title of agreement "${a.id}"`);
  });
  return out;
}
