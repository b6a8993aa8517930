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
