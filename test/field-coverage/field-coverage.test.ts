/**
 * Every deal field reaches the agreement, or is listed as not meant to.
 *
 * For every leaf field of the deal schema and every example deal (in each
 * language the deal is drafted in), the field's value is changed (another
 * enum member, another number or date, a longer text, a toggled boolean, an
 * array item added or removed) and the agreement assembled again: its text
 * must change, in a part of the document whose clause declares that it reads
 * the field. A field that legitimately changes no text is listed, with its
 * reason, in ./registry.ts. The test prints the coverage figure.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assembleBilingual } from "../../src/assemble/bilingual.js";
import { assemble } from "../../src/assemble/build.js";
import { builtinPack } from "../../src/catalog/builtin.js";
import { createCatalog, type Catalog } from "../../src/catalog/catalog.js";
import { parseDeal, validateDeal } from "../../src/deal/parse.js";
import { dealSchema, type Deal } from "../../src/deal/schema.js";
import type { DocumentModel, Lang } from "../../src/model/types.js";
import { leafFields, type LeafField } from "../helpers/deal-fields.js";
import { modelParts } from "../helpers/model-text.js";
import { candidates, getAt, locate, mutate } from "./mutate.js";
import { DERIVED, EXAMPLE_LANGS, FIELD_REGISTRY } from "./registry.js";

const DEALS_DIR = new URL("../../examples/deals/", import.meta.url);
const FIXTURES_DIR = new URL("./deals/", import.meta.url);

interface Outcome {
  readonly field: string;
  readonly deal: string;
  readonly lang: Lang;
  /** "text": the text changed where the field belongs; "elsewhere": it changed only in parts that do not declare the field; "none": no text changed; "invalid": no other value gave a valid deal. */
  readonly result: "text" | "elsewhere" | "none" | "invalid";
  readonly detail?: string;
}

function covers(declared: string, used: string): boolean {
  return used === declared || used.startsWith(`${declared}.`) || used.startsWith(`${declared}[`);
}

/** The parts of the document (see modelParts) where a field may show: the clauses that read it or test it in a condition. */
function homes(catalog: Catalog, path: string): Set<string> | undefined {
  const out = new Set<string>();
  for (const c of catalog.clauses.values()) {
    const conditions = [c.when?.path, ...c.variants.map((v) => v.when?.path)].filter((p): p is string => p !== undefined);
    const derived = c.reads.flatMap((r) => Object.entries(DERIVED).flatMap(([key, from]) => (covers(key, r) || covers(r, key) ? from : [])));
    if (![...c.reads, ...conditions, ...derived].some((d) => covers(d, path) || covers(path, d))) continue;
    out.add(c.placement === "cover" || c.placement === "front" ? "front" : c.placement === "signatures" ? "signatures" : c.id);
    // The signature page is built by the engine from the parties' data.
    if (c.placement === "signatures") out.add("signatures");
  }
  return out.size > 0 ? out : undefined;
}

/** The parts of `lang` (and the shared signature page) that differ, without their language prefix. */
function changedParts(a: Map<string, string>, b: Map<string, string>, lang: Lang): string[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => k.startsWith(`${lang}:`) || k.startsWith("*:"));
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => k.slice(k.indexOf(":") + 1));
}

/** The document a deal is drafted as: one language, or both (sequential, so each language's text is its own part). */
function assembleAs(catalog: Catalog, deal: Deal, langs: readonly Lang[]): DocumentModel {
  const [first, second] = langs;
  if (first && second) return assembleBilingual(catalog, deal, { langs: [first, second], layout: "sequential" }).model;
  return assemble(catalog, deal, { lang: first ?? "en" }).model;
}

function loadDeals(catalog: Catalog): { name: string; deal: Deal; langs: readonly Lang[] }[] {
  const read = (dir: URL, langsOf: (name: string) => readonly Lang[]) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => {
        const name = f.replace(/\.yaml$/, "");
        const deal = parseDeal(readFileSync(new URL(f, dir), "utf8"), { file: f, catalog });
        return { name, deal, langs: langsOf(name) };
      });
  return [...read(DEALS_DIR, (n) => EXAMPLE_LANGS[n] ?? ["en"]), ...read(FIXTURES_DIR, () => ["en", "zh"])];
}

/**
 * Values other deals give the field (or, for a union's discriminator such as
 * liability.generalCap.type, the whole object around it), for a field whose
 * own candidates give no valid deal.
 */
function donors(field: LeafField, deal: Deal, all: readonly Deal[]): { at: (string | number)[]; value: unknown }[] {
  const at = locate(deal, field.path);
  if (!at) return [];
  const parentPath = field.path.split(".").slice(0, -1).join(".");
  const discriminator = field.path.endsWith(".type") && parentPath !== "";
  const out: { at: (string | number)[]; value: unknown }[] = [];
  for (const other of all) {
    const there = locate(other, discriminator ? parentPath : field.path);
    if (!there) continue;
    const value = getAt(other, there);
    const mine = getAt(deal, discriminator ? at.slice(0, -1) : at);
    if (JSON.stringify(value) !== JSON.stringify(mine)) out.push({ at: discriminator ? at.slice(0, -1) : at, value });
  }
  return out;
}

