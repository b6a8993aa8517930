import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinPack } from "../src/catalog/builtin.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { checkDeal } from "../src/check/check-deal.js";
import { draft, type DraftOptions } from "../src/draft.js";
import { ClausewrightError } from "../src/errors/error.js";
import { loadPackDir } from "../src/node/pack-dir.js";
import { readDealFile } from "../src/node/deal-file.js";
import { optionProblems } from "../src/options.js";
import { prepare } from "../src/prepare.js";
import { runCli } from "./helpers/cli.js";

const ROOT = new URL("../", import.meta.url).pathname;
const DEALS = join(ROOT, "examples/deals");
/** The languages examples/draft-all.mjs drafts each example in. */
const LANGUAGES: Readonly<Record<string, DraftOptions>> = {
  "cn-crm-standard": { lang: "zh" },
  "prc-domestic-cietac": { lang: "zh" },
  "bilingual-crm": { lang: "en+zh", layout: "parallel" },
  "shanghai-singapore-shiac": { lang: "en+zh", layout: "interleaved" },
};
const examples = readdirSync(DEALS)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

describe("one pipeline: check judges the document draft writes", () => {
  it("a bilingual check sees the Language clause in both copies, as draft has it", async () => {
    const deal = await readDealFile(join(DEALS, "bilingual-crm.yaml"));
    const prepared = prepare(deal, { lang: "en+zh", layout: "parallel" });
    // Chinese prevails in this deal, so by default the Chinese copy comes first, and the check sees that order too.
    expect(prepared.documents.map((d) => d.lang)).toEqual(["zh", "en"]);
    for (const doc of prepared.documents) expect(doc.clauses.map((c) => c.id)).toContain("language");
    const drafted = await draft(deal, { lang: "en+zh", formats: ["md"], force: true });
    expect(drafted.assembly.clauses.map((c) => c.id)).toContain("language");
    // An explicit primary language wins over the prevailing one.
    expect(prepare(deal, { lang: "en+zh", primary: "en" }).documents.map((d) => d.lang)).toEqual(["en", "zh"]);
  });

  it.each(examples)("%s: checkDeal and draft report the same check problems", async (file) => {
    const name = basename(file, ".yaml");
    const deal = await readDealFile(join(DEALS, file));
    const options = LANGUAGES[name] ?? {};
    const checked = checkDeal(deal, options);
    const drafted = await draft(deal, { ...options, formats: ["md"], force: true });
    const fromDraft = drafted.warnings.filter((w) => w.code.startsWith("CHECK_")).map((w) => `${w.severity} ${w.code} ${w.path?.join(".") ?? ""} ${w.message}`);
    const fromCheck = checked.problems.map((p) => `${p.severity} ${p.code} ${p.path.join(".")} ${p.message.en}`);
    expect(fromDraft).toEqual(fromCheck);
  });

  it("the pack example too", async () => {
    const pack = await loadPackDir(join(ROOT, "examples/packs/healthcare"));
    const catalog = createCatalog([builtinPack("crm"), pack]);
    const deal = await readDealFile(join(ROOT, "examples/pack-deals/us-healthcare-pack.yaml"), catalog);
    const checked = checkDeal(deal, { catalog });
    const drafted = await draft(deal, { catalog, formats: ["md"], force: true });
    expect(drafted.warnings.filter((w) => w.code.startsWith("CHECK_")).map((w) => w.code)).toEqual(checked.problems.map((p) => p.code));
  });
});

describe("options: one schema, every problem at once", () => {
  it("reports every option problem with its path and code before any work", async () => {
    const bad = { formats: ["pdf", "doc"], lang: "fr", layout: "columns", primary: "de", dateStyle: "iso", force: "yes", colour: 1 } as unknown as DraftOptions;
    const err = await draft({} as never, bad).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ClausewrightError.is(err)).toBe(true);
    const problems = (err as ClausewrightError).problems.map((p) => `${p.code} ${p.path?.join(".") ?? ""}`);
    // The deal ({}) is never looked at: options come first.
    expect(problems).toEqual(
      expect.arrayContaining([
        "OPTION_UNKNOWN_FORMAT formats.1",
        "OPTION_UNKNOWN_LANG lang",
        "OPTION_UNKNOWN_LAYOUT layout",
        "OPTION_UNKNOWN_PRIMARY primary",
        "OPTION_UNKNOWN_DATE_STYLE dateStyle",
        "OPTION_INVALID force",
        "OPTION_UNKNOWN colour",
        "OPTION_NOT_BILINGUAL layout",
        "OPTION_FONTS_REQUIRED fonts",
      ]),
    );
    expect(problems.some((p) => p.startsWith("DEAL_"))).toBe(false);
  });

  it("checkDeal validates the same options, and accepts draft's formats and fonts", () => {
    expect(optionProblems({ lang: "en", layout: "parallel" }, "check").map((p) => p.code)).toEqual(["OPTION_NOT_BILINGUAL"]);
    expect(optionProblems({ formats: ["pdf"] }, "check")).toEqual([]);
    expect(optionProblems({ formats: ["pdf"] }, "draft").map((p) => p.code)).toEqual(["OPTION_FONTS_REQUIRED"]);
    expect(optionProblems({ document: false, formats: ["md"] }, "draft").map((p) => p.code)).toEqual(["OPTION_NOT_FOR_DRAFT"]);
  });

  it("an unknown agreement or numbering profile is an option problem", async () => {
    const deal = await readDealFile(join(DEALS, "us-crm-enterprise.yaml"));
    let err: unknown;
    try {
      checkDeal(deal, { agreement: "nope", numbering: "roman" });
    } catch (e) {
      err = e;
    }
    expect((err as ClausewrightError).problems.map((p) => p.code)).toEqual(["OPTION_UNKNOWN_AGREEMENT", "OPTION_UNKNOWN_NUMBERING"]);
  });

  it("CLI check takes draft's document flags", async () => {
    const r = await runCli(["check", "examples/deals/bilingual-crm.yaml", "--lang", "en+zh", "--layout", "interleaved", "--primary", "zh", "--numbering", "zh-gbt9704", "--json"]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toHaveProperty("problems");
    const bad = await runCli(["check", "examples/deals/us-crm-enterprise.yaml", "--layout", "sequential"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("OPTION_NOT_BILINGUAL");
  });
});
