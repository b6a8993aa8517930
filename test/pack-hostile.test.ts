import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtinPack } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { PACK_LIMITS } from "../src/catalog/pack-limits.js";
import type { Pack } from "../src/catalog/types.js";
import { parseDeal } from "../src/deal/parse.js";
import { draft } from "../src/draft.js";
import { ClausewrightError } from "../src/errors/error.js";
import { checkPackDir } from "../src/node/pack-check.js";
import { readPackFiles, readPackFilesWith } from "../src/node/pack-dir.js";
import { ROOT, runCli } from "./helpers/cli.js";
import { tempDir } from "./helpers/tools.js";
import { packOf } from "./helpers/check.js";
import { problemsOf, problemsOfAsync } from "./helpers/problems.js";

const tmp = tempDir("cw-hostile-");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const MANIFEST = "name: hostile\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: [en]\n";

/** Writes a pack folder from a file map and returns its path. */
function writePack(files: Record<string, string>): string {
  const dir = join(tmp, `p${n++}`);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

const cietac = readFileSync(join(ROOT, "examples/deals/prc-domestic-cietac.yaml"), "utf8");
/** The CIETAC example with payment stages that add up to 90 %: `draft` refuses it (CHECK_P1). */
const ninetyPercent = (() => {
  const deal = structuredClone(parseDeal(cietac)) as { fees: { stages: { percent: string }[] } };
  const first = deal.fees.stages[0];
  if (first) first.percent = "20";
  return deal as unknown as ReturnType<typeof parseDeal>;
})();

/** rules.yaml replacing P1 with a rule whose condition never holds: switching the check off. */
const P1_NEVER = "- id: P1\n  severity: info\n  message: never\n  hint: never\n  path: fees.stages\n  when: { path: fees.currency, equals: NEVER }\n";

describe("a pack cannot silently replace built-in rules or clauses", () => {
  it("without the pack, payment stages adding up to 90 % are refused (the safety rule works)", async () => {
    expect((await problemsOfAsync(() => draft(ninetyPercent, { formats: ["md"] }))).map((p) => p.code)).toContain("CHECK_P1");
  });

  it("a rule with a built-in id is an error unless declared under overrides:", () => {
    const problems = problemsOf(() => createCatalog([builtinPack("crm"), packOf({ "pack.yaml": MANIFEST, "rules.yaml": P1_NEVER })]));
    expect(problems.map((p) => [p.code, p.file])).toEqual([["PACK_UNDECLARED_OVERRIDE", "rules.yaml"]]);
    expect(problems[0]?.message).toBe('Pack "hostile" defines rule "P1", which replaces pack "crm"\'s rule, without declaring it');
  });

  it("a declared replacement of a safety rule is still refused unless the caller allows it, and then recorded", async () => {
    const pack = packOf({ "pack.yaml": `${MANIFEST}overrides: [P1]\n`, "rules.yaml": P1_NEVER });
    const refused = problemsOf(() => createCatalog([builtinPack("crm"), pack]));
    expect(refused.map((p) => p.code)).toEqual(["PACK_SAFETY_RULE_OVERRIDE"]);
    expect(refused[0]?.hint).toContain("--allow-rule-override P1");
    // The draft refuses the pack the same way.
    expect((await problemsOfAsync(() => draft(ninetyPercent, { formats: ["md"], packs: [pack] }))).map((p) => p.code)).toEqual(["PACK_SAFETY_RULE_OVERRIDE"]);
    // Allowed by the person drafting: it drafts, says so, and the record keeps it.
    const result = await draft(ninetyPercent, { formats: ["md"], packs: [pack], allowRuleOverride: ["P1"] });
    expect(result.warnings.filter((w) => w.code === "PACK_OVERRIDE").map((w) => w.message)).toEqual([
      'Pack "hostile" replaces safety rule "P1" of pack "crm" (declared under overrides:, allowed by --allow-rule-override P1)',
    ]);
    expect(result.record.overrides).toEqual([{ pack: "hostile", kind: "rule", id: "P1", replaces: "crm", allowed: true }]);
  });

  it("every rule of the forum, payment, liability and data-protection groups is a safety rule; others may be replaced when declared", () => {
    const catalog = createCatalog([builtinPack("crm")]);
    const safety = catalog.rules.filter((r) => r.safety).map((r) => r.id);
    expect(safety).toEqual(expect.arrayContaining(["R1", "R1-either", "R1-prc-court", "P1", "P1-milestone", "L1", "L8", "D1", "D1-dpa"]));
    expect(catalog.rules.filter((r) => r.safety).every((r) => ["disputes", "payment", "liability", "data-protection"].includes(r.group))).toBe(true);
    // T1 (term) is not a safety rule: a declared replacement stands, with a warning.
    const t1 = "- id: T1\n  severity: warning\n  message: m\n  hint: h\n  path: term\n  when: { path: term.initialTermMonths, greaterThan: 600 }\n";
    const replaced = createCatalog([builtinPack("crm"), packOf({ "pack.yaml": `${MANIFEST}overrides: [T1]\n`, "rules.yaml": t1 })]);
    expect(replaced.overrides).toEqual([{ pack: "hostile", kind: "rule", id: "T1", replaces: "crm" }]);
    expect(replaced.warnings.map((w) => w.code)).toEqual(["PACK_OVERRIDE"]);
  });

  const disputes = {
    "clauses/disputes/clause.yaml": "id: disputes\ncategory: disputes\ntitle: { en: Disputes }\n",
    "clauses/disputes/en.hbs": "Any dispute shall be decided by the Supplier alone.\n",
  };

  it("a clause folder with a built-in id is an error unless declared, naming the file and line", () => {
    const problems = problemsOf(() => createCatalog([builtinPack("crm"), packOf({ "pack.yaml": MANIFEST, ...disputes })]));
    expect(problems.map((p) => [p.code, p.file, p.line, p.clause])).toEqual([["PACK_UNDECLARED_OVERRIDE", "clauses/disputes/clause.yaml", 1, "disputes"]]);
  });

  it("a declared clause replacement drafts with a warning and is in the assembly record", async () => {
    const pack = packOf({ "pack.yaml": `${MANIFEST}overrides: [disputes]\n`, ...disputes });
    const result = await draft(parseDeal(readFileSync(join(ROOT, "examples/deals/us-newyork-saas.yaml"), "utf8")), { formats: ["md"], packs: [pack] });
    expect(result.markdown).toContain("decided by the Supplier alone");
    expect(result.warnings.filter((w) => w.code === "PACK_OVERRIDE").map((w) => w.message)).toEqual(['Pack "hostile" replaces clause "disputes" of pack "crm" (declared under overrides:)']);
    expect(result.record.overrides).toEqual([{ pack: "hostile", kind: "clause", id: "disputes", replaces: "crm" }]);
  });

  it("a rewrite under overrides/<id>/ must be declared too; a declaration that replaces nothing is a warning", () => {
    // The built-in wording with one change, so that only the declaration is at issue.
    const original = readFileSync(join(ROOT, "clauses/crm/clauses/governing-law/en.hbs"), "utf8");
    const files = { "overrides/governing-law/en.hbs": original.replace("is governed by the laws", "is governed solely by the laws") };
    expect(problemsOf(() => createCatalog([builtinPack("crm"), packOf({ "pack.yaml": MANIFEST, ...files })])).map((p) => p.code)).toEqual(["PACK_UNDECLARED_OVERRIDE"]);
    const catalog = createCatalog([builtinPack("crm"), packOf({ "pack.yaml": `${MANIFEST}overrides: [governing-law, no-such-thing]\n`, ...files })]);
    expect(catalog.warnings.map((w) => [w.code, w.line])).toEqual([
      ["PACK_OVERRIDE", undefined],
      ["PACK_OVERRIDE_UNUSED", 5],
    ]);
  });

  it("the CLI: pack check lists the override, draft refuses an undeclared one and prints a declared one", async () => {
    const declared = writePack({ "pack.yaml": `${MANIFEST}overrides: [disputes]\n`, ...disputes });
    const undeclared = writePack({ "pack.yaml": MANIFEST, ...disputes });
    const check = await runCli(["pack", "check", declared, "--json"]);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout).problems.map((p: { id: string }) => p.id)).toEqual(["PACK_OVERRIDE"]);
    const out = join(tmp, "out-cli");
    const refused = await runCli(["draft", join(ROOT, "examples/deals/us-newyork-saas.yaml"), "--out", out, "--format", "md", "--pack", undeclared]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("PACK_UNDECLARED_OVERRIDE");
    const drafted = await runCli(["draft", join(ROOT, "examples/deals/us-newyork-saas.yaml"), "--out", out, "--format", "md", "--pack", declared]);
    expect(drafted.code).toBe(0);
    expect(drafted.stderr).toMatch(/PACK_OVERRIDE .*Pack "hostile" replaces clause "disputes" of pack "crm"/);
  });
});

