import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { assemble } from "../src/assemble/build.js";
import { defaultCatalog } from "../src/catalog/builtin.js";
import { BUILTIN_PACK_FILES } from "../src/catalog/builtin/packs.generated.js";
import { createCatalog, type Catalog } from "../src/catalog/catalog.js";
import { listClauses } from "../src/catalog/listing.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import { CATEGORIES, type PackFiles } from "../src/catalog/types.js";
import { validateDeal } from "../src/deal/parse.js";
import { appliedRegimes } from "../src/deal/pipl.js";
import { dealJsonSchema } from "../src/deal/json-schema.js";
import { computeValues } from "../src/assemble/compute.js";
import { profileContextSchema } from "../src/catalog/jurisdictions.js";
import type { DealInput } from "../src/deal/schema.js";
import { draft } from "../src/draft.js";
import type { Block, DocumentModel, Lang } from "../src/model/types.js";
import { defaultFonts } from "../src/node/fonts.js";
import { runCli } from "./helpers/cli.js";

const DEALS_DIR = new URL("../examples/deals/", import.meta.url).pathname;
const EXAMPLES = readdirSync(DEALS_DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const loadExample = (name: string): DealInput & Record<string, unknown> => parse(readFileSync(join(DEALS_DIR, name), "utf8")) as DealInput & Record<string, unknown>;

/** The clauses this issue added; the older ones get their Chinese text on the zh branch. */
const CATALOGUE_CLAUSES = [
  "modules",
  "payment",
  "customization",
  "integration",
  "implementation",
  "acceptance",
  "responsibilities",
  "training",
  "support",
  "maintenance",
  "data-ownership",
  "security",
  "gdpr-dpa",
  "ccpa",
  "hipaa-baa",
  "pipl",
  "ip",
  "warranties",
  "indemnification",
  "breach",
  "force-majeure",
  "exit",
  "compliance",
  "notices",
  "assignment",
  "entire-agreement",
  "severability",
  "counterparts",
];

const crmFiles = (): PackFiles => {
  const files = BUILTIN_PACK_FILES["crm"];
  if (!files) throw new Error("no built-in crm pack");
  return files;
};

/**
 * The built-in pack declared as [en, zh]. Clauses that still lack Chinese text
 * (until the zh branch lands) get their English text with every [[Term]] mapped
 * to its Chinese form, so the whole agreement can be assembled in Chinese and
 * the new clauses' Chinese templates are rendered, parsed and checked for real.
 */
function bilingualPackFiles(): PackFiles {
  const files: Record<string, string> = { ...crmFiles() };
  files["pack.yaml"] = (files["pack.yaml"] ?? "").replace(/^languages: \[en\]$/m, "languages: [en, zh]");
  const zhOf = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) {
    if (!path.endsWith("clause.yaml")) continue;
    for (const d of (parse(text) as { defines?: { term: { en?: string; zh?: string } }[] }).defines ?? []) {
      if (d.term.en && d.term.zh) zhOf.set(d.term.en, d.term.zh);
    }
  }
  const mapTerms = (s: string): string => s.replace(/\[\[([^\]]+)\]\]/g, (_, t: string) => `[[${zhOf.get(t) ?? t}]]`);
  for (const [path, text] of Object.entries({ ...files })) {
    if (!path.endsWith("clause.yaml")) continue;
    const dir = path.slice(0, -"clause.yaml".length);
    const meta = parse(text) as { variants?: { id: string }[]; defines?: { definition?: { en?: string; zh?: string } }[] };
    for (const v of meta.variants ?? [{ id: "" }]) {
      const en = `${dir}${v.id ? `${v.id}.` : ""}en.hbs`;
      const zh = `${dir}${v.id ? `${v.id}.` : ""}zh.hbs`;
      if (files[zh] === undefined && files[en] !== undefined) files[zh] = mapTerms(files[en]);
    }
    let changed = false;
    for (const d of meta.defines ?? []) {
      if (d.definition?.en && !d.definition.zh) {
        d.definition.zh = mapTerms(d.definition.en);
        changed = true;
      }
    }
    if (changed) files[path] = stringify(meta);
  }
  return files;
}

