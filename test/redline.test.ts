import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { Clause, DocumentModel, Run } from "../src/model/types.js";
import { diffRuns } from "../src/redline/runs-diff.js";
import { redline, type RedlineResult } from "../src/redline/redline.js";
import { formatDeviationReport } from "../src/redline/report-text.js";
import { tokenize } from "../src/redline/tokens.js";
import { HeadingNumbering } from "../src/render/docx/heading-numbering.js";
import { runCli } from "./helpers/cli.js";
import { problemsOfAsync } from "./helpers/problems.js";
import { exampleDeal, fieldChanges, redlinePairs, type DealData } from "./helpers/redline-pairs.js";

/** Every changed run under a part of the model, as "insert:text" / "delete:text", in order. */
function changes(o: unknown, out: string[] = []): string[] {
  if (Array.isArray(o)) for (const x of o) changes(x, out);
  else if (o !== null && typeof o === "object") {
    const r = o as Run;
    if ((r.type === "text" || r.type === "ref") && typeof r.text === "string") {
      if (r.change) out.push(`${r.change}:${r.text}`);
    } else for (const v of Object.values(o)) changes(v, out);
  }
  return out;
}

const clause = (m: DocumentModel, id: string): Clause => {
  const c = [...m.clauses, ...m.schedules].find((x) => x.id === id);
  if (!c) throw new Error(`no clause ${id}`);
  return c;
};

const text = (t: string): Run => ({ type: "text", text: t });

describe("word diff", () => {
  it("compares Latin text by word, numbers whole, Chinese by character, references whole", () => {
    expect(tokenize([text("fees of GBP 1,250.00 in 9.2")]).map((t) => t.text)).toEqual(["fees", " ", "of", " ", "GBP", " ", "1,250.00", " ", "in", " ", "9.2"]);
    expect(tokenize([text("12个月内甲方")]).map((t) => t.text)).toEqual(["12", "个", "月", "内", "甲", "方"]);
    expect(tokenize([{ type: "ref", target: "cw-term", text: "clause 5 (Term)" }]).map((t) => t.text)).toEqual(["clause 5 (Term)"]);
  });

  it("marks deletions before insertions and joins two edits across a lone space", () => {
    expect(diffRuns([text("the cat sat")], [text("a dog sat")])).toEqual([
      { type: "text", text: "the cat", change: "delete" },
      { type: "text", text: "a dog", change: "insert" },
      { type: "text", text: " sat" },
    ]);
    expect(diffRuns([text("same")], [text("same")])).toEqual([text("same")]);
  });

  it("keeps a reference a reference, and marks a renumbered one as one deletion and one insertion", () => {
    const before: Run[] = [text("under "), { type: "ref", target: "cw-termination", text: "clause 22 (Termination)" }];
    const after: Run[] = [text("under "), { type: "ref", target: "cw-termination", text: "clause 21 (Termination)" }];
    expect(diffRuns(before, after)).toEqual([
      text("under "),
      { type: "ref", target: "cw-termination", text: "clause 22 (Termination)", change: "delete" },
      { type: "ref", target: "cw-termination", text: "clause 21 (Termination)", change: "insert" },
    ]);
  });
});

