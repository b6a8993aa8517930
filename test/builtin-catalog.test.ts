// The built-in pack is parsed at build time and its catalogue skips the pack checks at run time
// (src/catalog/builtin.ts): these tests are what make that safe.
import { describe, expect, it } from "vitest";
import { BUILTIN_PACK_FILES } from "../src/catalog/builtin/packs.generated.js";
import { builtinPack, defaultCatalog } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import { draft } from "../src/draft.js";
import { readDealFile } from "../src/node/deal-file.js";

describe("the built-in pack", () => {
  it("is the pack its files parse to at run time", () => {
    const { pack, problems } = parsePack(BUILTIN_PACK_FILES["crm"] ?? {});
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(builtinPack("crm")).toEqual(pack);
  });

  it("passes every pack check, with no warnings", () => {
    const checked = createCatalog([builtinPack("crm")]);
    expect(checked.warnings).toEqual([]);
  });

  it("gives the same catalogue and the same agreement checked or verified", async () => {
    const checked = createCatalog([builtinPack("crm")]);
    const verified = defaultCatalog();
    expect([...verified.clauses.keys()]).toEqual([...checked.clauses.keys()]);
    expect([...verified.agreements.keys()]).toEqual([...checked.agreements.keys()]);
    expect(verified.rules.map((r) => r.id)).toEqual(checked.rules.map((r) => r.id));
    for (const [id, c] of checked.clauses) {
      const v = verified.clauses.get(id);
      expect(v?.variants.map((x) => x.id)).toEqual(c.variants.map((x) => x.id));
      expect([...(v?.compiled.keys() ?? [])]).toEqual([...c.compiled.keys()]);
      expect(v?.terms.map((t) => t.term)).toEqual(c.terms.map((t) => t.term));
    }
    const deal = await readDealFile("examples/deals/bilingual-crm.yaml");
    for (const lang of ["en", "zh", "en+zh"] as const) {
      const a = await draft(deal, { catalog: checked, lang, formats: ["md"] });
      const b = await draft(deal, { catalog: verified, lang, formats: ["md"] });
      expect(b.markdown).toBe(a.markdown);
      expect(b.record).toEqual(a.record);
    }
  });
});

describe("the built-in templates compiled at build time", () => {
  it("render exactly what compiling them at run time renders, in every language and governing law", async () => {
    const { clearPrecompiled, registerPrecompiled } = await import("../src/template/precompiled.js");
    const { PRECOMPILED } = await import("../src/catalog/builtin/templates.generated.js");
    const { TemplateEnvironment } = await import("../src/template/env.js");
    expect(PRECOMPILED.length).toBeGreaterThan(150);
    // The analysis stored with each template is what the engine finds at run time.
    clearPrecompiled();
    const env = new TemplateEnvironment();
    for (const [source, pre] of PRECOMPILED) {
      const fresh = env.compile(source, "t.hbs", "t").template;
      expect({ reads: fresh?.reads, comparisons: fresh?.comparisons, refs: fresh?.refs }).toEqual({ reads: pre.reads, comparisons: pre.comparisons, refs: pre.refs });
    }
    // Whole agreements, with catalogues built without and with the precompiled templates.
    const deals = await Promise.all(["us-crm-enterprise", "england-saas", "bilingual-crm"].map((d) => readDealFile(`examples/deals/${d}.yaml`)));
    const compiledNow = createCatalog([builtinPack("crm")]);
    clearPrecompiled();
    const fresh = createCatalog([JSON.parse(JSON.stringify(builtinPack("crm")))]);
    registerPrecompiled(PRECOMPILED);
    for (const deal of deals) {
      for (const lang of ["en", "zh"] as const) {
        const a = await draft(deal, { catalog: fresh, lang, formats: ["md"] });
        const b = await draft(deal, { catalog: compiledNow, lang, formats: ["md"] });
        expect(b.markdown).toBe(a.markdown);
      }
    }
  });
});
