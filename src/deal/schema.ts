import Big from "big.js";
import { z } from "zod";
import {
  MAX_CHOICES,
  MAX_CODE_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_FAILED_ROUNDS,
  MAX_FEE_LINES,
  MAX_HOURS,
  MAX_INDIVIDUALS,
  MAX_LIST_ITEMS,
  MAX_MILESTONES,
  MAX_MODULES,
  MAX_MULTIPLIER,
  MAX_ORIGINALS,
  MAX_QUANTITY,
  MAX_RATE_LENGTH,
  MAX_SEATS,
  MAX_SUBPROCESSORS,
  MAX_TRAINING_SESSIONS,
  MAX_YEARS,
} from "./limits.js";
import { calendarDate, codeRef, currencyCode, days, localTextOf, moneyAmount, months, percent, positiveDays, positiveInt, textOf, wholeHours } from "./primitives.js";

// Each field's kind of text and each list's and number's limit: src/deal/limits.ts says why.
const label = textOf("label");
const name = textOf("name");
const localName = localTextOf("name");
const localLabel = localTextOf("label");
const localAddress = localTextOf("address");
const localDescription = localTextOf("description");
const code = (what: string) =>
  z
    .string()
    .max(MAX_CODE_LENGTH)
    .regex(/^[a-z0-9][a-z0-9-]*$/, { message: `${what} must be lower-case letters, digits and hyphens` });
/** True when `n` has no more than `places` decimals as written (0.1 + 0.2 has seventeen). */
const hasDecimals = (n: number, places: number): boolean =>
  new Big(n)
    .times(10 ** places)
    .mod(1)
    .eq(0);
/**
 * A positive number of hours, at most {@link MAX_HOURS}, that may have a fraction of whole minutes
 * (0.5 is thirty minutes): an agreement never promises "1e-7 hours".
 */
const hours = z
  .number()
  .positive()
  .max(MAX_HOURS)
  .refine((h) => new Big(h).times(60).mod(1).eq(0), { message: "Give the hours as a whole number of minutes (0.25 for fifteen minutes)" });
/** A multiplier of a cap: positive, at most {@link MAX_MULTIPLIER}, with at most two decimals (1.5 times the fees, not 0.30000000000000004). */
const multiplier = z
  .number()
  .positive()
  .max(MAX_MULTIPLIER)
  .refine((m) => hasDecimals(m, 2), { message: "Give the multiplier with at most two decimals, such as 1.5" });

/** Governing-law jurisdictions the built-in catalogue can name. */
export const JURISDICTIONS = ["delaware", "new-york", "california", "england-wales", "ireland", "singapore", "hong-kong", "prc"] as const;

/** Arbitration institutions the built-in catalogue knows by full name. */
export const ARBITRATION_INSTITUTIONS = ["CIETAC", "SHIAC", "HKIAC", "SIAC", "ICC", "AAA-ICDR", "LCIA"] as const;

const contact = z.strictObject({
  name,
  title: name.optional(),
  // The message only for a malformed address: a too-long one keeps the message naming the limit.
  email: z.email({ error: (issue) => (issue.code === "invalid_format" ? "Must be an email address" : undefined) }).max(MAX_EMAIL_LENGTH),
  phone: label.optional(),
});

const signatory = z.strictObject({
  name,
  title: name,
});

const party = z.strictObject({
  /** Registered legal name; `{ en, zh }` when the party has a name in each language. */
  legalName: localName,
  /** Where the party is registered, e.g. "a Delaware corporation". */
  description: localDescription.optional(),
  registeredAddress: localAddress,
  /** Company registration number; for a PRC entity the 统一社会信用代码. */
  registrationNumber: label.optional(),
  /** Legal representative (法定代表人), for PRC entities. */
  legalRepresentative: name.optional(),
  /**
   * Country of registration, ISO 3166-1 alpha-2 ("US", "DE", "CN"). "CN" means mainland China;
   * Hong Kong, Macau and Taiwan have their own codes (HK, MO, TW). Used by the checks: a contract
   * between two CN parties has no foreign element, so it cannot choose a foreign law (rule R2).
   */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: "Country must be an ISO 3166-1 alpha-2 code such as US, DE or CN" })
    .optional(),
  contact,
  signatory,
});

const module_ = z.strictObject({
  code: code("Module code"),
  name: localName,
  tier: z.enum(["base", "optional", "valueAdded"]),
  description: localDescription.optional(),
});

