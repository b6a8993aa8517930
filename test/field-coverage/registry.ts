import type { Deal } from "../../src/deal/schema.js";
import type { Lang } from "../../src/model/types.js";

/** The languages examples/draft-all.mjs drafts each example deal in (default English). */
export const EXAMPLE_LANGS: Readonly<Record<string, readonly Lang[]>> = {
  "cn-crm-standard": ["zh"],
  "prc-domestic-cietac": ["zh"],
  "bilingual-crm": ["en", "zh"],
  "shanghai-singapore-shiac": ["en", "zh"],
};

/** Why a field changes no text, and (optionally) in which deals only. */
export interface RegistryEntry {
  readonly reason: string;
  /** The deals (and languages) where the field legitimately changes no text; absent: it never does. */
  readonly when?: (deal: Deal, lang: Lang) => boolean;
}

/**
 * Deal fields that legitimately change no text of the agreement, with the
 * reason. Reviewed: every entry is a decision that the field is not a term of
 * the agreement (the checks read it, or it only selects what another field
 * says), never a way to silence a dropped term.
 */
export const FIELD_REGISTRY: Readonly<Record<string, RegistryEntry>> = {
  "services.modules[].code": {
    reason: "An identifier: fee lines name the module they pay for by its code (checked: DEAL_UNKNOWN_MODULE). The agreement names a module by its name.",
  },
  "fees.lines[].module": {
    reason: "Links a fee line to a module for the checks (DEAL_UNKNOWN_MODULE, fee/module rules); the line's own item text is what the fee table prints.",
  },
  "implementation.milestones[].id": {
    reason: "An identifier: payment stages name their milestone by id (fees.stages[].milestone). The agreement prints the milestone's name.",
  },
  "customer.country": {
    reason: "Read by the checks (R2: two mainland-China parties cannot choose a foreign law; PIPL rules). Where a party is incorporated is stated by its description.",
  },
  "provider.country": {
    reason: "Read by the checks (R2: two mainland-China parties cannot choose a foreign law; PIPL rules). Where a party is incorporated is stated by its description.",
  },
  "privacy.pipl.remoteAccessFromAbroad": {
    reason: "Read by the checks: remote access from abroad is an outbound transfer, so PIPL needs a cross-border route (rule D-PIPL route). The clause states the route chosen.",
  },
  "privacy.pipl.ciio": {
    reason: "Read by the checks: a critical information infrastructure operator needs a security assessment and local storage. The clause states the route and storage chosen.",
  },
  "privacy.pipl.outboundIndividuals": {
    reason: "Read by the checks: the number of individuals decides which cross-border route the CAC rules require. The clause states the route chosen.",
  },
  "privacy.pipl.sensitive": {
    reason: "Read by the checks: sensitive personal information changes which cross-border route is lawful. The clause states the route chosen.",
  },
  "implementation.acceptance.trialRunDays": {
    reason: "The length of the trial run (试运行) is a term only when the acceptance stages include a trial run; otherwise the acceptance clause has no trial run to time.",
    when: (deal) => !(deal.implementation?.acceptance?.stages.includes("trialRun") ?? false),
  },
  "privacy.subprocessorNoticeDays": {
    reason:
      "The notice period for a new sub-processor is a term of the GDPR data-processing terms (and the HIPAA subcontracting terms that refer to it); a deal under the CCPA alone has no sub-processor approval to give notice for.",
    when: (deal) => !(deal.privacy?.regimes ?? []).some((r) => r === "GDPR" || r === "UK_GDPR" || r === "HIPAA"),
  },
  "security.commitment": {
    reason:
      "Choosing `certifications` with no certifications listed is check SEC1's error; a forced draft then falls back to the industry-standard wording, the same text as `commerciallyReasonable`.",
    when: (deal) => deal.security.certifications.length === 0,
  },
  "termination.earlyTerminationFees": {
    reason: "What ending early for convenience costs only matters when the customer may end for convenience (options.terminationForConvenience); otherwise the agreement has no early exit to price.",
    when: (deal) => deal.options.terminationForConvenience === false,
  },
  "warranties.deliverablesDays": {
    reason: "The warranty period for deliverables is a term only when the deal has implementation or customization work; without it there are no deliverables to warrant.",
    when: (deal) => deal.implementation === undefined && deal.customization === undefined,
  },
  "termination.changeOfControlWindowDays": {
    reason: "The window for terminating on the provider's change of control is a term only when the deal gives that right (termination.changeOfControl is not none).",
    when: (deal) => deal.termination.changeOfControl === "none",
  },
  "fees.latePaymentInterestPerMonth": {
    reason: "Where the deal sets liquidated damages for late payment (breach.latePayment), they apply instead of interest and the fee schedule says so; the interest rate is then not a term.",
    when: (deal) => deal.breach?.latePayment !== undefined,
  },
  "fees.schedule": {
    reason: "Where the fees are paid in stages or in full on delivery (fees.stages), invoicing follows the stages and not a period in advance, and the fee schedule says so.",
    when: (deal) => (deal.fees.stages?.length ?? 0) > 0,
  },
  "agreement.renewal.renewalTermMonths": {
    reason: "Only an agreement that renews automatically has renewal terms; without auto-renewal the term clause says the agreement ends with the initial term.",
    when: (deal) => !deal.agreement.renewal.autoRenew,
  },
  "support.startHour": {
    reason: "Support Hours are a term only when the support desk works business hours; with support.hours 24x7 every severity is handled around the clock.",
    when: (deal) => deal.support.hours === "24x7",
  },
  "support.endHour": {
    reason: "Support Hours are a term only when the support desk works business hours; with support.hours 24x7 every severity is handled around the clock.",
    when: (deal) => deal.support.hours === "24x7",
  },
  "support.timeZone": {
    reason: "The time zone of Support Hours is a term only when the support desk works business hours; with support.hours 24x7 there are no hours to place.",
    when: (deal) => deal.support.hours === "24x7",
  },
  "betaFeatures.free": {
    reason: "Whether beta features are free only matters when the provider may offer them (betaFeatures.offered); otherwise the agreement has no beta-features clause.",
    when: (deal) => !deal.betaFeatures.offered,
  },
  "agreement.renewal.nonRenewalNoticeDays": {
    reason: "Only an agreement that renews automatically needs a notice of non-renewal; without auto-renewal the term clause says the agreement ends with the initial term.",
    when: (deal) => !deal.agreement.renewal.autoRenew,
  },
};

