import Big from "big.js";
import type { LocalText } from "../deal/primitives.js";
import { gdprTransfers } from "../deal/gdpr.js";
import { piplScope } from "../deal/pipl.js";
import { LIABILITY_CLAIMS, type Deal } from "../deal/schema.js";
import { termEnd } from "../text/dates.js";
import type { JurisdictionProfileData } from "../catalog/jurisdictions.js";
import { sumMoney } from "../text/money.js";

/** A fee line with its amount computed. Amounts are exact decimal strings. */
export interface ComputedFeeLine {
  readonly item: LocalText;
  readonly quantity: number;
  readonly unit?: LocalText;
  /** The unit price in the line's own currency (`currency`). */
  readonly unitPrice: string;
  /** The currency the line is priced in: its own, or `fees.currency`. */
  readonly currency: string;
  /** Quantity × unit price, in `fees.currency` (converted at the deal's rate for a line priced in another currency). */
  readonly amount: string;
  readonly period: "annual" | "monthly" | "oneTime";
  /**
   * What the line costs in the first year: a recurring line's amount per year (a monthly line
   * × 12), a one-time line's amount. The fee table prints this column so that its cells add
   * up to the first-year total printed under them.
   */
  readonly firstYearAmount: string;
}

/** One row of the service-credit table: availability in [from, to) earns `credit` percent. */
export interface CreditRow {
  readonly to: string;
  readonly from?: string;
  readonly credit: string;
}

/**
 * The monthly cap on scheduled maintenance, as the SLA states it: whole hours when it is whole
 * hours ("four (4) hours"), otherwise minutes ("43 minutes").
 */
export interface MaintenanceCap {
  /** False when the deal sets `sla.maintenance.maxHoursPerMonth: false` (no cap). */
  readonly capped: boolean;
  /** The cap in whole hours, when it is a whole number of hours (at least one). */
  readonly hours?: number;
  /** The cap in minutes, when it is not a whole number of hours. */
  readonly minutes?: number;
}

/**
 * The monthly cap on scheduled maintenance excluded from Downtime, in minutes; undefined when the
 * deal caps nothing (`maxHoursPerMonth: false`). A deal that leaves the cap out gets the Downtime
 * the availability target allows in a 30-day month, rounded down to whole minutes (43 at 99.9%):
 * maintenance then at most doubles the unavailability the target permits, so the default never
 * makes the target meaningless (rule SLA-MEANINGLESS).
 */
export function maintenanceCapMinutes(deal: Deal): Big | undefined {
  const max = deal.sla.maintenance.maxHoursPerMonth;
  if (max === false) return undefined;
  if (max === undefined) return allowedDowntimeMinutes(deal).round(0, Big.roundDown);
  return new Big(max).times(60);
}

/** Downtime the availability target allows in a 30-day month (43,200 minutes), in minutes. */
export function allowedDowntimeMinutes(deal: Deal): Big {
  return new Big(100).minus(deal.sla.availability).div(100).times(43200);
}

function maintenanceCap(deal: Deal): MaintenanceCap {
  const minutes = maintenanceCapMinutes(deal);
  if (minutes === undefined) return { capped: false };
  const wholeHours = minutes.gte(60) && minutes.mod(60).eq(0);
  return wholeHours ? { capped: true, hours: minutes.div(60).toNumber() } : { capped: true, minutes: minutes.toNumber() };
}

