import { z } from "zod";
import type { Problem } from "../errors/problem.js";
import type { Pack, PackFiles, SourcePositions } from "./types.js";
import { parseYamlFile } from "./yaml-file.js";

/**
 * Jurisdiction profiles: the house style the governing law sets (domain brief
 * §6.1). A profile is pack data (`jurisdictions.yaml`), chosen by the deal's
 * `law.governingLaw`, so a legal team adds or corrects a jurisdiction without
 * code. The engine reads the layout facts (paper, date style, spelling,
 * numbering); templates read the rest as `profile.*`.
 */

/** The file of a pack that holds its jurisdiction profiles. */
export const JURISDICTIONS_FILE = "jurisdictions.yaml";

/** Legal families: what a template may branch on when a rule is shared by a family of laws. */
export const LEGAL_FAMILIES = ["us", "england", "eu", "singapore", "hong-kong", "prc"] as const;
/** A legal family. */
export type LegalFamily = (typeof LEGAL_FAMILIES)[number];

const text = z.string().trim().min(1);
const localText = z.strictObject({ en: text, zh: text });
const code = z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "A jurisdiction id is lower-case letters, digits and '-'" });

const profileFields = {
  /** How the governing-law clause names the jurisdiction: "the State of New York, United States of America". */
  name: localText,
  family: z.enum(LEGAL_FAMILIES),
  /** English spelling of the template text: US ("authorize", "license") or UK ("authorise", "licence"). */
  spelling: z.enum(["us", "uk"]),
  paper: z.enum(["letter", "a4"]),
  /** English dates: "December 1, 2026" (en-US) or "1 December 2026" (en-GB). The `dateStyle` option overrides it. */
  dateStyle: z.enum(["en-US", "en-GB"]),
  /** English numbering profile: "en" refers to "Section 9", a pack profile such as "en-clause" to "clause 9". */
  numbering: z.string().min(1),
  /** A pre-dispute waiver of jury trial is enforceable and customary (not in California: Grafton Partners v. Superior Court). */
  juryTrialWaiver: z.boolean(),
  /**
   * How the exclusion of indirect loss is worded: "damages" names the US categories (indirect,
   * incidental, special, consequential or punitive damages); "loss" the English-law form (indirect
   * or consequential loss, and lost profits whether direct or indirect). Absent: "loss".
   */
  lossVocabulary: z.enum(["damages", "loss"]).optional(),
  /** The statute that would give third parties rights unless excluded, e.g. the Contracts (Rights of Third Parties) Act 1999. */
  thirdPartyRightsStatute: localText.optional(),
  /** The electronic-signature statutes the counterparts clause names. */
  electronicSignatureStatute: localText.optional(),
  /** The implied warranties and terms the disclaimer names: merchantability under the UCC, satisfactory quality in England. */
  impliedTerms: localText,
  /** The insolvency events of this law, as a verb phrase after "if the other Party" (termination for insolvency); absent: the neutral common-law wording. */
  insolvencyEvents: localText.optional(),
  /** The indirect taxes the fee clause names: "sales, use and excise" in the US, "value added tax (VAT)" in England, GST in Singapore; absent: a neutral list. */
  indirectTaxes: localText.optional(),
  /** The statutes that imply them, when the disclaimer names them. */
  impliedTermsStatute: localText.optional(),
  forceMajeure: z.strictObject({
    /**
     * The event must also have been unforeseeable and unavoidable (PRC Civil Code Art. 180 不能预见、不能避免且不能克服);
     * common-law forms ask only that it be beyond the party's reasonable control.
     */
    unforeseeable: z.boolean(),
    /** Days to give notice when the deal does not say; absent: notice "promptly". */
    noticeDays: z.number().int().positive().optional(),
    /** Days to give evidence when the deal does not say; absent: evidence on request. */
    proofDays: z.number().int().positive().optional(),
  }),
  /**
   * Phrases of English template text this law words otherwise, exact case, whole words:
   * English law says "this clause" where the US forms say "this Section".
   */
  wording: z.record(z.string().min(1), z.string()),
  /** Company seals and a stated number of originals mean something here (PRC: a company signs by its seal, 一式X份). */
  seals: z.boolean(),
  originals: z.boolean(),
};

// No defaults in the partial form: a default there would hide what a profile inherits through `extends`.
const profileSchema = z.strictObject({ ...profileFields, wording: profileFields.wording.default({}) });
const partialSchema = z.strictObject({
  ...Object.fromEntries(Object.entries(profileFields).map(([k, v]) => [k, (v as z.ZodType).optional()])),
  /** Another profile of this file (or an earlier pack) to start from. */
  extends: code.optional(),
  /** A base that other profiles extend; never chosen by a deal, so it may leave fields out. */
  abstract: z.boolean().optional(),
}) as unknown as z.ZodType<Partial<JurisdictionProfileData> & { extends?: string; abstract?: boolean }>;

/** jurisdictions.yaml: `profiles:` keyed by the governing-law id; `spelling:` word lists by spelling. */
const fileSchema = z.strictObject({
  profiles: z.record(code, partialSchema).default({}),
  /**
   * UK → US spellings of English template text, by whole word; a key ending in `*` matches any
   * word starting with it ("authoris*": "authoriz*" turns "Authorised" into "Authorized").
   */
  spelling: z.strictObject({ us: z.record(z.string().regex(/^[a-z]+\*?$/), z.string().regex(/^[a-z]+\*?$/)).default({}) }).prefault({}),
});