const feeLine = z.strictObject({
  item: localName,
  /** Module code this line pays for, when it is a module fee. */
  module: codeRef.optional(),
  quantity: positiveInt(MAX_QUANTITY).default(1),
  unit: localLabel.optional(),
  unitPrice: moneyAmount,
  /** Currency of this line when it differs from `fees.currency` (then `fees.exchangeRates` must state the rate). */
  currency: currencyCode.optional(),
  /** Recurring or one-time. */
  period: z.enum(["annual", "monthly", "oneTime"]).default("annual"),
});

const creditTier = z.strictObject({
  /** Credit applies when monthly availability is below this percentage. */
  below: percent,
  /** Credit as a percentage of the monthly fee for the affected service. */
  credit: percent,
});

/**
 * Hours of scheduled maintenance in a calendar month: a whole number of minutes (0.5 is thirty
 * minutes), at most a 31-day month.
 */
const maintenanceHours = z
  .number()
  .positive()
  .max(744, { message: "A calendar month has at most 744 hours" })
  .refine((h) => new Big(h).times(60).mod(1).eq(0), { message: "Give the hours as a whole number of minutes (0.5 for thirty minutes)" });

/**
 * Scheduled maintenance that the SLA excludes from Downtime: only up to a monthly cap, with advance
 * notice, and in the agreed window; maintenance beyond the cap or without the notice is Downtime.
 */
const slaMaintenance = z.strictObject({
  /**
   * Cap on scheduled maintenance excluded from Downtime in a calendar month, in hours (0.5 = thirty
   * minutes). Left out: the Downtime the availability target allows in a 30-day month, rounded down
   * to whole minutes (43 minutes at 99.9%), so maintenance can never hollow out the target.
   * `false`: no cap (rule SLA-MEANINGLESS warns, as it does for a cap above the Downtime allowed).
   */
  maxHoursPerMonth: z.union([maintenanceHours, z.literal(false)]).optional(),
  /** Business days of written notice before planned maintenance. */
  noticeBusinessDays: positiveDays.default(5),
  /** Hours of written notice before urgent maintenance (a security fix, an imminent failure). */
  emergencyNoticeHours: wholeHours.default(48),
  /** The agreed maintenance window, e.g. "Saturdays 22:00 to Sundays 04:00 (CET)"; maintenance outside it is Downtime. Left out: outside the customer's business hours, at a time of low use. */
  window: localDescription.optional(),
});

const courts = z.strictObject({
  type: z.literal("courts"),
  /** The courts, e.g. "the state and federal courts located in Wilmington, Delaware"; for the PRC a connected place's people's court. */
  courts: localDescription,
  exclusive: z.boolean().default(true),
});

const arbitration = z.strictObject({
  type: z.literal("arbitration"),
  /** A known institution's code, or `{ name }` with the institution's full legal name. */
  institution: z.union([z.enum(ARBITRATION_INSTITUTIONS), z.strictObject({ name: localName })]),
  seat: localDescription,
  arbitrators: z.union([z.literal(1), z.literal(3)]).default(3),
  language: z.enum(["en", "zh"]).default("en"),
});

const generalCap = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("multipleOfFees"), multiplier: multiplier.default(1), lookbackMonths: months.default(12) }),
  z.strictObject({ type: z.literal("fixed"), amount: moneyAmount }),
  z.strictObject({
    type: z.literal("greaterOf"),
    amount: moneyAmount,
    multiplier: multiplier.default(1),
    lookbackMonths: months.default(12),
  }),
]);

const severityLevel = z.strictObject({
  /** "P1" … "P4". */
  level: z.enum(["P1", "P2", "P3", "P4"]),
  description: localDescription.optional(),
  responseHours: hours,
  resolutionHours: hours.optional(),
});

const milestone = z.strictObject({
  /** Stable id that payment stages refer to, e.g. "go-live". */
  id: code("Milestone id"),
  name: localName,
  deliverables: z.array(localDescription).max(MAX_LIST_ITEMS).default([]),
  dueDate: calendarDate,
  /** What the customer checks at acceptance (验收标准). */
  acceptanceCriteria: localDescription.optional(),
});

const paymentStage = z.strictObject({
  /** Share of the total contract price, in percent. */
  percent,
  /** What makes the stage payable. */
  trigger: z.enum(["signing", "delivery", "acceptance", "goLive"]),
  /** Milestone id, for delivery- and acceptance-triggered stages. */
  milestone: codeRef.optional(),
});

