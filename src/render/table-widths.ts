/**
 * Table column widths from what the cells hold, shared by the PDF and DOCX
 * renderers. The model's relative widths are a template's guess made without
 * the data; the data decides: a column is never narrower than its longest
 * unbreakable token ("Customer", "contracts@northwind.example", "1,200.00")
 * when the table can afford it, so a word is broken inside only when even the
 * tokens alone do not fit.
 */

/** What a column's content asks for, in the caller's unit, padding included. */
export interface ColumnNeed {
  /** Its widest unbreakable token: narrower, and a token must be cut. */
  readonly min: number;
  /** Its widest line when nothing wraps: wider gains nothing. */
  readonly max: number;
}

/**
 * Widths that fill `width` exactly, in the manner of an automatic table
 * layout (CSS 2.1 §17.5.2.2):
 * - everything fits unwrapped: each column gets its `max`, and the spare
 *   width goes to the columns in proportion to their `max`;
 * - the tokens fit but not the lines: a column whose whole content fits in
 *   a share of the width (`width / (n + 1)`, a little less than an equal
 *   one, so the long columns keep most of the room) gets its `max` (a short label such as
 *   "Key term" or "主要条款" is not wrapped: Chinese may break between any two
 *   characters, so its `min` alone would squeeze it to one character); the
 *   others get their `min`, and the rest goes where wrapping costs most, in
 *   proportion to `max - min`;
 * - not even the tokens fit: the widest tokens give way first — every column
 *   narrower than a common cap keeps its token and the columns above it are
 *   cut down to the cap, so an email is broken rather than a short word such
 *   as "Area" in every column alike.
 */
export function columnWidths(needs: readonly ColumnNeed[], width: number): number[] {
  const n = needs.length;
  if (n === 0) return [];
  const min = needs.map((c) => Math.max(0, c.min));
  const max = needs.map((c, i) => Math.max(min[i] ?? 0, c.max));
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  const minSum = sum(min);
  const maxSum = sum(max);
  if (minSum >= width) return minSum > 0 ? capTokens(min, width) : min.map(() => width / n);
  if (maxSum <= width) return maxSum > 0 ? max.map((m) => m + ((width - maxSum) * m) / maxSum) : max.map(() => width / n);
  // Short columns keep their whole content on one line, if the rest still gets its tokens.
  const short = max.map((m) => m <= width / (n + 1));
  const floor = min.map((m, i) => (short[i] ? (max[i] ?? m) : m));
  const base = sum(floor) <= width ? floor : min;
  const spare = width - sum(base);
  const room = base.map((b, i) => (max[i] ?? b) - b);
  const stretch = sum(room);
  return base.map((b, i) => b + (stretch > 0 ? (spare * (room[i] ?? 0)) / stretch : spare / n));
}

/**
 * Widths no wider than `min` that fill `width`: the largest `c` with
 * `sum(min(m, c)) = width`, so only tokens wider than `c` are cut.
 */
function capTokens(min: readonly number[], width: number): number[] {
  const sorted = [...min].sort((a, b) => a - b);
  let below = 0;
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i] ?? 0;
    const rest = sorted.length - i;
    // Cap between the previous token and this one: every column from here on gets the cap.
    const cap = (width - below) / rest;
    if (cap <= m) return min.map((x) => Math.min(x, cap));
    below += m;
  }
  return [...min];
}
