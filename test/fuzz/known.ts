import type { DealCase, PrintedCase } from "./arbitraries.js";
import type { PackCase } from "./pack-arbitraries.js";
import { concretePaths, PRINTED_PATHS, seedDeal } from "./arbitraries.js";
import { LARGE } from "./config.js";

// Inputs that broke the engine when issue 15 was filed, as fuzz cases: each property runs them
// first (fast-check `examples`), so they stay covered whatever its seed draws. The large ones
// run only with FUZZ_LARGE=1 (see config.ts).

const base = { as: "yaml", bom: false, edits: [], docx: false, force: true } as const;

/** A known input and what it is. */
export interface Known<C> {
  readonly name: string;
  readonly input: C;
}

/**
 * Deal cases: an alias bomb and terms whose end no date can hold (issue 15 §6); with FUZZ_LARGE,
 * 130,000 fee lines and a mapping of 100,000 keys (quadratic in the YAML parser's unique-key check).
 */
export const KNOWN_DEAL_CASES: readonly Known<DealCase>[] = [
  { name: "a YAML alias bomb (4 levels of 10)", input: { ...base, seed: "us-crm-enterprise", mutations: [], edits: [{ kind: "aliasBomb", levels: 4, width: 10 }] } },
  { name: "initialTermMonths: 4000000", input: { ...base, seed: "us-crm-enterprise", mutations: [{ kind: "setPath", path: "agreement.initialTermMonths", value: 4_000_000 }] } },
  {
    // Found by this fuzzer: rule T1 throws on the date and the draft stops with CHECK_RULE_FAILED ("a pack's rule function must not throw").
    name: "renewalTermMonths: 956181688 (no --force)",
    input: { ...base, seed: "ireland-eu-saas", as: "json", force: false, mutations: [{ kind: "setPath", path: "agreement.renewal.renewalTermMonths", value: 956_181_688 }] },
  },
  ...(LARGE
    ? [
        { name: "130,000 fee lines", input: { ...base, seed: "us-crm-enterprise", as: "json", mutations: [{ kind: "growPath", path: "fees.lines", times: 130_000 }] } satisfies DealCase },
        { name: "100,000 unknown keys in one mapping", input: { ...base, seed: "us-crm-enterprise", as: "json", mutations: [{ kind: "widen", at: 0, keys: 100_000 }] } satisfies DealCase },
      ]
    : []),
];

/** The index {@link setPrinted} needs to reach `path` in the seed deal `seed`. */
function printedAt(seed: string, path: string): number {
  const at = PRINTED_PATHS.flatMap((p) => concretePaths(seedDeal(seed).value, p)).findIndex((p) => p.join(".") === path);
  if (at < 0) throw new Error(`${path} is not a printed path of ${seed}`);
  return at;
}

/**
 * Printed-field cases: list-item values that read as Markdown block markers (issue 15 §8), and a
 * carriage return in a value, which Markdown reads as a line end (found by this fuzzer: the table
 * row of the agreement reference splits).
 */
export const KNOWN_PRINTED_CASES: readonly Known<PrintedCase>[] = [
  ...["1. X", "# X", "- X"].map((value) => ({
    name: `CCPA business purpose "${value}"`,
    input: { seed: "us-delaware-gdpr-ccpa", edits: [{ at: printedAt("us-delaware-gdpr-ccpa", "privacy.ccpa.businessPurposes.0"), value, zh: false }], docx: false },
  })),
  {
    name: 'agreement.reference "CW\\r2026" (a carriage return)',
    input: { seed: "us-crm-enterprise", edits: [{ at: printedAt("us-crm-enterprise", "agreement.reference"), value: "CW\r2026", zh: false }], docx: true },
  },
];

/** A pack with one clause placed after Confidentiality, reading the whole deal, with `terms` defined terms. */
function onePack(template: string, terms = 0): PackCase {
  const files: Record<string, string> = {
    "pack.yaml": "name: fuzz\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: [en]\nplace:\n  - clause: fz-one\n    after: confidentiality\n",
    "clauses/fz-one/clause.yaml": "id: fz-one\ncategory: general\ntitle: { en: Fuzz }\nreads: [customer, fees, services]\n",
    "clauses/fz-one/en.hbs": template,
  };
  if (terms > 0) files["terms.yaml"] = Array.from({ length: terms }, (_, i) => `- term: { en: Fuzz Term ${i} }\n  definition: { en: means the fuzz thing number ${i} }\n`).join("");
  return { files };
}

/**
 * Pack cases: a helper called with fewer arguments than it takes (found by this fuzzer: a
 * TypeError, exit 3, after `pack check` passed); with FUZZ_LARGE, the shapes that exhaust time
 * and memory (issue 15 §3): fourteen nested loops over the fee lines, 50,000 references, 20,000
 * terms — today each takes from half a minute to several minutes and gigabytes.
 */
export const KNOWN_PACK_CASES: readonly Known<PackCase>[] = [
  { name: "{{count}} (a helper without its argument)", input: onePack("Copies: {{count}}.") },
  { name: "{{period 3}} (a helper without its unit)", input: onePack("Within {{period 3}}.") },
  { name: "{{count 3 4}} (a helper with an argument too many)", input: onePack("Copies: {{count 3 4}}.") },
  ...(LARGE
    ? [
        { name: "14 nested {{#each @root.fees.lines}}", input: onePack(`${"{{#each @root.fees.lines}}".repeat(14)}x${"{{/each}}".repeat(14)}`) },
        { name: '50,000 {{ref "fees"}}', input: onePack('{{ref "fees"}} '.repeat(50_000)) },
        { name: "20,000 terms", input: onePack("[[Fuzz Term 0]] applies.", 20_000) },
      ]
    : []),
];