const REGIMES = ["GDPR", "UK_GDPR", "CCPA", "HIPAA", "PIPL"] as const;

/** Claim categories the liability clause can put under a super-cap or leave uncapped. */
export const LIABILITY_CLAIMS = [
  "indemnity",
  "confidentiality",
  "dataProtection",
  "securityBreach",
  "ipInfringement",
  /** Gross negligence, wilful misconduct and fraud (under PRC law, 民法典 Art. 506, exclusions for these are void). */
  "grossNegligence",
  "nonPayment",
  /** Death or personal injury (under PRC law, 民法典 Art. 506, exclusions for it are void). */
  "personalInjury",
] as const;

const privacy = z.strictObject({
  /** Data-protection regimes that apply to the processing. */
  regimes: z.array(z.enum(REGIMES)).max(MAX_CHOICES).default([]),
  /**
   * The provider's position as to the personal data. processor, serviceProvider (CCPA),
   * businessAssociate (HIPAA) and entrustedParty (PIPL) are one position — processing only on
   * the customer's behalf — in each law's words; a deal under several laws names it once and
   * each law's clause states the role under that law. `controller` contradicts the built-in
   * data-protection terms (rules ROLE-controller, ROLE-regime; docs/checks.md).
   */
  providerRole: z.enum(["processor", "controller", "serviceProvider", "businessAssociate", "entrustedParty"]).default("processor"),
  /** Art. 28(3) / PIPL Art. 21 particulars of the processing. */
  processing: z
    .strictObject({
      subjectMatter: localDescription.optional(),
      nature: localDescription.optional(),
      purpose: localDescription.optional(),
      dataTypes: z.array(localDescription).max(MAX_LIST_ITEMS).default([]),
      dataSubjects: z.array(localDescription).max(MAX_LIST_ITEMS).default([]),
    })
    .prefault({}),
  /** Hours within which the provider tells the customer of a personal-data breach. */
  breachNoticeHours: wholeHours.optional(),
  /**
   * The customer's position under the GDPR / UK GDPR: the controller of the personal data (when
   * not set), or a processor acting for its own clients, the controllers — the provider is then
   * another processor it engages (GDPR Art. 28(4)), and a transfer to the provider is module three
   * (processor to processor) of the SCCs instead of module two.
   */
  customerRole: z.enum(["controller", "processor"]).optional(),
  /**
   * Personal data subject to the EU GDPR is in scope although the customer is not established in
   * the EEA: it offers goods or services to, or monitors, individuals in the Union (GDPR Art. 3(2)).
   * It makes the customer a data exporter, so a transfer to a provider outside the EEA needs the
   * SCCs even between two companies outside the EEA; without it (and with neither party, the
   * storage nor a subprocessor in the EEA) nothing connects the deal to the EU (rule D1-eu-link).
   */
  euDataInScope: z.boolean().optional(),
  /** The same for the UK GDPR: the customer is not established in the UK but targets or monitors individuals there (UK GDPR Art. 3(2)). */
  ukDataInScope: z.boolean().optional(),
  /**
   * Mechanism for transfers out of the EEA / UK. `sccs`: the EU standard contractual clauses
   * (Commission Implementing Decision (EU) 2021/914), with the UK Addendum for UK transfers;
   * `ukAddendum`: the UK Addendum only. Which module applies follows from the parties
   * (computed.privacy.sccModule), and the SCCs are incorporated only when the customer exports
   * personal data to a provider outside the EEA / UK without adequacy (computed.privacy.sccs).
   */
  transferMechanism: z
    .strictObject({
      type: z.enum(["adequacy", "sccs", "ukAddendum", "bcr"]),
      /** Member state whose law governs the SCCs and whose courts hear disputes under them (SCC Clauses 17 and 18). */
      memberState: label.optional(),
      /** The competent supervisory authority (SCC Clause 13, Annex I.C), e.g. "the Data Protection Commission (Ireland)". */
      supervisoryAuthority: localDescription.optional(),
    })
    .optional(),
  subprocessors: z
    .array(z.strictObject({ name, country: label, task: localDescription }))
    .max(MAX_SUBPROCESSORS)
    .default([]),
  subprocessorNoticeDays: days.default(10),
  /**
   * How the customer authorises subprocessors (GDPR Art. 28(2); SCC Clause 9(a)): `general` written
   * authorisation, with notice of changes and a right to object (SCC Option 2; the default when not
   * set), or `specific` prior authorisation of each one (SCC Option 1). Either way the period is
   * `subprocessorNoticeDays`.
   */
  subprocessorAuthorisation: z.enum(["general", "specific"]).optional(),
  /** Data the customer must not submit. */
  prohibitedData: z
    .array(z.enum(["PHI", "paymentCard", "specialCategory", "childrenData"]))
    .max(MAX_CHOICES)
    .default([]),
  ccpa: z.strictObject({ businessPurposes: z.array(localDescription).max(MAX_LIST_ITEMS).default([]) }).optional(),
  hipaa: z
    .strictObject({
      breachNoticeDays: positiveDays.default(60),
      subcontracting: z.enum(["prohibited", "withNotice", "withPermission"]).default("withNotice"),
      /**
       * The customer's position under HIPAA: the covered entity itself; a business associate of a
       * covered entity (the provider is then its subcontractor, 45 CFR 164.502(e)(1)(ii),
       * 164.504(e)(5)); or the sponsor of a group health plan that is the covered entity, for which
       * it signs. Unless the customer is the covered entity, `coveredEntity` names it (rule
       * D2-covered-entity) and the BAA makes it a third-party beneficiary.
       */
      customerRole: z.enum(["coveredEntity", "businessAssociate", "planSponsor"]).default("coveredEntity"),
      /** The covered entity whose PHI the provider handles, when it is not the customer. */
      coveredEntity: z.strictObject({ name: localName }).optional(),
    })
    .optional(),
  pipl: z
    .strictObject({
      crossBorderRoute: z.enum(["securityAssessment", "standardContract", "certification", "exemption"]).optional(),
      remoteAccessFromAbroad: z.boolean().default(false),
      ciio: z.boolean().default(false),
      /** Individuals whose personal information goes abroad in a calendar year. */
      outboundIndividuals: z.number().int().nonnegative().max(MAX_INDIVIDUALS).optional(),
      sensitive: z.boolean().default(false),
    })
    .optional(),
});