/** A profile's data, as templates read it under `profile.*` (plus `id`). */
export type JurisdictionProfileData = z.output<typeof profileSchema>;

/** A resolved profile: its data and the governing-law id it is chosen by. */
export interface JurisdictionProfile extends JurisdictionProfileData {
  readonly id: string;
}

/** What a pack's jurisdictions.yaml declares: profiles (possibly partial, with `extends`) and spellings. */
export interface PackJurisdictions {
  readonly profiles: Readonly<Record<string, Partial<JurisdictionProfileData> & { readonly extends?: string; readonly abstract?: boolean }>>;
  readonly spelling: { readonly us: Readonly<Record<string, string>> };
  readonly file: string;
  readonly positions?: SourcePositions;
}

/** The description of `profile.*` for the pack checker (templates and `when` conditions). */
export const profileContextSchema = profileSchema.extend({ id: z.string() });

/** Reads `jurisdictions.yaml` when the pack has one. */
export function parseJurisdictions(files: PackFiles, problems: Problem[]): PackJurisdictions | undefined {
  if (files[JURISDICTIONS_FILE] === undefined) return undefined;
  const at: { value?: SourcePositions } = {};
  const data = parseYamlFile(files, JURISDICTIONS_FILE, fileSchema, problems, at);
  if (!data) return undefined;
  return { profiles: data.profiles, spelling: { us: data.spelling.us }, file: JURISDICTIONS_FILE, ...(at.value ? { positions: at.value } : {}) };
}

/** The profiles and spellings of a catalogue: later packs replace a profile field by field (a profile may `extends` another). */
export interface Jurisdictions {
  readonly profiles: ReadonlyMap<string, JurisdictionProfile>;
  readonly spelling: { readonly us: ReadonlyMap<string, string> };
}

/** Merges the packs' profiles in order and resolves `extends`; incomplete or cyclic profiles are problems. */
export function mergeJurisdictions(packs: readonly Pack[], problems: Problem[]): Jurisdictions {
  const raw = new Map<string, { data: Record<string, unknown>; file: string; pack: string }>();
  const us = new Map<string, string>();
  for (const pack of packs) {
    const j = pack.jurisdictions;
    if (!j) continue;
    for (const [id, p] of Object.entries(j.profiles)) {
      const earlier = raw.get(id);
      raw.set(id, { data: { ...(earlier?.data ?? {}), ...p }, file: j.file, pack: pack.name });
    }
    for (const [from, to] of Object.entries(j.spelling.us)) us.set(from, to);
  }
  const resolved = new Map<string, JurisdictionProfile>();
  const resolve = (id: string, seen: readonly string[]): Record<string, unknown> | undefined => {
    const entry = raw.get(id);
    if (!entry) return undefined;
    const parent = entry.data["extends"];
    if (typeof parent !== "string") return entry.data;
    if (seen.includes(parent)) {
      problems.push({ code: "PACK_JURISDICTION_CYCLE", severity: "error", file: entry.file, message: `Jurisdiction profile "${id}" extends itself through ${[...seen, parent].join(" → ")}` });
      return entry.data;
    }
    const base = resolve(parent, [...seen, parent]);
    if (!base) {
      problems.push({ code: "PACK_JURISDICTION_UNKNOWN_BASE", severity: "error", file: entry.file, message: `Jurisdiction profile "${id}" extends "${parent}", which no pack defines` });
      return entry.data;
    }
    const { extends: _ignored, abstract: _abstract, ...own } = entry.data;
    void _ignored;
    void _abstract;
    return { ...base, ...own };
  };
  for (const [id, entry] of raw) {
    // A base profile is only extended, never chosen, so it may be incomplete.
    if (entry.data["abstract"] === true) continue;
    const data = resolve(id, [id]);
    const { extends: _e, abstract: _a, ...fields } = data ?? {};
    void _e;
    void _a;
    const parsed = profileSchema.safeParse(fields);
    if (!parsed.success) {
      const missing = parsed.error.issues.map((i) => i.path.join(".") || i.message).join(", ");
      problems.push({ code: "PACK_JURISDICTION_INCOMPLETE", severity: "error", file: entry.file, message: `Jurisdiction profile "${id}" (pack "${entry.pack}") is incomplete or invalid: ${missing}` });
      continue;
    }
    resolved.set(id, { id, ...parsed.data });
  }
  return { profiles: resolved, spelling: { us } };
}

/**
 * The profile of a catalogue without any (a pack built before profiles existed, or one that
 * replaces the built-in pack without a jurisdictions.yaml): the house style drafts had before —
 * A4, "1 December 2026", UK spelling, "Section 9" — so such packs draft as they always did.
 */
export function neutralProfile(id: string): JurisdictionProfile {
  return {
    id,
    name: { en: id, zh: id },
    family: "england",
    spelling: "uk",
    paper: "a4",
    dateStyle: "en-GB",
    numbering: "en",
    juryTrialWaiver: false,
    impliedTerms: { en: "satisfactory quality and fitness for purpose", zh: "质量令人满意及适合特定用途" },
    forceMajeure: { unforeseeable: false },
    seals: false,
    originals: false,
    wording: {},
  };
}
