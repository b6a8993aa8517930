import { ClausewrightError } from "../../src/errors/error.js";
import type { Problem } from "../../src/errors/problem.js";

/** The problems `fn` throws as a ClausewrightError; fails the test on any other outcome. */
export function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (err) {
    if (ClausewrightError.is(err)) return [...err.problems];
    throw err;
  }
  throw new Error("expected a ClausewrightError");
}

/** {@link problemsOf} for an async function. */
export async function problemsOfAsync(fn: () => unknown): Promise<Problem[]> {
  try {
    await fn();
  } catch (err) {
    if (ClausewrightError.is(err)) return [...err.problems];
    throw err;
  }
  throw new Error("expected a ClausewrightError");
}
