import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/catalog.js";
import { parseDealSheet, validateDeal } from "../../src/deal/parse.js";
import { draft } from "../../src/draft.js";
import type { DraftLang, Format } from "../../src/options.js";
import { type DealCase, dealCase, dealText, type PrintedCase, printedCase, seedDeal, setPrinted } from "./arbitraries.js";
import { CaseTimer, checkProperty } from "./config.js";
import { catalogOf } from "./corpus.js";
import { KNOWN_DEAL_CASES, KNOWN_PRINTED_CASES } from "./known.js";
import { docxParagraphs, leftovers, markdownStructure, markdownTexts, outcomeOf, squash } from "./oracle.js";

// Deal sheets as an attacker types them, through the library: the example deals mutated (types,
// extreme strings, numbers, nesting, keys), written as YAML or JSON, sometimes with their text
// edited (test/fuzz/arbitraries.ts). Runs and seeds: test/fuzz/config.ts.

const timers = { library: new CaseTimer(), printed: new CaseTimer() };
afterAll(() => {
  for (const [name, t] of Object.entries(timers)) console.log(`deal fuzz, ${name}: ${t.summary()}`);
});

function draftOptions(formats: readonly Format[], lang: DraftLang, force: boolean, catalog: Catalog | undefined) {
  return { formats: [...formats], lang, ...(force ? { force: true } : {}), ...(catalog ? { catalog } : {}) };
}

/** parseDealSheet + draft: a draft or typed problems, never another exception; a draft has no leftover placeholders. */
async function checkLibraryCase(c: DealCase): Promise<void> {
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
}

// The structure of the unmutated draft of each seed deal: a value printed as text changes none of it.
const baselines = new Map<string, Promise<string[]>>();
function baseline(name: string): Promise<string[]> {
  let found = baselines.get(name);
  if (!found) {
    const seed = seedDeal(name);
    found = catalogOf(seed).then(async (catalog) => markdownStructure((await draft(validateDeal(seed.value, catalog), draftOptions(["md"], seed.lang, true, catalog))).markdown ?? ""));
    baselines.set(name, found);
  }
  return found;
}

/** Hostile strings in printed fields: a draft (or typed problems) whose Markdown has the structure of the seed's, with each value in the Markdown and DOCX text. */
async function checkPrintedCase(c: PrintedCase): Promise<void> {
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
    expect(mdText.includes(squash(value).replace(/\0/g, "\uFFFD")), `${path.join(".")} = ${JSON.stringify(value)} in the Markdown text`).toBe(true);
    if (docxText !== undefined) expect(docxText.includes(squash(value)), `${path.join(".")} = ${JSON.stringify(value)} in the DOCX text`).toBe(true);
  }
}

describe("deal sheet fuzzing", () => {
  it("parseDealSheet + draft end in a draft or typed problems; a draft has no leftover placeholders", async () => {
    await checkProperty(fc.asyncProperty(dealCase(), checkLibraryCase), 0x5eed_0001, 90);
  });

  it("a hostile string in a printed field is printed as text: same Markdown structure, the value in the Markdown and DOCX text", async () => {
    await checkProperty(fc.asyncProperty(printedCase(), checkPrintedCase), 0x5eed_0002, 45);
  });
});

describe("known hostile deal sheets (issue 15)", () => {
  it.each(KNOWN_DEAL_CASES)("library: $name", async ({ input }) => checkLibraryCase(input));
  it.each(KNOWN_PRINTED_CASES)("printed as text: $name", async ({ input }) => checkPrintedCase(input));
});
