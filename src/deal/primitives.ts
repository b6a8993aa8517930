import { z } from "zod";
import { forbiddenCharacter } from "./characters.js";
import {
  MAX_ADDRESS_LENGTH,
  MAX_AMOUNT_INTEGER_DIGITS,
  MAX_AMOUNT_TEXT_LENGTH,
  MAX_CODE_LENGTH,
  MAX_DATE_YEAR,
  MAX_DAYS,
  MAX_DESCRIPTION_LENGTH,
  MAX_HOURS,
  MAX_LABEL_LENGTH,
  MAX_LONG_TEXT_LENGTH,
  MAX_NAME_LENGTH,
  MAX_TERM_MONTHS,
  MIN_DATE_YEAR,
} from "./limits.js";

/** A value as messages quote it: whole when short, else its start and its length (a 1 MB value never lands in a message). */
export function quoteValue(value: unknown): string {
  const text = String(value);
  return text.length <= 40 ? `"${text}"` : `"${text.slice(0, 30)}…" (${text.length} characters)`;
}

/**
 * An exact decimal amount of money, normalised to a string with two decimals
 * ("1234.50"). Accepts a string ("1234.5", "1,234.50") or a number that is
 * exactly representable with at most two decimals; anything that could have
 * lost precision as a float is refused rather than rounded.
 */
export const moneyAmount = z.union([z.string().max(MAX_AMOUNT_TEXT_LENGTH), z.number()]).transform((value, ctx): string => {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      ctx.addIssue({ code: "custom", message: "Amount must be a finite number", params: { cw: "DEAL_INVALID_AMOUNT" } });
      return z.NEVER;
    }
    // Above 2^53 / 100 a binary float can no longer hold every cent exactly.
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER / 100) {
      ctx.addIssue({ code: "custom", message: "Amount too large to be exact as a number; write it as a quoted string", params: { cw: "DEAL_INVALID_AMOUNT" } });
      return z.NEVER;
    }
    text = String(value);
  } else {
    text = value.trim().replace(/,(?=\d{3}(\D|$))/g, "");
  }
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) {
    ctx.addIssue({
      code: "custom",
      message: `Amount ${quoteValue(value)} is not a decimal with at most two decimal places`,
      params: { cw: "DEAL_INVALID_AMOUNT" },
    });
    return z.NEVER;
  }
  if (m[1] === "-") {
    ctx.addIssue({ code: "custom", message: `Amount must not be negative (got ${String(value)})`, params: { cw: "DEAL_NEGATIVE_AMOUNT" } });
    return z.NEVER;
  }
  const intPart = (m[2] ?? "0").replace(/^0+(?=\d)/, "");
  if (intPart.length > MAX_AMOUNT_INTEGER_DIGITS) {
    ctx.addIssue({
      code: "custom",
      message: `Amount ${quoteValue(value)} has ${intPart.length} digits before the decimal point; the limit is ${MAX_AMOUNT_INTEGER_DIGITS}`,
      params: { cw: "DEAL_TOO_BIG" },
    });
    return z.NEVER;
  }
  const frac = (m[3] ?? "").padEnd(2, "0");
  return `${intPart}.${frac}`;
});

/** A percentage as an exact decimal string ("99.9", "10"), between 0 and 100. */
export const percent = z.union([z.string(), z.number()]).transform((value, ctx): string => {
  const text = typeof value === "number" ? String(value) : value.trim().replace(/%$/, "");
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text);
  const n = Number(text);
  if (!m || !(n >= 0 && n <= 100)) {
    ctx.addIssue({ code: "custom", message: `${quoteValue(value)} is not a percentage between 0 and 100`, params: { cw: "DEAL_INVALID_PERCENT" } });
    return z.NEVER;
  }
  const frac = (m[2] ?? "").replace(/0+$/, "");
  return frac ? `${Number(m[1])}.${frac}` : `${Number(m[1])}`;
});

/** True when y-m-d is a real calendar date (so 2026-02-30 is refused). */
function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

/**
 * A calendar date written `YYYY-MM-DD`, in the years {@link MIN_DATE_YEAR} to
 * {@link MAX_DATE_YEAR}. Kept as a string: a contract date has no time zone,
 * and turning it into a `Date` invites off-by-one-day bugs.
 */
export const calendarDate = z.string().superRefine((value, ctx) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) {
    ctx.addIssue({ code: "custom", message: `${quoteValue(value)} is not a date in the form YYYY-MM-DD`, params: { cw: "DEAL_INVALID_DATE" } });
    return;
  }
  const year = Number(m[1]);
  if (!isRealDate(year, Number(m[2]), Number(m[3]))) {
    ctx.addIssue({ code: "custom", message: `${value} is not a real calendar date`, params: { cw: "DEAL_INVALID_DATE" } });
  } else if (year < MIN_DATE_YEAR || year > MAX_DATE_YEAR) {
    ctx.addIssue({ code: "custom", message: `${value} is not in the years ${MIN_DATE_YEAR} to ${MAX_DATE_YEAR}`, params: { cw: "DEAL_INVALID_DATE" } });
  }
});

