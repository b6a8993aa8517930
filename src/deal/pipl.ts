import { dataLocations } from "../check/util.js";
import type { Deal } from "./schema.js";

/** Why personal information under the PIPL may leave mainland China, one entry per reason (the deal path and a short description). */
export interface PiplOutbound {
  readonly path: readonly (string | number)[];
  readonly what: string;
}

/**
 * When the PIPL applies and whether its cross-border terms are needed. One source for the
 * clause selection (computed.privacy), the checks (D4…, E1-pipl, D5, ROLE-*) and the tests, so
 * what the agreement contains and what the checks assume cannot drift apart.
 */
export interface PiplScope {
  /** The entrusted-processing terms of PIPL Art. 21 belong in the agreement. */
  readonly applies: boolean;
  /**
   * The PIPL applies only because the customer is registered in mainland China (`customer.country: CN`),
   * not because the deal lists it: a mainland customer that puts personal information into a CRM entrusts
   * its processing to the provider (PIPL Art. 21) whether or not the deal sheet says so.
   */
  readonly byDefault: boolean;
  /** Ways the personal information may leave mainland China (empty when none is known). */
  readonly outbound: readonly PiplOutbound[];
}

/** See {@link PiplScope}. */
export function piplScope(deal: Deal): PiplScope {
  const listed = (deal.privacy?.regimes ?? []).includes("PIPL");
  const applies = listed || deal.customer.country === "CN";
  const outbound: PiplOutbound[] = [];
  if (applies) {
    // A provider registered outside the mainland receives the information abroad in law even when its servers are in China.
    if (deal.provider.country !== undefined && deal.provider.country !== "CN") outbound.push({ path: ["provider", "country"], what: `provider registered outside mainland China (${deal.provider.country})` });
    // A location no place is recognised in counts as outside: being inside is what makes the deal safe.
    for (const l of dataLocations(deal)) if (l.places === undefined || [...l.places].some((c) => c !== "CN")) outbound.push({ path: l.path, what: l.text });
    if (deal.privacy?.pipl?.remoteAccessFromAbroad) outbound.push({ path: ["privacy", "pipl", "remoteAccessFromAbroad"], what: "remote access from abroad" });
  }
  return { applies, byDefault: applies && !listed, outbound };
}
