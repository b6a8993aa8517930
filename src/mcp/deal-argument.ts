import type { Catalog } from "../catalog/catalog.js";
import { parseDealSheet, validateDeal } from "../deal/parse.js";
import type { Deal } from "../deal/schema.js";
import { sheetLocator, type Locator } from "../deal/sheet-positions.js";
import { formatOfText } from "../deal/text-input.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import { Refusal, toolProblem } from "./results.js";

// The deal's hints name the CLI's schema command; an agent has the deal_schema tool instead.
const CLI_SCHEMA = "`clausewright schema`";

/** A deal given to a tool, validated with the catalogue's deal schema (the packs' fields included). */
export interface DealArgument {
  readonly deal: Deal;
  /** What the text said that probably changes the deal (a ` #` that cut a value short); none for an object. */
  readonly warnings: readonly Problem[];
  /** For a deal given as text: where a data path sits in it, so check problems get a line and column. */
  readonly where?: Locator;
}

/**
 * Validates a deal argument: an object as it is, a string as a deal sheet's text (YAML, or JSON
 * when it starts with `{`), whose problems then carry the argument's name as their file and the
 * line and column in it. Throws a {@link Refusal} with every problem found, each naming the argument.
 */
export function readDealArgument(value: Record<string, unknown> | string, argument: string, catalog: Catalog): DealArgument {
  try {
    if (typeof value !== "string") return { deal: validateDeal(value, catalog), warnings: [] };
    const parsed = parseDealSheet(value, { file: argument, format: formatOfText(value), catalog });
    return { deal: parsed.deal, warnings: parsed.warnings, where: sheetLocator(value, argument) };
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    const [first, ...rest] = err.problems.map((p) => toolProblem(p.hint?.includes(CLI_SCHEMA) ? { ...p, hint: p.hint.replace(CLI_SCHEMA, "the deal_schema tool") } : p, argument));
    throw first ? new Refusal([first, ...rest]) : err;
  }
}
