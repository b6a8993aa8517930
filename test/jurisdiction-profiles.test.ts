import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createCatalog } from "../src/catalog/catalog.js";
import { builtinPack } from "../src/catalog/builtin.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import { BUILTIN_PACK_FILES } from "../src/catalog/builtin/packs.generated.js";
import { JURISDICTIONS, type DealInput } from "../src/deal/schema.js";
import { draft } from "../src/draft.js";
import { ClausewrightError } from "../src/errors/error.js";
import { defaultFonts } from "../src/node/fonts.js";
import { itWithTools, pdfText } from "./helpers/tools.js";
import { plainMarkdown } from "./helpers/markdown.js";

// Issue 13: the governing law sets the house style. Each profile's text is read from the
// PDF (pdftotext) and from the DOCX (its document.xml), as the lawyer receiving it would.

const example = (name: string): DealInput & Record<string, unknown> => parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as DealInput & Record<string, unknown>;

const fonts = defaultFonts();
const flat = (s: string): string => s.replace(/\s+/g, " ");

/** The text of a DOCX body: every w:t, paragraphs joined by spaces. */
function docxText(docx: Uint8Array): string {
  const xml = strFromU8(unzipSync(docx)["word/document.xml"] ?? new Uint8Array());
  return flat(
    xml
      .split(/<\/w:p>/)
      .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? "").join(""))
      .join(" ")
      .replace(/&amp;/g, "&")
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">"),
  );
}

const pageSizeOf = (docx: Uint8Array): string =>
  /<w:pgSz w:w="(\d+)" w:h="(\d+)"/
    .exec(strFromU8(unzipSync(docx)["word/document.xml"] ?? new Uint8Array()))
    ?.slice(1)
    .join("x") ?? "";
const mediaBoxOf = (pdf: Uint8Array): string => /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(Buffer.from(pdf).toString("latin1"))?.slice(1).join("x") ?? "";

interface Rendered {
  readonly pdf: string;
  readonly docx: string;
  readonly paper: { readonly pdf: string; readonly docx: string };
}

const cache = new Map<string, Promise<Rendered>>();
function rendered(name: string): Promise<Rendered> {
  let hit = cache.get(name);
  if (!hit) {
    hit = draft(example(name), { fonts, formats: ["pdf", "docx"] }).then((r) => {
      if (!r.pdf || !r.docx) throw new Error("no output");
      return { pdf: flat(pdfText(r.pdf, false)), docx: docxText(r.docx), paper: { pdf: mediaBoxOf(r.pdf), docx: pageSizeOf(r.docx) } };
    });
    cache.set(name, hit);
  }
  return hit;
}

async function markdown(deal: DealInput, lang: "en" | "zh" = "en", extra: Record<string, unknown> = {}): Promise<string> {
  const r = await draft(deal, { formats: ["md"], lang, ...extra });
  return flat(plainMarkdown(r.markdown ?? ""));
}

/** Text that must appear in both the PDF and the DOCX; pdftotext may hyphenate nothing, but joins lines with spaces. */
function expectBoth(r: Rendered, must: readonly string[], mustNot: readonly (string | RegExp)[]): void {
  // pdftotext drops the hyphen where a line broke after one ("non-" + "infringement"), so the PDF is compared without hyphens.
  const unhyphen = (s: string, format: string): string => (format === "pdf" ? s.replace(/-/g, "") : s);
  for (const [format, text] of [
    ["pdf", r.pdf],
    ["docx", r.docx],
  ] as const) {
    for (const m of must) expect(unhyphen(text, format), `${format} should contain "${m}"`).toContain(unhyphen(m, format));
    for (const m of mustNot) {
      if (typeof m === "string") expect(text, `${format} should not contain "${m}"`).not.toContain(m);
      else expect(text, `${format} should not match ${String(m)}`).not.toMatch(m);
    }
  }
}

const US_ABSENT = [
  /\bseal/i,
  /\boriginals\b/,
  "People's Republic of China",
  /\bAuthoris/,
  /\bauthoris/,
  /\borganis/,
  "commissioned works",
  "Contracts (Rights of Third Parties)",
  "could not reasonably have foreseen",
] as const;

