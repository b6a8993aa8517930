import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/catalog.js";
import { parseDealSheet, validateDeal } from "../../src/deal/parse.js";
import { draft } from "../../src/draft.js";
import type { DraftLang, Format } from "../../src/options.js";
import { dealCase, dealText, hostileString, seedDeal, setPrinted, type PrintedEdit } from "./arbitraries.js";
import { CaseTimer, checkProperty } from "./config.js";
import { catalogOf, SEED_DEALS } from "./corpus.js";
import { docxParagraphs, leftovers, markdownStructure, markdownTexts, outcomeOf, squash } from "./oracle.js";

// Deal sheets as an attacker types them: the example deals mutated (types, extreme strings,
// numbers, nesting, keys), written as YAML or JSON, sometimes with their text edited, through
// the library. See test/fuzz/config.ts for runs and seeds, and /work/briefs/fuzz15-findings.md
// style reports in the fast-check failure message (seed, path, counterexample).

const timers = { library: new CaseTimer(), printed: new CaseTimer() };
afterAll(() => {
  for (const [name, t] of Object.entries(timers)) console.log(`deal fuzz, ${name}: ${t.summary()}`);
});

function draftOptions(formats: readonly Format[], lang: DraftLang, force: boolean, catalog: Catalog | undefined) {
  return { formats: [...formats], lang, ...(force ? { force: true } : {}), ...(catalog ? { catalog } : {}) };
}

describe("deal sheet fuzzing", () => {
  it("parseDealSheet + draft end in a draft or typed problems; a draft has no leftover placeholders", async () => {
    await checkProperty(
      fc.asyncProperty(dealCase(), async (c) => {
        const seed = seedDeal(c.seed);
        const text = dealText(c);
        const catalog = await catalogOf(seed);
        const formats: Format[] = c.docx ? ["md", "docx"] : ["md"];
        const out = await timers.library.time(`${c.seed} (${text.length} characters)`, () =>
          outcomeOf(async () => {
            const { deal } = parseDealSheet(text, { format: c.as === "yaml" ? "yaml" : "json", ...(catalog ? { catalog } : {}) });
            return draft(deal, draftOptions(formats, seed.lang, c.force, catalog));
          }),
        );
        timers.library.count(out.ok ? "drafted" : out.problems[0].code);
        if (!out.ok) return;
        expect(leftovers(out.value.markdown ?? "", text), "leftovers in the Markdown").toEqual([]);
        if (out.value.docx) expect(leftovers(docxParagraphs(out.value.docx).join("\n"), text), "leftovers in the DOCX").toEqual([]);
      }),
      0x5eed_0001,
      50,
    );
  });

  // The structure of the unmutated draft of each seed deal, by language: a value printed as text changes none of it.
  const baselines = new Map<string, Promise<string[]>>();
  function baseline(name: string): Promise<string[]> {
    let found = baselines.get(name);
    if (!found) {
      const seed = seedDeal(name);
      found = catalogOf(seed).then(async (catalog) => {
        const result = await draft(validateDeal(seed.value, catalog), draftOptions(["md"], seed.lang, true, catalog));
        return markdownStructure(result.markdown);
      });
      baselines.set(name, found);
    }
    return found;
  }

  it("a hostile string in a printed field is printed as text: same Markdown structure, the value in the Markdown and DOCX text", async () => {
    const printedCase = fc.record({
      seed: fc.constantFrom(...SEED_DEALS.map((s) => s.name)),
      edits: fc.array(fc.record({ at: fc.nat(), value: hostileString(), zh: fc.boolean() }) as fc.Arbitrary<PrintedEdit>, { minLength: 1, maxLength: 3 }),
      docx: fc.nat({ max: 99 }).map((n) => n < 25),
    });
    await checkProperty(
      fc.asyncProperty(printedCase, async (c) => {
        const seed = seedDeal(c.seed);
        const catalog = await catalogOf(seed);
        const { deal, set } = setPrinted(seed.value, c.edits, seed.lang);
        const formats: Format[] = c.docx ? ["md", "docx"] : ["md"];
        const out = await timers.printed.time(c.seed, () => outcomeOf(() => draft(validateDeal(deal, catalog), draftOptions(formats, seed.lang, true, catalog))));
        timers.printed.count(out.ok ? "drafted" : out.problems[0].code);
        if (!out.ok) return;
        const markdown = out.value.markdown ?? "";
        expect(markdownStructure(markdown), "Markdown structure").toEqual(await baseline(c.seed));
        const mdText = squash(markdownTexts(markdown).join("\n"));
        const docxText = out.value.docx ? squash(docxParagraphs(out.value.docx).join("\n")) : undefined;
        for (const { path, value } of set) {
          // CommonMark reads U+0000 as U+FFFD; the rest of the value must come through as it is.
          const expected = squash(value).replace(/\0/g, "\uFFFD");
          expect(mdText.includes(expected), `${path.join(".")} = ${JSON.stringify(value)} in the Markdown text`).toBe(true);
          if (docxText !== undefined) expect(docxText.includes(squash(value)), `${path.join(".")} = ${JSON.stringify(value)} in the DOCX text`).toBe(true);
        }
      }),
      0x5eed_0002,
      30,
    );
  });
});