describe("a pack reads only its own files", () => {
  const clause = { "pack.yaml": MANIFEST, "clauses/x/clause.yaml": "id: x\ncategory: scope\ntitle: { en: X }\n" };
  const SECRET = "TOP-SECRET-CONTENTS-1234";
  const secretFile = join(tmp, "secret.txt");
  writeFileSync(secretFile, `${SECRET}\n{{#if}}\n`);

  it("a hard link to a file outside the pack is refused by path, and nothing of the file reaches a message", async () => {
    const dir = writePack(clause);
    linkSync(secretFile, join(dir, "clauses/x/en.hbs"));
    const problems = await problemsOfAsync(() => readPackFiles(dir));
    expect(problems.map((p) => [p.code, p.file])).toEqual([["PACK_HARD_LINK", "clauses/x/en.hbs"]]);
    const checked = await checkPackDir(dir);
    expect(checked.problems.map((p) => [p.code, p.file])).toEqual([["PACK_HARD_LINK", join(dir, "clauses/x/en.hbs")]]);
    expect(JSON.stringify(checked.problems)).not.toContain(SECRET);
  });

  it("a file swapped for a symbolic link after the folder was listed is refused (opened without following links)", async () => {
    const dir = writePack({ ...clause, "clauses/x/en.hbs": "Fine.\n" });
    const target = join(dir, "clauses/x/en.hbs");
    const problems = await problemsOfAsync(() =>
      readPackFilesWith(dir, {
        beforeOpen: (path) => {
          if (path !== target) return;
          rmSync(path);
          symlinkSync(secretFile, path);
        },
      }),
    );
    expect(problems.map((p) => [p.code, p.file])).toEqual([["PACK_SYMLINK", "clauses/x/en.hbs"]]);
    expect(JSON.stringify(problems)).not.toContain(SECRET);
  });

  it("a folder swapped for a link to a folder outside is refused: the opened file's real path is checked", async () => {
    const outside = join(tmp, `outside${n++}`);
    mkdirSync(outside);
    writeFileSync(join(outside, "en.hbs"), SECRET);
    const dir = writePack({ ...clause, "clauses/x/en.hbs": "Fine.\n" });
    const folder = join(dir, "clauses/x");
    const problems = await problemsOfAsync(() =>
      readPackFilesWith(dir, {
        beforeOpen: (path) => {
          if (path !== join(folder, "en.hbs")) return;
          renameSync(folder, `${folder}.moved`);
          symlinkSync(outside, folder);
        },
      }),
    );
    expect(problems.map((p) => [p.code, p.file])).toEqual([["PACK_PATH_ESCAPE", "clauses/x/en.hbs"]]);
  });

  it("a race that swaps a file for a link while the pack loads never gets the linked file read", async () => {
    const dir = writePack({ ...clause, "clauses/x/en.hbs": "Fine.\n" });
    const target = join(dir, "clauses/x/en.hbs");
    // A separate process swaps the template for a symlink and back as fast as it can.
    const swapper = spawn(
      process.execPath,
      [
        "-e",
        `const fs=require("fs");const t=${JSON.stringify(target)},s=${JSON.stringify(secretFile)};for(;;){try{fs.rmSync(t,{force:true});fs.symlinkSync(s,t);fs.rmSync(t,{force:true});fs.writeFileSync(t,"Fine.\\n");}catch{}}`,
      ],
      { stdio: "ignore" },
    );
    const seen = new Set<string>();
    try {
      for (let i = 0; i < 150; i++) {
        try {
          const files = await readPackFiles(dir);
          seen.add(files["clauses/x/en.hbs"] === undefined ? "absent" : files["clauses/x/en.hbs"].includes(SECRET) ? "SECRET" : "own");
        } catch (err) {
          if (!ClausewrightError.is(err)) throw err;
          expect(JSON.stringify(err.problems)).not.toContain(SECRET);
          seen.add(err.problems[0]?.code ?? "");
        }
      }
    } finally {
      swapper.kill("SIGKILL");
    }
    expect(seen.has("SECRET")).toBe(false);
  });

  it("a template that is not UTF-8 is refused with the byte offset and line", async () => {
    const dir = writePack(clause);
    writeFileSync(join(dir, "clauses/x/en.hbs"), Buffer.from("Line one.\nM\xfcller Stra\xdfe GmbH\n", "latin1"));
    const problems = await problemsOfAsync(() => readPackFiles(dir));
    expect(problems.map((p) => [p.code, p.file, p.line, p.message])).toEqual([["PACK_NOT_UTF8", "clauses/x/en.hbs", 2, "clauses/x/en.hbs is not UTF-8: byte 11 (line 2) is not valid UTF-8"]]);
  });

  it("a file over the size limit and a FIFO are refused without being read (and without waiting for a writer)", async () => {
    const dir = writePack(clause);
    writeFileSync(join(dir, "clauses/x/en.hbs"), "x".repeat(PACK_LIMITS.fileBytes + 1));
    execFileSync("mkfifo", [join(dir, "clauses/x/zz.hbs")]);
    const problems = await problemsOfAsync(() => readPackFiles(dir));
    expect(problems.map((p) => [p.code, p.file])).toEqual([
      ["PACK_FILE_TOO_LARGE", "clauses/x/en.hbs"],
      ["PACK_NOT_A_FILE", "clauses/x/zz.hbs"],
    ]);
  });
});

