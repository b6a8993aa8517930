import { formatProblem, type Problem } from "./problem.js";

/**
 * The one error class clausewright throws. It always carries at least one
 * {@link Problem}; validation collects every problem it finds, not just the first.
 */
export class ClausewrightError extends Error {
  /** Every problem found, in the order found. Never empty. */
  readonly problems: readonly [Problem, ...Problem[]];

  constructor(problems: readonly [Problem, ...Problem[]], options?: { cause?: unknown }) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(`${formatProblem(first)}${more}`, options);
    this.name = "ClausewrightError";
    this.problems = problems;
  }

  /** The code of the first problem; handy for `switch`. */
  get code(): string {
    return this.problems[0].code;
  }

  /**
   * True for any ClausewrightError, also one from another copy of the package
   * (ESM and CJS builds loaded side by side), where `instanceof` fails.
   */
  static is(value: unknown): value is ClausewrightError {
    return (
      value instanceof ClausewrightError ||
      (typeof value === "object" && value !== null && (value as { name?: unknown }).name === "ClausewrightError" && Array.isArray((value as { problems?: unknown }).problems))
    );
  }
}

/** Throws a ClausewrightError when `problems` holds any error; returns otherwise. */
export function throwIfErrors(problems: readonly Problem[]): void {
  const errors = problems.filter((p) => p.severity === "error");
  const [first, ...rest] = errors;
  if (first) throw new ClausewrightError([first, ...rest]);
}

/** Builds a single-problem error. */
export function fail(problem: Omit<Problem, "severity"> & { severity?: Problem["severity"] }): ClausewrightError {
  return new ClausewrightError([{ severity: "error", ...problem }]);
}