/** How long a kind of text may be, and whether it may span lines (tab and line feed allowed). */
export interface TextKind {
  readonly max: number;
  readonly multiline: boolean;
}

/** The kinds of text in a deal sheet and their limits (src/deal/limits.ts says which field is which kind). */
export const TEXT_KINDS = {
  code: { max: MAX_CODE_LENGTH, multiline: false },
  label: { max: MAX_LABEL_LENGTH, multiline: false },
  name: { max: MAX_NAME_LENGTH, multiline: false },
  address: { max: MAX_ADDRESS_LENGTH, multiline: true },
  description: { max: MAX_DESCRIPTION_LENGTH, multiline: true },
  longText: { max: MAX_LONG_TEXT_LENGTH, multiline: true },
} as const satisfies Record<string, TextKind>;

/** The name of a {@link TEXT_KINDS} entry. */
export type TextKindName = keyof typeof TEXT_KINDS;

/**
 * A zod refinement that refuses invisible, bidirectional and control characters
 * (src/deal/characters.ts) with `DEAL_INVISIBLE_CHARACTER`, naming the code
 * point and its position.
 */
export function refuseInvisible(multiline: boolean): (value: string, ctx: z.RefinementCtx<string>) => void {
  return (value, ctx) => {
    const found = forbiddenCharacter(value, multiline);
    if (!found) return;
    ctx.addIssue({
      code: "custom",
      message: `${found.label} at character ${found.position} is not allowed: invisible, bidirectional and control characters can make a value show differently from what it says`,
      params: { cw: "DEAL_INVISIBLE_CHARACTER", hint: "Retype the value without it (text copied from a web page, a PDF or a chat often brings such characters along)." },
    });
  };
}

/**
 * A non-empty, trimmed string of one {@link TEXT_KINDS} kind: at most its length,
 * without invisible or control characters; a multi-line kind keeps tabs and line
 * feeds (a CRLF becomes LF).
 */
export function textOf(kind: TextKindName) {
  const { max, multiline } = TEXT_KINDS[kind];
  const base = multiline ? z.string().overwrite((v) => v.replace(/\r\n/g, "\n")) : z.string();
  return base.trim().min(1, { message: "Must not be empty" }).max(max).superRefine(refuseInvisible(multiline));
}

/** A string that refers to a code or id (a fee line's module, a payment stage's milestone): short, without invisible characters. */
export const codeRef = z.string().max(MAX_CODE_LENGTH).superRefine(refuseInvisible(false));

/** A non-empty, trimmed string: the longest kind of text ({@link MAX_LONG_TEXT_LENGTH}), multi-line. */
export const text = textOf("longText");

/** A positive whole number, at most `max`. */
export function positiveInt(max: number) {
  return z.number().int().positive().max(max);
}

/** A whole number of days, zero or more, at most {@link MAX_DAYS}. */
export const days = z.number().int().nonnegative().max(MAX_DAYS);

/** A whole number of days, one or more, at most {@link MAX_DAYS}. */
export const positiveDays = positiveInt(MAX_DAYS);

/** A whole number of months, one or more, at most {@link MAX_TERM_MONTHS}. */
export const months = positiveInt(MAX_TERM_MONTHS);

/** A whole number of hours, one or more, at most {@link MAX_HOURS}. */
export const wholeHours = positiveInt(MAX_HOURS);

/** ISO 4217 currency code. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, { message: "Currency must be an ISO 4217 code such as USD, EUR or CNY" });

/**
 * Text that may differ per language: a plain string (used in every language,
 * as for a company's registered name) or `{ en, zh }`, each of one
 * {@link TEXT_KINDS} kind. Templates print the agreement language's version,
 * falling back to the other.
 */
export function localTextOf(kind: TextKindName) {
  const one = textOf(kind);
  return z.union([
    one,
    z.strictObject({ en: one.optional(), zh: one.optional() }).refine((v) => v.en !== undefined || v.zh !== undefined, { message: "Give the text in at least one language (en or zh)" }),
  ]);
}

/** {@link localTextOf} the longest kind of text: what any field of text may hold. */
export const localText = localTextOf("longText");

/** A value of {@link localText} after validation. */
export type LocalText = string | { readonly en?: string | undefined; readonly zh?: string | undefined };

/** The version of a {@link LocalText} for one language, falling back to the other. */
export function localize(value: LocalText, lang: "en" | "zh"): string {
  if (typeof value === "string") return value;
  return value[lang] ?? value[lang === "en" ? "zh" : "en"] ?? "";
}

/** True when a value has the shape of a validated {@link LocalText} object. */
export function isLocalTextObject(value: unknown): value is { en?: string; zh?: string } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => (k === "en" || k === "zh") && typeof (value as Record<string, unknown>)[k] === "string");
}
