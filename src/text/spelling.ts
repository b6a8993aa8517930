/**
 * US spelling of English template text (domain brief §6.1: a Delaware
 * agreement says "authorized" and "license"). Written by hand because it is a
 * word list the pack owns (jurisdictions.yaml `spelling.us`), applied to
 * template text only — never to deal values, which are placeholders by then
 * or sit inside `{{…}}` — so a customer called "Harbour Analytics" keeps its name.
 */

/** Rewrites the words of a text by a UK → US word list; case follows the original word. */
export type Speller = (text: string) => string;

/** A speller from `from → to` entries; a key ending in `*` matches any word that starts with it. */
export function makeSpeller(entries: ReadonlyMap<string, string>): Speller {
  const whole = new Map<string, string>();
  const stems: [string, string][] = [];
  for (const [from, to] of entries) {
    if (from.endsWith("*")) stems.push([from.slice(0, -1), to.replace(/\*$/, "")]);
    else whole.set(from, to);
  }
  // Longest stem first, so "reorganis" wins over "organis" where both are listed.
  stems.sort((a, b) => b[0].length - a[0].length);
  const respell = (word: string): string => {
    const lower = word.toLowerCase();
    let out = whole.get(lower);
    if (out === undefined) {
      const stem = stems.find(([s]) => lower.startsWith(s));
      if (stem) out = stem[1] + lower.slice(stem[0].length);
    }
    if (out === undefined || out === lower) return word;
    if (word === word.toUpperCase() && word.length > 1) return out.toUpperCase();
    if (word[0] !== lower[0]) return out.charAt(0).toUpperCase() + out.slice(1);
    return out;
  };
  return (text) => (entries.size === 0 ? text : text.replace(/\p{L}+/gu, respell));
}

/** Respells the literal text of a Handlebars template, leaving every `{{…}}` expression and `{#id}` anchor as it is. */
export function respellTemplate(source: string, spell: Speller): string {
  return source
    .split(/(\{\{[\s\S]*?\}\}|\{#[^}]*\})/)
    .map((part, i) => (i % 2 === 1 ? part : spell(part)))
    .join("");
}

/** A rewriter of exact phrases (whole words, case as given), longest first. */
export function makePhraser(phrases: Readonly<Record<string, string>>): Speller {
  const keys = Object.keys(phrases).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return (text) => text;
  const escapeRegExp = (k: string): string => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${keys.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "gu");
  const lookup = new Map(keys.map((k) => [k.replace(/\s+/g, " "), phrases[k] ?? k]));
  return (text) => text.replace(pattern, (m) => lookup.get(m.replace(/\s+/g, " ")) ?? m);
}