describe("a helper called with the wrong arguments is refused when the pack loads", () => {
  it.each([
    ["{{count}}", "{{count}} takes 1 argument(s), not 0"],
    ["{{period 3}}", "{{period}} takes 2 argument(s), not 1"],
    ["{{count 3 4}}", "{{count}} takes 1 argument(s), not 2"],
    ["{{institution}}", "{{institution}} takes 1 argument(s), not 0"],
    ["{{upper x=1}}", "{{upper}} takes no named arguments (name=value)"],
    ["{{money}}", "{{money}} takes 1 or 2 argument(s), not 0"],
    ["{{#if}}x{{/if}}", "{{if}} takes 1 argument(s), not 0"],
    ["{{#each}}x{{/each}}", "{{each}} takes 1 argument(s), not 0"],
    ["{{#if (and)}}x{{/if}}", "{{and}} takes at least 1 argument(s), not 0"],
  ])("%s", (template, message) => {
    const files = {
      "pack.yaml": `${MANIFEST}place:\n  - { clause: args, after: liability }\n`,
      "clauses/args/clause.yaml": "id: args\ncategory: liability\ntitle: { en: Args }\n",
      "clauses/args/en.hbs": `Text ${template}.\n`,
    };
    const problems = problemsOf(() => createCatalog([builtinPack("crm"), packOf(files)]));
    expect(problems.map((p) => [p.code, p.file, p.line, p.message])).toEqual([["TEMPLATE_BAD_ARGUMENT", "clauses/args/en.hbs", 1, message]]);
  });
});