describe("redline of one field", () => {
  const pair = (name: string): { base: DealData; next: DealData; lang: "en" | "zh" | "en+zh" } => {
    const p = redlinePairs().find((x) => x.name === name);
    if (!p) throw new Error(name);
    return p;
  };
  const run = async (name: string): Promise<RedlineResult> => {
    const p = pair(name);
    return redline(p.base, p.next, { formats: [], lang: p.lang, force: true });
  };

  it("a lower cap changes the words and figures of the cap and nothing else (English)", async () => {
    const r = await run("england-saas en liability cap");
    expect(changes(clause(r.model, "liability"))).toEqual(["delete:twelve", "insert:six", "delete:12", "insert:6"]);
    expect(r.report.clauses.filter((c) => c.status !== "unchanged").map((c) => [c.id, c.status, c.changes])).toEqual([["liability", "changed", 4]]);
    expect(r.report.fields).toEqual([{ path: "liability.generalCap.lookbackMonths", old: 12, new: 6, clauses: ["liability"] }]);
    // The playbook's twelve months: the check finding is new in this round.
    expect(r.report.findings.new.map((f) => f.code)).toEqual(["CHECK_L8"]);
    expect(r.report.changes).toBe(4);
  });

  it("marks Chinese by character, and both languages of a parallel draft", async () => {
    const zh = await run("cn-crm-standard zh liability cap");
    expect(changes(clause(zh.model, "liability"))).toEqual(["delete:12", "insert:6"]);
    const both = await run("bilingual-crm en+zh liability cap");
    expect(changes(clause(both.model, "liability"))).toEqual(["delete:12", "insert:6", "delete:twelve", "insert:six", "delete:12", "insert:6"]);
    expect(both.report.langs).toEqual(["zh", "en"]);
    const report = formatDeviationReport(both.report);
    expect(report).toContain("第二十二条 责任限制 [liability]：已修改，6处修订");
    expect(report).toContain("  liability.generalCap.lookbackMonths：12 → 6（涉及 第二十二条 责任限制）");
    expect(report).toContain("22. Limitation of Liability [liability]: changed, 6 changes");
  });

  it("an added module is one inserted list item and one insertion in the order form", async () => {
    const r = await run("england-saas en module");
    const modules = clause(r.model, "modules");
    expect(changes(modules)).toEqual(["insert:Field Sales App"]);
    const list = [...modules.blocks, ...modules.subclauses.flatMap((s) => s.blocks)].find((b) => b.kind === "list" && changes(b).length > 0);
    expect(list?.kind === "list" && list.items.map((i) => i.change ?? "-")).toEqual(["-", "insert"]);
    expect(changes(r.model.front)).toEqual(["insert:; Field Sales App"]);
  });

  it("turning GDPR off removes its clause as a whole; later clauses keep their new numbers", async () => {
    const r = await run("england-saas en GDPR");
    const gdpr = clause(r.model, "gdpr-dpa");
    expect([gdpr.change, gdpr.label]).toEqual(["delete", "14."]);
    expect(clause(r.model, "confidentiality").label).toBe("14.");
    expect(changes(gdpr).every((c) => c.startsWith("delete:"))).toBe(true);
    const row = r.report.clauses.find((c) => c.id === "gdpr-dpa");
    expect(row?.status).toBe("removed");
    // References to the clauses after it were renumbered: shown, and counted apart.
    expect(r.report.clauses.find((c) => c.id === "termination")).toMatchObject({ status: "changed", changes: 20, references: 20 });
    expect(r.report.fields).toEqual([expect.objectContaining({ path: "privacy.regimes", old: ["UK_GDPR"], new: [] })]);
  });

  it("writes Word numbering for clause and sub-clause numbers, so renumbering is not text", async () => {
    const r = await run("england-saas en GDPR");
    const plan = new HeadingNumbering(r.model);
    const gdpr = clause(r.model, "gdpr-dpa");
    const conf = clause(r.model, "confidentiality");
    expect(plan.placement(gdpr)).toEqual({ reference: "cw-headings-1", instance: 1, level: 0 });
    expect(plan.placement(conf)).toEqual({ reference: "cw-headings-1", instance: 1, level: 0 });
    expect(plan.placement(conf.subclauses[0] as object)).toEqual({ reference: "cw-headings-1", instance: 1, level: 1 });
    expect(plan.placement(clause(r.model, "fees"))).toEqual({ reference: "cw-headings-2", instance: 1, level: 0 });
    expect(plan.config().map((d) => d.levels.map((l) => l.text))).toEqual([
      ["%1.", "%1.%2"],
      ["Schedule %1 —", "%2."],
    ]);
  });
});

describe("redline of a deal against itself", () => {
  const sets = [
    ["england-saas", "en"],
    ["cn-crm-standard", "zh"],
    ["bilingual-crm", "en+zh"],
  ] as const;
  let results: RedlineResult[] = [];
  beforeAll(async () => {
    results = await Promise.all(sets.map(([d, lang]) => redline(exampleDeal(d), exampleDeal(d), { formats: lang === "en" ? ["docx", "md"] : [], lang })));
  });

  it("has no change, in the model, the report and the DOCX", () => {
    for (const r of results) {
      expect(changes(r.model)).toEqual([]);
      expect(r.report.changes).toBe(0);
      expect(r.report.clauses.every((c) => c.status === "unchanged")).toBe(true);
      expect(r.report.fields).toEqual([]);
    }
    const xml = strFromU8(unzipSync(results[0]?.docx ?? new Uint8Array())["word/document.xml"] ?? new Uint8Array());
    expect(xml).not.toMatch(/<w:(ins|del) /);
    // Still a redline: the other side's edits are tracked from the start.
    const settings = strFromU8(unzipSync(results[0]?.docx ?? new Uint8Array())["word/settings.xml"] ?? new Uint8Array());
    expect(settings).toContain("<w:trackRevisions/>");
  });
});