/** Values derived from the deal, available to templates under `computed`. */
export interface Computed {
  /** Last day of the initial term, YYYY-MM-DD. */
  readonly initialTermEnd: string;
  readonly fees: {
    readonly lines: readonly ComputedFeeLine[];
    /** Recurring fees for one year (monthly lines × 12). */
    readonly annualRecurring: string;
    readonly oneTime: string;
    readonly hasOneTime: boolean;
    /** Fees for the first year: recurring plus one-time. */
    readonly firstYear: string;
    /** All fees over the initial term. */
    readonly initialTermTotal: string;
    /** True when a line is charged per month (the table then says how its first-year amount is reached). */
    readonly hasMonthly: boolean;
    /**
     * The exchange rates the lines use: one per currency other than `fees.currency` that a line
     * is priced in, so the agreement states the rate it converted at (1 `from` = `rate` `to`).
     */
    readonly conversions: readonly { readonly from: string; readonly to: string; readonly rate: string }[];
  };
  readonly modules: {
    readonly base: Deal["services"]["modules"];
    readonly optional: Deal["services"]["modules"];
    readonly valueAdded: Deal["services"]["modules"];
  };
  readonly sla: {
    /** Downtime allowed in a 30-day month at the target, in minutes ("43.2"). */
    readonly downtimeMinutes: string;
    /** Credit tiers from the highest availability band down. */
    readonly credits: readonly CreditRow[];
    /** The monthly cap on scheduled maintenance excluded from Downtime (see {@link maintenanceCap}). */
    readonly maintenance: MaintenanceCap;
  };
  /** Which data-protection regimes apply, as flags, so a clause's `when` can test one regime. */
  readonly privacy: {
    /** EU GDPR or UK GDPR: either needs the Art. 28(3) processing terms. */
    readonly gdpr: boolean;
    readonly ukGdpr: boolean;
    readonly ccpa: boolean;
    readonly hipaa: boolean;
    /**
     * PIPL entrusted-processing terms: the deal lists PIPL, or the customer is registered in
     * mainland China (see {@link piplScope}).
     */
    readonly pipl: boolean;
    /**
     * The PIPL terms need their cross-border part (Arts. 38, 39, 55): the provider is registered
     * outside the mainland, the data is stored or a subprocessor sits outside it (or where is
     * unknown), staff abroad can reach it, or the deal has chosen a cross-border route.
     */
    readonly piplCrossBorder: boolean;
    /**
     * GDPR / UK GDPR: the Customer is itself a processor for its own clients (`privacy.customerRole`),
     * so the Provider is another processor it engages (Art. 28(4)).
     */
    readonly customerProcessor: boolean;
    /** Sub-processors need the Customer's specific prior authorisation (`privacy.subprocessorAuthorisation: specific`; SCC Clause 9 Option 1), not general written authorisation. */
    readonly specificAuthorisation: boolean;
    /**
     * The EU standard contractual clauses govern transfers from the Customer (data exporter) to the
     * Provider (data importer): the deal chose them, the Customer exports personal data subject to
     * the GDPR, and the Provider is outside the EEA without adequacy (see {@link gdprTransfers}).
     */
    readonly sccs: boolean;
    /** The SCC module those transfers use: "two" (controller to processor) or "three" (processor to processor). */
    readonly sccModule: "two" | "three";
    /** The UK Addendum to the SCCs governs transfers of personal data subject to the UK GDPR from the Customer to the Provider. */
    readonly ukAddendum: boolean;
    /**
     * HIPAA applies and the BAA names a covered entity other than the Customer (the Customer is its
     * business associate, or sponsors it as a group health plan), which the BAA makes an express
     * third-party beneficiary of its terms. Other clauses test it to carve that out of "no
     * third-party beneficiaries".
     */
    readonly coveredEntityBeneficiary: boolean;
  };
  /** Acceptance stages as flags, so the acceptance clause can give the trial run its own sub-clause. */
  readonly acceptance: {
    /** `implementation.acceptance.stages` has `trialRun`: a trial-run period of `trialRunDays`, between the stages around it. */
    readonly trialRun: boolean;
  };
  /** Which warranties apply beyond the standard ones. */
  readonly warranties: {
    /** The deal has implementation or customization work, so its deliverables carry a warranty period (`warranties.deliverablesDays`). */
    readonly deliverables: boolean;
  };
  /** Whether either party gives an indemnity, so the clause's `when` can test both sides at once. */
  readonly indemnification: { readonly any: boolean };
  /**
   * How each party's registration number is named: a mainland Chinese entity's is its unified
   * social credit code (统一社会信用代码), an English company's its company number, others' a
   * registration number. `country` is optional, so templates test these flags instead.
   */
  readonly parties: { readonly customer: PartyRegistration; readonly provider: PartyRegistration };
  /** Liability categories as the agreement states them. */
  readonly liability: ComputedLiability;
  /** Which law frames the boilerplate (see {@link ComputedLaw}). */
  readonly law: ComputedLaw;
  /** How taxes are dealt with (see {@link ComputedTax}). */
  readonly tax: ComputedTax;
  /** How the signed originals are shared out (一式X份，双方各执Y份). */
  readonly originals: {
    /**
     * The agreement states a number of originals: the governing law's profile gives them a
     * meaning (PRC), a party is a mainland company (it files and seals originals), or the deal
     * sets `agreement.originals` — a term the deal gives is never dropped.
     */
    readonly stated: boolean;
    /** How many: `agreement.originals`, else two (one for each party). */
    readonly count: number;
    /** Originals each party keeps. */
    readonly each: number;
    /** True when the count is odd: the one left over goes to the Customer. */
    readonly odd: boolean;
  };
  /**
   * Force majeure notice and evidence periods: the deal's, else the governing law's profile's
   * (the PRC profile keeps the customary 3 and 15 days); absent: notice promptly, evidence on request.
   */
  readonly forceMajeure: { readonly noticeDays?: number; readonly proofDays?: number };
  /** Which marketing laws the acceptable-use clause names (see {@link ComputedMarketing}). */
  readonly marketing: ComputedMarketing;
  /** The support clause's severity table: the deal's `sla.severities`, or the default when it lists none. */
  readonly support: { readonly severities: Deal["sla"]["severities"] };
  /**
   * The per-seat price additional Authorised Users are charged at: the first recurring fee line
   * whose quantity is `services.users.seats`; absent when no line counts the seats.
   */
  readonly seatPrice?: { readonly item: LocalText; readonly unitPrice: string; readonly currency: string; readonly unit?: LocalText };
  /** Payment in stages (fees.stages), with each stage's amount. */
  readonly payment: {
    /** True when the deal pays in stages other than a single payment in full on delivery. */
    readonly staged: boolean;
    /** True when the deal pays 100% in one stage on delivery. */
    readonly fullOnDelivery: boolean;
    /** The price the stages divide: all fees over the initial term. */
    readonly contractPrice: string;
    readonly stages: readonly PaymentStageRow[];
  };
}

