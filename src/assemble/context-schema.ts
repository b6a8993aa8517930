import { z } from "zod";
import { localText } from "../deal/primitives.js";
import { profileContextSchema } from "../catalog/jurisdictions.js";
import { dealSchema, LIABILITY_CLAIMS } from "../deal/schema.js";
import type { DocumentFacts } from "./build.js";
import type { Computed } from "./compute.js";

/**
 * The shapes of the two roots a template gets besides the deal — `computed`
 * (see compute.ts) and `document` (see build.ts) — as zod schemas, so a pack's
 * paths into them can be resolved like deal paths when the pack loads.
 *
 * They are descriptions, never used to parse. The compile-time checks at the
 * bottom of this file fail `tsc` when a key or a value type of {@link Computed}
 * or {@link DocumentFacts} changes and the description does not follow, so the
 * pack check can never lag behind what templates are really given.
 */

const modules = dealSchema.shape.services.shape.modules;
const liabilityClaim = z.enum(LIABILITY_CLAIMS);
const severities = dealSchema.shape.sla.shape.severities;
const marketingLaw = z.enum(["us", "eu", "uk", "sg", "cn"]);

/** The description of {@link Computed}, available to templates as `computed.*`. */
export const computedSchema = z.strictObject({
  initialTermEnd: z.string(),
  fees: z.strictObject({
    lines: z.array(
      z.strictObject({
        item: localText,
        quantity: z.number(),
        unit: localText.optional(),
        unitPrice: z.string(),
        currency: z.string(),
        amount: z.string(),
        period: z.enum(["annual", "monthly", "oneTime"]),
        firstYearAmount: z.string(),
      }),
    ),
    annualRecurring: z.string(),
    oneTime: z.string(),
    hasOneTime: z.boolean(),
    firstYear: z.string(),
    initialTermTotal: z.string(),
    hasMonthly: z.boolean(),
    conversions: z.array(z.strictObject({ from: z.string(), to: z.string(), rate: z.string() })),
  }),
  modules: z.strictObject({ base: modules, optional: modules, valueAdded: modules }),
  sla: z.strictObject({
    downtimeMinutes: z.string(),
    credits: z.array(z.strictObject({ to: z.string(), from: z.string().optional(), credit: z.string() })),
    maintenance: z.strictObject({ capped: z.boolean(), hours: z.number().optional(), minutes: z.number().optional() }),
  }),
  privacy: z.strictObject({
    gdpr: z.boolean(),
    ukGdpr: z.boolean(),
    ccpa: z.boolean(),
    hipaa: z.boolean(),
    pipl: z.boolean(),
    piplCrossBorder: z.boolean(),
    customerProcessor: z.boolean(),
    specificAuthorisation: z.boolean(),
    sccs: z.boolean(),
    sccModule: z.enum(["two", "three"]),
    ukAddendum: z.boolean(),
    coveredEntityBeneficiary: z.boolean(),
  }),
  acceptance: z.strictObject({ trialRun: z.boolean() }),
  warranties: z.strictObject({ deliverables: z.boolean() }),
  indemnification: z.strictObject({ any: z.boolean() }),
  parties: z.strictObject({
    customer: z.strictObject({ cn: z.boolean(), uk: z.boolean() }),
    provider: z.strictObject({ cn: z.boolean(), uk: z.boolean() }),
  }),
  liability: z.strictObject({
    uncapped: z.array(liabilityClaim),
    superCap: z.strictObject({ claims: z.array(liabilityClaim), multiplier: z.number() }).optional(),
    confidentialityExcludesData: z.boolean(),
    dataInSuperCap: z.boolean(),
    prc: z.boolean(),
  }),
  law: z.strictObject({ prc: z.boolean(), domestic: z.boolean(), prcForum: z.boolean() }),
  tax: z.strictObject({ prcVat: z.boolean(), withholding: z.boolean(), general: z.boolean() }),
  originals: z.strictObject({ stated: z.boolean(), count: z.number(), each: z.number(), odd: z.boolean() }),
  forceMajeure: z.strictObject({ noticeDays: z.number().optional(), proofDays: z.number().optional() }),
  marketing: z.strictObject({
    messaging: z.boolean(),
    us: z.boolean(),
    eu: z.boolean(),
    uk: z.boolean(),
    sg: z.boolean(),
    cn: z.boolean(),
    laws: z.array(marketingLaw),
    cnOnly: z.boolean(),
    doNotCall: z.boolean(),
  }),
  support: z.strictObject({ severities }),
  seatPrice: z.strictObject({ item: localText, unitPrice: z.string(), currency: z.string(), unit: localText.optional() }).optional(),
  payment: z.strictObject({
    staged: z.boolean(),
    fullOnDelivery: z.boolean(),
    contractPrice: z.string(),
    stages: z.array(
      z.strictObject({
        number: z.number(),
        percent: z.string(),
        trigger: z.enum(["signing", "delivery", "acceptance", "goLive"]),
        milestone: localText.optional(),
        amount: z.string(),
      }),
    ),
  }),
});

/** The description of {@link DocumentFacts}, available to templates and conditions as `document.*`. */
export const documentSchema = z.strictObject({
  lang: z.enum(["en", "zh"]),
  langs: z.array(z.enum(["en", "zh"])),
  bilingual: z.boolean(),
  cover: z.boolean(),
  schedules: z.array(z.strictObject({ id: z.string(), title: z.string() })),
  dataProtection: z.array(z.strictObject({ id: z.string(), title: z.string() })),
  included: z.record(z.string(), z.literal(true)),
});

/**
 * What `when` conditions can read of the document: clauses are selected
 * before the document is known, so `cover` and `schedules` (which depend on the
 * selection) are not yet set then — build.ts fills them in afterwards, for the
 * templates. A condition on them would silently see false / [].
 */
export const selectionDocumentSchema = documentSchema.pick({ lang: true, langs: true, bilingual: true });

/** The roots a template reads besides the deal, by name. */
export const contextRoots = { computed: computedSchema, document: documentSchema, profile: profileContextSchema } as const;

/** The roots a `when` condition reads besides the deal, by name. */
export const conditionRoots = { computed: computedSchema, document: selectionDocumentSchema, profile: profileContextSchema } as const;

// ---- Compile-time checks: each description has exactly the keys and value types of its interface. ----

/** A type with readonly and optionality removed at every level, so only keys and value types are compared. */
type Plain<T> = T extends readonly (infer U)[] ? Plain<U>[] : T extends object ? { -readonly [K in keyof T]-?: Plain<Exclude<T[K], undefined>> } : T;
/** True when A and B are assignable both ways (same keys, same value types). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const computedMatches: Same<Plain<z.output<typeof computedSchema>>, Plain<Computed>> = true;
const documentMatches: Same<Plain<z.output<typeof documentSchema>>, Plain<DocumentFacts>> = true;
void computedMatches;
void documentMatches;
