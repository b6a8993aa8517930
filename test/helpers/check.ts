import { assemble } from "../../src/assemble/build.js";
import { builtinPack } from "../../src/catalog/builtin.js";
import { createCatalog, type Catalog } from "../../src/catalog/catalog.js";
import { parsePack } from "../../src/catalog/parse-pack.js";
import type { Pack, PackFiles } from "../../src/catalog/types.js";
import { checkDeal, type CheckOptions } from "../../src/check/check-deal.js";
import { documentForCheck } from "../../src/check/engine.js";
import type { CheckedDocument, CheckResult } from "../../src/check/types.js";
import { validateDeal } from "../../src/deal/parse.js";
import type { Deal } from "../../src/deal/schema.js";
import { exampleDeal } from "../fixtures/deals.js";
import { ClausewrightError } from "../../src/errors/error.js";

/** A mutable example deal (plain data, as read from YAML). */
export type Draft = any;

/** The example deal with a change applied. */
export function variant(mutate: (d: Draft) => void): Draft {
  const d: Draft = exampleDeal();
  mutate(d);
  return d;
}

/** Checks a variant of the example deal; deal rules only unless `document` is set. */
export function checkVariant(mutate: (d: Draft) => void, options: CheckOptions = {}): CheckResult {
  return checkDeal(variant(mutate), { document: false, ...options });
}

/** Parses a pack from files, failing on errors. */
export function packOf(files: PackFiles): Pack {
  const { pack, problems } = parsePack(files);
  const errors = problems.filter((p) => p.severity === "error");
  const [first, ...rest] = errors;
  if (first) throw new ClausewrightError([first, ...rest]);
  if (!pack) throw new Error("bad test pack: no pack.yaml");
  return pack;
}

const crmLayout = (): string[] => [...(builtinPack("crm").agreements[0]?.clauses ?? [])];

/**
 * A pack that adds clauses to the CRM agreement (before the signatures):
 * `privacy-terms` reads the privacy particulars (a DPA / BAA / CCPA / PIPL
 * stand-in); `breach` is a liability-for-breach clause, with or without a
 * reference to the SLA clause.
 */
export function extraClausesPack(options: { privacy?: boolean; breach?: "with-sla-ref" | "without-sla-ref" }): Pack {
  const added: string[] = [];
  const files: Record<string, string> = {};
  if (options.privacy) {
    added.push("privacy-terms");
    files["clauses/privacy-terms/clause.yaml"] = [
      "id: privacy-terms",
      "category: data-protection",
      "title: { en: Data Protection }",
      "reads: [privacy.processing, privacy.hipaa, privacy.ccpa, privacy.pipl]",
      "when: { path: privacy.regimes }",
      "",
    ].join("\n");
    files["clauses/privacy-terms/en.hbs"] = [
      "Personal data is processed only as this clause describes.",
      "{{#if privacy.processing.purpose}}The purpose is {{privacy.processing.purpose}}.{{/if}}",
      "{{#if privacy.hipaa}}The business associate terms apply.{{/if}}",
      "{{#if privacy.ccpa}}The service-provider terms apply.{{/if}}",
      "{{#if privacy.pipl}}The entrusted-processing terms apply.{{/if}}",
      "",
    ].join("\n");
  }
  if (options.breach) {
    added.push("breach");
    files["clauses/breach/clause.yaml"] = ["id: breach", "category: breach", "title: { en: Liability for Breach }", ""].join("\n");
    files["clauses/breach/en.hbs"] =
      options.breach === "with-sla-ref" ? 'Each party is liable for its breaches, except that missed service levels are governed only by {{ref "sla"}}.\n' : "Each party is liable for its breaches.\n";
  }
  const layout = crmLayout().filter((id) => !added.includes(id));
  layout.splice(layout.indexOf("signatures"), 0, ...added);
  files["pack.yaml"] = [
    "name: checks-extra",
    "version: 1.0.0",
    'engine: ">=0.1.0"',
    "languages: [en]",
    ...(options.breach ? ["overrides: [breach]"] : []),
    "agreements:",
    "  - id: crm-saas",
    "    title: { en: CRM Cloud Services Agreement }",
    `    clauses: [${layout.join(", ")}]`,
    "",
  ].join("\n");
  return packOf(files);
}

/** The regime-specific data-protection clauses of the CRM pack. */
export const REGIME_CLAUSES = ["gdpr-dpa", "hipaa-baa", "ccpa", "pipl"] as const;

/**
 * The CRM catalogue with some clauses switched off (to test what their
 * absence triggers). Disabled, not just taken out of the layout: a clause no
 * layout places is PACK_CLAUSE_NOT_PLACED.
 */
export function catalogWithout(ids: readonly string[]): Catalog {
  return createCatalog([builtinPack("crm"), { name: "without", version: "1.0.0", engine: ">=0.1.0", languages: ["en"], clauses: [], agreements: [], disable: ids }]);
}

/** The CRM catalogue with extra packs. */
export function catalogWith(...packs: Pack[]): Catalog {
  return createCatalog([builtinPack("crm"), ...packs]);
}

/** The assembled English document of a deal, as the document rules see it. */
export function documentOf(deal: Deal, catalog: Catalog = createCatalog([builtinPack("crm")])): CheckedDocument {
  const { model, details } = assemble(catalog, deal);
  return documentForCheck(catalog, model, details);
}

/** The validated variant. */
export function validVariant(mutate: (d: Draft) => void): Deal {
  return validateDeal(variant(mutate));
}
