import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plusDays, renewalPeriod, renewalPeriodEnd, termEnd } from "../src/text/dates.js";

/**
 * An independent oracle: plain integer calendar arithmetic (no Date, no
 * date-fns), written straight from the documented rule.
 */
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number): number => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
const iso = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const parse = (s: string): [number, number, number] => s.split("-").map(Number) as [number, number, number];
function oracleTermEnd(start: string, months: number): string {
  const [y, m, d] = parse(start);
  const idx = y * 12 + (m - 1) + months;
  const ty = Math.floor(idx / 12);
  const tm = (idx % 12) + 1;
  const last = monthDays(ty, tm);
  if (d > last) return iso(ty, tm, last);
  if (d > 1) return iso(ty, tm, d - 1);
  // The day before the 1st: the last day of the previous month.
  const py = tm === 1 ? ty - 1 : ty;
  const pm = tm === 1 ? 12 : tm - 1;
  return iso(py, pm, monthDays(py, pm));
}
function oracleNextDay(s: string): string {
  const [y, m, d] = parse(s);
  if (d < monthDays(y, m)) return iso(y, m, d + 1);
  return m === 12 ? iso(y + 1, 1, 1) : iso(y, m + 1, 1);
}

const dateArb = fc
  .record({ y: fc.integer({ min: 1990, max: 2200 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .filter(({ y, m, d }) => d <= monthDays(y, m))
  .map(({ y, m, d }) => iso(y, m, d));

describe("termEnd: a term of N months ends the day before the same day-number N months later, else on that month's last day", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-01-28", 1, "2026-02-27"],
    ["2026-01-15", 12, "2027-01-14"],
    ["2026-01-01", 12, "2026-12-31"],
    ["2027-12-31", 2, "2028-02-29"],
    ["2026-01-29", 1, "2026-02-28"],
    ["2028-01-29", 1, "2028-02-28"],
    ["2026-11-30", 3, "2027-02-28"],
  ])("%s + %i months ends on %s", (start, months, end) => {
    expect(termEnd(start, months)).toBe(end);
  });

  it("agrees with an independent calendar oracle", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 240 }), (start, months) => {
        expect(termEnd(start, months)).toBe(oracleTermEnd(start, months));
      }),
      { numRuns: 2000 },
    );
  });

  it("ends on or after the start, and the month arithmetic holds", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 240 }), (start, months) => {
        const end = termEnd(start, months);
        expect(end >= start).toBe(true);
        const [y, m, d] = parse(start);
        const idx = y * 12 + m - 1 + months;
        const ty = Math.floor(idx / 12);
        const tm = (idx % 12) + 1;
        if (d <= monthDays(ty, tm)) {
          // The next period starts on the same day-number, N months later.
          expect(plusDays(end, 1)).toBe(iso(ty, tm, d));
        } else {
          expect(end).toBe(iso(ty, tm, monthDays(ty, tm)));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("renewal periods are anchored on the start day and do not drift", () => {
  it("the k-th renewal ends at termEnd(start, initial + k × renewal)", () => {
    expect(renewalPeriodEnd("2026-01-31", 1, 1, 1)).toBe("2026-03-30");
    expect(renewalPeriodEnd("2026-01-31", 1, 1, 2)).toBe("2026-04-30");
    // Chaining from the previous end would give 2027-02-27 after one February; anchoring keeps the 28th/29th.
    expect(renewalPeriodEnd("2026-01-31", 1, 1, 11)).toBe("2027-01-30");
    expect(renewalPeriod("2026-01-31", 1, 1, 1)).toEqual({ start: "2026-03-01", end: "2026-03-30" });
    expect(renewalPeriodEnd("2028-02-29", 12, 12, 4)).toBe("2033-02-28");
    expect(renewalPeriodEnd("2028-02-29", 12, 12, 3)).toBe("2032-02-28");
    expect(renewalPeriodEnd("2026-01-31", 12, 12, 0)).toBe(termEnd("2026-01-31", 12));
  });

  it("over 20 renewals: each period starts the day after the previous ends, ends on or after its start, and matches the oracle", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 36 }), (start, initial, renewal) => {
        let previousEnd = termEnd(start, initial);
        for (let k = 1; k <= 20; k++) {
          const p = renewalPeriod(start, initial, renewal, k);
          expect(p.start).toBe(oracleNextDay(previousEnd));
          expect(p.end >= p.start).toBe(true);
          expect(p.end).toBe(oracleTermEnd(start, initial + k * renewal));
          // No drift: a start day every month has comes back as the start day of every period.
          const [, , d] = parse(start);
          if (d <= 28) expect(parse(p.start)[2]).toBe(d);
          previousEnd = p.end;
        }
      }),
      { numRuns: 300 },
    );
  });
});
