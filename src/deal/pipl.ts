import { dataLocations } from "../check/util.js";
import type { Deal } from "./schema.js";

/** Why personal information under the PIPL may leave mainland China, one entry per reason (the deal path and a short description). */
export interface PiplOutbound {
  readonly path: readonly (string | number)[];
  readonly what: { readonly en: string; readonly zh: string };
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
    if (deal.provider.country !== undefined && deal.provider.country !== "CN")
      outbound.push({
        path: ["provider", "country"],
        what: { en: `the provider is registered outside mainland China (${deal.provider.country})`, zh: `乙方在中国大陆境外注册（${deal.provider.country}）` },
      });
    // A location no place is recognised in counts as outside: being inside is what makes the deal safe.
    for (const l of dataLocations(deal)) if (l.places === undefined || [...l.places].some((c) => c !== "CN")) outbound.push({ path: l.path, what: { en: l.text, zh: l.text } });
    if (deal.privacy?.pipl?.remoteAccessFromAbroad) outbound.push({ path: ["privacy", "pipl", "remoteAccessFromAbroad"], what: { en: "remote access from abroad", zh: "从境外远程访问" } });
  }
  return { applies, byDefault: applies && !listed, outbound };
}

/**
 * The data-protection regimes whose built-in terms the agreement contains: the deal's
 * `privacy.regimes`, plus PIPL when it applies by default (see {@link PiplScope.byDefault}).
 * The checks judge this list, so they see the regimes the agreement actually carries.
 */
export function appliedRegimes(deal: Deal): readonly NonNullable<Deal["privacy"]>["regimes"][number][] {
  const listed = deal.privacy?.regimes ?? [];
  return piplScope(deal).byDefault ? [...listed, "PIPL"] : listed;
}