/** One insurance cover: its limit per claim (per occurrence, for general liability) and in the aggregate. */
const insuranceCover = z.strictObject({ perClaim: moneyAmount, aggregate: moneyAmount.optional() });

/**
 * The deal sheet: everything about one agreement that is not standard wording.
 * Unknown fields are refused so a typo never silently drops a term.
 */
export const dealSchema = z.strictObject({
  agreement: z.strictObject({
    reference: label,
    title: localName.default({ en: "CRM Cloud Services Agreement", zh: "CRM云服务合同" }),
    effectiveDate: calendarDate,
    /** Initial term in months. */
    initialTermMonths: months,
    renewal: z
      .strictObject({
        autoRenew: z.boolean().default(true),
        renewalTermMonths: months.default(12),
        nonRenewalNoticeDays: days.default(30),
      })
      .prefault({}),
    /** For bilingual agreements: which text prevails, or both equally authentic. */
    prevailingLanguage: z.enum(["en", "zh", "equal"]).optional(),
    /**
     * Number of signed originals (一式X份): at least one for each party. Stated where originals
     * mean something — under PRC law or with a mainland party — as two unless given here; a
     * number given here is always stated.
     */
    originals: positiveInt(MAX_ORIGINALS).min(2, { message: "Each party needs a signed original: originals must be at least 2" }).optional(),
    /** Whether an order form prevails over the standard terms, or only where it names the section it changes. */
    precedence: z.enum(["orderFormWins", "orderFormMustCiteSection"]).default("orderFormWins"),
    /** A pilot period with lower liability and no SLA. */
    pilot: z.strictObject({ endDate: calendarDate, liabilityCap: moneyAmount.optional() }).optional(),
  }),
  customer: party,
  provider: party,
  services: z.strictObject({
    name: localName,
    description: localDescription,
    modules: z.array(module_).min(1, { message: "At least one module is required" }).max(MAX_MODULES),
    users: z.strictObject({ seats: positiveInt(MAX_SEATS), unit: z.enum(["named", "concurrent"]).default("named") }),
    /**
     * The Service sends marketing messages (email, text messages, messaging apps, automated calls)
     * for the customer, so the acceptable-use clause states the marketing-law duties. When absent,
     * a module whose code or name says marketing (营销) implies it (see computed.marketing).
     */
    marketingMessages: z.boolean().optional(),
  }),
  fees: z.strictObject({
    currency: currencyCode,
    lines: z.array(feeLine).min(1, { message: "At least one fee line is required" }).max(MAX_FEE_LINES),
    schedule: z.enum(["annualInAdvance", "quarterlyInAdvance", "monthlyInAdvance"]).default("annualInAdvance"),
    paymentTermsDays: days.default(30),
    latePaymentInterestPerMonth: percent.default("1.5"),
    taxesIncluded: z.boolean().default(false),
    /**
     * Value-added tax when the provider is in mainland China: the rate in percent ("6" for most
     * software and IT services — confirm per deal) and which 发票 it issues (增值税专用发票 "special",
     * 普通发票 "general"). A provider outside the mainland issues no 发票; the PRC customer withholds
     * instead (代扣代缴), so the agreement then allocates withholding and these fields are not read.
     */
    vat: z.strictObject({ rate: percent, invoice: z.enum(["special", "general"]).default("special") }).optional(),
    /** Payment in stages tied to milestones (or full payment on delivery), as shares of the total price. */
    stages: z.array(paymentStage).max(MAX_LIST_ITEMS).optional(),
    /** The provider may suspend the service when an undisputed invoice is this many days overdue. */
    suspensionAfterOverdueDays: days.default(30),
    /** Cap on the price increase at each renewal, in percent. */
    renewalPriceIncreaseCap: percent.optional(),
    /**
     * Authorised Users beyond `services.users.seats`: `proRata` — ordered at any time and invoiced
     * when added, at the per-seat price pro rata for the rest of the billing period; `annualTrueUp`
     * — counted after each contract year and invoiced then, pro rata from the month first exceeded.
     */
    additionalUsers: z.enum(["proRata", "annualTrueUp"]).default("proRata"),
    /** Rates for fee lines in another currency: 1 `from` = `rate` `fees.currency`. */
    exchangeRates: z
      .array(
        z.strictObject({
          from: currencyCode,
          rate: z
            .string()
            .max(MAX_RATE_LENGTH)
            .regex(/^\d+(\.\d+)?$/, { message: "Rate must be a decimal number" }),
        }),
      )
      .max(MAX_LIST_ITEMS)
      .default([]),
  }),
  sla: z.strictObject({
    availability: percent,
    credits: z.array(creditTier).min(1, { message: "At least one credit tier is required" }).max(MAX_LIST_ITEMS),
    /** Cap on credits in a month, as a percentage of that month's fee. */
    creditCap: percent.default("50"),
    claimWindowDays: days.default(30),
    exclusiveRemedy: z.boolean().default(true),
    /** Response and resolution times by severity. */
    severities: z.array(severityLevel).max(MAX_LIST_ITEMS).default([]),
    /**
     * Chronic failure: the customer may terminate when availability misses the target in this many
     * calendar months within any twelve consecutive calendar months. Default 3, so a deal that is
     * silent still gets a stated, predictable right rather than wording the deal never chose.
     */
    chronicFailureMonths: z.number().int().positive().max(12, { message: "Chronic failure counts months within any twelve, so at most 12" }).default(3),
    /** Scheduled maintenance: monthly cap, notice and window (see {@link slaMaintenance}). */
    maintenance: slaMaintenance.prefault({}),
  }),
  /**
   * Support desk terms (the support clause is in every agreement). Response and resolution targets
   * are `sla.severities`; a deal that lists none gets the default table (computed.support).
   */
  support: z
    .strictObject({
      /** `businessHours`: the desk works Support Hours, and the highest severity around the clock; `24x7`: every severity around the clock. */
      hours: z.enum(["businessHours", "24x7"]).default("businessHours"),
      /** Support Hours on business days, as whole hours of the clock (9 to 18 is 9:00 to 18:00). */
      startHour: z.number().int().min(0).max(23).default(9),
      endHour: z.number().int().min(1).max(24).default(18),
      /** The time zone of Support Hours, e.g. "US Eastern Time"; absent: China Standard Time for a mainland customer, otherwise the customer's local time. */
      timeZone: localLabel.optional(),
      /** How incidents can be reported. */
      channels: z
        .array(z.enum(["portal", "email", "phone", "chat"]))
        .min(1, { message: "At least one support channel is required" })
        .max(MAX_CHOICES)
        .default(["portal", "email", "phone"]),
    })
    .prefault({}),
  /**
   * When the provider may suspend the Service besides non-payment (`fees.suspensionAfterOverdueDays`):
   * for a security risk, for a breach of the use restrictions or acceptable-use terms; and the
   * further notice it gives before suspending for non-payment.
   */
  suspension: z
    .strictObject({
      securityRisk: z.boolean().default(true),
      useBreach: z.boolean().default(true),
      /** Days of further written notice before suspending for non-payment. */
      paymentNoticeDays: days.default(10),
    })
    .prefault({}),
  /** Business continuity and disaster recovery: recovery point and recovery time objectives, in hours. */
  continuity: z.strictObject({ rpoHours: wholeHours.default(24), rtoHours: wholeHours.default(8) }).prefault({}),
  /** Beta and preview features: whether the provider may offer them, and whether they are free. */
  betaFeatures: z.strictObject({ offered: z.boolean().default(true), free: z.boolean().default(true) }).prefault({}),
  /**
   * Open-source components: `warranty` — the provider warrants that they do not restrict the
   * customer's use or require disclosure of customer data or code (no copyleft reaching the
   * deliverables); `componentList` — a list of them (name, version, licence) on request.
   */
  openSource: z.strictObject({ warranty: z.boolean().default(true), componentList: z.boolean().default(false) }).prefault({}),
  implementation: z
    .strictObject({
      milestones: z.array(milestone).min(1, { message: "An implementation plan needs at least one milestone" }).max(MAX_MILESTONES),
      acceptance: z
        .strictObject({
          /** Working days the customer has to test and accept or reject a deliverable. */
          reviewPeriodDays: positiveDays.default(10),
          deemedAcceptance: z.boolean().default(true),
          /** Failed rounds after which the customer may terminate. */
          maxFailedRounds: positiveInt(MAX_FAILED_ROUNDS).default(2),
          stages: z
            .array(z.enum(["initial", "trialRun", "final"]))
            .max(MAX_CHOICES)
            .default(["final"]),
          /**
           * Calendar days of the trial run (试运行), when `stages` has `trialRun`: its own period,
           * from initial acceptance to the start of the final-acceptance review, not part of any
           * Acceptance Period. 30 days is the usual month of live use before 终验.
           */
          trialRunDays: positiveDays.default(30),
        })
        .optional(),
      training: z.strictObject({ sessions: positiveInt(MAX_TRAINING_SESSIONS), format: z.enum(["onsite", "remote"]) }).optional(),
    })
    .optional(),
  customization: z
    .strictObject({
      description: localTextOf("longText"),
      /** Day rate for change requests beyond the agreed scope. */
      dayRate: moneyAmount.optional(),
    })
    .optional(),
  integrations: z
    .array(z.strictObject({ system: localName, method: localDescription.optional(), responsibility: z.enum(["provider", "customer", "joint"]).default("provider") }))
    .max(MAX_LIST_ITEMS)
    .default([]),
  maintenance: z
    .strictObject({
      /** Months of maintenance included in the fees after go-live. */
      includedMonths: months.default(12),
      /** Annual maintenance fee after the included period. */
      annualFee: moneyAmount.optional(),
    })
    .optional(),
  data: z
    .strictObject({
      /** Where customer data is stored, e.g. "United States", "EU", "mainland China". */
      storageLocation: localDescription.optional(),
      aiTraining: z.enum(["prohibited", "aggregatedDeidentified", "allowed"]).default("prohibited"),
      /**
       * How Customer Data is de-identified before any AI training, where HIPAA applies: one of the
       * two methods of 45 C.F.R. 164.514(b) — expert determination, (b)(1), or safe harbor, (b)(2).
       * De-identified to that standard, data is no longer PHI; anything less still is, and the BAA
       * allows PHI to be used only to provide the service (rule D2-ai).
       */
      deidentificationStandard: z.enum(["hipaaExpertDetermination", "hipaaSafeHarbor"]).optional(),
      usageData: z.enum(["aggregatedDeidentifiedOnly", "none"]).default("aggregatedDeidentifiedOnly"),
      /**
       * Days within which the provider deletes customer data, counted from the end of the export
       * period (`exportDays` after the agreement ends), or from the customer's written request for
       * earlier deletion. Stated once, in the exit clause; other clauses refer to it.
       */
      deletionDays: days.default(60),
      /** Days after the end of the term during which the customer can export its data. */
      exportDays: days.default(30),
      backupRetentionException: z.boolean().default(true),
    })
    .prefault({}),
  privacy: privacy.optional(),
  security: z
    .strictObject({
      commitment: z.enum(["commerciallyReasonable", "certifications"]).default("commerciallyReasonable"),
      certifications: z.array(label).max(MAX_LIST_ITEMS).default([]),
      /** PRC multi-level protection scheme level (等级保护). */
      mlpsLevel: z.union([z.literal(2), z.literal(3), z.literal(4)]).optional(),
    })
    .prefault({}),
  ip: z
    .strictObject({
      deliverables: z.enum(["customerAssigned", "providerLicensed"]).default("providerLicensed"),
      timeOfAssignment: z.enum(["onCreation", "onPayment"]).default("onPayment"),
      configurations: z.enum(["customer", "provider"]).default("customer"),
    })
    .prefault({}),
  warranties: z
    .strictObject({
      claimPeriodDays: positiveDays.default(30),
      fixPeriodDays: positiveDays.default(30),
      /**
       * Days after acceptance (or delivery, without an acceptance procedure) during which the
       * implementation and customization deliverables must conform to their specification and
       * acceptance criteria (质保期). Read only when the deal has `implementation` or `customization`.
       */
      deliverablesDays: positiveDays.default(90),
    })
    .prefault({}),
  liability: z
    .strictObject({
      generalCap: generalCap.prefault({ type: "multipleOfFees" }),
      excludeConsequentialDamages: z.boolean().default(true),
      /** Claims under a higher cap (a multiple of the general cap). */
      superCap: z.strictObject({ claims: z.array(z.enum(LIABILITY_CLAIMS)).min(1).max(MAX_CHOICES), multiplier: multiplier.default(3) }).optional(),
      /** Claims with no cap at all. */
      uncapped: z.array(z.enum(LIABILITY_CLAIMS)).max(MAX_CHOICES).default(["indemnity", "confidentiality", "grossNegligence", "nonPayment", "personalInjury"]),
    })
    .prefault({}),
  /** Money on early termination. */
  termination: z
    .strictObject({
      /** When the customer terminates for the provider's uncured breach, the provider refunds prepaid fees for the period after termination. */
      refundPrepaidOnProviderBreach: z.boolean().default(true),
      /**
       * What the customer owes when it ends the agreement for convenience before the committed term
       * runs out (only with `options.terminationForConvenience`): `none` — nothing after termination
       * takes effect, and prepaid fees for that period are refunded; `currentYear` — the fees for the
       * rest of the current contract year; `allRemaining` — all fees for the rest of the current term.
       */
      earlyTerminationFees: z.enum(["none", "currentYear", "allRemaining"]).default("none"),
      /**
       * When the customer may terminate because control of the provider changes hands: `competitor`
       * — only when control passes to a competitor of the customer; `any` — on any change of
       * control; `none` — never (the agreement then says nothing about it).
       */
      changeOfControl: z.enum(["none", "competitor", "any"]).default("competitor"),
      /** Days after the provider's notice of a change of control within which the customer may terminate. */
      changeOfControlWindowDays: positiveDays.default(90),
    })
    .prefault({}),
  confidentiality: z.strictObject({ survivalYears: positiveInt(MAX_YEARS).default(5) }).prefault({}),
  indemnification: z.strictObject({ provider: z.boolean().default(true), customer: z.boolean().default(true) }).prefault({}),
  /** Liquidated damages (违约金), PRC style. */
  breach: z
    .strictObject({
      deliveryDelay: z.strictObject({ ratePerDay: percent, capPercent: percent }).optional(),
      latePayment: z.strictObject({ ratePerDay: percent, capPercent: percent }).optional(),
      /** The injured party may claim the loss beyond the liquidated damages. */
      damagesTopUp: z.boolean().default(true),
    })
    .optional(),
  forceMajeure: z
    .strictObject({
      /** Days to notify a force majeure event; default the governing law's custom (3 under PRC law; elsewhere "promptly"). */
      noticeDays: positiveDays.optional(),
      /** Days to give evidence of it; default the governing law's custom (15 under PRC law; elsewhere on request). */
      proofDays: positiveDays.optional(),
      terminationAfterDays: positiveDays.default(30),
    })
    .prefault({}),
  /**
   * Insurance the provider keeps (clause `insurance`, left out when absent). Each cover is
   * optional, with its limit per claim (per occurrence for general liability) and in the
   * aggregate, in `fees.currency`; without `aggregate` the per-claim limit is also the aggregate.
   */
  insurance: z
    .strictObject({
      /** Commercial general (public) liability insurance, 公众责任险. */
      generalLiability: insuranceCover.optional(),
      /** Technology errors and omissions (professional indemnity) insurance, 职业责任险. */
      professional: insuranceCover.optional(),
      /** Cyber liability insurance, 网络安全险. */
      cyber: insuranceCover.optional(),
      /** Months after the agreement ends for which the covers (or their extended reporting) continue. */
      monthsAfterEnd: months.default(12),
      /** Days' notice the provider gives before a cover is cancelled, not renewed or materially reduced. */
      cancellationNoticeDays: positiveDays.default(30),
    })
    .optional(),
  /**
   * The customer's audit and information rights (clause `audit`): on by default; `false` leaves the
   * clause out. `noticeDays` is the written notice before an audit.
   */
  audit: z.union([z.literal(false), z.strictObject({ noticeDays: positiveDays.default(30) })]).prefault({}),
  /**
   * Mutual non-solicitation of employees involved in the service (clause `non-solicitation`): off by
   * default; `{ months }` turns it on for the term plus that many months. Under California law the
   * clause is limited to solicitation using confidential information (Bus. & Prof. Code §16600).
   */
  nonSolicitation: z.union([z.literal(false), z.strictObject({ months: months.default(12) })]).default(false),
  law: z.strictObject({
    governingLaw: z.enum(JURISDICTIONS),
    forum: z.discriminatedUnion("type", [courts, arbitration]),
    /** Days of good-faith negotiation before a dispute goes to the forum. */
    negotiationDays: days.default(30),
  }),
  options: z
    .strictObject({
      /** Include the recitals ("Background") paragraph. */
      recitals: z.boolean().default(true),
      /** The customer may end the agreement for convenience on notice. */
      terminationForConvenience: z.union([z.literal(false), z.strictObject({ noticeDays: days.default(90) })]).default(false),
      /** The provider may name the customer as a customer (logo use). */
      publicity: z.boolean().default(false),
    })
    .prefault({}),
});

