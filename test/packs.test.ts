import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../src/assemble/build.js";
import { builtinPack } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { definePack } from "../src/catalog/define.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import { dealJsonSchema } from "../src/deal/json-schema.js";
import { parseDeal, validateDeal } from "../src/deal/parse.js";
import { draft } from "../src/draft.js";
import { ClausewrightError } from "../src/errors/error.js";
import type { Problem } from "../src/errors/problem.js";
import { checkPackDir } from "../src/node/pack-check.js";
import { loadPackDir, readPackFiles } from "../src/node/pack-dir.js";
import { TemplateEnvironment } from "../src/template/env.js";
import { ROOT, runCli } from "./helpers/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "cw-packs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const BASE: Record<string, string> = {
  "pack.yaml": "name: t\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: [en]\nagreements:\n  - id: a\n    title: { en: A }\n    clauses: [parties, one, signatures]\n",
  "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: One }\nreads: [customer.legalName]\n",
  "clauses/one/en.hbs": "Hello {{customer.legalName}}.\n",
};

/** Writes a pack folder: the base pack with some files changed (undefined removes one). */
function writePack(change: Record<string, string | undefined>): string {
  const dir = join(tmp, `p${n++}`);
  const files: Record<string, string | undefined> = { ...BASE, ...change };
  for (const [f, text] of Object.entries(files)) {
    if (text === undefined) continue;
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

async function check(change: Record<string, string | undefined>): Promise<{ dir: string; problems: readonly Problem[] }> {
  const dir = writePack(change);
  return { dir, problems: (await checkPackDir(dir)).problems };
}

describe("pack check: one broken pack per class of problem, with code and file:line:column", () => {
  it("a clean pack has no problems", async () => {
    expect((await check({})).problems).toEqual([]);
  });

  it.each([
    [
      "duplicate id",
      { "clauses/two/clause.yaml": "id: one\ncategory: scope\ntitle: { en: Two }\n", "clauses/two/en.hbs": "Two.\n" },
      { code: "PACK_DUPLICATE_ID", file: "clauses/two/clause.yaml", line: 1, column: 5 },
    ],
    ["template syntax error", { "clauses/one/en.hbs": "ok {{customer.legalName}}\n{{#if customer}}never closed" }, { code: "TEMPLATE_SYNTAX", file: "clauses/one/en.hbs", line: 2 }],
    [
      "template grammar error, with the column of the token",
      { "clauses/one/en.hbs": "ok {{customer.legalName}}\nA {{#if customer.legalName}x{{/if}}" },
      { code: "TEMPLATE_SYNTAX", file: "clauses/one/en.hbs", line: 2, column: 27 },
    ],
    [
      "mismatched block, at its opening",
      { "clauses/one/en.hbs": "ok {{customer.legalName}}\n  {{#if customer.legalName}}x{{/each}}" },
      { code: "TEMPLATE_SYNTAX", file: "clauses/one/en.hbs", line: 2, column: 6 },
    ],
    ["unknown helper", { "clauses/one/en.hbs": "Hi {{customer.legalName}}\n  {{shout customer.legalName}}" }, { code: "TEMPLATE_UNKNOWN_HELPER", file: "clauses/one/en.hbs", line: 2, column: 3 }],
    ["undeclared variable", { "clauses/one/en.hbs": "{{customer.legalName}}\nand {{provider.legalName}}" }, { code: "PACK_UNDECLARED_VARIABLE", file: "clauses/one/en.hbs", line: 2, column: 7 }],
    [
      "declared but unused variable",
      { "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: One }\nreads:\n  - customer.legalName\n  - provider.legalName\n" },
      { code: "PACK_UNUSED_VARIABLE", severity: "warning", file: "clauses/one/clause.yaml", line: 6, column: 5 },
    ],
    [
      "missing language",
      { "pack.yaml": BASE["pack.yaml"]!.replace("[en]", "[en, zh]"), "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: One, zh: 一 }\nreads: [customer.legalName]\n" },
      { code: "PACK_MISSING_LANGUAGE", file: "clauses/one/clause.yaml", line: 1, column: 5 },
    ],
    [
      "unknown category",
      { "clauses/one/clause.yaml": "id: one\ncategory: nonsense\ntitle: { en: One }\nreads: [customer.legalName]\n" },
      { code: "PACK_UNKNOWN_CATEGORY", file: "clauses/one/clause.yaml", line: 2, column: 11 },
    ],
    ["incompatible library version", { "pack.yaml": BASE["pack.yaml"]!.replace(">=0.1.0", ">=9.0.0") }, { code: "PACK_INCOMPATIBLE_ENGINE", file: "pack.yaml", line: 3, column: 9 }],
    ["reference to an unknown clause", { "clauses/one/en.hbs": '{{customer.legalName}}, see {{ref "nowhere"}}.' }, { code: "PACK_UNKNOWN_REFERENCE", file: "clauses/one/en.hbs", line: 1, column: 29 }],
    [
      "requires an unknown clause",
      { "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: One }\nreads: [customer.legalName]\nrequires: [scope, nowhere]\n" },
      { code: "PACK_UNKNOWN_CLAUSE", file: "clauses/one/clause.yaml", line: 5, column: 19 },
    ],
    [
      "agreement lists an unknown clause",
      { "pack.yaml": BASE["pack.yaml"]!.replace("[parties, one, signatures]", "[parties, one, nowhere]") },
      { code: "PACK_UNKNOWN_CLAUSE", file: "pack.yaml", line: 8, column: 29 },
    ],
    ["term used but undefined", { "clauses/one/en.hbs": "{{customer.legalName}} and the\n[[Widget]]." }, { code: "PACK_UNDEFINED_TERM", file: "clauses/one/en.hbs", line: 2, column: 1 }],
    ["YAML syntax error", { "clauses/one/clause.yaml": "id: one\ncategory: [scope\n" }, { code: "PACK_YAML_SYNTAX", file: "clauses/one/clause.yaml", line: 3 }],
    [
      "unknown metadata field",
      { "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: One }\nreads: [customer.legalName]\ncolour: red\n" },
      { code: "PACK_UNKNOWN_FIELD", file: "clauses/one/clause.yaml", line: 5 },
    ],
    [
      "override that no longer prints a deal value",
      {
        "pack.yaml": `${BASE["pack.yaml"]}overrides: [liability]\n`,
        "overrides/liability/multiple-of-fees.en.hbs": "## Liability Cap {#cap}\n\nUp to the Fees.\n\n## Exceptions {#exceptions}\n\nNone.\n",
        "overrides/liability/multiple-of-fees.zh.hbs": "## 责任上限 {#cap}\n\n以服务费为限。\n\n## 除外情形 {#exceptions}\n\n无。\n",
      },
      { code: "PACK_OVERRIDE_DROPS_VALUE", severity: "warning", file: "overrides/liability/multiple-of-fees.en.hbs" },
    ],
    ["disable an unknown clause", { "pack.yaml": `${BASE["pack.yaml"]}disable:\n  - sla\n  - nowhere\n` }, { code: "PACK_DISABLE_UNKNOWN_CLAUSE", file: "pack.yaml", line: 11, column: 5 }],
    ["override of an unknown variant", { "overrides/liability/fixd.en.hbs": "x" }, { code: "PACK_OVERRIDE_UNKNOWN_VARIANT", file: "overrides/liability/fixd.en.hbs" }],
    [
      "reads a pack field nobody declares",
      {
        "fields.yaml": "level:\n  type: number\n",
        "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: One }\nreads: [customer.legalName, extensions.t.levl]\n",
        "clauses/one/en.hbs": "{{customer.legalName}} {{extensions.t.levl}}",
      },
      { code: "PACK_UNKNOWN_PATH", file: "clauses/one/clause.yaml", line: 4, column: 29 },
    ],
    ["a field default of the wrong type", { "fields.yaml": "level:\n  type: number\n  default: high\n" }, { code: "PACK_BAD_DEFAULT", file: "fields.yaml", line: 3, column: 12 }],
  ])("%s", async (_name, change, expected) => {
    const { dir, problems } = await check(change);
    const { file, ...rest } = expected as { file: string };
    expect(problems).toContainEqual(expect.objectContaining({ ...rest, file: `${dir}/${file}` }));
  });

  it("prints file:line:column CODE message and exits 1 on errors, 0 on clauses/crm and the example pack, 2 on usage", async () => {
    const dir = writePack({ "clauses/one/clause.yaml": "id: one\ncategory: nonsense\ntitle: { en: One }\nreads: [customer.legalName]\n" });
    const bad = await runCli(["pack", "check", dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${dir}/clauses/one/clause.yaml:2:11 PACK_UNKNOWN_CATEGORY Clause "one" has unknown category "nonsense"`);
    expect((await runCli(["pack", "check", "clauses/crm"])).code).toBe(0);
    const example = await runCli(["pack", "check", "examples/packs/healthcare"]);
    expect(example.stdout).toBe(
      'examples/packs/healthcare/pack.yaml PACK_OVERRIDE (warning) Pack "healthcare" replaces clause "liability" of pack "crm" (declared under overrides:)\nok: examples/packs/healthcare (1 warning(s))\n',
    );
    expect(example.code).toBe(0);
    expect((await runCli(["pack", "check", join(tmp, "does-not-exist")])).code).toBe(2);
    expect((await runCli(["pack", "check"])).code).toBe(2);
  });
});

describe("pack safety", () => {
  it("refuses a symbolic link to a file outside the pack", async () => {
    const dir = writePack({});
    writeFileSync(join(tmp, "secret.hbs"), "secret");
    symlinkSync(join(tmp, "secret.hbs"), join(dir, "clauses/one/zh.hbs"));
    await expect(readPackFiles(dir)).rejects.toMatchObject({ problems: [expect.objectContaining({ code: "PACK_SYMLINK", file: "clauses/one/zh.hbs" })] });
    const r = await runCli(["pack", "check", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("PACK_SYMLINK clauses/one/zh.hbs is a symbolic link");
  });

  it("refuses a linked folder", async () => {
    const dir = writePack({});
    mkdirSync(join(tmp, "outside"), { recursive: true });
    symlinkSync(join(tmp, "outside"), join(dir, "clauses/linked"));
    await expect(readPackFiles(dir)).rejects.toMatchObject({ problems: [expect.objectContaining({ code: "PACK_SYMLINK", file: "clauses/linked" })] });
  });

  it("refuses ../ and absolute paths in a pack given as files", () => {
    const { problems } = parsePack({ ...BASE, "clauses/../../etc/clause.yaml": "id: x", "/etc/passwd.hbs": "x", "clauses/one/./en.hbs": "x" });
    expect(
      problems
        .filter((p) => p.code === "PACK_PATH_ESCAPE")
        .map((p) => p.file)
        .sort(),
    ).toEqual(["/etc/passwd.hbs", "clauses/../../etc/clause.yaml", "clauses/one/./en.hbs"]);
  });

  it("keeps prototype access off: a template cannot reach constructor or __proto__", () => {
    // Such a path is refused when the pack loads (it is in no schema); past that, Handlebars' prototype access stays off.
    const files = {
      ...BASE,
      "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: One }\nreads: [customer]\n",
      "clauses/one/en.hbs": "X{{customer.legalName.constructor.name}}Y {{customer.__proto__}}",
    };
    expect(() => createCatalog([builtinPack("crm"), parsePack(files).pack!])).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ code: "PACK_UNKNOWN_PATH", file: "clauses/one/en.hbs", line: 1, column: 4 }),
          expect.objectContaining({ code: "PACK_UNKNOWN_PATH", file: "clauses/one/en.hbs", line: 1, column: 45 }),
        ],
      }),
    );
    const lenient = { ...files, "clauses/one/en.hbs": "X{{customer.legalName}}Y" };
    const catalog = createCatalog([builtinPack("crm"), parsePack(lenient).pack!]);
    const one = catalog.clauses.get("one")!;
    // The runtime guard, on a template compiled past the load-time check.
    const compiled = new Map([["default", new Map([["en" as const, new TemplateEnvironment().compile("X{{customer.legalName.constructor.name}}Y", "clauses/one/en.hbs", "one").template!]])]]);
    (catalog.clauses as Map<string, typeof one>).set("one", { ...one, compiled });
    const deal = parseDeal(readFileSync(join(ROOT, "examples/deals/us-crm-enterprise.yaml"), "utf8"));
    let err: unknown;
    try {
      assemble(catalog, deal, { agreement: "a" });
    } catch (e) {
      err = e;
    }
    expect(ClausewrightError.is(err) && err.problems.map((p) => p.code)).toContain("TEMPLATE_MISSING_VALUE");
  });

  it("YAML tags cannot run code: a !!js/function tag stays inert data", () => {
    const { problems } = parsePack({
      ...BASE,
      "clauses/one/clause.yaml": "id: one\ncategory: scope\ntitle: { en: !!js/function 'function(){ globalThis.pwned = 1 }' }\nreads: [customer.legalName]\n",
    });
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });
});

const healthcareDeal = readFileSync(join(ROOT, "examples/pack-deals/us-healthcare-pack.yaml"), "utf8");

describe("the example healthcare pack", async () => {
  const pack = await loadPackDir("examples/packs/healthcare");
  const catalog = createCatalog([builtinPack("crm"), pack]);
  const deal = parseDeal(healthcareDeal, { file: "us-healthcare-pack.yaml", catalog });

  it("replaces the built-in liability wording in the drafted agreement (en)", async () => {
    const r = await draft(deal, { catalog, formats: ["md"] });
    const md = r.markdown ?? "";
    expect(md).toContain("### 22.2 Overall Cap");
    expect(md).not.toContain("Liability Cap");
    expect(md.replace(/\*\*/g, "")).toContain("the most either Party must pay for all claims");
    expect(md).toContain("## 16. HIPAA Business Associate Schedule");
    expect(md).toContain("do not limit a Party's liability for breach of [Section 16 (HIPAA Business Associate Schedule)](#cw-hipaa-schedule)");
    // The pack's wording follows the deal's uncapped claims (the schema's defaults here), as the built-in wording does.
    expect(md).toContain("- (a) indemnities under this Agreement;\n- (b) breach of [Section 17 (Confidentiality)](#cw-confidentiality)");
    expect(md).toContain("death or personal injury caused by negligence;\n- (f) any liability the law does not allow to be limited.");
    expect(md).toContain("within 30 calendar days after discovering it");
    // The pack's term joins the generated Definitions.
    expect(md).toMatch(/\*\*"Protected Health Information"\*\* has the meaning given to it in 45 C\.F\.R\. 160\.103/);
    expect(r.assembly.clauses.find((c) => c.id === "liability")).toMatchObject({ pack: "healthcare", variant: "multiple-of-fees" });
  });

  it("words its exclusion of indirect loss for the governing law, as the built-in clause does", async () => {
    const plain = (md: string | undefined): string => (md ?? "").replace(/\*\*/g, "");
    const us = plain((await draft(deal, { catalog, formats: ["md"] })).markdown);
    expect(us).toContain("neither Party is liable for indirect, incidental, special, consequential or punitive loss");
    const england = { ...deal, law: { ...deal.law, governingLaw: "england-wales" as const, forum: { type: "courts" as const, courts: "the courts of England and Wales" } } };
    const en = plain((await draft(england, { catalog, formats: ["md"] })).markdown);
    expect(en).toContain(
      "neither Party is liable to the other, in contract, tort (including negligence) or otherwise, for indirect or consequential loss, or for loss of profits, revenue or goodwill (in each case whether direct or indirect).",
    );
    expect(en).not.toContain("punitive");
    const zh = plain((await draft(england, { catalog, formats: ["md"], lang: "zh" })).markdown);
    expect(zh).toContain("任何一方均不就间接损失或者后果性损失，或者利润、收入或者商誉损失（无论直接或者间接）向另一方承担责任");
    expect(zh).not.toContain("惩罚性损失");
  });

  // Runs once the built-in pack has Chinese text (branch zh); until then no zh agreement can be drafted.
  it("replaces the built-in liability wording in the drafted agreement (zh)", async () => {
    const r = await draft(deal, { catalog, formats: ["md"], lang: "zh" });
    expect(r.markdown).toContain("总责任上限");
    expect(r.markdown).toContain("不超过引起索赔的首个事件发生前");
    expect(r.markdown).toContain("HIPAA业务伙伴附件");
    expect(r.markdown).not.toContain("总赔偿责任");
  });

  it("validates the pack's Chinese templates even while the built-in pack is English-only", () => {
    const zh = catalog.clauses.get("liability")?.compiled.get("multiple-of-fees")?.get("zh");
    expect(zh?.file).toBe("examples/packs/healthcare/overrides/liability/multiple-of-fees.zh.hbs");
    expect(catalog.clauses.get("hipaa-schedule")?.compiled.get("default")?.has("zh")).toBe(true);
  });

  it("validates pack fields with their full path and line", () => {
    const bad = healthcareDeal.replace("breachNoticeDays: 30", "breachNoticeDays: 90");
    expect(() => parseDeal(bad, { file: "d.yaml", catalog })).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ code: "DEAL_TOO_BIG", path: ["extensions", "healthcare", "breachNoticeDays"], file: "d.yaml", line: 113, column: 23 })] }),
    );
    const missing = healthcareDeal.replace(/ {4}coveredEntity: .*\n/, "");
    expect(() => parseDeal(missing, { catalog })).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ code: "DEAL_MISSING_FIELD", path: ["extensions", "healthcare", "coveredEntity"] })] }),
    );
    // Defaults apply; the built-in schema (no catalogue) refuses the extension.
    const d = validateDeal({ ...deal, extensions: { healthcare: { coveredEntity: "X Plan" } } }, catalog) as unknown as {
      extensions: { healthcare: { breachNoticeDays: number; offshoreAccess: boolean } };
    };
    expect(d.extensions.healthcare).toEqual({ coveredEntity: "X Plan", breachNoticeDays: 60, offshoreAccess: false });
    expect(() => parseDeal(healthcareDeal)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: "DEAL_UNKNOWN_FIELD", path: ["extensions"] })] }));
  });

  it("puts the pack's fields in the JSON Schema", async () => {
    const schema = dealJsonSchema(catalog) as {
      properties: { extensions: { properties: { healthcare: { properties: Record<string, { type?: string; maximum?: number; description?: string }>; required?: string[] } } } };
    };
    const hc = schema.properties.extensions.properties.healthcare;
    expect(hc.properties["breachNoticeDays"]).toMatchObject({ type: "integer", maximum: 60, description: expect.stringContaining("at most 60") });
    expect(hc.required).toEqual(["coveredEntity"]);
    const cli = await runCli(["schema", "--pack", "examples/packs/healthcare"]);
    expect(JSON.parse(cli.stdout).properties.extensions.properties.healthcare.required).toEqual(["coveredEntity"]);
    expect(JSON.parse((await runCli(["schema"])).stdout).properties.extensions).toBeUndefined();
  });

  it("drafts with `clausewright draft --pack`", async () => {
    const out = join(tmp, "draft-out");
    const r = await runCli(["draft", "examples/pack-deals/us-healthcare-pack.yaml", "--pack", "examples/packs/healthcare", "--out", out, "-f", "md"]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, "us-healthcare-pack.md"), "utf8")).toContain("## 16. HIPAA Business Associate Schedule");
  });
});

describe("disabling a clause", () => {
  const base = builtinPack("crm");
  const deal = parseDeal(readFileSync(join(ROOT, "examples/deals/us-crm-enterprise.yaml"), "utf8"));

  it("removes it and renumbers everything after it; references follow", async () => {
    const before = await draft(deal, { formats: ["md"] });
    const catalog = createCatalog([base, parsePack({ "pack.yaml": "name: nomod\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: [en]\ndisable: [modules]\n" }).pack!]);
    const after = await draft(deal, { catalog, formats: ["md"] });
    const number = (r: typeof before, id: string) => r.model.clauses.find((c) => c.id === id)?.number;
    const was = Number(number(before, "confidentiality"));
    expect(Number(number(before, "modules"))).toBeLessThan(was);
    expect(number(after, "modules")).toBeUndefined();
    expect(number(after, "confidentiality")).toBe(String(was - 1));
    expect(after.model.clauses.map((c) => c.number)).toEqual(after.model.clauses.map((_, i) => String(i + 1)));
    expect(before.markdown).toContain(`[Section ${was} (Confidentiality)](#cw-confidentiality)`);
    expect(after.markdown).toContain(`[Section ${was - 1} (Confidentiality)](#cw-confidentiality)`);
    expect(after.markdown).not.toContain(`[Section ${was} (Confidentiality)]`);
  });

  it("a reference to a disabled clause is a warning in the catalogue and ASSEMBLE_REF_TO_OMITTED in a draft", async () => {
    const pack = parsePack({ "pack.yaml": "name: noconf\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: [en]\ndisable: [confidentiality]\n" }).pack!;
    const catalog = createCatalog([base, pack]);
    expect(catalog.warnings).toContainEqual(expect.objectContaining({ code: "PACK_REF_TO_DISABLED", clause: "liability", file: "clauses/liability/multiple-of-fees.en.hbs" }));
    await expect(draft(deal, { catalog, formats: ["md"] })).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ code: "ASSEMBLE_REF_TO_OMITTED", clause: "liability" })]),
    });
  });
});

