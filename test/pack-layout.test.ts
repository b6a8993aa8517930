import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { assemble } from "../src/assemble/build.js";
import { builtinPack } from "../src/catalog/builtin.js";
import { createCatalog, type Catalog } from "../src/catalog/catalog.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import type { Pack } from "../src/catalog/types.js";
import { validateDeal } from "../src/deal/parse.js";
import { draft } from "../src/draft.js";
import { ClausewrightError } from "../src/errors/error.js";
import type { Problem } from "../src/errors/problem.js";
import { loadPackDir } from "../src/node/pack-dir.js";
import { ROOT } from "./helpers/cli.js";

/**
 * Nothing is lost between a pack and the layouts: every clause is placed
 * somewhere, a pack inserts clauses with `place:` instead of restating a
 * layout, and every layout places the clauses a document needs.
 */

const manifest = (extra: string, languages = "[en]"): string => `name: t\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: ${languages}\n${extra}`;
const ONE = { "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: One }\nreads: [customer.legalName]\n", "clauses/one/en.hbs": "{{customer.legalName}} agrees.\n" };
const SCHED = {
  "clauses/annex/clause.yaml": "id: annex\ncategory: scope\nplacement: schedule\ntitle: { en: Annex }\nreads: [customer.legalName]\n",
  "clauses/annex/en.hbs": "{{customer.legalName}} annex.\n",
};

function pack(files: Record<string, string>): Pack {
  const parsed = parsePack(files);
  expect(parsed.problems.filter((p) => p.severity === "error")).toEqual([]);
  return parsed.pack!;
}

/** Builds the built-in pack plus `files`; the problems when that fails, else the catalogue. */
function build(files: Record<string, string>): { catalog?: Catalog; problems: readonly Problem[] } {
  try {
    return { catalog: createCatalog([builtinPack("crm"), pack(files)]), problems: [] };
  } catch (e) {
    if (ClausewrightError.is(e)) return { problems: e.problems };
    throw e;
  }
}

const layoutOf = (c: Catalog | undefined, id = "crm-saas"): readonly string[] => c?.agreements.get(id)?.clauses ?? [];
const after = (ids: readonly string[], id: string): string | undefined => ids[ids.indexOf(id) + 1];

describe("PACK_CLAUSE_NOT_PLACED", () => {
  it("a clause no layout places is an error naming the clause and its file", () => {
    expect(build({ "pack.yaml": manifest(""), ...ONE }).problems).toEqual([
      expect.objectContaining({ code: "PACK_CLAUSE_NOT_PLACED", clause: "one", file: "clauses/one/clause.yaml", line: 1, column: 5, message: expect.stringContaining('"one"') }),
    ]);
  });

  it("a layout restated without built-in clauses leaves each of them unplaced", () => {
    const short = "agreements:\n  - id: crm-saas\n    title: { en: Short }\n    clauses: [parties, definitions, scope, fees, language, signatures]\n";
    const codes = build({ "pack.yaml": manifest(short, "[en, zh]") }).problems.filter((p) => p.code === "PACK_CLAUSE_NOT_PLACED");
    expect(codes.map((p) => p.clause)).toContain("sla");
    expect(codes.map((p) => p.clause)).toContain("liability");
    expect(codes.map((p) => p.clause)).not.toContain("scope");
  });

  it("a clause a pack disables need not be placed", () => {
    const { catalog, problems } = build({ "pack.yaml": manifest("disable: [sla]\n") });
    expect(problems).toEqual([]);
    expect(layoutOf(catalog)).not.toContain("sla");
  });
});

