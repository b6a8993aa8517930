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
 * English halves need no filtering: the rule only fires next to a Han
 * character or full-width punctuation, a table cell border stops it, and a
 * link's "](#anchor)" holds no Han, so its parentheses stay ASCII.
 */
describe("drafted Chinese text uses full-width punctuation", () => {
  for (const [name, options] of DEALS) {
    it(`${name} (${options.lang})`, async () => {
      const deal = parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as DealInput;
      const { markdown } = await draft(deal, { ...options, formats: ["md"] });
      const md = markdown ?? "";
      const lines = md.split("\n");
      const found = scanZhPunctuation(md).map((h) => `${h.line}:${h.column} "${h.char}" in: ${lines[h.line - 1]?.slice(Math.max(0, h.column - 25), h.column + 25)}`);
      expect(found).toEqual([]);
      // The test looks at real Chinese text: the draft has some, and it has full-width punctuation.
      expect(md).toMatch(/\p{Script=Han}，/u);
    });
  }
});