describe("jurisdiction profiles: the governing law sets the house style (PDF and DOCX text)", () => {
  itWithTools(
    ["pdftotext"],
    "Delaware, two US companies: Letter, US dates and spelling, Sections, jury waiver, UCC disclaimer; no seals, originals or PRC",
    async () => {
      const r = await rendered("us-crm-enterprise");
      expect(r.paper).toEqual({ pdf: "612x792", docx: "12240x15840" });
      expectBoth(
        r,
        [
          "December 1, 2026",
          "Authorized User",
          "EACH PARTY KNOWINGLY, VOLUNTARILY AND INTENTIONALLY WAIVES ITS RIGHT TO A TRIAL BY JURY",
          "including any of merchantability, fitness for a particular purpose, title and non-infringement",
          "the Delaware Uniform Electronic Transactions Act",
          "no other person is a third-party beneficiary of it",
          "notify the other promptly after it becomes aware of the Force Majeure Event",
          "nor does the Uniform Computer Information Transactions Act",
        ],
        [...US_ABSENT, "1 December 2026", /\bclause \d/],
      );
    },
    60_000,
  );

  itWithTools(
    ["pdftotext"],
    "New York: Letter, jury waiver, the New York Electronic Signatures and Records Act",
    async () => {
      const r = await rendered("us-newyork-saas");
      expect(r.paper).toEqual({ pdf: "612x792", docx: "12240x15840" });
      expectBoth(
        r,
        ["January 15, 2027", "the laws of the State of New York, United States of America", "TRIAL BY JURY", "the New York Electronic Signatures and Records Act"],
        [...US_ABSENT, "Delaware Uniform"],
      );
    },
    60_000,
  );

  itWithTools(
    ["pdftotext"],
    "England and Wales: A4, UK dates and spelling, clauses, the 1999 Act excluded, satisfactory quality disclaimed, no jury waiver or merchantability",
    async () => {
      const r = await rendered("england-saas");
      expect(r.paper).toEqual({ pdf: "595.28x841.89", docx: "11906x16838" });
      expectBoth(
        r,
        [
          "1 February 2027",
          "Authorised User",
          "clause 3 (Functional Modules)",
          "has no right under the Contracts (Rights of Third Parties) Act 1999 to enforce any of its terms",
          "express or implied, whether by statute, common law or otherwise, including any of satisfactory quality and fitness for purpose",
          "enters administration, proposes or enters into a company voluntary arrangement",
          "nothing in this clause limits or excludes liability for fraud or fraudulent misrepresentation",
          "for any indirect or consequential loss, or for any loss of profits, revenue, goodwill or anticipated savings (in each case whether direct or indirect)",
          "the Electronic Communications Act 2000",
          "the laws of England and Wales",
        ],
        [
          "merchantability",
          "JURY",
          /\bseal/i,
          /\boriginals\b/,
          "People's Republic of China",
          "this Section",
          /Section \d/,
          "Uniform Computer Information",
          "conflict-of-laws",
          "general assignment for the benefit of creditors",
          "reasonable care and skill, ",
          "punitive",
        ],
      );
    },
    60_000,
  );

  itWithTools(
    ["pdftotext"],
    "Ireland (EU member state): A4, clauses, Irish statutes, no third-party rights statute",
    async () => {
      const r = await rendered("ireland-eu-saas");
      expect(r.paper.docx).toBe("11906x16838");
      expectBoth(
        r,
        [
          "1 March 2027",
          "the laws of Ireland",
          "including any of merchantable quality and fitness for purpose",
          "has an examiner, receiver or liquidator appointed",
          "Regulation (EU) No 910/2014 (eIDAS)",
          "A person who is not a party to this Agreement has no right to enforce any of its terms.",
        ],
        ["merchantability", "JURY", "Contracts (Rights of Third Parties)", /\bseal/i, "People's Republic of China", /Section \d/, "third-party beneficiary", "punitive"],
      );
    },
    60_000,
  );

  itWithTools(
    ["pdftotext"],
    "Singapore: A4, the 2001 Act excluded, the Electronic Transactions Act 2010, SIAC",
    async () => {
      const r = await rendered("singapore-saas");
      expect(r.paper.pdf).toBe("595.28x841.89");
      expectBoth(
        r,
        [
          "4 January 2027",
          "the Contracts (Rights of Third Parties) Act 2001",
          "in accordance with the Electronic Transactions Act 2010",
          "is placed under judicial management",
          "Singapore International Arbitration Centre",
        ],
        ["merchantability", "JURY", /\bseal/i, /\boriginals\b/, "People's Republic of China", /Section \d/, "punitive"],
      );
    },
    60_000,
  );
});

