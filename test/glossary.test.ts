import { describe, expect, it } from "vitest";
import { builtinPack } from "../src/catalog/builtin.js";
import { BUILTIN_PACK_FILES } from "../src/catalog/builtin/packs.generated.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { glossaryProblems } from "../src/catalog/glossary.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import type { Pack } from "../src/catalog/types.js";
import type { Problem } from "../src/errors/problem.js";

/** `code file:line:column severity` — the shape the expectations below are written in. */
const where = (p: Problem): string => `${p.code} ${p.file}:${p.line}:${p.column} ${p.severity}`;
const glossaryOnly = (ps: readonly Problem[]): string[] => ps.filter((p) => p.code.startsWith("PACK_GLOSSARY")).map(where);

/** A small pack layered over the built-in one, with its own glossary. */
function extraPack(files: Record<string, string>): Pack {
  const parsed = parsePack({
    "pack.yaml": 'name: extra-pack\nversion: 1.0.0\nengine: ">=0.1.0"\nlanguages: [en, zh]\nplace:\n  - { clause: extra, after: confidentiality }\n',
    "clauses/extra/clause.yaml": "id: extra\ncategory: general\ntitle: { en: Extra, zh: 附加条款 }\n",
    "clauses/extra/en.hbs": "Extra text.\n",
    "clauses/extra/zh.hbs": "附加条款正文。\n",
    ...files,
  });
  expect(parsed.problems).toEqual([]);
  if (!parsed.pack) throw new Error("pack did not parse");
  return parsed.pack;
}

describe("glossary.yaml", () => {
  it("is bundled with the built-in pack, and covers every term the pack defines", () => {
    expect(BUILTIN_PACK_FILES["crm"]?.["glossary.yaml"]).toContain("Order Form:");
    const crm = builtinPack("crm");
    const english = new Set((crm.glossary ?? []).map((e) => e.en));
    const defined = crm.clauses.flatMap((c) => c.defines.map((d) => d.term.en ?? ""));
    expect(defined.length).toBeGreaterThan(30);
    expect(defined.filter((t) => !english.has(t))).toEqual([]);
  });

  it("the built-in pack has no glossary problems", () => {
    expect(glossaryProblems([builtinPack("crm")]).map(where)).toEqual([]);
    expect(glossaryOnly(createCatalog([builtinPack("crm")]).warnings)).toEqual([]);
  });

  it("is validated like the other pack files: codes with file:line:column", () => {
    const parsed = parsePack({
      "pack.yaml": 'name: bad\nversion: 1.0.0\nengine: ">=0.1.0"\nlanguages: [en, zh]\n',
      "glossary.yaml": "Order Form: order form\nSchedule: { zh: 附件, avoid: 附表 }\nAnnex: { zh: 附件, see: x }\n",
    });
    expect(parsed.problems.map((p) => `${p.code} ${p.file}:${p.line}:${p.column}`)).toEqual([
      "PACK_INVALID_FORMAT glossary.yaml:1:13",
      "PACK_INVALID_VALUE glossary.yaml:2:11",
      "PACK_UNKNOWN_FIELD glossary.yaml:3:23",
    ]);
  });
});