describe("a pack cannot exhaust time or memory", () => {
  const deal = parseDeal(readFileSync(join(ROOT, "examples/deals/us-newyork-saas.yaml"), "utf8"));
  /** A pack with one clause placed after Liability, whose English template is `template`. */
  const loopPack = (template: string): Pack =>
    packOf({
      "pack.yaml": `${MANIFEST}place:\n  - { clause: loops, after: liability }\n`,
      "clauses/loops/clause.yaml": "id: loops\ncategory: liability\ntitle: { en: Loops }\nreads: [fees.lines, customer.legalName]\n",
      "clauses/loops/en.hbs": template,
    });

  it("fourteen nested loops are refused when the pack loads, at the line of the fifth", () => {
    const template = `${"{{#each @root.fees.lines}}\n".repeat(14)}x${"{{/each}}".repeat(14)}\n`;
    const problems = problemsOf(() => createCatalog([builtinPack("crm"), loopPack(template)]));
    expect(problems.map((p) => [p.code, p.file, p.line])).toEqual([["TEMPLATE_TOO_COMPLEX", "clauses/loops/en.hbs", 5]]);
    expect(problems[0]?.message).toBe("{{#each}} blocks are nested 5 deep; at most 4 may nest (each level multiplies the work by a list's length)");
  });

  it("more than 2,000 references in one template are refused when the pack loads, 30,000 in a pack too (50,000 are over the file size limit)", () => {
    const problems = problemsOf(() => createCatalog([builtinPack("crm"), loopPack("{{customer.legalName}}\n".repeat(2_100))]));
    expect(problems.map((p) => [p.code, p.line])).toEqual([["TEMPLATE_TOO_COMPLEX", 2_001]]);
    const spread: Record<string, string> = { "pack.yaml": MANIFEST };
    for (let i = 0; i < 16; i++) spread[`clauses/c${i}/en.hbs`] = "{{customer.legalName}}\n".repeat(1_900);
    expect(problemsOf(() => packOf(spread)).map((p) => [p.code, p.message])).toEqual([
      ["PACK_TOO_LARGE", "The pack's templates have 30400 {{…}} tags; a pack may have at most 30000 (the built-in pack has about 3,600)"],
    ]);
    expect(problemsOf(() => loopPack("{{customer.legalName}} ".repeat(50_000))).map((p) => p.code)).toEqual(["PACK_FILE_TOO_LARGE", "PACK_TOO_LARGE"]);
  });

  it("four nested loops over 40 fee lines (2.5 M iterations) stop at the budget with a TEMPLATE_ error", async () => {
    const many = structuredClone(deal) as unknown as { fees: { lines: unknown[] } };
    const line = many.fees.lines[0];
    many.fees.lines = Array.from({ length: 40 }, () => line);
    const template = `${"{{#each @root.fees.lines}}".repeat(4)}{{@root.customer.legalName}}${"{{/each}}".repeat(4)}\n`;
    const started = performance.now();
    const problems = await problemsOfAsync(() => draft(many as unknown as typeof deal, { formats: ["md"], packs: [loopPack(template)], force: true }));
    const seconds = (performance.now() - started) / 1000;
    expect(problems.map((p) => [p.code, p.clause])).toEqual([["TEMPLATE_BUDGET_EXCEEDED", "loops"]]);
    expect(problems[0]?.message).toMatch(/^The templates of this document ask for more than [\d,]+ (helper calls and loop iterations|characters of text) \(stopped in clause "loops"\)/);
    // Not a speed test: a hang detector (it took 2 min 8 s before the budget).
    expect(seconds).toBeLessThan(60);
  });

  it("a value repeated inside loops stops at the output budget", async () => {
    const long = structuredClone(deal) as unknown as { customer: { legalName: string }; fees: { lines: unknown[] } };
    long.customer.legalName = "A".repeat(300);
    const line = long.fees.lines[0];
    long.fees.lines = Array.from({ length: 40 }, () => line);
    const template = `${"{{#each @root.fees.lines}}".repeat(3)}{{@root.customer.legalName}}${"{{/each}}".repeat(3)}\n`;
    const problems = await problemsOfAsync(() => draft(long as unknown as typeof deal, { formats: ["md"], packs: [loopPack(template)], force: true }));
    expect(problems.map((p) => p.code)).toEqual(["TEMPLATE_BUDGET_EXCEEDED"]);
    expect(problems[0]?.message).toContain("characters of text");
  });

  it("20,000 terms, 1,001 rules and an alias bomb are refused as the pack loads", () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `- { term: { en: Term ${i} }, definition: { en: Defined ${i}. } }`).join("\n");
    expect(problemsOf(() => packOf({ "pack.yaml": MANIFEST, "terms.yaml": terms })).map((p) => p.code)).toEqual(["PACK_FILE_TOO_LARGE"]);
    const fewer = Array.from({ length: 1_200 }, (_, i) => `- { term: { en: T${i} }, definition: { en: D. } }`).join("\n");
    expect(problemsOf(() => packOf({ "pack.yaml": MANIFEST, "terms.yaml": fewer })).map((p) => p.code)).toEqual(["PACK_TOO_LARGE"]);
    const rules = Array.from({ length: 1_001 }, (_, i) => `- { id: X${i}, severity: info, message: m, hint: h, path: a, when: { path: a, exists: true } }`).join("\n");
    expect(problemsOf(() => packOf({ "pack.yaml": MANIFEST, "rules.yaml": rules })).map((p) => p.code)).toEqual(["PACK_TOO_LARGE"]);
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 9; i++) {
      const [p, q] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
      bomb.push(`${q}: &${q} [${Array(9).fill(`*${p}`).join(", ")}]`);
    }
    for (const file of ["rules.yaml", "terms.yaml", "clauses/x/clause.yaml"]) {
      const problems = problemsOf(() => packOf({ "pack.yaml": MANIFEST, [file]: bomb.join("\n") }));
      expect(problems.map((p) => [p.code, p.file])).toContainEqual(["PACK_YAML_LIMIT", file]);
    }
  });

  it("a key given twice in pack YAML is refused at the repeat, in linear time (24,000 keys)", () => {
    const problems = problemsOf(() => packOf({ "pack.yaml": `${MANIFEST}name: again\n` }));
    expect(problems.map((p) => [p.code, p.file, p.line, p.message])).toEqual([["PACK_YAML_SYNTAX", "pack.yaml", 5, "YAML syntax error: name is given twice"]]);
    const many = Array.from({ length: 24_000 }, (_, i) => `k${i}: 1`).join("\n");
    const rules = problemsOf(() => packOf({ "pack.yaml": MANIFEST, "rules.yaml": `${many}\nk7: 2\n` }));
    expect(rules.map((p) => [p.code, p.line])).toEqual([["PACK_YAML_SYNTAX", 24_001]]);
  });

  it("YAML nested 100,000 deep is refused before the parser sees it (it would exhaust the stack or memory)", () => {
    const deep = `a: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    for (const file of ["pack.yaml", "rules.yaml"]) {
      const problems = problemsOf(() => packOf({ "pack.yaml": MANIFEST, [file]: deep }));
      expect(problems.map((p) => [p.code, p.file])).toContainEqual(["PACK_YAML_LIMIT", file]);
    }
  });
});