describe("jurisdiction profiles: the exclusion of indirect loss in the dialect of the governing law", () => {
  // US forms exclude categories of "damages" (incidental, special, punitive); under English law and
  // the laws that follow it, exemplary damages are not a contract remedy and the exclusion is of
  // indirect or consequential loss, with lost profits named "whether direct or indirect".
  const withLaw = (governingLaw: (typeof JURISDICTIONS)[number]): DealInput => {
    const deal = example("us-crm-enterprise");
    deal.law = { ...deal.law, governingLaw, forum: { type: "courts", courts: "the courts of the place of the governing law" } };
    return deal;
  };
  const US = ["delaware", "new-york", "california"] as const;
  const COMMON_LAW = ["england-wales", "ireland", "singapore", "hong-kong"] as const;

  it.each(COMMON_LAW)("%s: indirect or consequential loss, never punitive or incidental damages (en and zh)", async (law) => {
    const en = await markdown(withLaw(law));
    expect(en).toContain("Exclusion of Indirect Loss");
    expect(en).toContain(
      "neither Party is liable to the other, whether in contract, tort (including negligence), breach of statutory duty or otherwise, for any indirect or consequential loss, or for any loss of profits, revenue, goodwill or anticipated savings (in each case whether direct or indirect).",
    );
    expect(en).not.toMatch(/punitive|incidental|on any theory of liability|Indirect Damages/i);
    const zh = await markdown(withLaw(law), "zh");
    expect(zh).toContain("间接损失的排除");
    expect(zh).toContain(
      "任何一方均不就间接损失或者后果性损失，或者利润、收入、商誉或者预期节约的损失（无论该等损失为直接损失还是间接损失），向另一方承担责任，无论该等责任基于合同、侵权（包括过失）、违反法定义务还是其他原因而产生。",
    );
    expect(zh).not.toMatch(/惩罚性的损害|附带的|责任理论/);
  });

  it.each(US)("%s: the US categories of damages (en and zh)", async (law) => {
    const en = await markdown(withLaw(law));
    expect(en).toContain("Exclusion of Indirect Damages");
    expect(en).toContain("neither Party will be liable for any indirect, incidental, special, consequential or punitive damages");
    expect(en).not.toContain("in each case whether direct or indirect");
    const zh = await markdown(withLaw(law), "zh");
    expect(zh).toContain("间接损害赔偿的排除");
    expect(zh).toContain("惩罚性的损害");
  });

  it("PRC law keeps its own wording (Civil Code Art. 584: foreseeability), in neither dialect", async () => {
    const en = await markdown(example("cn-crm-standard"));
    expect(en).toContain("whether or not that Party foresaw or ought to have foreseen those losses");
    expect(en).not.toMatch(/punitive|in each case whether direct or indirect/);
  });

  it("every profile of the built-in pack says which dialect it drafts in", () => {
    const catalog = createCatalog([builtinPack("crm")]);
    for (const law of JURISDICTIONS) expect(catalog.jurisdictions.profiles.get(law)?.lossVocabulary, law).toBe(US.includes(law as never) ? "damages" : "loss");
  });
});

