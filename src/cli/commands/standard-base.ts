import type { Catalog } from "../../catalog/catalog.js";
import type { Deal } from "../../deal/schema.js";
import { ClausewrightError } from "../../errors/error.js";

/** The base of `--against standard`: the deal with the pack's standard terms laid over it. */
export function resolveStandardBase(_deal: Deal, _catalog: Catalog): Deal {
  // Replaced when the packs' standard terms land (standardDeal).
  throw new ClausewrightError([{ code: "OPTION_INVALID", severity: "error", message: "No standard terms yet" }]);
}
