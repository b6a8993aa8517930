import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { DraftLang } from "../../src/draft.js";

/** A deal sheet as plain data, to vary one field at a time. */
export type DealData = any;

/** An example deal sheet as data. */
export function exampleDeal(name: string): DealData {
  return parse(readFileSync(new URL(`../../examples/deals/${name}.yaml`, import.meta.url), "utf8"));
}

/** One field changed: what the issue names (a cap, a term, a module, the forum, GDPR on/off). */
export interface FieldChange {
  readonly field: string;
  readonly change: (deal: DealData) => void;
}

const bilingualName = (en: string, zh: string): unknown => ({ en, zh });

/** The field changes for a deal sheet; `bilingualText` for deals whose texts are { en, zh }. */
export function fieldChanges(bilingualText: boolean): FieldChange[] {
  const text = (en: string, zh: string): unknown => (bilingualText ? bilingualName(en, zh) : en);
  return [
    {
      field: "liability cap",
      change: (d) => {
        d.liability = { ...(d.liability ?? {}), generalCap: { ...(d.liability?.generalCap ?? { type: "multipleOfFees" }), lookbackMonths: 6 } };
      },
    },
    { field: "initial term", change: (d) => void (d.agreement.initialTermMonths += 12) },
    { field: "module", change: (d) => d.services.modules.push({ code: "field-sales", name: text("Field Sales App", "移动外勤应用"), tier: "optional" }) },
    {
      field: "forum",
      change: (d) => {
        d.law.forum =
          d.law.forum.type === "arbitration"
            ? { ...d.law.forum, institution: "SHIAC", seat: text("Shanghai", "上海") }
            : { type: "arbitration", institution: "LCIA", seat: "London", arbitrators: 1, language: "en" };
      },
    },
    {
      field: "GDPR",
      change: (d) => {
        const regimes: string[] = d.privacy?.regimes ?? ["PIPL"];
        d.privacy = { ...(d.privacy ?? {}), regimes: regimes.includes("UK_GDPR") || regimes.includes("GDPR") ? regimes.filter((r) => r !== "UK_GDPR" && r !== "GDPR") : [...regimes, "GDPR"] };
      },
    },
  ];
}

/** A base deal and the same deal with one field changed, in one language. */
export interface RedlinePair {
  readonly name: string;
  readonly lang: DraftLang;
  readonly base: DealData;
  readonly next: DealData;
}

/** The pairs the redline tests use: English, Chinese and bilingual (parallel) deals, each with every field change. */
export function redlinePairs(): RedlinePair[] {
  const sets: { deal: string; lang: DraftLang; bilingualText: boolean }[] = [
    { deal: "england-saas", lang: "en", bilingualText: false },
    { deal: "cn-crm-standard", lang: "zh", bilingualText: true },
    { deal: "bilingual-crm", lang: "en+zh", bilingualText: true },
  ];
  return sets.flatMap(({ deal, lang, bilingualText }) =>
    fieldChanges(bilingualText).map((fc) => {
      const base = exampleDeal(deal);
      const next = structuredClone(base);
      fc.change(next);
      return { name: `${deal} ${lang} ${fc.field}`, lang, base, next };
    }),
  );
}