describe("glossary checks at load", () => {
  it("a layered pack: its defined terms and Chinese text against the merged glossary, as warnings", () => {
    const pack = extraPack({
      "glossary.yaml": "Extra Service: { zh: 附加服务, avoid: [额外服务] }\nExtra Service Fee: 额外服务费\n",
      "clauses/extra/clause.yaml": [
        "id: extra",
        "category: general",
        "title: { en: Extra, zh: 额外服务 }",
        "defines:",
        "  - { term: { en: Customer Data, zh: 用户数据 }, inline: true }",
        "  - { term: { en: Widget, zh: 小部件 }, inline: true }",
        "",
      ].join("\n"),
      "clauses/extra/en.hbs": "Extra text for the Customer Data and the Widget.\n",
      // 本协议 is avoided by the built-in glossary; 额外服务费 is an entry of its own, not the variant 额外服务;
      // a comment inside {{ }} is not text.
      "clauses/extra/zh.hbs": "附加条款正文。\n依本协议，乙方提供额外服务。\n额外服务费另计。{{!-- 额外服务 --}}\n",
    });
    const catalog = createCatalog([builtinPack("crm"), pack]);
    expect(glossaryOnly(catalog.warnings)).toEqual([
      "PACK_GLOSSARY_TERM_MISMATCH clauses/extra/clause.yaml:5:38 warning",
      "PACK_GLOSSARY_MISSING_TERM clauses/extra/clause.yaml:6:31 warning",
      "PACK_GLOSSARY_AVOIDED_VARIANT clauses/extra/clause.yaml:3:25 warning",
      "PACK_GLOSSARY_AVOIDED_VARIANT clauses/extra/zh.hbs:2:2 warning",
      "PACK_GLOSSARY_AVOIDED_VARIANT clauses/extra/zh.hbs:2:10 warning",
    ]);
    const mismatch = catalog.warnings.find((w) => w.code === "PACK_GLOSSARY_TERM_MISMATCH");
    expect(mismatch?.message).toBe('Defined term "Customer Data" is "用户数据" in Chinese here; the glossary says "客户数据"');
    expect(mismatch?.clause).toBe("extra");
    expect(catalog.warnings.find((w) => w.file === "clauses/extra/zh.hbs" && w.line === 2 && w.column === 2)?.message).toBe(
      '"本协议" in a Chinese template: the glossary\'s term for "Agreement" is "本合同"',
    );
  });

  it("a pack without a glossary is checked against the inherited entries, but not asked for missing ones", () => {
    const pack = extraPack({
      "clauses/extra/clause.yaml": "id: extra\ncategory: general\ntitle: { en: Extra, zh: 附加条款 }\ndefines:\n  - { term: { en: Widget, zh: 小部件 }, inline: true }\n",
      "clauses/extra/en.hbs": "Extra text for the Widget.\n",
      "terms.yaml": "- term: { en: Service, zh: 服务 }\n  definition: { en: means the service., zh: 指服务。 }\n",
    });
    expect(glossaryOnly(createCatalog([builtinPack("crm"), pack]).warnings)).toEqual(["PACK_GLOSSARY_TERM_MISMATCH terms.yaml:1:28 warning"]);
  });

  it("a pack may override a built-in entry, always with a warning; an avoided variant may not be a preferred term", () => {
    const pack = extraPack({ "glossary.yaml": "Order Form: 订单\nAnnex: { zh: 附录, avoid: [甲方] }\n" });
    expect(glossaryOnly(createCatalog([builtinPack("crm"), pack]).warnings)).toEqual(["PACK_GLOSSARY_OVERRIDE glossary.yaml:1:13 warning", "PACK_GLOSSARY_CONFLICT glossary.yaml:2:8 warning"]);
  });

  it("is an error in the built-in pack (named crm)", () => {
    const crm = builtinPack("crm");
    const renamed: Pack = {
      ...crm,
      clauses: crm.clauses.map((c) => (c.id !== "definitions" ? c : { ...c, defines: c.defines.map((d) => (d.term.en === "Customer Data" ? { ...d, term: { ...d.term, zh: "用户数据" } } : d)) })),
    };
    const found = glossaryProblems([renamed]);
    expect(found.map((p) => `${p.code} ${p.file} ${p.severity}`)).toEqual(["PACK_GLOSSARY_TERM_MISMATCH clauses/definitions/clause.yaml error"]);
    const line = (BUILTIN_PACK_FILES["crm"]?.["clauses/definitions/clause.yaml"] ?? "").split("\n").findIndex((l) => l.includes("客户数据")) + 1;
    expect(found[0]?.line).toBe(line);
  });
});