/** A place whose electronic-marketing laws the acceptable-use clause names. */
export type MarketingLaw = "us" | "eu" | "uk" | "sg" | "cn";

/**
 * Marketing messages and the laws on them. The Service sends marketing messages when the deal
 * says so (`services.marketingMessages`) or, when it is silent, when a module's code or name says
 * marketing (营销). The laws named follow where the customer is, the data-protection regimes (which
 * say where the recipients are) and the governing law.
 */
export interface ComputedMarketing {
  /** The Service sends marketing messages for the customer: the marketing duties apply. */
  readonly messaging: boolean;
  /** United States: customer in the US, a US governing law, or CCPA / HIPAA data. */
  readonly us: boolean;
  /** EU / EEA: customer in an EEA state, or GDPR data (recipients in the EU). */
  readonly eu: boolean;
  /** United Kingdom: customer in the UK, UK GDPR data, or English law. */
  readonly uk: boolean;
  /** Singapore: customer in Singapore, or Singapore law. */
  readonly sg: boolean;
  /** Mainland China: the PIPL terms apply (customer in mainland China, or PIPL data), or PRC law. */
  readonly cn: boolean;
  /** The places above that apply, in this order. */
  readonly laws: readonly MarketingLaw[];
  /** Only mainland China: the clause names the PRC rules in one sentence, as a domestic contract does. */
  readonly cnOnly: boolean;
  /** A national do-not-call register applies (US, UK, Singapore). */
  readonly doNotCall: boolean;
}

