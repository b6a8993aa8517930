import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { scanZhPunctuation } from "../src/catalog/zh-punctuation.js";
import type { DealInput } from "../src/deal/schema.js";
import { draft, type DraftOptions } from "../src/draft.js";

// The example deals drafted in Chinese or bilingually, as examples/draft-all.mjs drafts them.
const DEALS: readonly [string, Pick<DraftOptions, "lang" | "layout">][] = [
  ["cn-crm-standard", { lang: "zh" }],
  ["prc-domestic-cietac", { lang: "zh" }],
  ["bilingual-crm", { lang: "en+zh", layout: "parallel" }],
  ["shanghai-singapore-shiac", { lang: "en+zh", layout: "interleaved" }],
];

/**
 * The Chinese text of drafted Markdown fails the same rule the pack check
 * applies to templates — so generated furniture (labels, references, amounts
 * in words) and values printed into Chinese sentences are covered too. The
 * Chinese copy is drafted on its own (a bilingual document's Chinese text is
 * that same copy; its English half legitimately prints Chinese values such as
 * a job title after an English comma), and for a bilingual deal the combined
 * signature page, the one part written in both languages at once, is scanned
 * too. A link's "](#anchor)" is Markdown syntax, not text a reader sees, so
 * links are reduced to their text before the scan.
 */
describe("drafted Chinese text uses full-width punctuation", () => {
  for (const [name, options] of DEALS) {
    it(`${name} (${options.lang})`, async () => {
      const deal = parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as DealInput;
      const { markdown } = await draft(deal, { lang: "zh", formats: ["md"] });
      const md = (markdown ?? "").replace(/\[([^\]]*)\]\(#[^)]*\)/g, "$1");
      const lines = md.split("\n");
      const found = scanZhPunctuation(md).map((h) => `${h.line}:${h.column} "${h.char}" in: ${lines[h.line - 1]?.slice(Math.max(0, h.column - 25), h.column + 25)}`);
      expect(found).toEqual([]);
      // The test looks at real Chinese text: the draft has some, and it has full-width punctuation.
      expect(md).toMatch(/\p{Script=Han}，/u);
      if (options.lang === "en+zh") {
        const sig = (await draft(deal, { ...options, formats: [] })).model.signatures;
        const text = [sig.heading, sig.noFurtherText ?? "", ...sig.parties.flatMap((p) => [p.role, ...p.lines.map((l) => `${l.label}${sig.labelSeparator ?? ""}${l.value ?? ""}`)])].join("\n");
        expect(scanZhPunctuation(text).map((h) => `${h.char} in ${text.split("\n")[h.line - 1] ?? ""}`)).toEqual([]);
      }
    });
  }
});
