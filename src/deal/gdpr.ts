import { dataLocations, isEea, isGdprSafe } from "../check/util.js";
import type { Deal } from "./schema.js";

/**
 * Who exports personal data under the GDPR / UK GDPR to whom, and so which transfer terms the
 * data processing terms contain. One source for the clause (computed.privacy), the checks
 * (D1-transfer, D1-eu-link, D1-scc-exporter, D1-scc-authority, D5-mechanism) and the tests.
 *
 * A transfer (GDPR Chapter V) needs an exporter subject to the GDPR — here the customer, because
 * it is established in the EEA (or, for the UK GDPR, the UK), or because it targets or monitors
 * individuals there (Art. 3(2), `privacy.euDataInScope` / `ukDataInScope`) — and an importer in a
 * third country without adequacy: the provider, judged by `provider.country`, or, when the deal
 * does not give it, by where the data is stored and processed. Two companies outside the EEA have
 * no transfer between them unless the deal says EU data is in scope.
 */
export interface GdprTransfers {
  /** The EU GDPR is listed. */
  readonly eu: boolean;
  /** The UK GDPR is listed. */
  readonly uk: boolean;
  /** What ties the deal to the EEA (deal paths), empty when nothing does. */
  readonly euLinks: readonly string[];
  /** What ties the deal to the UK (deal paths), empty when nothing does. */
  readonly ukLinks: readonly string[];
  /** The customer exports personal data subject to the EU GDPR (established in the EEA, EU data in scope, or its country not given). */
  readonly euExporter: boolean;
  /** The customer exports personal data subject to the UK GDPR (established in the UK, UK data in scope, or its country not given). */
  readonly ukExporter: boolean;
  /** The provider receives the data in a country outside the EEA and the UK without an adequacy decision. */
  readonly importerOutside: boolean;
  /** The EU SCCs govern transfers from the customer to the provider (the deal chose `sccs`). */
  readonly sccs: boolean;
  /** The UK Addendum governs transfers of UK personal data from the customer to the provider (`sccs` or `ukAddendum`). */
  readonly ukAddendum: boolean;
  /** The SCC module: two (controller to processor) or three (processor to processor, when the customer is itself a processor). */
  readonly module: "two" | "three";
}

/** See {@link GdprTransfers}. */
export function gdprTransfers(deal: Deal): GdprTransfers {
  const privacy = deal.privacy;
  const regimes = privacy?.regimes ?? [];
  const eu = regimes.includes("GDPR");
  const uk = regimes.includes("UK_GDPR");
  const locations = dataLocations(deal);
  const linksTo = (inside: (code: string) => boolean, flag: boolean | undefined, flagPath: string): string[] => {
    const out: string[] = [];
    if (deal.customer.country !== undefined && inside(deal.customer.country)) out.push("customer.country");
    if (deal.provider.country !== undefined && inside(deal.provider.country)) out.push("provider.country");
    for (const l of locations) if (l.places !== undefined && [...l.places].some(inside)) out.push(l.path.join("."));
    if (flag === true) out.push(flagPath);
    return out;
  };
  const customer = deal.customer.country;
  const euExporter = eu && (customer === undefined || isEea(customer) || privacy?.euDataInScope === true);
  const ukExporter = uk && (customer === undefined || customer === "GB" || privacy?.ukDataInScope === true);
  const provider = deal.provider.country;
  // The provider's country decides; without it, where the data is held (a place not recognised counts as outside).
  const importerOutside = provider !== undefined ? !isGdprSafe(provider) : locations.some((l) => l.places === undefined || [...l.places].some((c) => !isGdprSafe(c)));
  const type = privacy?.transferMechanism?.type;
  return {
    eu,
    uk,
    euLinks: eu ? linksTo(isEea, privacy?.euDataInScope, "privacy.euDataInScope") : [],
    ukLinks: uk ? linksTo((c) => c === "GB", privacy?.ukDataInScope, "privacy.ukDataInScope") : [],
    euExporter,
    ukExporter,
    importerOutside,
    sccs: euExporter && importerOutside && type === "sccs",
    ukAddendum: ukExporter && importerOutside && (type === "sccs" || type === "ukAddendum"),
    module: privacy?.customerRole === "processor" ? "three" : "two",
  };
}
