import { ClausewrightError } from "../errors/error.js";

/**
 * The budget of the template work of one document, and the shape limits of one template. Every
 * helper call and every `{{#each}}` iteration is a step; every character a template writes or
 * inserts counts against the output. The largest example agreement takes about 1,400 steps and
 * writes about 90,000 characters per language; the budget is about 700 and 20 times that, far
 * above any real agreement, and stops a hostile pack (nested loops over the deal's lists, a value
 * repeated in loops) within about a second.
 */
export const TEMPLATE_BUDGET = {
  /** Helper calls and loop iterations in one document, across all its templates. */
  steps: 1_000_000,
  /** Characters the templates of one document may write, inserted values included. */
  outputChars: 2_000_000,
  /** How deep `{{#each}}` blocks may nest inside one template. */
  eachDepth: 4,
  /** How deep blocks of any kind may nest inside one template. */
  blockDepth: 24,
  /** `{{…}}` statements in one template (the largest built-in template has 169). */
  statements: 2_000,
} as const;

/** The work done so far for one document: shared by the renders of all its templates. Internal. */
export interface TemplateWork {
  steps: number;
  chars: number;
}

/** A fresh counter for one document. */
export function newTemplateWork(): TemplateWork {
  return { steps: 0, chars: 0 };
}

/** Where the work is being done, for the message. */
export interface WorkSite {
  readonly clause: string;
  readonly file: string;
  readonly line?: number | undefined;
}

/**
 * Adds work to the counter, and throws TEMPLATE_BUDGET_EXCEEDED once the document has used more
 * than {@link TEMPLATE_BUDGET} allows: a template that asks for that much is hostile or broken,
 * and stopping beats exhausting the machine.
 */
export function chargeWork(work: TemplateWork, steps: number, chars: number, site: WorkSite): void {
  work.steps += steps;
  work.chars += chars;
  if (work.steps <= TEMPLATE_BUDGET.steps && work.chars <= TEMPLATE_BUDGET.outputChars) return;
  const what =
    work.steps > TEMPLATE_BUDGET.steps
      ? `more than ${TEMPLATE_BUDGET.steps.toLocaleString("en-US")} helper calls and loop iterations`
      : `more than ${TEMPLATE_BUDGET.outputChars.toLocaleString("en-US")} characters of text`;
  throw new ClausewrightError([
    {
      code: "TEMPLATE_BUDGET_EXCEEDED",
      severity: "error",
      clause: site.clause,
      file: site.file,
      ...(site.line ? { line: site.line } : {}),
      message: `The templates of this document ask for ${what} (stopped in clause "${site.clause}"); a real agreement needs a small fraction of that`,
      hint: "Look for {{#each}} loops nested inside each other or a value repeated many times in this template.",
    },
  ]);
}
