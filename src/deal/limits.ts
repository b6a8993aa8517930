/**
 * Every limit on a deal sheet, in one place (issue 15: docs/security.md lists them).
 *
 * The values are far above anything a real CRM deal holds — the longest value in the example deals
 * is 126 characters, the longest list has 4 items — and low enough that a deal at every limit at
 * once still drafts in seconds: no later stage (templates, layout, DOCX, PDF, Markdown) ever sees
 * more text, more rows or larger numbers than these. A value over a limit is a problem with the
 * field's path (`DEAL_TOO_BIG`, naming the limit and the actual size), never a slow or failed draft.
 *
 * Text lengths count UTF-16 code units, as JavaScript and zod do: a letter, a digit or a Chinese
 * character counts one, an emoji two.
 */

/** Largest deal sheet, in bytes of UTF-8, from a file, standard input or `parseDealSheet` (1 MiB; the example deals are 3 to 9 KiB). */
export const MAX_DEAL_BYTES = 1024 * 1024;

/**
 * Most text in one deal, in characters of all its strings and keys together (a list item or a key
 * counting one more), after YAML aliases are expanded — from a file or an object built in code. The
 * per-field limits multiply (100 milestones of 100 deliverables of 2,000 characters is 20 million);
 * this one bounds what every later stage can be asked to lay out.
 */
export const MAX_DEAL_TEXT = 1024 * 1024;

/**
 * Deepest nesting of mappings and lists in a deal sheet. The built-in schema needs 5
 * (`privacy.processing.dataTypes[0].en`); pack fields under `extensions` add a few. Checked before
 * anything recursive reads the document, so `[[[[…` a hundred thousand deep is a problem, not a
 * stack overflow.
 */
export const MAX_NESTING_DEPTH = 32;

/**
 * Most alias expansions in a YAML deal sheet (the `maxAliasCount` of the yaml package): enough for
 * a sheet that reuses an anchored contact or address a few times, far too few for a "billion
 * laughs" alias bomb.
 */
export const MAX_YAML_ALIAS_COUNT = 100;

/** Most problems one deal sheet reports; past that, one more problem says how many were left out (a sheet of 100,000 bad lines prints 101 lines, not 100,000). */
export const MAX_REPORTED_PROBLEMS = 100;

// Text fields, by kind (src/deal/primitives.ts, `TEXT_KINDS`).

/** Codes and ids: module codes, milestone ids, and references to them. */
export const MAX_CODE_LENGTH = 64;
/** Short labels: agreement reference, registration number, phone, country, member state, certification, unit, time zone. */
export const MAX_LABEL_LENGTH = 100;
/** An email address (RFC 5321 limits a forward path to 256 octets, so a usable address to 254). */
export const MAX_EMAIL_LENGTH = 254;
/**
 * Names and titles: legal names, people's names and job titles, names of the service, modules,
 * fee lines, milestones, systems, sub-processors and institutions, the agreement title. The longest
 * registered company names run to about 160 characters.
 */
export const MAX_NAME_LENGTH = 300;
/** A registered address (may span lines). */
export const MAX_ADDRESS_LENGTH = 500;
/**
 * Descriptions and phrases: a party's or the service's description, module and severity
 * descriptions, deliverables, acceptance criteria, the particulars of processing, courts, seat,
 * storage location, maintenance window, business purposes (about 300 words).
 */
export const MAX_DESCRIPTION_LENGTH = 2000;
/**
 * Long free text: the customization scope (`customization.description`) and string fields that packs
 * declare under `extensions` (about 800 words, a page and a half; a longer scope belongs in a
 * statement of work the agreement refers to).
 */
export const MAX_LONG_TEXT_LENGTH = 5000;
/** Characters of a money amount written as text ("1,234,567.89"), before it is read. */
export const MAX_AMOUNT_TEXT_LENGTH = 32;
/** Digits before the decimal point of a money amount: up to 999,999,999,999,999.99, within what amounts in words can spell (16 digits). */
export const MAX_AMOUNT_INTEGER_DIGITS = 15;
/** Characters of an exchange rate ("7.1234"). */
export const MAX_RATE_LENGTH = 24;

// Lists.

/** Modules of the service (`services.modules`). */
export const MAX_MODULES = 200;
/** Fee lines (`fees.lines`): one table row each, in every language of the agreement. */
export const MAX_FEE_LINES = 500;
/** Sub-processors (`privacy.subprocessors`); the longest public lists of large providers have a few hundred. */
export const MAX_SUBPROCESSORS = 500;
/** Milestones of the implementation plan (`implementation.milestones`). */
export const MAX_MILESTONES = 100;
/**
 * Any other list of values a deal writes out: deliverables of a milestone, data types, data
 * subjects, business purposes, certifications, integrations, exchange rates, SLA credit tiers,
 * severities, payment stages.
 */
export const MAX_LIST_ITEMS = 100;
/** A list of choices from a fixed set (regimes, channels, claims, stages, prohibited data): no set has more than 8 members, a choice listed twice is harmless. */
export const MAX_CHOICES = 20;
/** A list field declared by a pack under `extensions`. */
export const MAX_PACK_LIST_ITEMS = 500;

// Numbers.

/** Months of a term: initial and renewal term, included maintenance, cap look-back, insurance run-off, non-solicitation (100 years). */
export const MAX_TERM_MONTHS = 1200;
/** Days of any period counted in days: notice, payment terms, review and warranty periods, deletion, export (10 years). */
export const MAX_DAYS = 3650;
/** Hours of any period counted in hours: response and resolution targets, breach and emergency notice, RPO and RTO (one year). */
export const MAX_HOURS = 8760;
/** Years confidentiality survives the agreement. */
export const MAX_YEARS = 100;
/** Users (`services.users.seats`). */
export const MAX_SEATS = 10_000_000;
/** Quantity of one fee line: seats, but also usage units such as messages or API calls. */
export const MAX_QUANTITY = 1_000_000_000;
/** Multiplier of a liability cap or super-cap (times the fees, times the general cap). */
export const MAX_MULTIPLIER = 1000;
/** Signed originals (`agreement.originals`). */
export const MAX_ORIGINALS = 100;
/** Training sessions (`implementation.training.sessions`). */
export const MAX_TRAINING_SESSIONS = 1000;
/** Failed acceptance rounds before the customer may terminate (`implementation.acceptance.maxFailedRounds`). */
export const MAX_FAILED_ROUNDS = 100;
/** Individuals whose personal information goes abroad in a year (`privacy.pipl.outboundIndividuals`): more than the world's population. */
export const MAX_INDIVIDUALS = 10_000_000_000;
/** Earliest and latest year of a date in a deal sheet: a term of {@link MAX_TERM_MONTHS} from the latest still ends in a four-digit year. */
export const MIN_DATE_YEAR = 1900;
/** See {@link MIN_DATE_YEAR}. */
export const MAX_DATE_YEAR = 2999;
/** Largest magnitude of a number field a pack declares, when its own `min`/`max` allow more (10^15, every integer below it exact). */
export const MAX_PACK_NUMBER = 1e15;
/** Decimals of a number field a pack declares: a value such as 0.1 + 0.2 (seventeen decimals) or 1e-7 would print as written in the agreement. */
export const MAX_PACK_DECIMALS = 6;