/** A deal sheet as written (before defaults). */
export type DealInput = z.input<typeof dealSchema>;
/** A validated deal sheet, with defaults applied and amounts normalised. */
export type Deal = z.output<typeof dealSchema>;

/** The cross-field checks that a single field cannot express (shared with pack-extended schemas). */
export function refineDeal(deal: Deal, ctx: z.RefinementCtx): void {
  const codes = new Set(deal.services.modules.map((m) => m.code));
  const seen = new Set<string>();
  deal.services.modules.forEach((m, i) => {
    if (seen.has(m.code)) {
      ctx.addIssue({ code: "custom", path: ["services", "modules", i, "code"], message: `Module code "${m.code}" is used twice`, params: { cw: "DEAL_DUPLICATE_MODULE" } });
    }
    seen.add(m.code);
  });
  deal.fees.lines.forEach((line, i) => {
    if (line.module !== undefined && !codes.has(line.module)) {
      ctx.addIssue({
        code: "custom",
        path: ["fees", "lines", i, "module"],
        message: `Fee line refers to module "${line.module}", which is not in services.modules`,
        params: { cw: "DEAL_UNKNOWN_MODULE" },
      });
    }
  });
  const insurance = deal.insurance;
  if (insurance) {
    const covers = (["generalLiability", "professional", "cyber"] as const).filter((k) => insurance[k] !== undefined);
    if (covers.length === 0) {
      ctx.addIssue({ code: "custom", path: ["insurance"], message: "Insurance needs at least one cover: generalLiability, professional or cyber", params: { cw: "DEAL_INSURANCE_NO_COVER" } });
    }
    const cents = (amount: string): bigint => BigInt(amount.replace(".", ""));
    for (const k of covers) {
      const cover = insurance[k];
      if (cover?.aggregate !== undefined && cents(cover.aggregate) < cents(cover.perClaim)) {
        ctx.addIssue({
          code: "custom",
          path: ["insurance", k, "aggregate"],
          message: "The aggregate limit of an insurance cover cannot be lower than its limit per claim",
          params: { cw: "DEAL_INSURANCE_AGGREGATE" },
        });
      }
    }
  }
  if (JSON.stringify(deal.customer.legalName) === JSON.stringify(deal.provider.legalName)) {
    ctx.addIssue({ code: "custom", path: ["provider", "legalName"], message: "Customer and provider must be different legal entities", params: { cw: "DEAL_SAME_PARTY" } });
  }
}

/** The deal schema plus the cross-field checks that a single field cannot express. */
export const dealSheetSchema = dealSchema.superRefine(refineDeal);
