import { describe, expect, it } from "vitest";
import { createCatalog } from "../src/catalog/catalog.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import type { PackFiles } from "../src/catalog/types.js";
import { ClausewrightError } from "../src/errors/error.js";
import type { Problem } from "../src/errors/problem.js";
import { readPackFiles } from "../src/node/pack-dir.js";
import { builtinPack } from "../src/catalog/builtin.js";

const base: PackFiles = await readPackFiles(new URL("./fixtures/packs/parity", import.meta.url).pathname);

/** Every error of loading the pack with some files replaced (undefined text: file removed). */
function errors(changes: Record<string, string | undefined>): Problem[] {
  const files: Record<string, string> = { ...base };
  for (const [f, text] of Object.entries(changes)) {
    if (text === undefined) delete files[f];
    else files[f] = text;
  }
  const parsed = parsePack(files);
  const found = parsed.problems.filter((p) => p.severity === "error");
  if (found.length > 0 || !parsed.pack) return found;
  try {
    createCatalog([parsed.pack]);
    return [];
  } catch (err) {
    if (ClausewrightError.is(err)) return [...err.problems];
    throw err;
  }
}

/** The fixture's file with one text replaced. */
function edit(file: string, from: string, to: string): Record<string, string> {
  const text = base[file];
  if (text === undefined || !text.includes(from)) throw new Error(`fixture ${file} has no "${from}"`);
  return { [file]: text.replace(from, to) };
}

const ZH = "clauses/fees/plain.zh.hbs";

describe("language structure of a pack (PACK_LANGUAGE_STRUCTURE)", () => {
  it("accepts the fixture, whose languages match", () => {
    expect(errors({})).toEqual([]);
  });

  it("accepts the built-in CRM pack in English and Chinese", () => {
    const pack = builtinPack("crm");
    expect(pack.languages).toEqual(["en", "zh"]);
    expect(() => createCatalog([pack])).not.toThrow();
    for (const c of pack.clauses) for (const v of c.variants) expect(Object.keys(v.templates).sort(), `${c.id}/${v.id}`).toEqual(["en", "zh"]);
  });

  it.each([
    ["a missing list item", edit(ZH, "- 第一项;\n", ""), 20, /zh has nothing more where en has a lettered list item \(depth 0\) in \{#taxes\} \(clauses\/fees\/plain.en.hbs line 21\)/],
    ["an extra paragraph", edit(ZH, "[[服务费]]不含税。\n", "[[服务费]]不含税。\n\n另起一段。\n"), 19, /inside \{\{#if fees.taxesIncluded\}\}: zh has a paragraph where en has nothing more/],
    ["a sub-clause id", edit(ZH, "## 税费 {#taxes}", "## 税费 {#tax}"), 12, /zh has the sub-clause heading \{#tax\} where en has the sub-clause heading \{#taxes\}/],
    [
      "sub-clauses in another order",
      { [ZH]: (base[ZH] ?? "").replace("## 金额 {#amounts}", "## 税费 {#taxes}").replace("## 税费 {#taxes}\n\n{{#if", "## 金额 {#amounts}\n\n{{#if") },
      1,
      /zh has the sub-clause heading \{#taxes\} where en has the sub-clause heading \{#amounts\}/,
    ],
    ["a missing table row", edit(ZH, "| ! 合计 | {{money computed.fees.firstYear}} |\n", ""), 11, /zh has the sub-clause heading \{#taxes\} where en has a total row/],
    [
      "another block condition",
      edit(ZH, "{{#if fees.taxesIncluded}}", "{{#if (not fees.taxesIncluded)}}"),
      15,
      /zh has block\(s\) \[if \(not fees.taxesIncluded\)\] where en has \[if fees.taxesIncluded\]/,
    ],
    ["a reference to another target", edit(ZH, '见{{ref "fees.amounts"}}', '见{{ref "terms"}}'), 15, /zh refers to \[terms\] where en refers to \[fees.amounts\]/],
    ["a missing reference", edit(ZH, '见{{ref "fees.amounts"}}', ""), 15, /inside \{\{#if fees.taxesIncluded\}\}: zh refers to \[\] where en refers to \[fees.amounts\]/],
    ["a missing defined term", edit(ZH, "[[甲方]]向[[乙方]]支付", "[[甲方]]向对方支付"), 1, /zh does not use the term of \[\[Provider\]\] \(clauses\/fees\/plain.en.hbs line 3\)/],
    ["an extra defined term", edit(ZH, "[[服务费]]不含税。", "[[服务费]]不含税,由[[对方]]承担。"), 17, /zh uses the term \[\[对方\]\], which the en text does not use/],
  ])("reports %s with the clause, file and line", (_name, change, line, message) => {
    // An undefined term is also PACK_UNDEFINED_TERM; here only the structure problem matters.
    const found = errors(change).filter((p) => p.code === "PACK_LANGUAGE_STRUCTURE");
    expect(found).toHaveLength(1);
    const [p] = found;
    expect(p).toMatchObject({ code: "PACK_LANGUAGE_STRUCTURE", severity: "error", clause: "fees", file: ZH, line });
    expect(p?.message).toMatch(/^Clause "fees" variant "plain": the zh text differs in structure from the en text: /);
    expect(p?.message).toMatch(message);
  });

  it("compares term definitions too, naming the clause.yaml", () => {
    const found = errors(edit("clauses/terms/clause.yaml", `zh: '是指[[甲方]]应当支付的{{ref "fees.amounts"}}所列款项。'`, "zh: '是指[[乙方]]收取的款项。'"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: "PACK_LANGUAGE_STRUCTURE", clause: "terms", file: "clauses/terms/clause.yaml", line: 9 });
    expect(found[0]?.message).toMatch(/definition of "Fees".*zh refers to \[\] where en refers to \[fees.amounts\]/);
  });

  it("reports a variant, a term form or a definition missing a declared language (PACK_MISSING_LANGUAGE)", () => {
    const variant = errors({ [ZH]: undefined });
    expect(variant).toEqual([
      expect.objectContaining({
        code: "PACK_MISSING_LANGUAGE",
        clause: "fees",
        file: "clauses/fees/clause.yaml",
        message: 'Clause "fees" variant "plain" has no zh template (expected clauses/fees/plain.zh.hbs)',
      }),
    ]);
    const term = errors(edit("clauses/parties/clause.yaml", "{ en: Provider, zh: 乙方 }", "{ en: Provider }"));
    expect(term).toEqual([expect.objectContaining({ code: "PACK_MISSING_LANGUAGE", clause: "parties", path: ["defines", 1, "term", "zh"] })]);
    const definition = errors(edit("clauses/terms/clause.yaml", `      zh: '是指[[甲方]]应当支付的{{ref "fees.amounts"}}所列款项。'\n`, ""));
    expect(definition).toEqual([expect.objectContaining({ code: "PACK_MISSING_LANGUAGE", clause: "terms", path: ["defines", 0, "definition", "zh"] })]);
  });
});
