import { UTCDate } from "@date-fns/utc";
import { addDays, addMonths, differenceInCalendarDays, format } from "date-fns";

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

/** The day before the same date `months` later: the last day of a term that starts on `startIso`. */
export function termEnd(startIso: string, months: number): string {
  return toIso(addDays(addMonths(toUtc(startIso), months), -1));
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