/**
 * The legal frame of the agreement. A contract between two mainland parties under PRC law has no
 * foreign element: foreign sanctions undertakings, the CISG and conflict-of-laws exclusions mean
 * nothing there (and undertakings to follow foreign sanctions are risky under the Anti-Foreign
 * Sanctions Law), so the templates test `domestic` to leave them out.
 */
export interface ComputedLaw {
  /** PRC law governs. */
  readonly prc: boolean;
  /** PRC law governs and both parties are registered in mainland China. */
  readonly domestic: boolean;
  /**
   * Disputes go to a mainland forum (a mainland arbitration commission, or the courts under PRC
   * law), whose documents are served at the addresses the parties confirm (送达地址确认).
   */
  readonly prcForum: boolean;
}

/**
 * How the fee clause deals with tax. The three cases need different wording in both languages:
 * a mainland provider charges VAT and issues 发票; a provider outside the mainland paid by a
 * mainland customer issues no 发票 and the customer withholds (代扣代缴); otherwise sales, use and
 * similar taxes are allocated in the usual international way.
 */
export interface ComputedTax {
  /** The provider is in mainland China: VAT and 发票. */
  readonly prcVat: boolean;
  /** The customer is in mainland China and the provider is not: withholding, no 发票. */
  readonly withholding: boolean;
  /** Neither: sales, use, value-added and withholding taxes in general terms. */
  readonly general: boolean;
}

/** Which name a party's registration number goes by (see {@link Computed.parties}). */
export interface PartyRegistration {
  /** Registered in mainland China (country CN). */
  readonly cn: boolean;
  /** Registered in the United Kingdom (country GB). */
  readonly uk: boolean;
}

/** A claim category of the liability clause (`liability.uncapped`, `liability.superCap.claims`). */
export type LiabilityClaim = (typeof LIABILITY_CLAIMS)[number];

/**
 * The liability categories as the agreement states them, so each template
 * prints exactly the deal's categories and every language agrees.
 */
export interface ComputedLiability {
  /**
   * Uncapped claims in catalogue order. Under PRC law personal injury and
   * gross negligence are always here: Civil Code Art. 506 voids any cap on
   * them, so the text must not pretend to cap them whatever the deal says.
   */
  readonly uncapped: readonly LiabilityClaim[];
  /** Claims under the super-cap (none that are uncapped), with its multiple of the general cap; absent when the deal has none left. */
  readonly superCap?: { readonly claims: readonly LiabilityClaim[]; readonly multiplier: number };
  /**
   * True when breach of confidentiality sits above data claims (uncapped or
   * super-capped while data-protection or security-breach claims are lower).
   * Customer Data is Confidential Information, so without an express carve-out
   * every data breach would also be a confidentiality breach and escape its
   * own limit; the text then says data claims are not confidentiality claims.
   */
  readonly confidentialityExcludesData: boolean;
  /**
   * True when the data claims (data protection and security breach) both sit under the super-cap,
   * so a data breach carved out of confidentiality is limited by the super-cap; otherwise by the
   * general cap. The carve-out names the limit, so it never points to a limit the deal lacks.
   */
  readonly dataInSuperCap: boolean;
  /** PRC law governs (the same as `computed.law.prc`, kept here for the liability templates): the personal-injury and gross-negligence wording follows Civil Code Art. 506. */
  readonly prc: boolean;
}

/** One payment stage with its amount and the name of its milestone, when it has one. */
export interface PaymentStageRow {
  /** 1-based stage number. */
  readonly number: number;
  readonly percent: string;
  readonly trigger: "signing" | "delivery" | "acceptance" | "goLive";
  readonly milestone?: LocalText;
  readonly amount: string;
}

const strip = (b: Big): string => b.toFixed(2);

/**
 * What one unit of `currency` is worth in the agreement's currency (`fees.currency`): 1 for that
 * currency itself, the deal's stated rate (`fees.exchangeRates`) for another, undefined when the
 * deal states none. The fee schedule and the checks both price lines with it.
 */
