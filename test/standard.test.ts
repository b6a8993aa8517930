import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { builtinPack, defaultCatalog } from "../src/catalog/builtin.js";
import { createVerifiedCatalog } from "../src/catalog/catalog.js";
import { definePack } from "../src/catalog/define.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import { standardDeal } from "../src/catalog/standard-deal.js";
import type { Pack } from "../src/catalog/types.js";
import { checkDeal } from "../src/check/check-deal.js";
import { validateDeal } from "../src/deal/parse.js";
import type { DealInput } from "../src/deal/schema.js";
import { mergeStandard } from "../src/deal/standard-merge.js";
import { draft } from "../src/draft.js";
import { checkPackDir } from "../src/node/pack-check.js";
import { problemsOf } from "./helpers/problems.js";

const examples = new URL("../examples/deals/", import.meta.url);
const example = (name: string): DealInput => parse(readFileSync(new URL(name, examples), "utf8")) as DealInput;

describe("mergeStandard: the standard laid over a deal", () => {
  const deal = {
    agreement: { reference: "R-1", initialTermMonths: 36, renewal: { autoRenew: false, nonRenewalNoticeDays: 90 } },
    sla: {
      availability: "99.5",
      credits: [
        { below: "99.5", credit: "10" },
        { below: "99", credit: "20" },
        { below: "95", credit: "50" },
      ],
    },
    liability: { generalCap: { type: "greaterOf", amount: "250,000.00", multiplier: 1 }, uncapped: ["indemnity"] },
    fees: { currency: "EUR", renewalPriceIncreaseCap: "5" },
  };
  const standard = {
    agreement: { initialTermMonths: 12, renewal: { autoRenew: true } },
    sla: { credits: [{ below: "99.9", credit: "10" }] },
    liability: { generalCap: { type: "multipleOfFees", multiplier: 1, lookbackMonths: 12 }, uncapped: ["indemnity", "confidentiality"] },
    fees: { renewalPriceIncreaseCap: null },
    options: { publicity: true },
  };
  const merged = mergeStandard(deal, standard);

  it("merges mappings key by key, keeping what only the deal gives", () => {
    expect(merged["agreement"]).toEqual({ reference: "R-1", initialTermMonths: 12, renewal: { autoRenew: true, nonRenewalNoticeDays: 90 } });
    expect(merged["options"]).toEqual({ publicity: true });
  });

  it("replaces lists whole and single values, the deal's explicit values included", () => {
    expect(merged["sla"]).toEqual({ availability: "99.5", credits: [{ below: "99.9", credit: "10" }] });
    expect((merged["liability"] as { uncapped: string[] }).uncapped).toEqual(["indemnity", "confidentiality"]);
  });

  it("replaces a mapping of another type whole, and removes what the standard sets to null", () => {
    expect((merged["liability"] as { generalCap: unknown }).generalCap).toEqual({ type: "multipleOfFees", multiplier: 1, lookbackMonths: 12 });
    expect(merged["fees"]).toEqual({ currency: "EUR" });
    const sameType = mergeStandard({ cap: { type: "fixed", amount: "1.00", note: "x" } }, { cap: { type: "fixed", amount: "2.00" } });
    expect(sameType).toEqual({ cap: { type: "fixed", amount: "2.00", note: "x" } });
  });

  it("changes neither input and shares nothing of the standard with the result", () => {
    expect(deal.agreement.initialTermMonths).toBe(36);
    expect(deal.fees.renewalPriceIncreaseCap).toBe("5");
    (merged["sla"] as { credits: { credit: string }[] }).credits[0]!.credit = "99";
    expect(standard.sla.credits[0]?.credit).toBe("10");
  });

  it("keeps a key named __proto__ as a key (the deal schema then refuses it)", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const out = mergeStandard({}, hostile);
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("the built-in CRM pack's standard position (clauses/crm/standard.yaml)", () => {
  const files = readdirSync(examples).filter((f) => f.endsWith(".yaml"));

  it("is the catalogue's standard, and leaves the parties, the prices, the law and the language to the deal", () => {
    const standard = defaultCatalog().standard;
    expect(standard?.pack).toBe("crm");
    for (const key of ["customer", "provider", "services", "implementation", "breach", "insurance"]) expect(Object.keys(standard?.terms ?? {})).not.toContain(key);
    expect(standard?.terms.agreement && Object.keys(standard.terms.agreement).sort()).toEqual(["initialTermMonths", "precedence", "renewal"]);
    expect(standard?.terms.law).toEqual({ negotiationDays: 30 });
    expect(Object.keys(standard?.terms.fees ?? {})).not.toContain("currency");
  });

  it("laid over each example deal, validates and passes the checks without errors", () => {
    expect(files.length).toBe(12);
    // The languages each example drafts in (a bilingual draft needs the deal's prevailing language).
    const chinese = new Map<string, "zh" | "en+zh">([
      ["bilingual-crm.yaml", "en+zh"],
      ["shanghai-singapore-shiac.yaml", "en+zh"],
      ["cn-crm-standard.yaml", "zh"],
      ["prc-domestic-cietac.yaml", "zh"],
    ]);
    for (const file of files) {
      const deal = example(file);
      const base = standardDeal(deal);
      const valid = validateDeal(base);
      expect([file, valid.agreement.initialTermMonths, valid.liability.generalCap]).toEqual([file, 12, { type: "multipleOfFees", multiplier: 1, lookbackMonths: 12 }]);
      expect([file, valid.customer.legalName, valid.law.governingLaw]).toEqual([file, deal.customer.legalName, deal.law.governingLaw]);
      expect([file, checkDeal(base).errors.map((p) => p.id)]).toEqual([file, []]);
      const lang = chinese.get(file);
      if (lang) expect([file, checkDeal(base, { lang }).errors.map((p) => p.id)]).toEqual([file, []]);
    }
  });

  it("drafts: an English and a bilingual example on the standard terms, in Markdown", async () => {
    const english = await draft(standardDeal(example("us-crm-enterprise.yaml")), { formats: ["md"] });
    expect(english.markdown).toContain("continues for an initial term of twelve (12) months");
    expect(english.markdown).toContain("bear interest at 1% per month, or the highest rate the law permits if lower");
    expect(english.markdown).not.toContain("Termination for Convenience");
    const bilingual = await draft(standardDeal(example("bilingual-crm.yaml")), { lang: "en+zh", formats: ["md"] });
    expect(bilingual.markdown).toContain("initial term of twelve (12) months");
    expect(bilingual.markdown).toContain("初始期限为12个月，至2027年11月22日届满");
  });
});

describe("which standard a catalogue has", () => {
  const crm = builtinPack("crm");
  const { standard: _unused, standardFile: _file, standardPositions: _positions, ...withoutStandard } = crm;

  it("no pack with a standard: REDLINE_NO_STANDARD", () => {
    const catalog = createVerifiedCatalog([withoutStandard]);
    expect(catalog.standard).toBeUndefined();
    expect(problemsOf(() => standardDeal(example("england-saas.yaml"), catalog)).map((p) => [p.code, p.message])).toEqual([
      ["REDLINE_NO_STANDARD", "No pack of the catalogue (crm) has a standard position to compare with"],
    ]);
  });

  it("the last pack that ships one wins whole (its standard is not merged with the earlier one)", () => {
    const house = definePack({ name: "house", version: "2.0.0", engine: ">=0.1.0", languages: ["en"], standard: { sla: { creditCap: "30" } } });
    expect(house.standardFile).toBe("house/standard");
    const quiet: Pack = { name: "quiet", version: "1.0.0", engine: ">=0.1.0", languages: ["en"], clauses: [], agreements: [] };
    const catalog = createVerifiedCatalog([crm, house, quiet]);
    expect(catalog.standard).toEqual({ pack: "house", version: "2.0.0", terms: { sla: { creditCap: "30" } } });
    const base = standardDeal(example("england-saas.yaml"), catalog) as { sla: { creditCap?: string }; agreement: { initialTermMonths: number } };
    expect([base.sla.creditCap, base.agreement.initialTermMonths]).toEqual(["30", 36]);
  });
});

describe("pack check: a pack's standard.yaml", () => {
  const tmp = mkdtempSync(join(tmpdir(), "cw-standard-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** A pack folder layered over the built-in one: a manifest, a standard.yaml and a fixture. */
  function packDir(name: string, standard: string): string {
    const dir = join(tmp, name);
    mkdirSync(join(dir, "fixtures"), { recursive: true });
    writeFileSync(join(dir, "pack.yaml"), `name: ${name}\nversion: 1.0.0\nengine: ">=0.1.0"\nlanguages: [en, zh]\n`);
    writeFileSync(join(dir, "standard.yaml"), standard);
    writeFileSync(join(dir, "fixtures", "deal.yaml"), readFileSync(new URL("us-crm-enterprise.yaml", examples), "utf8"));
    return dir;
  }
  const described = (ps: readonly { code: string; file?: string; line?: number; column?: number; message: string }[]): string[] =>
    ps.filter((p) => p.code === "PACK_STANDARD_INVALID").map((p) => `${p.file?.slice(tmp.length + 1)}:${p.line}:${p.column} ${p.message}`);

  it("a broken one: PACK_STANDARD_INVALID at file:line:column, on its own and laid over the fixtures", async () => {
    const dir = packDir(
      "broken",
      [
        "# house terms",
        "sla:",
        '  availabilty: "99.9"',
        "  credits:",
        '    - { below: "99.9" }',
        "agreement:",
        "  effectiveDate: ~",
        "  initialTermMonths: 12",
        "fees:",
        '  creditCap: "5"',
        "liability:",
        "  excludeConsequentialDamages: maybe",
        "",
      ].join("\n"),
    );
    const { problems } = await checkPackDir(dir);
    expect(described(problems)).toEqual([
      'broken/standard.yaml:3:16 The standard position is not part of a valid deal sheet: Unknown field "availabilty" in sla',
      "broken/standard.yaml:5:7 The standard position is not part of a valid deal sheet: Missing required field sla.credits[0].credit",
      "broken/standard.yaml:7:18 The standard position removes agreement.effectiveDate, which every deal sheet must have",
      'broken/standard.yaml:10:14 The standard position is not part of a valid deal sheet: Unknown field "creditCap" in fees',
      "broken/standard.yaml:12:32 The standard position is not part of a valid deal sheet: liability.excludeConsequentialDamages: expected boolean",
    ]);
    const combined = await checkPackDir(packDir("combined", 'sla:\n  creditCap: "5"\n'));
    expect(described(combined.problems)[0]).toBe(
      "combined/standard.yaml:2:3 Laid over " +
        `${join(tmp, "combined", "fixtures", "deal.yaml")}, the standard position fails check S2: Availability below 99.9% earns a 10% credit, above the 5% monthly credit cap, so that tier can never be paid in full`,
    );
    const list = parsePack({ "pack.yaml": 'name: list\nversion: 1.0.0\nengine: ">=0.1.0"\nlanguages: [en]\n', "standard.yaml": "- sla\n" });
    expect(list.problems.map((p) => `${p.code} ${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([
      "PACK_STANDARD_INVALID standard.yaml:1:1 standard.yaml must be a mapping of deal fields (the provider's standard terms), not a list",
    ]);
  });

  it("a good one passes, and becomes the catalogue's standard", async () => {
    const { problems, catalog } = await checkPackDir(packDir("good", 'sla:\n  creditCap: "60"\n'));
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(catalog?.standard).toEqual({ pack: "good", version: "1.0.0", terms: { sla: { creditCap: "60" } } });
  });
});
