import { unzipSync, strFromU8 } from "fflate";
import MarkdownIt from "markdown-it";
import { builtinRules, problemCode } from "../../src/check/index.js";
import { PROBLEM_CODES } from "../../src/errors/codes.js";
import { ClausewrightError } from "../../src/errors/error.js";
import type { Problem } from "../../src/errors/problem.js";

const ENGINE_CODES: ReadonlySet<string> = new Set(PROBLEM_CODES);
const BUILTIN_CHECK_CODES: ReadonlySet<string> = new Set(builtinRules.map((r) => problemCode(r.id)));

/**
 * True when `code` is a code the engine documents: one of `PROBLEM_CODES`, a built-in check's
 * `CHECK_<RULE>` (or any `CHECK_` code when `packRules`), or a deal-file code re-based for a pack
 * file (`PACK_YAML_SYNTAX`, `PACK_RULE_INVALID_TYPE`; see `ProblemCode`).
 */
export function isKnownCode(code: string, options: { packRules?: boolean } = {}): boolean {
  if (ENGINE_CODES.has(code) || BUILTIN_CHECK_CODES.has(code)) return true;
  if (options.packRules && /^CHECK_[A-Z0-9_]+$/.test(code)) return true;
  for (const prefix of ["PACK_RULE_", "PACK_"]) {
    if (code.startsWith(prefix) && ENGINE_CODES.has(`DEAL_${code.slice(prefix.length)}`)) return true;
  }
  return false;
}

/** What a call ended with: a value, or the problems of a ClausewrightError. Any other exception is thrown on. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly [Problem, ...Problem[]] };

/**
 * Runs `fn` and returns its value or its typed problems. Anything else thrown (a TypeError, a
 * RangeError from a stack overflow) is a bug: rethrown with the message that says so. So is a
 * ClausewrightError with a code the engine does not document.
 */
export async function outcomeOf<T>(fn: () => Promise<T> | T, options: { packRules?: boolean } = {}): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (!ClausewrightError.is(err)) {
      const e = err instanceof Error ? err : new Error(String(err));
      throw new Error(`not a ClausewrightError: ${e.name}: ${e.message}`, { cause: err });
    }
    const unknown = err.problems.filter((p) => !isKnownCode(p.code, options)).map((p) => p.code);
    if (unknown.length > 0) throw new Error(`problem codes not in PROBLEM_CODES: ${[...new Set(unknown)].join(", ")}`);
    return { ok: false, problems: err.problems };
  }
}

/** Text a draft must never contain unless the deal itself said it: what a bug prints. */
const LEFTOVERS = ["undefined", "NaN", "[object Object]", "{{", "}}", "Infinity"] as const;
const PRIVATE_USE = /[\uE000-\uF8FF]/;

/**
 * Leftover placeholders in `output`: each word of {@link LEFTOVERS} and the private-use
 * characters the template engine uses as placeholders — unless the deal's text (`input`) has
 * them, in which case the deal may have asked for them.
 */
export function leftovers(output: string, input: string): string[] {
  const found: string[] = LEFTOVERS.filter((w) => output.includes(w) && !input.includes(w));
  const pua = PRIVATE_USE.exec(output);
  if (pua && !PRIVATE_USE.test(input)) found.push(`U+${(pua[0].codePointAt(0) ?? 0).toString(16).toUpperCase()}`);
  return found;
}

const md = new MarkdownIt();

/**
 * The structure of a Markdown document as markdown-it reads it: the block token types in order
 * and, for each inline run, its token types other than text and line breaks. A value inserted
 * as text changes text only; one read as markup adds a heading, a list, emphasis or HTML.
 */
export function markdownStructure(markdown: string): string[] {
  const out: string[] = [];
  for (const t of md.parse(markdown, {})) {
    if (t.type !== "inline") {
      out.push(t.type);
      continue;
    }
    const inner = (t.children ?? []).map((c) => c.type).filter((type) => type !== "text" && type !== "softbreak" && type !== "hardbreak");
    out.push(`inline(${inner.join(",")})`);
  }
  return out;
}

/** The text a Markdown reader shows, one entry per inline run (escapes and entities decoded). */
export function markdownTexts(markdown: string): string[] {
  return md
    .parse(markdown, {})
    .filter((t) => t.type === "inline")
    .map((t) => (t.children ?? []).map((c) => (c.type === "text" || c.type === "code_inline" ? c.content : c.type === "softbreak" || c.type === "hardbreak" ? "\n" : "")).join(""));
}

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) =>
    e.startsWith("#x") ? String.fromCodePoint(Number.parseInt(e.slice(2), 16)) : e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? ""),
  );
}

/** The text of each paragraph of a DOCX's main document, headers and footers (runs joined; tabs and breaks as `\t` and `\n`). */
export function docxParagraphs(docx: Uint8Array): string[] {
  const files = unzipSync(docx, { filter: (f) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(f.name) });
  const out: string[] = [];
  for (const data of Object.values(files)) {
    const xml = strFromU8(data);
    for (const p of xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
      let text = "";
      for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
        text += m[1] !== undefined ? decodeXml(m[1]) : m[0] === "<w:tab/>" ? "\t" : "\n";
      }
      out.push(text);
    }
  }
  return out;
}

/** Whitespace runs as one space, for comparing a value with the text it was printed in. */
export function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