export function exchangeRate(deal: Deal, currency: string | undefined): Big | undefined {
  if (currency === undefined || currency === deal.fees.currency) return new Big(1);
  const r = deal.fees.exchangeRates.find((x) => x.from === currency);
  return r ? new Big(r.rate) : undefined;
}

/** Computes totals, dates and tables from a validated deal. Exact decimals throughout. */
/** What {@link computeValues} reads of the governing law's profile. */
export type ComputeProfile = Pick<JurisdictionProfileData, "originals" | "forceMajeure">;

/** Without a profile (tests, tools): no stated originals unless a party needs them, notice "promptly". */
const NO_PROFILE: ComputeProfile = { originals: false, forceMajeure: { unforeseeable: false } };

export function computeValues(deal: Deal, profile: ComputeProfile = NO_PROFILE): Computed {
  const base = deal.fees.currency;
  // A line without a rate is check F1's error; it counts at par here so a forced draft still adds up.
  const rateOf = (currency: string): Big => exchangeRate(deal, currency) ?? new Big(1);
  const lines: ComputedFeeLine[] = deal.fees.lines.map((l) => {
    const currency = l.currency ?? base;
    const amount = new Big(l.unitPrice).times(l.quantity).times(rateOf(currency)).round(2, Big.roundHalfUp);
    return {
      item: l.item,
      quantity: l.quantity,
      ...(l.unit !== undefined ? { unit: l.unit } : {}),
      unitPrice: l.unitPrice,
      currency,
      amount: strip(amount),
      period: l.period,
      firstYearAmount: strip(amount.times(l.period === "monthly" ? 12 : 1)),
    };
  });
  // The rates the lines use, as the deal writes them.
  const conversions = deal.fees.exchangeRates.filter((r) => r.from !== base && lines.some((l) => l.currency === r.from)).map((r) => ({ from: r.from, to: base, rate: r.rate }));
  const annualRecurring = sumMoney(lines.map((l) => (l.period === "annual" ? new Big(l.amount) : l.period === "monthly" ? new Big(l.amount).times(12) : new Big(0))));
  const oneTime = sumMoney(lines.filter((l) => l.period === "oneTime").map((l) => l.amount));
  const termTotal = annualRecurring.times(deal.agreement.initialTermMonths).div(12).round(2, Big.roundHalfUp).plus(oneTime);
  const tiers = [...deal.sla.credits].sort((a, b) => new Big(b.below).cmp(a.below));
  const credits: CreditRow[] = tiers.map((t, i) => {
    const next = tiers[i + 1];
    return { to: t.below, ...(next ? { from: next.below } : {}), credit: t.credit };
  });
  const downtime = allowedDowntimeMinutes(deal);
  const law = lawFrame(deal);
  return {
    initialTermEnd: termEnd(deal.agreement.effectiveDate, deal.agreement.initialTermMonths),
    fees: {
      lines,
      annualRecurring: strip(annualRecurring),
      oneTime: strip(oneTime),
      hasOneTime: oneTime.gt(0),
      firstYear: strip(annualRecurring.plus(oneTime)),
      initialTermTotal: strip(termTotal),
      hasMonthly: lines.some((l) => l.period === "monthly"),
      conversions,
    },
    modules: {
      base: deal.services.modules.filter((m) => m.tier === "base"),
      optional: deal.services.modules.filter((m) => m.tier === "optional"),
      valueAdded: deal.services.modules.filter((m) => m.tier === "valueAdded"),
    },
    sla: { downtimeMinutes: downtime.round(2).toString(), credits, maintenance: maintenanceCap(deal) },
    privacy: privacyFlags(deal),
    acceptance: { trialRun: deal.implementation?.acceptance?.stages.includes("trialRun") ?? false },
    warranties: { deliverables: deal.implementation !== undefined || deal.customization !== undefined },
    indemnification: { any: deal.indemnification.provider || deal.indemnification.customer },
    payment: paymentStages(deal, strip(termTotal)),
    marketing: marketingLaws(deal),
    support: { severities: deal.sla.severities.length > 0 ? deal.sla.severities : DEFAULT_SEVERITIES },
    ...seatPrice(deal, lines),
    liability: liabilityCategories(deal, law.prc),
    parties: {
      customer: { cn: deal.customer.country === "CN", uk: deal.customer.country === "GB" },
      provider: { cn: deal.provider.country === "CN", uk: deal.provider.country === "GB" },
    },
    law,
    tax: taxFrame(deal),
    originals: originalsOf(deal, profile),
    forceMajeure: {
      ...optional("noticeDays", deal.forceMajeure.noticeDays ?? profile.forceMajeure.noticeDays),
      ...optional("proofDays", deal.forceMajeure.proofDays ?? profile.forceMajeure.proofDays),
    },
  };
}

