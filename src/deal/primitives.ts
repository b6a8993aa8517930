import { z } from "zod";

/**
 * An exact decimal amount of money, normalised to a string with two decimals
 * ("1234.50"). Accepts a string ("1234.5", "1,234.50") or a number that is
 * exactly representable with at most two decimals; anything that could have
 * lost precision as a float is refused rather than rounded.
 */
export const moneyAmount = z.union([z.string(), z.number()]).transform((value, ctx): string => {
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
      message: `Amount "${String(value)}" is not a decimal with at most two decimal places`,
      params: { cw: "DEAL_INVALID_AMOUNT" },
    });
    return z.NEVER;
  }
  if (m[1] === "-") {
    ctx.addIssue({ code: "custom", message: `Amount must not be negative (got ${String(value)})`, params: { cw: "DEAL_NEGATIVE_AMOUNT" } });
    return z.NEVER;
  }
  const intPart = (m[2] ?? "0").replace(/^0+(?=\d)/, "");
  const frac = (m[3] ?? "").padEnd(2, "0");
  return `${intPart}.${frac}`;
});

/** A percentage as an exact decimal string ("99.9", "10"), between 0 and 100. */
export const percent = z.union([z.string(), z.number()]).transform((value, ctx): string => {
  const text = typeof value === "number" ? String(value) : value.trim().replace(/%$/, "");
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text);
  const n = Number(text);
  if (!m || !(n >= 0 && n <= 100)) {
    ctx.addIssue({ code: "custom", message: `"${String(value)}" is not a percentage between 0 and 100`, params: { cw: "DEAL_INVALID_PERCENT" } });
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
 * A calendar date written `YYYY-MM-DD`. Kept as a string: a contract date has
 * no time zone, and turning it into a `Date` invites off-by-one-day bugs.
 */
export const calendarDate = z.string().superRefine((value, ctx) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not a date in the form YYYY-MM-DD`, params: { cw: "DEAL_INVALID_DATE" } });
    return;
  }
  if (!isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    ctx.addIssue({ code: "custom", message: `${value} is not a real calendar date`, params: { cw: "DEAL_INVALID_DATE" } });
  }
});

/** A non-empty, trimmed single-line or multi-line string. */
export const text = z.string().trim().min(1, { message: "Must not be empty" });

/** A positive whole number. */
export const positiveInt = z.number().int().positive();

/** A whole number of days, zero or more. */
export const days = z.number().int().nonnegative();

/** ISO 4217 currency code. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, { message: "Currency must be an ISO 4217 code such as USD, EUR or CNY" });

/**
 * Text that may differ per language: a plain string (used in every language,
 * as for a company's registered name) or `{ en, zh }`. Templates print the
 * agreement language's version, falling back to the other.
 */
export const localText = z.union([
  text,
  z.strictObject({ en: text.optional(), zh: text.optional() }).refine((v) => v.en !== undefined || v.zh !== undefined, { message: "Give the text in at least one language (en or zh)" }),
]);

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
