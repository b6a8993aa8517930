import type { Deal, DealInput } from "../deal/schema.js";
import { mergeStandard } from "../deal/standard-merge.js";
import { ClausewrightError } from "../errors/error.js";
import { defaultCatalog } from "./builtin.js";
import type { Catalog } from "./catalog.js";

/**
 * The deal on the provider's standard terms: the catalogue's standard position (the last pack's
 * `standard.yaml`; the built-in CRM pack ships one) laid over `deal`. Mappings merge key by key, a
 * list or a single value of the standard replaces the deal's, `null` removes it, and a mapping of
 * another `type` (a liability cap, a forum) replaces the deal's whole; what the standard leaves
 * out — the parties, reference and dates, services and prices, governing law and forum, language —
 * stays the deal's. So a redline of `deal` against the result shows only where the deal departs
 * from the house terms.
 *
 * Pure: `deal` is not changed. The result is not validated (validate it like any deal sheet, with
 * the same catalogue). A deal that is not a mapping is returned as it is, for validation to report.
 * Throws `REDLINE_NO_STANDARD` when no pack of the catalogue has a standard position.
 */
export function standardDeal(deal: DealInput | Deal, catalog: Catalog = defaultCatalog()): DealInput {
  const standard = catalog.standard;
  if (!standard) {
    throw new ClausewrightError([
      {
        code: "REDLINE_NO_STANDARD",
        severity: "error",
        message: `No pack of the catalogue (${catalog.packs.map((p) => p.name).join(", ") || "none"}) has a standard position to compare with`,
        hint: "Give a deal sheet of the previous round instead, or add standard.yaml (the house terms as a partial deal sheet) to a pack; see docs/clause-packs.md.",
      },
    ]);
  }
  if (typeof deal !== "object" || deal === null || Array.isArray(deal)) return deal;
  return mergeStandard(deal, standard.terms) as DealInput;
}
