import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { draft } from "../src/draft.js";
import type { DealInput } from "../src/deal/schema.js";
import type { DocumentModel } from "../src/model/types.js";
import { clauseText } from "./helpers/model-text.js";

const deal = (): DealInput & { agreement: Record<string, unknown> } =>
  parse(readFileSync(new URL("../examples/deals/us-crm-enterprise.yaml", import.meta.url), "utf8")) as DealInput & { agreement: Record<string, unknown> };

/** The text of the pilot clause as the model has it (references already read as text). */
function pilotText(model: DocumentModel): string {
  const c = model.clauses.find((x) => x.id === "pilot");
  if (!c) throw new Error("no pilot clause");
  return clauseText(c);
}

describe("a pilot period", () => {
  it("states the pilot's end date, that service levels do not apply, and the pilot's own cap, in English and Chinese", async () => {
    const d = deal();
    d.agreement["pilot"] = { endDate: "2027-02-28", liabilityCap: "5,000" };
    const en = await draft(d, { formats: ["md"], force: true });
    const pilot = en.model.clauses.find((c) => c.id === "pilot");
    expect(pilot?.title).toBe("Pilot Period");
    const text = pilotText(en.model);
    expect(text).toContain("The period from the Effective Date to and including February 28, 2027 is a pilot of the Service");
    expect(text).toContain("The service levels and service credits under this Agreement do not apply during the Pilot Period.");
    expect(text).toContain("will not exceed USD 5,000.00, in place of the cap in Section");
    const zh = await draft(d, { formats: ["md"], lang: "zh", force: true });
    const zhText = pilotText(zh.model);
    expect(zhText).toContain("自生效日起至2027年2月28日（含当日）止，为本服务的试用期");
    expect(zhText).toContain("试用期内，本合同约定的服务等级及服务抵扣均不适用。");
    expect(zhText).toContain("全部责任总额不超过美元5,000.00");
  });

  it("leaves the general cap alone when the pilot has no cap of its own, and has no pilot clause without a pilot", async () => {
    const d = deal();
    d.agreement["pilot"] = { endDate: "2027-02-28" };
    const en = await draft(d, { formats: ["md"], force: true });
    expect(en.model.clauses.find((c) => c.id === "pilot")?.subclauses.map((s) => s.id)).toEqual(["pilot.period", "pilot.service-levels"]);
    const none = await draft(deal(), { formats: ["md"] });
    expect(none.model.clauses.some((c) => c.id === "pilot")).toBe(false);
    expect(none.assembly.omitted.some((o) => o.id === "pilot")).toBe(true);
  });
});