describe("place: inserting a clause next to an anchor", () => {
  it("after an anchor, in the named agreement, keeping the rest of the layout", () => {
    const { catalog, problems } = build({ "pack.yaml": manifest("place:\n  - { clause: one, after: confidentiality, agreement: crm-saas }\n"), ...ONE });
    expect(problems).toEqual([]);
    const base = layoutOf(createCatalog([builtinPack("crm")]));
    expect(layoutOf(catalog)).toEqual([...base.slice(0, base.indexOf("confidentiality") + 1), "one", ...base.slice(base.indexOf("confidentiality") + 1)]);
    expect(catalog?.agreements.get("crm-saas")?.parts?.standardTerms).toContain("one");
  });

  it("before an anchor, in every layout that places it when no agreement is named", () => {
    const layouts = "agreements:\n  - id: short\n    title: { en: Short }\n    clauses: [parties, scope, language, signatures]\n";
    const { catalog, problems } = build({ "pack.yaml": manifest(`${layouts}place:\n  - { clause: one, before: scope }\n`), ...ONE });
    expect(problems).toEqual([]);
    expect(layoutOf(catalog, "short")).toEqual(["parties", "one", "scope", "language", "signatures"]);
    expect(after(layoutOf(catalog), "one")).toBe("scope");
  });

  it("a schedule goes into the schedules part", () => {
    const { catalog, problems } = build({ "pack.yaml": manifest("place:\n  - { clause: annex, after: sla }\n"), ...SCHED });
    expect(problems).toEqual([]);
    expect(catalog?.agreements.get("crm-saas")?.parts?.schedules).toEqual(["fees", "sla", "annex", "implementation-plan"]);
  });

  it.each([
    ["an unknown anchor", "place:\n  - clause: one\n    after: confidentialty\n", { code: "PACK_UNKNOWN_ANCHOR", line: 7, column: 12 }],
    [
      "an anchor not in the named agreement",
      "agreements:\n  - id: short\n    title: { en: Short }\n    clauses: [parties, scope, one, signatures]\nplace:\n  - { clause: one, after: sla, agreement: short }\n",
      { code: "PACK_UNKNOWN_ANCHOR", line: 10, column: 27 },
    ],
    ["an unknown agreement", "place:\n  - { clause: one, after: scope, agreement: crm-sas }\n", { code: "PACK_UNKNOWN_AGREEMENT", line: 6, column: 45 }],
    ["an unknown clause", "place:\n  - { clause: onne, after: scope }\n", { code: "PACK_UNKNOWN_CLAUSE", line: 6, column: 15 }],
    ["a clause the layout already places", "place:\n  - { clause: one, after: scope }\n  - { clause: one, before: sla }\n", { code: "PACK_DUPLICATE_PLACEMENT", line: 7, column: 15 }],
    ["a body clause among the schedules", "place:\n  - { clause: one, after: scope }\n  - { clause: annex, after: scope }\n", { code: "PACK_LAYOUT_PLACEMENT", line: 7, column: 29 }],
  ])("refuses %s, at its position in pack.yaml", (_name, extra, expected) => {
    const { problems } = build({ "pack.yaml": manifest(extra), ...ONE, ...SCHED });
    expect(problems).toContainEqual(expect.objectContaining({ ...expected, file: "pack.yaml" }));
  });

  it("needs exactly one of before and after", () => {
    const { problems } = parsePack({ "pack.yaml": manifest("place:\n  - { clause: one, after: scope, before: sla }\n"), ...ONE });
    expect(problems).toContainEqual(expect.objectContaining({ severity: "error", file: "pack.yaml", line: 6, message: expect.stringContaining("exactly one of before: or after:") }));
  });
});