/**
 * Where `computed.*` values come from: a clause that reads one of them shows
 * the deal fields listed (so a change to a fee line that shows in a clause
 * reading `computed.fees` shows where it belongs). Keep in step with
 * src/assemble/compute.ts.
 */
export const DERIVED: Readonly<Record<string, readonly string[]>> = {
  "computed.initialTermEnd": ["agreement.effectiveDate", "agreement.initialTermMonths"],
  "computed.fees": ["fees", "agreement.initialTermMonths"],
  "computed.modules": ["services.modules"],
  "computed.sla": ["sla.availability", "sla.credits"],
  "computed.privacy": [
    "privacy.regimes",
    "customer.country",
    "provider.country",
    "privacy.pipl",
    "privacy.subprocessors",
    "data.storageLocation",
    // The GDPR transfer terms (src/deal/gdpr.ts) and the HIPAA covered entity.
    "privacy.customerRole",
    "privacy.subprocessorAuthorisation",
    "privacy.euDataInScope",
    "privacy.ukDataInScope",
    "privacy.transferMechanism",
    "privacy.hipaa",
  ],
  "computed.acceptance": ["implementation.acceptance.stages"],
  "computed.indemnification": ["indemnification"],
  "computed.warranties": ["implementation", "customization"],
  "computed.payment": ["fees", "implementation.milestones", "agreement.initialTermMonths"],
  "computed.marketing": ["services.marketingMessages", "services.modules", "customer.country", "privacy.regimes", "privacy.pipl", "law.governingLaw"],
  "computed.support": ["sla.severities"],
  "computed.seatPrice": ["fees.lines", "services.users.seats"],
};
