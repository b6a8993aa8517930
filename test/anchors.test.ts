// Every clause, schedule and sub-clause has its own anchor, and every reference lands on the one
// it names: the DOCX bookmarks, PDF destinations and Markdown links all come from these anchors.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { draft } from "../src/draft.js";
import type { Block, DocumentModel, Run } from "../src/model/types.js";
import { readDealFile } from "../src/node/deal-file.js";

function anchorsAndRefs(model: DocumentModel): { anchors: string[]; refs: { target: string; text: string }[] } {
  const anchors: string[] = [];
  const refs: { target: string; text: string }[] = [];
  const runs = (rs: readonly Run[]): void => {
    for (const r of rs) if (r.type === "ref") refs.push({ target: r.target, text: r.text });
  };
  const blocks = (bs: readonly Block[]): void => {
    for (const b of bs) {
      if (b.kind === "paragraph") {
        if (b.anchor !== undefined) anchors.push(b.anchor);
        runs(b.runs);
      } else if (b.kind === "table") {
        for (const c of b.columns) runs(c.header);
        for (const row of b.rows) for (const cell of row.cells) runs(cell);
      } else if (b.kind === "list") {
        const walk = (l: { items: readonly { runs: readonly Run[]; children?: { items: readonly unknown[] } }[] }): void => {
          for (const it of l.items) {
            runs(it.runs);
            if (it.children) walk(it.children as never);
          }
        };
        walk(b as never);
      }
    }
  };
  blocks(model.front);
  for (const c of [...model.clauses, ...model.schedules]) {
    anchors.push(c.anchor);
    blocks(c.blocks);
    for (const s of c.subclauses) {
      anchors.push(s.anchor);
      blocks(s.blocks);
    }
  }
  return { anchors, refs };
}

const deals = readdirSync("examples/deals").filter((f) => f.endsWith(".yaml"));

describe("anchors", () => {
  it.each(deals)("are unique, and every reference has its target, in %s (English, Chinese, bilingual)", async (file) => {
    const read = await readDealFile(`examples/deals/${file}`);
    // A bilingual copy needs a prevailing language; the English-only examples leave it out.
    const deal = { ...read, agreement: { ...read.agreement, prevailingLanguage: read.agreement.prevailingLanguage ?? "en" } };
    for (const lang of ["en", "zh", "en+zh"] as const) {
      // force: check findings (a bilingual draft with no prevailing language) do not matter here.
      const { model } = await draft(deal, { lang, formats: ["md"], force: true });
      const { anchors, refs } = anchorsAndRefs(model);
      const seen = new Set<string>();
      const twice = anchors.filter((a) => (seen.has(a) ? true : (seen.add(a), false)));
      expect(twice, `${file} ${lang}`).toEqual([]);
      expect(refs.filter((r) => !seen.has(r.target)).map((r) => r.target)).toEqual([]);
    }
  });

  it("keeps sub-clause implementation.plan and the Implementation Plan schedule apart", async () => {
    const deal = await readDealFile("examples/deals/cn-crm-standard.yaml");
    const { model } = await draft(deal, { lang: "zh", formats: ["md"] });
    const schedule = model.schedules.find((s) => s.id === "implementation-plan");
    const sub = model.clauses.flatMap((c) => c.subclauses).find((s) => s.id === "implementation.plan");
    if (!schedule || !sub) return expect.fail("the example has both the schedule and the sub-clause");
    expect(sub.anchor).toBe("cw-implementation-plan");
    expect(schedule.anchor).toBe("cw-implementation-plan-2");
    // A reference to the schedule lands on the schedule.
    const { refs } = anchorsAndRefs(model);
    expect(refs.filter((r) => r.target === schedule.anchor).length).toBeGreaterThan(0);
  });
});
