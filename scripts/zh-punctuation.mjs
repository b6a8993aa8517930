#!/usr/bin/env node
/**
 * Rewrites a clause pack's Chinese text to full-width punctuation (domain
 * brief §5.10), with the same rule `pack check` reports as
 * PACK_ZH_ASCII_PUNCTUATION — it imports scanZhPunctuation / fixZhPunctuation
 * from the built dist, so run `npm run build` first.
 *
 *   node scripts/zh-punctuation.mjs <pack folder>... [--check]
 *
 * What it touches, under each folder:
 * - Chinese templates: `zh.hbs` and `<variant>.zh.hbs`;
 * - in every `.yaml`/`.yml` file, the string values of `zh:` keys (titles,
 *   terms, definitions), edited in place in the source text so comments,
 *   quoting and layout stay as they were. The replacements are full-width
 *   characters, which need no YAML quoting or escaping in any scalar style.
 * Everything else (English templates, `{{ }}` expressions, anchors, table
 * separator rows, Latin text and numbers) is left alone. Idempotent: a
 * second run changes nothing. `--check` changes nothing and exits 1 when a
 * run would change something. Prints, per file, how many characters changed.
 */
import { readdirSync, readFileSync, writeFileSync, lstatSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, visit, isScalar, isPair } from "yaml";
import { scanZhPunctuation } from "../dist/index.js";

const args = process.argv.slice(2);
const checkOnly = args.includes("--check");
const dirs = args.filter((a) => a !== "--check");
if (dirs.length === 0) {
  console.error("usage: node scripts/zh-punctuation.mjs <pack folder>... [--check]");
  process.exit(2);
}

/** Applies the hits of `text`; returns the new text and how many characters changed. */
function fix(text) {
  const hits = scanZhPunctuation(text);
  if (hits.length === 0) return { text, changed: 0 };
  const chars = text.split("");
  for (const h of hits) chars[h.index] = h.replacement;
  return { text: chars.join(""), changed: hits.length };
}

/** The `zh:` string values of a YAML file, fixed in the source text. */
function fixYaml(source) {
  const doc = parseDocument(source, { keepSourceTokens: false });
  const spans = [];
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== "zh" || !isScalar(pair.value) || typeof pair.value.value !== "string") return;
      const node = pair.value;
      const [start, end] = node.range ?? [];
      if (start === undefined || end === undefined) return;
      // Only the scalar's content: not its quotes, nor a block scalar's header line.
      let from = start;
      let to = end;
      if (node.type === "QUOTE_SINGLE" || node.type === "QUOTE_DOUBLE") {
        from += 1;
        to = source.lastIndexOf(source[start], end - 1);
      } else if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") {
        from = source.indexOf("\n", start) + 1;
      }
      if (to > from) spans.push([from, to]);
    },
  });
  let out = source;
  let changed = 0;
  // From the end, so earlier offsets stay valid (replacements keep the length anyway).
  for (const [from, to] of spans.sort((a, b) => b[0] - a[0])) {
    const r = fix(out.slice(from, to));
    changed += r.changed;
    out = out.slice(0, from) + r.text + out.slice(to);
  }
  return { text: out, changed };
}

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) yield* walk(path);
    else yield path;
  }
}

let total = 0;
let files = 0;
for (const dir of dirs) {
  for (const path of walk(dir)) {
    const name = path.split("/").pop() ?? "";
    let result;
    if (/(^|\.)zh\.hbs$/.test(name)) result = fix(readFileSync(path, "utf8"));
    else if (/\.ya?ml$/.test(name)) result = fixYaml(readFileSync(path, "utf8"));
    else continue;
    if (result.changed === 0) continue;
    files++;
    total += result.changed;
    console.log(`${path}: ${result.changed}`);
    if (!checkOnly) writeFileSync(path, result.text);
  }
}
console.log(`${checkOnly ? "would change" : "changed"} ${total} character(s) in ${files} file(s)`);
if (checkOnly && total > 0) process.exit(1);