describe("numbering profiles and TypeScript packs", () => {
  const deal = parseDeal(readFileSync(join(ROOT, "examples/deals/us-crm-enterprise.yaml"), "utf8"));

  it("a declarative numbering profile labels clauses, sub-clauses and references", async () => {
    const pack = definePack({
      name: "house",
      version: "1.0.0",
      engine: ">=0.1.0",
      languages: ["en"],
      numbering: [{ id: "articles", clause: "Article {n}", subclause: "{n}-{s}", list: ["[{a}]", "[{i}]"], clauseRef: "Article {n} ({title})", subclauseRef: "Article {n}-{s}", bullet: "-" }],
      overrides: { liability: { variants: {} } },
    });
    const catalog = createCatalog([builtinPack("crm"), pack]);
    const r = await draft(deal, { catalog, formats: ["md"], numbering: "articles" });
    expect(r.model.clauses[0]?.label).toBe("Article 1");
    const n = (id: string) => r.model.clauses.find((c) => c.id === id)?.number;
    expect(r.markdown).toContain(`[Article ${n("confidentiality")} (Confidentiality)](#cw-confidentiality)`);
    expect(r.markdown).toContain(`### ${n("liability")}-2 Liability Cap`);
    expect(r.markdown).toContain(`[Article ${n("termination")}-4](#cw-termination-effects)`);
  });

  it("definePack data loads into the same catalogue, with fields under extensions.<name>", async () => {
    const pack = definePack({
      name: "audit",
      version: "1.0.0",
      engine: ">=0.1.0",
      languages: ["en"],
      fields: { days: { type: "number", integer: true, required: true } },
      clauses: [
        {
          id: "audit-rights",
          category: "compliance",
          title: { en: "Audit" },
          reads: ["extensions.audit.days"],
          requires: ["confidentiality"],
          templates: { en: "The [[Customer]] may audit on {{extensions.audit.days}} days' notice." },
        },
      ],
      place: [{ clause: "audit-rights", after: "confidentiality" }],
    });
    const catalog = createCatalog([builtinPack("crm"), pack]);
    const r = await draft({ ...deal, extensions: { audit: { days: 10 } } } as never, { catalog, formats: ["md"] });
    const n = r.model.clauses.find((c) => c.id === "audit-rights")?.number;
    expect(Number(n)).toBe(Number(r.model.clauses.find((c) => c.id === "confidentiality")?.number) + 1);
    expect(r.markdown).toContain(`## ${n}. Audit\n\nThe Customer may audit on 10 days' notice.`);
    await expect(draft(deal, { catalog, formats: ["md"] })).rejects.toMatchObject({ problems: [expect.objectContaining({ code: "DEAL_MISSING_FIELD", path: ["extensions"] })] });
  });

  it("definePack checks clause ids and deal fields at compile time (tsc on test/types/define-pack.ts)", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "test/types/tsconfig.json"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("pack test", () => {
  it("passes on the example pack, fails with a unified diff when the wording changes, and --update rewrites", async () => {
    expect((await runCli(["pack", "test", "examples/packs/healthcare"])).code).toBe(0);
    const dir = join(tmp, "hc-copy");
    cpSync(join(ROOT, "examples/packs/healthcare"), dir, { recursive: true });
    const hbs = join(dir, "overrides/liability/multiple-of-fees.en.hbs");
    writeFileSync(hbs, readFileSync(hbs, "utf8").replace("the most either [[Party]] must pay", "the most each [[Party]] must pay"));
    const r = await runCli(["pack", "test", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`mismatch ${dir}/snapshots/en.md`);
    expect(r.stdout).toContain("-**Except as set out in Section 21.3 (Exceptions), the most either Party must pay");
    expect(r.stdout).toContain("+**Except as set out in Section 21.3 (Exceptions), the most each Party must pay");
    expect((await runCli(["pack", "test", dir, "--update"])).code).toBe(0);
    expect(readFileSync(join(dir, "snapshots/en.md"), "utf8")).toContain("the most each Party must pay");
    expect((await runCli(["pack", "test", dir])).code).toBe(0);
  });
});