describe("jurisdiction profiles: choices that follow the deal", () => {
  it("California: no pre-dispute jury waiver (unenforceable there), the California UETA", async () => {
    const deal = example("us-crm-enterprise");
    deal.law = { ...deal.law, governingLaw: "california", forum: { type: "courts", courts: "the state and federal courts located in San Francisco County, California" } };
    const text = await markdown(deal);
    expect(text).not.toContain("JURY");
    expect(text).toContain("the California Uniform Electronic Transactions Act");
    expect(text).toContain("the laws of the State of California, United States of America");
  });

  it("writes the same choices in Chinese: 放弃陪审团审判 under New York law, the 1999 Act under English law", async () => {
    const us = await markdown(example("us-newyork-saas"), "zh");
    expect(us).toContain("双方均知悉并自愿放弃由陪审团审判的权利");
    expect(us).toContain("适销性、适合特定用途、所有权及不侵权");
    const en = await markdown(example("england-saas"), "zh");
    expect(en).toContain("非本合同当事人的任何人均无权依据《1999年合同（第三方权利）法》执行本合同的任何条款");
    expect(en).not.toContain("陪审团");
  });

  it("keeps PRC formalities under PRC law: seals, 一式X份, notice of force majeure within 3 days and proof within 15", async () => {
    const zh = await markdown(example("cn-crm-standard"), "zh");
    expect(zh).toMatch(/本合同一式[两二三四五六]份/);
    expect(zh).toContain("加盖公章或者合同专用章");
    expect(zh).toContain("在不可抗力事件发生后3日内通知另一方");
    expect(zh).toContain("在15日内提供合理证明");
  });

  it("never respells the deal's own words: a US deal keeps a customer called Harbour Organisation Ltd", async () => {
    const deal = example("us-crm-enterprise");
    deal.customer = { ...deal.customer, legalName: "Harbour Organisation Ltd" };
    const text = await markdown(deal);
    expect(text).toContain("Harbour Organisation Ltd");
    expect(text).not.toContain("Harbour Organization");
    expect(text).toContain("its own organization");
  });

  it("a term the deal sets is stated under any law: originals, force majeure notice and proof days", async () => {
    const deal = example("us-crm-enterprise");
    deal.agreement = { ...deal.agreement, originals: 3 };
    deal.forceMajeure = { noticeDays: 5, proofDays: 20 };
    const text = await markdown(deal);
    expect(text).toContain("it is made in three (3) originals of equal effect, and each Party keeps one (1), with the remaining original kept by the Customer");
    expect(text).toContain("will notify the other within five (5) days after the Force Majeure Event starts");
    expect(text).toContain("will provide reasonable evidence of it within twenty (20) days");
  });

  it("the dateStyle option (--us-dates) still overrides the profile either way", async () => {
    expect(await markdown(example("england-saas"), "en", { dateStyle: "en-US" })).toContain("February 1, 2027");
    expect(await markdown(example("us-crm-enterprise"), "en", { dateStyle: "en-GB" })).toContain("1 December 2026");
  });
});

describe("jurisdiction profiles are pack data a legal team can extend", () => {
  const packWith = (jurisdictions: string) => parsePack({ "pack.yaml": 'name: nj\nversion: 1.0.0\nengine: ">=0.1.0"\nlanguages: [en, zh]\n', "jurisdictions.yaml": jurisdictions });

  it("a pack adds a governing law by extending a built-in profile, and deals may then choose it", async () => {
    const parsed = packWith('profiles:\n  new-jersey:\n    extends: us\n    name: { en: "the State of New Jersey, United States of America", zh: 美国新泽西州 }\n');
    expect(parsed.problems).toEqual([]);
    const catalog = createCatalog([builtinPack("crm"), parsed.pack!]);
    const deal = example("us-crm-enterprise");
    deal.law = { ...deal.law, governingLaw: "new-jersey" as never, forum: { type: "courts", courts: "the state and federal courts located in Newark, New Jersey" } };
    const text = await markdown(deal, "en", { catalog });
    expect(text).toContain("governed by the laws of the State of New Jersey, United States of America");
    expect(text).toContain("TRIAL BY JURY");
  });

  it("an incomplete profile is refused when the pack loads, naming the missing fields", () => {
    const parsed = packWith("profiles:\n  atlantis:\n    family: us\n    paper: letter\n");
    expect(parsed.problems).toEqual([]);
    try {
      createCatalog([builtinPack("crm"), parsed.pack!]);
      expect.unreachable();
    } catch (err) {
      expect(ClausewrightError.is(err)).toBe(true);
      const p = (err as ClausewrightError).problems.find((x) => x.code === "PACK_JURISDICTION_INCOMPLETE");
      expect(p?.message).toMatch(/"atlantis".*name/);
    }
  });

  it("the built-in pack has a profile for every governing law the deal schema offers", () => {
    const parsed = parsePack(BUILTIN_PACK_FILES["crm"] ?? {});
    const ids = Object.keys(parsed.pack?.jurisdictions?.profiles ?? {});
    for (const law of ["delaware", "new-york", "california", "england-wales", "ireland", "singapore", "hong-kong", "prc"]) expect(ids).toContain(law);
  });
});