function bilingualCatalog(): Catalog {
  const { pack, problems } = parsePack(bilingualPackFiles());
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  return createCatalog([pack!]);
}

/** The structure of a document: clause ids, sub-clause ids, and the kind and size of each block. */
function shape(model: DocumentModel): unknown {
  const block = (b: Block): string => (b.kind === "list" ? `list:${b.items.length}` : b.kind === "table" ? `table:${b.rows.length}x${b.columns.length}` : b.kind);
  return model.clauses.map((c) => [c.id, c.variant ?? "", c.blocks.map(block), c.subclauses.map((s) => [s.id ?? "", s.blocks.map(block)])]);
}

function clauseIds(catalog: Catalog, deal: DealInput, lang: Lang = "en"): string[] {
  return assemble(catalog, validateDeal(deal), { lang }).details.clauses.map((c) => c.id);
}

describe("the CRM catalogue", () => {
  it("covers every category of the vocabulary", () => {
    const used = new Set(listClauses(defaultCatalog()).map((c) => c.category));
    expect(CATEGORIES.filter((c) => !used.has(c))).toEqual([]);
  });

  it("puts every clause in the crm-saas agreement, with signatures after every body clause", () => {
    const catalog = defaultCatalog();
    const layout = catalog.agreements.get("crm-saas")?.clauses ?? [];
    expect([...catalog.clauses.keys()].filter((id) => !layout.includes(id))).toEqual([]);
    const inline = layout.filter((id) => catalog.clauses.get(id)?.placement !== "schedule");
    expect(inline.at(-1)).toBe("signatures");
  });

  it.each([...defaultCatalog().clauses.keys()])("clause %s has an English and a Chinese template for every variant, with a zh title", (id) => {
    const files = crmFiles();
    const meta = parse(files[`clauses/${id}/clause.yaml`] ?? "") as { title: { en?: string; zh?: string }; variants?: { id: string }[] };
    expect(meta.title.zh).toMatch(/\p{Script=Han}/u);
    for (const v of meta.variants ?? [{ id: "" }]) {
      for (const lang of ["en", "zh"]) {
        expect(files[`clauses/${id}/${v.id ? `${v.id}.` : ""}${lang}.hbs`], `${id} ${v.id} ${lang}`).toBeTypeOf("string");
      }
    }
  });

  it.each(CATALOGUE_CLAUSES)("clause %s has the same sub-clause ids and references in English and Chinese", (id) => {
    const files = crmFiles();
    const ids = (s: string): string[] => [...s.matchAll(/\{#([a-z][a-z0-9-]*)\}/g)].map((m) => m[1] ?? "");
    const refs = (s: string): string[] => [...s.matchAll(/\{\{ref "([^"]+)"\}\}/g)].map((m) => m[1] ?? "").sort();
    const blocks = (s: string): string[] => [...s.matchAll(/\{\{[#/](if|each|else)\b/g)].map((m) => m[1] ?? "");
    for (const path of Object.keys(files).filter((p) => (p.startsWith(`clauses/${id}/`) && p.endsWith(".en.hbs")) || p === `clauses/${id}/en.hbs`)) {
      const en = files[path] ?? "";
      const zh = files[path.replace(/en\.hbs$/, "zh.hbs")] ?? "";
      expect(ids(zh), path).toEqual(ids(en));
      expect(refs(zh), path).toEqual(refs(en));
      expect(blocks(zh), path).toEqual(blocks(en));
    }
  });

  it("reads only paths that exist in the deal schema or the computed values", () => {
    type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };
    const resolves = (schema: Schema | undefined, parts: string[]): boolean => {
      if (!schema) return false;
      if (parts.length === 0) return true;
      const [head, ...rest] = parts;
      const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
      if (alternatives.some((a) => resolves(a, parts))) return true;
      if (head === "length" && schema.items) return rest.length === 0;
      return resolves(schema.properties?.[head ?? ""], rest);
    };
    const computed = computeValues(validateDeal(loadExample("prc-domestic-cietac.yaml"))) as unknown as Record<string, unknown>;
    const inComputed = (parts: string[]): boolean => {
      let v: unknown = computed;
      for (const p of parts) {
        if (v === null || typeof v !== "object" || !(p in v)) return false;
        v = (v as Record<string, unknown>)[p];
      }
      return true;
    };
    const bad: string[] = [];
    for (const c of defaultCatalog().clauses.values()) {
      for (const path of c.reads) {
        const parts = path.replace(/\[\]/g, "").split(".");
        // `document.*` are the facts of the document being assembled (DocumentFacts in src/assemble/build.ts).
        const ok =
          parts[0] === "computed"
            ? inComputed(parts.slice(1))
            : parts[0] === "profile"
              ? (parts[1] ?? "") in profileContextSchema.shape
              : parts[0] === "document"
                ? ["lang", "cover", "schedules", "dataProtection", "included"].includes(parts[1] ?? "")
                : resolves(dealJsonSchema() as Schema, parts);
        if (!ok) bad.push(`${c.id}: ${path}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("loads as a bilingual pack: every Chinese template compiles and marks only defined Chinese terms", () => {
    const catalog = bilingualCatalog();
    for (const id of CATALOGUE_CLAUSES) {
      for (const v of catalog.clauses.get(id)?.compiled.values() ?? []) expect(v.has("zh"), id).toBe(true);
    }
  });
});

describe.each(EXAMPLES)("example deal %s", (file) => {
  const deal = loadExample(file);

  it("drafts in English to Markdown, DOCX and PDF without warnings about the catalogue", async () => {
    const result = await draft(deal, { formats: ["md", "docx", "pdf"], fonts: defaultFonts() });
    expect(
      Buffer.from(result.pdf ?? new Uint8Array())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect(result.markdown).toContain(typeof deal.customer.legalName === "string" ? deal.customer.legalName : deal.customer.legalName.en);
    expect(result.docx?.byteLength).toBeGreaterThan(10_000);
    expect(result.warnings.filter((w) => w.code.startsWith("TERM_"))).toEqual([]);
  });

  it("renders in Chinese with the same structure as in English", () => {
    const catalog = bilingualCatalog();
    const valid = validateDeal(deal);
    const en = assemble(catalog, valid, { lang: "en" });
    const zh = assemble(catalog, valid, { lang: "zh" });
    expect(shape(zh.model)).toEqual(shape(en.model));
    expect(zh.details.clauses.map((c) => c.id)).toContain("data-ownership");
  });
});

describe("regime-specific clauses appear only with their regime", () => {
  const regimeClauses = { GDPR: "gdpr-dpa", CCPA: "ccpa", HIPAA: "hipaa-baa", PIPL: "pipl" } as const;

  it.each(EXAMPLES)("%s has exactly the clauses of its regimes", (file) => {
    const deal = loadExample(file);
    // The regimes the agreement carries: PIPL also for a customer in mainland China (cn-crm-standard lists none).
    const regimes = appliedRegimes(validateDeal(deal)) as readonly string[];
    const ids = clauseIds(defaultCatalog(), deal);
    // UK GDPR needs the same Art. 28(3) processing terms, so it brings the GDPR schedule too.
    for (const [regime, id] of Object.entries(regimeClauses)) expect(ids.includes(id), `${file} ${id}`).toBe(regimes.includes(regime) || (regime === "GDPR" && regimes.includes("UK_GDPR")));
  });

  it.each([["GDPR"], ["UK_GDPR"], ["CCPA"], ["HIPAA"], ["PIPL"]])("adding %s to the US deal adds its clause and nothing else", (regime) => {
    const deal = loadExample("us-crm-enterprise.yaml");
    const before = clauseIds(defaultCatalog(), deal);
    deal.privacy = { regimes: [regime as "GDPR"] };
    const after = clauseIds(defaultCatalog(), deal);
    const expected = regimeClauses[(regime === "UK_GDPR" ? "GDPR" : regime) as keyof typeof regimeClauses];
    expect(after.filter((id) => !before.includes(id))).toEqual([expected]);
  });

  it("the GDPR terms list all eight Art. 28(3)(a)–(h) duties, the particulars and the SCCs", async () => {
    const result = await draft(loadExample("eu-gdpr-icc.yaml"), { formats: ["md"] });
    const clause = result.model.clauses.find((c) => c.id === "gdpr-dpa");
    const duties = clause?.subclauses.find((s) => s.id === "gdpr-dpa.processor")?.blocks.find((b) => b.kind === "list");
    expect(duties?.kind === "list" ? duties.items.map((i) => i.label) : []).toEqual(["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)"]);
    const md = result.markdown ?? "";
    for (const phrase of [
      "documented instructions",
      "duty of confidentiality",
      "Article 32",
      "general written authorisation",
      "data subjects exercising their rights",
      "Articles 32 to 36",
      "delete or return all Personal Data",
      "contribute to audits",
    ]) {
      expect(md).toContain(phrase);
    }
    for (const row of ["| Subject matter |", "| Duration |", "| Nature |", "| Purpose |", "| Types of Personal Data |", "| Categories of data subjects |"]) expect(md).toContain(row);
    expect(md).toContain("Commission Implementing Decision (EU) 2021/914, module two");
    expect(md).toContain("governed by the law of Ireland");
    expect(md).toContain("within forty-eight (48) hours");
  });

  it("the HIPAA terms carry the deal's breach-notice period and subcontracting choice", async () => {
    const md = (await draft(loadExample("us-healthcare-hipaa.yaml"), { formats: ["md"] })).markdown ?? "";
    expect(md).toContain("business associate agreement required by 45 C.F.R. §164.504(e)");
    expect(md).toContain("within ten (10) days after discovering it");
    expect(md).toContain("only with the Customer's prior written permission");
    expect(md).toContain("hosting and operating the patient-relationship platform for the customer");
  });

  it("the PIPL terms name the cross-border route only when one is chosen", async () => {
    const deal = loadExample("prc-domestic-cietac.yaml");
    const without = (await draft(deal, { formats: ["md"] })).markdown ?? "";
    expect(without).toContain("Article 21 of the PIPL");
    expect(without).toContain("will not provide the Personal Information outside the People's Republic of China");
    deal.privacy = { ...(deal.privacy as object), pipl: { crossBorderRoute: "standardContract" } } as DealInput["privacy"];
    const withRoute = (await draft(deal, { formats: ["md"] })).markdown ?? "";
    expect(withRoute).toContain("standard contract for the outbound transfer of personal information");
  });
});

describe("variants switch with the deal", () => {
  const variantOf = (deal: DealInput, id: string): string | undefined => assemble(defaultCatalog(), validateDeal(deal), { lang: "en" }).details.clauses.find((c) => c.id === id)?.variant;

  it("deliverables: assigned or licensed", async () => {
    const deal = loadExample("us-crm-enterprise.yaml");
    expect(variantOf(deal, "ip")).toBe("licensed");
    deal.ip = { deliverables: "customerAssigned", timeOfAssignment: "onCreation" };
    expect(variantOf(deal, "ip")).toBe("assigned");
    const md = (await draft(deal, { formats: ["md"] })).markdown ?? "";
    expect(md).toContain("assigns to the Customer all right, title and interest, including all intellectual property rights, in the Deliverables, as they are created");
  });

  it("payment: recurring, staged by milestone with amounts, or in full on delivery", async () => {
    const us = loadExample("us-crm-enterprise.yaml");
    expect(variantOf(us, "payment")).toBe("recurring");
    const prc = loadExample("prc-domestic-cietac.yaml");
    expect(variantOf(prc, "payment")).toBe("staged");
    const md = (await draft(prc, { formats: ["md"] })).markdown ?? "";
    expect(md).toContain("| 1 | on signature of this Agreement | 30% | CNY 75,600.00 |");
    expect(md).toContain("| 2 | on acceptance of the System go-live and initial acceptance milestone | 40% | CNY 100,800.00 |");
    expect(md).toContain("| 3 | on acceptance of the Trial run and final acceptance milestone | 30% | CNY 75,600.00 |");
    prc.fees = { ...prc.fees, stages: [{ percent: "100", trigger: "delivery" }] };
    expect(variantOf(prc, "payment")).toBe("full-on-delivery");
  });

  it("AI training: prohibited, aggregated and de-identified, or allowed", () => {
    const deal = loadExample("us-crm-enterprise.yaml");
    const seen = (["prohibited", "aggregatedDeidentified", "allowed"] as const).map((ai) => variantOf({ ...deal, data: { aiTraining: ai } }, "data-ownership"));
    expect(seen).toEqual(["ai-prohibited", "ai-aggregated", "ai-allowed"]);
  });

  it("liquidated damages appear only when the deal sets them", async () => {
    const prc = loadExample("prc-domestic-cietac.yaml");
    const md = (await draft(prc, { formats: ["md"] })).markdown ?? "";
    expect(md).toContain("liquidated damages of 0.05% of the Fees for the Initial Term (CNY 252,000.00) for each day of delay, up to a total of 10% of those Fees");
    expect(clauseIds(defaultCatalog(), loadExample("us-crm-enterprise.yaml"))).not.toContain("breach");
  });
});

describe("clausewright clauses", () => {
  it("--json lists every clause with id, category, titles, variants and variables, covering every category", async () => {
    const r = await runCli(["clauses", "--json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; category: string; titles: { en: string; zh: string }; variants: string[]; variables: string[] }[];
    expect(new Set(list.map((c) => c.category))).toEqual(new Set(CATEGORIES));
    expect(list.find((c) => c.id === "ip")).toMatchObject({
      category: "ip",
      titles: { en: "Intellectual Property", zh: "知识产权" },
      variants: ["assigned", "licensed"],
      variables: ["ip.deliverables", "ip.timeOfAssignment", "ip.configurations", "profile.family"],
    });
    expect(list.map((c) => c.id)).toContain("signatures");
  });

  it("prints a table without --json", async () => {
    const r = await runCli(["clauses"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^ID\s+CATEGORY\s+VARIANTS\s+TITLE \(EN\)\s+TITLE \(ZH\)$/);
    expect(r.stdout).toMatch(/^gdpr-dpa\s+data-protection\s+default\s+Data Processing Terms \(GDPR\)\s+数据处理条款（GDPR）$/m);
  });
});

/** A deal that switches on every clause of the agreement: the EU example plus every regime, damages and maintenance. */
function everythingDeal(): DealInput & Record<string, unknown> {
  const deal = loadExample("eu-gdpr-icc.yaml");
  deal.privacy = {
    ...(deal.privacy as object),
    regimes: ["GDPR", "CCPA", "HIPAA", "PIPL"],
    hipaa: { breachNoticeDays: 30, subcontracting: "prohibited" },
    ccpa: { businessPurposes: ["operating the CRM service for the customer"] },
    pipl: { crossBorderRoute: "certification" },
  } as DealInput["privacy"];
  deal.breach = { deliveryDelay: { ratePerDay: "0.05", capPercent: "10" }, latePayment: { ratePerDay: "0.05", capPercent: "10" } };
  deal.maintenance = { includedMonths: 12, annualFee: "12,000.00" };
  deal.options = { publicity: true, terminationForConvenience: { noticeDays: 90 } };
  deal.agreement = { ...(deal.agreement as object), pilot: { endDate: "2027-03-31", liabilityCap: "25,000.00" } } as DealInput["agreement"];
  // PRC law, so the Civil Code Art. 496 notice on terms limiting liability is in too.
  deal.law = { governingLaw: "prc", forum: { type: "arbitration", institution: "CIETAC", seat: "Beijing", language: "en" } };
  return deal;
}

describe("coverage: every clause in every variant, in both languages", () => {
  const deals: [string, DealInput][] = [
    ["everything", everythingDeal()],
    [
      "courts, multiple-of-fees cap, staged payment, aggregated AI, licensed deliverables",
      {
        ...everythingDeal(),
        liability: { generalCap: { type: "multipleOfFees", multiplier: 2 } },
        law: { governingLaw: "delaware", forum: { type: "courts", courts: "the courts of Wilmington, Delaware" } },
        fees: {
          ...everythingDeal().fees,
          stages: [
            { percent: "50", trigger: "signing" },
            { percent: "50", trigger: "acceptance", milestone: "go-live" },
          ],
        },
        data: { aiTraining: "aggregatedDeidentified" },
        ip: { deliverables: "providerLicensed" },
      },
    ],
    [
      "fixed cap, payment on delivery, AI allowed",
      {
        ...everythingDeal(),
        liability: { generalCap: { type: "fixed", amount: "500,000.00" } },
        fees: { ...everythingDeal().fees, stages: [{ percent: "100", trigger: "delivery" }] },
        data: { aiTraining: "allowed", usageData: "none" },
      },
    ],
  ];
  const catalog = bilingualCatalog();
  const seen = new Set<string>();

  // Assembled as the two copies of a bilingual document, so the language clause is in; each deal picks another prevailing language.
  const prevailing = ["zh", "en", "equal"] as const;
  it.each(deals)("%s: drafts in English and Chinese with the same structure and every clause of the layout", (name, deal) => {
    const agreement = { ...deal.agreement, prevailingLanguage: prevailing[deals.findIndex(([n]) => n === name)] ?? "zh" };
    const valid = validateDeal({ ...deal, agreement });
    const en = assemble(catalog, valid, { lang: "en", langs: ["en", "zh"] });
    const zh = assemble(catalog, valid, { lang: "zh", langs: ["en", "zh"] });
    expect(shape(zh.model)).toEqual(shape(en.model));
    // The Art. 496 notice exists only under PRC law; the Delaware variant leaves it out.
    const prcOnly = valid.law.governingLaw === "prc" ? [] : ["limitation-notice"];
    expect(en.details.omitted.filter((o) => !prcOnly.includes(o.id))).toEqual([]);
    for (const c of en.details.clauses) seen.add(`${c.id}/${c.variant}`);
  });

  it("the deals above reach every variant of every clause", () => {
    const all = [...catalog.clauses.values()].flatMap((c) => c.variants.map((v) => `${c.id}/${v.id}`));
    expect(all.filter((v) => !seen.has(v))).toEqual([]);
  });
});

// Keeps the example list honest: the catalogue's examples are among the deals exercised above.
it("has the catalogue's example deals", () => {
  expect(EXAMPLES.map((f) => basename(f, ".yaml"))).toEqual(expect.arrayContaining(["eu-gdpr-icc", "prc-domestic-cietac", "us-crm-enterprise", "us-healthcare-hipaa"]));
});

describe("indemnification", () => {
  const withSides = (provider: boolean, customer: boolean): DealInput => {
    const deal = parse(readFileSync(join(DEALS_DIR, "us-crm-enterprise.yaml"), "utf8")) as DealInput & Record<string, unknown>;
    deal.indemnification = { provider, customer };
    return deal;
  };
  const titlesOf = (model: DocumentModel): string[] | undefined => model.clauses.find((c) => c.id === "indemnification")?.subclauses.map((s) => s.title ?? "");
  it.each([
    [true, true, ["By the Provider", "Mitigation", "By the Customer", "Procedure"]],
    [false, true, ["By the Customer", "Procedure"]],
    [true, false, ["By the Provider", "Mitigation", "Procedure"]],
    [false, false, undefined],
  ])("provider %s, customer %s: the clause has the sides given", async (provider, customer, expected) => {
    const r = await draft(withSides(provider, customer), { formats: ["md"], force: true });
    expect(titlesOf(r.model)).toEqual(expected);
    const zh = await draft(withSides(provider, customer), { formats: ["md"], lang: "zh", force: true });
    expect(titlesOf(zh.model)?.length).toBe(expected?.length);
  });
});