/**
 * Changes one field of one deal until a changed value gives a valid deal, and
 * says, per language of the deal, whether the text changed where the field
 * belongs. Undefined when the deal does not set the field.
 */
function tryField(
  catalog: Catalog,
  field: LeafField,
  deal: Deal,
  langs: readonly Lang[],
  base: Map<string, string>,
  all: readonly Deal[],
): Map<Lang, Omit<Outcome, "field" | "deal" | "lang">> | undefined {
  const at = locate(deal, field.path);
  if (!at) return undefined;
  const value = getAt(deal, at);
  const tries = [...candidates(field, value).map((v) => ({ at, value: v })), ...donors(field, deal, all)];
  const home = homes(catalog, field.path);
  const result = new Map<Lang, Omit<Outcome, "field" | "deal" | "lang">>();
  let sawValid = false;
  for (const t of tries) {
    let next: Deal;
    let parts: Map<string, string>;
    try {
      next = validateDeal(mutate(deal, t.at, t.value), catalog);
      parts = modelParts(assembleAs(catalog, next, langs));
    } catch {
      continue;
    }
    sawValid = true;
    for (const lang of langs) {
      if (result.get(lang)?.result === "text") continue;
      const changed = changedParts(base, parts, lang);
      if (changed.length === 0) continue;
      if (!home || changed.some((p) => home.has(p))) result.set(lang, { result: "text" });
      else result.set(lang, { result: "elsewhere", detail: `changed ${changed.join(", ")}; declared by ${[...home].join(", ")}` });
    }
    if (langs.every((l) => result.get(l)?.result === "text")) break;
  }
  for (const lang of langs) if (!result.has(lang)) result.set(lang, { result: sawValid ? "none" : "invalid" });
  return result;
}

describe("deal field coverage", () => {
  const catalog = createCatalog([builtinPack("crm")]);
  const fields = leafFields(dealSchema);

  /** Runs every field over every deal and language: the slow part, done once, inside the first test. */
  function measure(): Outcome[] {
    const deals = loadDeals(catalog);
    const all = deals.map((d) => d.deal);
    const outcomes: Outcome[] = [];
    for (const { name, deal, langs } of deals) {
      const base = modelParts(assembleAs(catalog, deal, langs));
      for (const field of fields) {
        const entry = FIELD_REGISTRY[field.path];
        const wanted = langs.filter((lang) => !(entry && (entry.when === undefined || entry.when(deal, lang))));
        if (wanted.length === 0) continue;
        const r = tryField(catalog, field, deal, langs, base, all);
        for (const lang of wanted) {
          const o = r?.get(lang);
          if (o) outcomes.push({ field: field.path, deal: name, lang, ...o });
        }
      }
    }
    return outcomes;
  }

  it("changes the text of the agreement where the field belongs, for every field not listed in the registry", () => {
    const outcomes = measure();
    const failing = outcomes.filter((o) => o.result !== "text");
    const failed = new Set(failing.map((o) => o.field));
    const seen = new Set(outcomes.map((o) => o.field));
    const registered = fields.filter((f) => FIELD_REGISTRY[f.path]?.when === undefined && FIELD_REGISTRY[f.path] !== undefined).map((f) => f.path);
    const covered = fields.filter((f) => seen.has(f.path) && !failed.has(f.path)).length;
    const never = fields.filter((f) => !seen.has(f.path) && !registered.includes(f.path)).map((f) => f.path);
    console.log(
      [
        `field coverage: ${covered}/${fields.length} leaf fields change the text where they belong in every example deal and language that sets them; ` +
          `${registered.length} listed as changing no text; ${never.length} set by no example deal`,
        ...failing.map((o) => `  ${o.result.padEnd(9)} ${o.field}  (${o.deal}, ${o.lang})${o.detail ? `: ${o.detail}` : ""}`),
        ...never.map((f) => `  untested  ${f}`),
      ].join("\n"),
    );
    expect(failing.map((o) => `${o.field} (${o.deal}, ${o.lang}): ${o.result}`)).toEqual([]);
    expect(never).toEqual([]);
    // Every field of every example deal and fixture, drafted again per change: minutes, not seconds, on two workers.
  });

  it("registry entries name real fields and give a reason", () => {
    const paths = new Set(fields.map((f) => f.path));
    for (const [path, entry] of Object.entries(FIELD_REGISTRY)) {
      expect(paths.has(path), path).toBe(true);
      expect(entry.reason.length, path).toBeGreaterThan(20);
    }
  });
});
