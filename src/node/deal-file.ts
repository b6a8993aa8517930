import { readFile } from "node:fs/promises";
import { parseDealSheet, type DealSchemaSource, type ParsedDealSheet } from "../deal/parse.js";
import type { Deal } from "../deal/schema.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import { describeIoError, errnoCode } from "./io-error.js";

/** The `DEAL_FILE_UNREADABLE` error for a deal sheet that could not be read, saying why. */
export function dealFileUnreadable(path: string, err: unknown): ClausewrightError {
  const message = errnoCode(err) === "ENOENT" ? `Deal file ${path} does not exist` : `Cannot read deal file ${path}: ${describeIoError(err)}`;
  return new ClausewrightError([{ code: "DEAL_FILE_UNREADABLE", severity: "error", file: path, message }], { cause: err });
}

/**
 * Reads and validates a deal sheet file (.yaml, .yml or .json), against a
 * catalogue's schema when given (for pack fields), and returns the deal with
 * the warnings its text gave (`DEAL_YAML_TRAILING_COMMENT`, …), each with the
 * file, line and column.
 */
export async function readDealSheet(path: string, catalog?: DealSchemaSource): Promise<ParsedDealSheet> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw dealFileUnreadable(path, err);
  }
  return parseDealSheet(text, { file: path, ...(catalog ? { catalog } : {}) });
}

/**
 * Reads and validates a deal sheet file (see {@link readDealSheet}, which also
 * returns the warnings). Warnings go to `options.onWarning` when given.
 */
export async function readDealFile(path: string, catalog?: DealSchemaSource, options: { readonly onWarning?: (warning: Problem) => void } = {}): Promise<Deal> {
  const { deal, warnings } = await readDealSheet(path, catalog);
  if (options.onWarning) for (const w of warnings) options.onWarning(w);
  return deal;
}
