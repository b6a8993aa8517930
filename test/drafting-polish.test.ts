import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { DealInput } from "../src/deal/schema.js";
import { draft } from "../src/draft.js";
import type { Block, DocumentModel, Run } from "../src/model/types.js";

// Issue 13, drafting polish: the defects a customer's lawyer marks up in any English draft,
// checked across every English example deal so a new clause cannot bring them back.

const DEALS_DIR = new URL("../examples/deals/", import.meta.url);
const ENGLISH = readdirSync(DEALS_DIR)
  .filter((f) => f.endsWith(".yaml"))
  .filter((f) => !/^(cn-crm-standard|prc-domestic-cietac)\.yaml$/.test(f))
  .sort();

const load = (file: string): DealInput => parse(readFileSync(new URL(file, DEALS_DIR), "utf8")) as DealInput;

const runsText = (runs: readonly Run[]): string => runs.map((r) => r.text).join("");

/** Running text of the model: paragraphs and list items, not table cells (a table may print "4 hours" in a column). */
function prose(model: DocumentModel): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walk = (blocks: readonly Block[], where: string): void => {
    for (const b of blocks) {
      if (b.kind === "paragraph") out.push({ where, text: runsText(b.runs) });
      else if (b.kind === "list") {
        const items = (l: typeof b): void => {
          for (const i of l.items) {
            out.push({ where, text: runsText(i.runs) });
            if (i.children) items(i.children);
          }
        };
        items(b);
      }
    }
  };
  walk(model.front, "front");
  for (const c of [...model.clauses, ...model.schedules]) {
    walk(c.blocks, c.id);
    for (const s of c.subclauses) walk(s.blocks, s.id ?? c.id);
  }
  return out;
}

const models = new Map<string, Promise<DocumentModel>>();
const modelOf = (file: string): Promise<DocumentModel> => {
  let m = models.get(file);
  if (!m) {
    m = draft(load(file), { formats: ["md"], force: true }).then((r) => r.model);
    models.set(file, m);
  }
  return m;
};

describe.each(ENGLISH)("drafting polish of %s (English)", (file) => {
  it('writes counts one way: words and figures ("forty-eight (48) hours"), never bare figures before a unit in running text', async () => {
    const bad = prose(await modelOf(file)).flatMap(({ where, text }) =>
      [...text.matchAll(/(?<![(\d.,:%-])\b\d+ (?:hours?|days?|business days?|months?|years?|originals|counterparts)\b/g)].map((m) => `${where}: ${m[0]}`),
    );
    expect(bad).toEqual([]);
  });

  it('writes a period of notice with the possessive: "ten (10) days\' notice"', async () => {
    const bad = prose(await modelOf(file)).flatMap(({ where, text }) =>
      [...text.matchAll(/\) (?:days|months|weeks|years|business days) (?:(?:further|prior|advance|written) )*notice/g)].map((m) => `${where}: ${m[0]}`),
    );
    expect(bad).toEqual([]);
  });

  it("says each promise once: the no-material-reduction promise and the module list appear in one place", async () => {
    const text = prose(await modelOf(file))
      .map((p) => p.text)
      .join("\n");
    expect(text.match(/materially reduce the overall functionality/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(text).not.toMatch(/The Service consists of the following Modules:/);
  });

  it('keeps "The Parties agree as follows." (or the recitals\' own lead-in) whether or not recitals are drafted', async () => {
    const deal = load(file) as DealInput & { options?: Record<string, unknown> };
    const without = await draft({ ...deal, options: { ...(deal.options ?? {}), recitals: false } }, { formats: ["md"], force: true });
    expect(prose(without.model).some((p) => p.text === "The Parties agree as follows.")).toBe(true);
    expect(prose(await modelOf(file)).some((p) => /agree as follows\.$/.test(p.text))).toBe(true);
  });

  it('prints deal values as English reads them: no "in United States"', async () => {
    const text = prose(await modelOf(file))
      .map((p) => p.text)
      .join("\n");
    expect(text).not.toMatch(/\b(?:in|to|within|outside) (?:United States|United Kingdom|European Union|European Economic Area)\b/);
  });

  it("lists in the survival clause every clause that must survive: payment accrued, indemnification, exit, confidentiality and liability", async () => {
    const model = await modelOf(file);
    const survival = model.clauses.find((c) => c.id === "termination")?.subclauses.find((s) => s.id === "termination.survival");
    const text = survival ? survival.blocks.map((b) => (b.kind === "paragraph" ? runsText(b.runs) : "")).join(" ") : "";
    const titleOf = (id: string): string | undefined => [...model.clauses, ...model.schedules].find((c) => c.id === id)?.title;
    for (const id of ["fees", "indemnification", "exit", "confidentiality", "liability"]) {
      const title = titleOf(id);
      if (title) expect(text, `${file}: survival names ${id}`).toContain(title);
    }
  });
});

describe("the payment terms speak of one-time Fees only when the deal has them", () => {
  // A sentence about fees the deal does not have reads to the customer's lawyer as a term left
  // over from another deal (found reading the Singapore example, which has no one-time fee line).
  it.each([
    ["singapore-saas.yaml", false],
    ["us-crm-enterprise.yaml", true],
  ])("%s: one-time fees invoiced on the Effective Date: %s (en and zh)", async (file, has) => {
    const deal = load(file);
    const en = (await draft(deal, { formats: ["md"] })).markdown ?? "";
    const zh = (await draft(deal, { formats: ["md"], lang: "zh" })).markdown ?? "";
    expect(en.includes("One-time Fees are invoiced on the Effective Date.")).toBe(has);
    expect(zh.includes("一次性服务费的发票于生效日开具。")).toBe(has);
    expect(en).toContain("The Customer will pay each undisputed invoice within thirty (30) days");
  });
});
