import { UTCDate } from "@date-fns/utc";
import { addDays, differenceInCalendarDays, format } from "date-fns";

/**
 * Contract dates are calendar dates with no time zone. All arithmetic runs on
 * UTCDate so the machine's TZ can never shift a date by a day.
 */
function toUtc(iso: string): UTCDate {
  const [y, m, d] = iso.split("-").map(Number);
  return new UTCDate(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

function toIso(date: Date): string {
  return format(date, "yyyy-MM-dd");
}

/** Days in a month (`month0` 0-based; may run past 11 or below 0, normalised by UTC arithmetic). */
function daysInMonth(year: number, month0: number): number {
  return new UTCDate(year, month0 + 1, 0).getDate();
}

/**
 * The last day of a term of `months` months that starts on `startIso`.
 *
 * The rule (README, "The deal sheet"): a term of N months ends on the day
 * before the same day-number N months later; where that month has no such
 * day, it ends on the last day of that month. So 2026-01-15 + 12 → 2027-01-14,
 * 2026-01-28 + 1 → 2026-02-27, 2026-01-31 + 1 → 2026-02-28,
 * 2026-03-31 + 1 → 2026-04-30, 2028-02-29 + 12 → 2029-02-28.
 *
 * Why not `addMonths(start, n) - 1 day`: addMonths clamps 31 January to
 * 28 February first, and the day before that (27 February) cuts a day off the
 * term; a contract counts to the corresponding day, which February lacks.
 */
export function termEnd(startIso: string, months: number): string {
  const start = toUtc(startIso);
  const day = start.getDate();
  // The month N months later (UTC arithmetic normalises month overflow into years).
  const target = new UTCDate(start.getFullYear(), start.getMonth() + months, 1);
  const last = daysInMonth(target.getFullYear(), target.getMonth());
  if (day > last) return toIso(new UTCDate(target.getFullYear(), target.getMonth(), last));
  return toIso(addDays(new UTCDate(target.getFullYear(), target.getMonth(), day), -1));
}

/**
 * The last day of the `k`-th renewal period (k = 1 for the first renewal; 0
 * gives the end of the initial term). Anchored on the original start day —
 * `termEnd(effective, initialMonths + k × renewalMonths)` — never chained from
 * the previous end, so a term starting on the 31st does not drift to the 28th
 * after one February. Period k starts the day after period k − 1 ends.
 */
export function renewalPeriodEnd(effectiveIso: string, initialMonths: number, renewalMonths: number, k: number): string {
  return termEnd(effectiveIso, initialMonths + k * renewalMonths);
}

/** First and last day of the `k`-th renewal period (k ≥ 1), anchored as {@link renewalPeriodEnd}. */
export function renewalPeriod(effectiveIso: string, initialMonths: number, renewalMonths: number, k: number): { readonly start: string; readonly end: string } {
  return {
    start: plusDays(renewalPeriodEnd(effectiveIso, initialMonths, renewalMonths, k - 1), 1),
    end: renewalPeriodEnd(effectiveIso, initialMonths, renewalMonths, k),
  };
}

/** `iso` plus a number of days. */
export function plusDays(iso: string, days: number): string {
  return toIso(addDays(toUtc(iso), days));
}

/** Calendar days from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return differenceInCalendarDays(toUtc(toIso), toUtc(fromIso));
}

/** Date display styles. */
export type DateStyle = "en-GB" | "en-US" | "zh";

/** Formats a calendar date for contract text: "1 December 2026", "December 1, 2026" or "2026年12月1日". */
export function formatDate(iso: string, style: DateStyle = "en-GB"): string {
  const d = toUtc(iso);
  if (style === "zh") return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
  return format(d, style === "en-US" ? "MMMM d, yyyy" : "d MMMM yyyy");
}

/** Midnight UTC of a calendar date as an ISO timestamp, for file metadata. */
export function isoTimestamp(iso: string): string {
  return `${iso}T00:00:00.000Z`;
}