describe("required clauses: a layout must place what the document needs", () => {
  const deal = (prevailing?: string) => {
    const d = parseYaml(readFileSync(join(ROOT, "examples/deals/us-crm-enterprise.yaml"), "utf8")) as { agreement: Record<string, unknown> };
    if (prevailing) d.agreement.prevailingLanguage = prevailing;
    return d;
  };
  const noLanguage = "agreements:\n  - id: short\n    title: { en: Short, zh: 简式 }\n    clauses: [parties, definitions, scope, signatures]\n";

  it("the built-in language clause is required in bilingual layouts", () => {
    expect(createCatalog([builtinPack("crm")]).clauses.get("language")?.required).toBe("bilingual");
  });

  it("a layout of a bilingual pack without the language clause is PACK_LAYOUT_MISSING_CLAUSE, at the layout", () => {
    expect(build({ "pack.yaml": manifest(noLanguage, "[en, zh]") }).problems).toEqual([
      expect.objectContaining({
        code: "PACK_LAYOUT_MISSING_CLAUSE",
        clause: "language",
        file: "pack.yaml",
        line: 8,
        column: 14,
        message: expect.stringContaining('Agreement "short" does not place clause "language"'),
      }),
    ]);
  });

  it("in a layout file, the file is named", () => {
    const file = "id: short\ntitle: { en: Short, zh: 简式 }\nstandardTerms: [parties, scope, signatures]\n";
    expect(build({ "pack.yaml": manifest("", "[en, zh]"), "agreements/short.yaml": file }).problems).toEqual([
      expect.objectContaining({ code: "PACK_LAYOUT_MISSING_CLAUSE", clause: "language", file: "agreements/short.yaml" }),
    ]);
  });

  it("a one-language pack's layout loads and drafts in one language, but a bilingual draft with it fails", async () => {
    const full = createCatalog([builtinPack("crm")])
      .agreements.get("crm-saas")!
      .clauses.filter((c) => c !== "language");
    const { catalog, problems } = build({ "pack.yaml": manifest(`agreements:\n  - id: nolang\n    title: { en: No language }\n    clauses: [${full.join(", ")}]\n`) });
    expect(problems).toEqual([]);
    expect(assemble(catalog!, validateDeal(deal()), { agreement: "nolang" }).model.clauses.map((c) => c.id)).toContain("scope");
    await expect(draft(deal("en") as never, { catalog: catalog!, agreement: "nolang", lang: "en+zh", formats: ["md"], force: true })).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ code: "ASSEMBLE_LAYOUT_MISSING_CLAUSE", clause: "language" })]),
    });
  });

  it("a pack that replaces the language clause cannot drop the requirement", () => {
    const replaced = {
      "clauses/language/clause.yaml": "id: language\ncategory: general\ntitle: { en: Language, zh: 语言 }\nwhen: { path: document.bilingual }\n",
      "clauses/language/en.hbs": "English prevails.\n",
      "clauses/language/zh.hbs": "以英文为准。\n",
    };
    const { problems } = build({ "pack.yaml": manifest(`${noLanguage}place:\n  - { clause: language, before: signatures, agreement: crm-saas }\n`, "[en, zh]"), ...replaced });
    expect(problems.map((p) => p.code)).toContain("PACK_LAYOUT_MISSING_CLAUSE");
  });
});

describe("the example healthcare pack", () => {
  it("adds only hipaa-schedule, right after hipaa-baa, and keeps the built-in layout", async () => {
    const hc = await loadPackDir(join(ROOT, "examples/packs/healthcare"));
    expect(hc.agreements).toEqual([]);
    const catalog = createCatalog([builtinPack("crm"), hc]);
    const base = createCatalog([builtinPack("crm")]).agreements.get("crm-saas")!;
    const layout = catalog.agreements.get("crm-saas")!;
    expect(layout.clauses.filter((c) => c !== "hipaa-schedule")).toEqual(base.clauses);
    expect(after(layout.clauses, "hipaa-baa")).toBe("hipaa-schedule");
    expect(layout.parts?.schedules).toEqual(base.parts?.schedules);
    expect(layout.clauses).toContain("language");
  });

  it("a bilingual draft with the healthcare pack contains the Language clause", async () => {
    const hc = await loadPackDir(join(ROOT, "examples/packs/healthcare"));
    const d = parseYaml(readFileSync(join(ROOT, "examples/pack-deals/us-healthcare-pack.yaml"), "utf8")) as { agreement: Record<string, unknown> };
    d.agreement.prevailingLanguage = "en";
    const r = await draft(d as never, { packs: [hc], lang: "en+zh", formats: ["md"], force: true });
    expect(r.assembly.clauses.map((c) => c.id)).toContain("language");
    expect(r.markdown).toContain("Language");
    expect(r.markdown).toContain("合同文字");
    expect(r.markdown).toContain("the English text prevails");
    expect(r.assembly.clauses.map((c) => c.id)).toContain("hipaa-schedule");
  });
});