describe("redline DOCX", () => {
  it("writes each change as w:ins / w:del by the author, dated from the deal, the same bytes every time", async () => {
    const base = exampleDeal("england-saas");
    const next = structuredClone(base);
    fieldChanges(false)[0]?.change(next);
    const one = await redline(base, next, { formats: ["docx"], author: "Jane Doe <Counsel>", force: true });
    const two = await redline(base, next, { formats: ["docx"], author: "Jane Doe <Counsel>", force: true });
    expect(Buffer.from(one.docx ?? []).equals(Buffer.from(two.docx ?? []))).toBe(true);
    const xml = strFromU8(unzipSync(one.docx ?? new Uint8Array())["word/document.xml"] ?? new Uint8Array());
    const marks = [...xml.matchAll(/<w:(ins|del) w:id="\d+" w:author="([^"]*)" w:date="([^"]*)">.*?<w:(?:t|delText)[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
    expect(marks).toEqual([
      "del Jane Doe &lt;Counsel&gt; 2027-02-01T00:00:00.000Z twelve",
      "ins Jane Doe &lt;Counsel&gt; 2027-02-01T00:00:00.000Z six",
      "del Jane Doe &lt;Counsel&gt; 2027-02-01T00:00:00.000Z 12",
      "ins Jane Doe &lt;Counsel&gt; 2027-02-01T00:00:00.000Z 6",
    ]);
  });
});

describe("bad input", () => {
  it("refuses an empty or control-character author", async () => {
    const d = exampleDeal("england-saas");
    for (const author of ["", "a\u0007b"]) {
      const problems = await problemsOfAsync(() => redline(d, d, { formats: [], author }));
      expect(problems.map((p) => [p.code, p.path])).toEqual([["OPTION_INVALID", ["author"]]]);
    }
  });

  it("refuses a bilingual base whose other language prevails: the drafts would not line up", async () => {
    const deal = exampleDeal("bilingual-crm");
    const base = structuredClone(deal);
    base.agreement.prevailingLanguage = deal.agreement.prevailingLanguage === "en" ? "zh" : "en";
    const problems = await problemsOfAsync(() => redline(base, deal, { formats: [], lang: "en+zh" }));
    expect(problems.map((p) => p.code)).toEqual(["REDLINE_OTHER_LAYOUT"]);
  });

  it("refuses a base with fields no loaded pack defines", async () => {
    const deal = exampleDeal("england-saas");
    const base = { ...structuredClone(deal), hipaa: { coveredEntity: true } };
    const problems = await problemsOfAsync(() => redline(base, deal, { formats: [] }));
    expect(problems.map((p) => p.code)).toContain("DEAL_UNKNOWN_FIELD");
  });
});

describe("clausewright redline (CLI)", () => {
  const root = new URL("..", import.meta.url).pathname;
  const england = `${root}examples/deals/england-saas.yaml`;

  it("writes the redline and the report against the standard terms, and prints the report", async () => {
    const out = mkdtempSync(join(tmpdir(), "cw-redline-cli-"));
    try {
      const r = await runCli(["redline", england, "--against", "standard", "--out", out, "--format", "docx,md", "--report"]);
      expect(r.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual(["england-saas-redline.docx", "england-saas-redline.md", "england-saas-redline.report.json", "england-saas-redline.report.txt"]);
      expect(r.stdout).toContain("Redline against the standard terms: 71 tracked changes");
      expect(r.stdout).toContain("  agreement.initialTermMonths: 12 → 36 (in 5. Term and Renewal)");
      const json = JSON.parse(readFileSync(join(out, "england-saas-redline.report.json"), "utf8"));
      expect([json.base, json.changes, json.clauses.find((c: { id: string }) => c.id === "term").status]).toEqual(["standard", 71, "changed"]);
      expect(readFileSync(join(out, "england-saas-redline.md"), "utf8").split("\n")[0]).toBe("Redline (CriticMarkup): {++inserted++}, {--deleted--} — 71 changes");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("exits 1 and writes nothing for a base that is missing or not a valid deal", async () => {
    const out = mkdtempSync(join(tmpdir(), "cw-redline-cli-"));
    const bad = join(out, "bad.yaml");
    writeFileSync(bad, "agreement: { reference: X }\n");
    try {
      const missing = await runCli(["redline", england, "--against", join(out, "nope.yaml"), "--out", join(out, "o")]);
      expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining("DEAL_FILE_UNREADABLE")]);
      const invalid = await runCli(["redline", england, "--against", bad, "--out", join(out, "o")]);
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toMatch(/bad\.yaml/);
      expect(readdirSync(out)).toEqual(["bad.yaml"]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
