import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Catalog } from "../../src/catalog/catalog.js";
import { builtinPack } from "../../src/catalog/builtin.js";
import { createCatalog } from "../../src/catalog/catalog.js";
import type { DraftLang } from "../../src/options.js";
import { loadPackDir } from "../../src/node/pack-dir.js";
import { ROOT } from "../helpers/cli.js";

/** A deal sheet the deal fuzzers start from: an example or a test deal, drafted as its README says. */
export interface SeedDeal {
  /** File name, for reports. */
  readonly name: string;
  /** Path from the repository root. */
  readonly file: string;
  readonly text: string;
  /** The YAML parsed to plain data (mutated by the fuzzers on a copy). */
  readonly value: Readonly<Record<string, unknown>>;
  readonly lang: DraftLang;
  /** Pack folders (from the repository root) the deal needs, for `--pack`. */
  readonly packs: readonly string[];
}

/** Languages of the example deals that are not drafted in English (examples/draft-all.mjs). */
const LANGS: Readonly<Record<string, DraftLang>> = {
  "cn-crm-standard": "zh",
  "prc-domestic-cietac": "zh",
  "bilingual-crm": "en+zh",
  "shanghai-singapore-shiac": "en+zh",
  "optional-fields": "en+zh",
  "regulatory-variants": "en+zh",
};

/** Packs of the deals that need one (examples/draft-all.mjs). */
const PACKS: Readonly<Record<string, readonly string[]>> = { "us-healthcare-pack": ["examples/packs/healthcare"] };

function seedsIn(dir: string): SeedDeal[] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const name = f.replace(/\.yaml$/, "");
      const file = `${dir}/${f}`;
      const text = readFileSync(join(ROOT, file), "utf8");
      return { name, file, text, value: parse(text) as Record<string, unknown>, lang: LANGS[name] ?? "en", packs: PACKS[name] ?? [] };
    });
}

/** Every example deal, the pack example's deal and the field-coverage test deals. */
export const SEED_DEALS: readonly SeedDeal[] = [...seedsIn("examples/deals"), ...seedsIn("examples/pack-deals"), ...seedsIn("test/field-coverage/deals")];

const catalogs = new Map<string, Promise<Catalog | undefined>>();

/** The catalogue a seed deal is drafted with: undefined (the built-in one) unless it needs packs. */
export function catalogOf(seed: SeedDeal): Promise<Catalog | undefined> {
  const key = seed.packs.join("\n");
  let found = catalogs.get(key);
  if (!found) {
    found = seed.packs.length === 0 ? Promise.resolve(undefined) : Promise.all(seed.packs.map((p) => loadPackDir(join(ROOT, p)))).then((packs) => createCatalog([builtinPack("crm"), ...packs]));
    catalogs.set(key, found);
  }
  return found;
}