const optional = <K extends string>(key: K, value: number | undefined): { [P in K]?: number } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: number }));

function originalsOf(deal: Deal, profile: ComputeProfile): Computed["originals"] {
  const count = deal.agreement.originals ?? 2;
  const stated = deal.agreement.originals !== undefined || profile.originals || deal.customer.country === "CN" || deal.provider.country === "CN";
  return { stated, count, each: Math.floor(count / 2), odd: count % 2 === 1 };
}

/**
 * The severity table of a deal that lists none: response within 1, 4, 8 and 24 hours, and
 * restoration or a workaround within 8, 24 and 72 hours for the first three levels.
 */
const DEFAULT_SEVERITIES: Deal["sla"]["severities"] = [
  { level: "P1", responseHours: 1, resolutionHours: 8 },
  { level: "P2", responseHours: 4, resolutionHours: 24 },
  { level: "P3", responseHours: 8, resolutionHours: 72 },
  { level: "P4", responseHours: 24 },
];

/** EU member states and the other EEA states, where the ePrivacy Directive applies (ISO 3166-1). */
const EEA: ReadonlySet<string> = new Set([
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
  "IS",
  "LI",
  "NO",
]);

function marketingLaws(deal: Deal): ComputedMarketing {
  const implied = deal.services.modules.some((m) => {
    const name = typeof m.name === "string" ? m.name : `${m.name.en ?? ""} ${m.name.zh ?? ""}`;
    return /marketing|campaign|营销/i.test(`${m.code} ${name}`);
  });
  const regimes = new Set(deal.privacy?.regimes ?? []);
  const country = deal.customer.country;
  const law = deal.law.governingLaw;
  const flags = {
    us: country === "US" || law === "delaware" || law === "new-york" || law === "california" || regimes.has("CCPA") || regimes.has("HIPAA"),
    eu: (country !== undefined && EEA.has(country)) || regimes.has("GDPR"),
    uk: country === "GB" || regimes.has("UK_GDPR") || law === "england-wales",
    sg: country === "SG" || law === "singapore",
    cn: piplScope(deal).applies || law === "prc",
  };
  const laws = (["us", "eu", "uk", "sg", "cn"] as const).filter((k) => flags[k]);
  return {
    messaging: deal.services.marketingMessages ?? implied,
    ...flags,
    laws,
    cnOnly: laws.length === 1 && flags.cn,
    doNotCall: flags.us || flags.uk || flags.sg,
  };
}

function seatPrice(deal: Deal, lines: readonly ComputedFeeLine[]): Pick<Computed, "seatPrice"> {
  const line = lines.find((l) => l.period !== "oneTime" && l.quantity === deal.services.users.seats);
  if (!line) return {};
  return { seatPrice: { item: line.item, unitPrice: line.unitPrice, currency: line.currency, ...(line.unit !== undefined ? { unit: line.unit } : {}) } };
}

/** Arbitration commissions seated in mainland China, whose awards and documents PRC courts deal with. */
const MAINLAND_INSTITUTIONS: ReadonlySet<string> = new Set(["CIETAC", "SHIAC"]);

