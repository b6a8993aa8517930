import { z } from "zod";
import { calendarDate, currencyCode, days, moneyAmount, percent, positiveInt, text } from "./primitives.js";

/** Governing-law jurisdictions the built-in catalogue can name. */
export const JURISDICTIONS = ["delaware", "new-york", "california", "england-wales", "singapore", "hong-kong", "prc"] as const;

/** Arbitration institutions the built-in catalogue knows by full name. */
export const ARBITRATION_INSTITUTIONS = ["CIETAC", "SHIAC", "HKIAC", "SIAC", "ICC", "AAA-ICDR", "LCIA"] as const;

const contact = z.strictObject({
  name: text,
  title: text.optional(),
  email: z.email({ message: "Must be an email address" }),
  phone: text.optional(),
});

const signatory = z.strictObject({
  name: text,
  title: text,
});

const party = z.strictObject({
  legalName: text,
  /** Where the party is registered, e.g. "a Delaware corporation". */
  description: text.optional(),
  registeredAddress: text,
  registrationNumber: text.optional(),
  contact,
  signatory,
});

const module_ = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: "Module code must be lower-case letters, digits and hyphens" }),
  name: text,
  tier: z.enum(["base", "optional", "valueAdded"]),
  description: text.optional(),
});

const feeLine = z.strictObject({
  item: text,
  /** Module code this line pays for, when it is a module fee. */
  module: z.string().optional(),
  quantity: z.number().int().positive().default(1),
  unit: text.optional(),
  unitPrice: moneyAmount,
  /** Recurring or one-time. */
  period: z.enum(["annual", "monthly", "oneTime"]).default("annual"),
});

const creditTier = z.strictObject({
  /** Credit applies when monthly availability is below this percentage. */
  below: percent,
  /** Credit as a percentage of the monthly fee for the affected service. */
  credit: percent,
});

const courts = z.strictObject({
  type: z.literal("courts"),
  /** The courts, e.g. "the state and federal courts located in Wilmington, Delaware". */
  courts: text,
  exclusive: z.boolean().default(true),
});

const arbitration = z.strictObject({
  type: z.literal("arbitration"),
  institution: z.enum(ARBITRATION_INSTITUTIONS),
  seat: text,
  arbitrators: z.union([z.literal(1), z.literal(3)]).default(3),
  language: z.enum(["en", "zh"]).default("en"),
});

const generalCap = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("multipleOfFees"), multiplier: z.number().positive().default(1), lookbackMonths: positiveInt.default(12) }),
  z.strictObject({ type: z.literal("fixed"), amount: moneyAmount }),
  z.strictObject({
    type: z.literal("greaterOf"),
    amount: moneyAmount,
    multiplier: z.number().positive().default(1),
    lookbackMonths: positiveInt.default(12),
  }),
]);

/**
 * The deal sheet: everything about one agreement that is not standard wording.
 * Unknown fields are refused so a typo never silently drops a term.
 */
export const dealSchema = z.strictObject({
  agreement: z.strictObject({
    reference: text,
    title: text.default("CRM Cloud Services Agreement"),
    effectiveDate: calendarDate,
    /** Initial term in months. */
    initialTermMonths: positiveInt,
    renewal: z
      .strictObject({
        autoRenew: z.boolean().default(true),
        renewalTermMonths: positiveInt.default(12),
        nonRenewalNoticeDays: days.default(30),
      })
      .prefault({}),
  }),
  customer: party,
  provider: party,
  services: z.strictObject({
    name: text,
    description: text,
    modules: z.array(module_).min(1, { message: "At least one module is required" }),
    users: z.strictObject({ seats: positiveInt, unit: z.enum(["named", "concurrent"]).default("named") }),
  }),
  fees: z.strictObject({
    currency: currencyCode,
    lines: z.array(feeLine).min(1, { message: "At least one fee line is required" }),
    schedule: z.enum(["annualInAdvance", "quarterlyInAdvance", "monthlyInAdvance"]).default("annualInAdvance"),
    paymentTermsDays: days.default(30),
    latePaymentInterestPerMonth: percent.default("1.5"),
    taxesIncluded: z.boolean().default(false),
  }),
  sla: z.strictObject({
    availability: percent,
    credits: z.array(creditTier).min(1, { message: "At least one credit tier is required" }),
    /** Cap on credits in a month, as a percentage of that month's fee. */
    creditCap: percent.default("50"),
    claimWindowDays: days.default(30),
    exclusiveRemedy: z.boolean().default(true),
  }),
  liability: z
    .strictObject({
      generalCap: generalCap.prefault({ type: "multipleOfFees" }),
      excludeConsequentialDamages: z.boolean().default(true),
    })
    .prefault({}),
  confidentiality: z.strictObject({ survivalYears: positiveInt.default(5) }).prefault({}),
  law: z.strictObject({
    governingLaw: z.enum(JURISDICTIONS),
    forum: z.discriminatedUnion("type", [courts, arbitration]),
  }),
  options: z
    .strictObject({
      /** Include the recitals ("Background") paragraph. */
      recitals: z.boolean().default(true),
      /** The customer may end the agreement for convenience on notice. */
      terminationForConvenience: z
        .union([z.literal(false), z.strictObject({ noticeDays: days.default(90) })])
        .default(false),
    })
    .prefault({}),
});

/** A deal sheet as written (before defaults). */
export type DealInput = z.input<typeof dealSchema>;
/** A validated deal sheet, with defaults applied and amounts normalised. */
export type Deal = z.output<typeof dealSchema>;

/** The deal schema plus the cross-field checks that a single field cannot express. */
export const dealSheetSchema = dealSchema.superRefine((deal, ctx) => {
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
  if (deal.customer.legalName === deal.provider.legalName) {
    ctx.addIssue({ code: "custom", path: ["provider", "legalName"], message: "Customer and provider must be different legal entities", params: { cw: "DEAL_SAME_PARTY" } });
  }
});