function lawFrame(deal: Deal): ComputedLaw {
  const prc = deal.law.governingLaw === "prc";
  const forum = deal.law.forum;
  const prcForum = forum.type === "arbitration" ? typeof forum.institution === "string" && MAINLAND_INSTITUTIONS.has(forum.institution) : prc;
  return { prc, domestic: prc && deal.customer.country === "CN" && deal.provider.country === "CN", prcForum };
}

function taxFrame(deal: Deal): ComputedTax {
  const prcVat = deal.provider.country === "CN";
  const withholding = !prcVat && deal.customer.country === "CN";
  return { prcVat, withholding, general: !prcVat && !withholding };
}

/** Non-excludable under PRC law (Civil Code Art. 506). */
const PRC_UNCAPPED: readonly LiabilityClaim[] = ["personalInjury", "grossNegligence"];

function liabilityCategories(deal: Deal, prc: boolean): ComputedLiability {
  const uncappedSet = new Set<LiabilityClaim>([...deal.liability.uncapped, ...(prc ? PRC_UNCAPPED : [])]);
  // Catalogue order, so the list reads the same whatever order the deal gives.
  const uncapped = LIABILITY_CLAIMS.filter((c) => uncappedSet.has(c));
  const superClaims = LIABILITY_CLAIMS.filter((c) => (deal.liability.superCap?.claims.includes(c) ?? false) && !uncappedSet.has(c));
  const tier = (c: LiabilityClaim): number => (uncappedSet.has(c) ? 2 : superClaims.includes(c) ? 1 : 0);
  const dataTier = Math.min(tier("dataProtection"), tier("securityBreach"));
  return {
    uncapped,
    ...(deal.liability.superCap && superClaims.length > 0 ? { superCap: { claims: superClaims, multiplier: deal.liability.superCap.multiplier } } : {}),
    confidentialityExcludesData: tier("confidentiality") > dataTier,
    dataInSuperCap: dataTier === 1,
    prc,
  };
}

function privacyFlags(deal: Deal): Computed["privacy"] {
  const regimes = new Set(deal.privacy?.regimes ?? []);
  const pipl = piplScope(deal);
  const transfers = gdprTransfers(deal);
  const hipaa = deal.privacy?.hipaa;
  return {
    gdpr: regimes.has("GDPR") || regimes.has("UK_GDPR"),
    ukGdpr: regimes.has("UK_GDPR"),
    ccpa: regimes.has("CCPA"),
    hipaa: regimes.has("HIPAA"),
    pipl: pipl.applies,
    piplCrossBorder: pipl.applies && (pipl.outbound.length > 0 || deal.privacy?.pipl?.crossBorderRoute !== undefined),
    customerProcessor: deal.privacy?.customerRole === "processor",
    specificAuthorisation: deal.privacy?.subprocessorAuthorisation === "specific",
    sccs: transfers.sccs,
    sccModule: transfers.module,
    ukAddendum: transfers.ukAddendum,
    coveredEntityBeneficiary: regimes.has("HIPAA") && hipaa !== undefined && hipaa.customerRole !== "coveredEntity" && hipaa.coveredEntity !== undefined,
  };
}

function paymentStages(deal: Deal, contractPrice: string): Computed["payment"] {
  const stages = deal.fees.stages ?? [];
  const milestones = deal.implementation?.milestones ?? [];
  const rows: PaymentStageRow[] = stages.map((s, i) => {
    const m = s.milestone === undefined ? undefined : milestones.find((x) => x.id === s.milestone);
    return {
      number: i + 1,
      percent: s.percent,
      trigger: s.trigger,
      ...(m ? { milestone: m.name } : {}),
      amount: strip(new Big(contractPrice).times(s.percent).div(100).round(2, Big.roundHalfUp)),
    };
  });
  const only = stages.length === 1 ? stages[0] : undefined;
  const fullOnDelivery = only !== undefined && only.trigger === "delivery" && new Big(only.percent).eq(100);
  return { staged: stages.length > 0 && !fullOnDelivery, fullOnDelivery, contractPrice, stages: rows };
}
