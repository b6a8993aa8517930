import { MAX_DEAL_BYTES } from "../deal/limits.js";
import { parseDealSheet, type DealSchemaSource, type ParsedDealSheet } from "../deal/parse.js";
import { dealTooLarge } from "../deal/text-input.js";
import type { Deal } from "../deal/schema.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import { readFileBounded } from "./bounded-read.js";
import { describeIoError, errnoCode } from "./io-error.js";

/** The `DEAL_FILE_UNREADABLE` error for a deal sheet that could not be read, saying why. */
export function dealFileUnreadable(path: string, err: unknown): ClausewrightError {
  const message = errnoCode(err) === "ENOENT" ? `Deal file ${path} does not exist` : `Cannot read deal file ${path}: ${describeIoError(err)}`;
  return new ClausewrightError([{ code: "DEAL_FILE_UNREADABLE", severity: "error", file: path, message }], { cause: err });
}

/**
 * The bytes of a deal sheet file, never more than {@link MAX_DEAL_BYTES}: a
 * file that says it is larger is refused before it is read
 * (`DEAL_FILE_TOO_LARGE`), and reading stops one byte past the limit whatever
 * the size said (a device, a pipe, a file that grows). `shownAs` is the name
 * messages give it (the path as typed). A read failure is `DEAL_FILE_UNREADABLE`.
 */
export function readDealBytes(path: string, shownAs: string = path): Promise<Uint8Array> {
  return readFileBounded(path, MAX_DEAL_BYTES, {
    unreadable: (err) => dealFileUnreadable(shownAs, err),
    tooLarge: (size, past) => dealTooLarge(shownAs, size, past),
  });
}

/**
 * Reads and validates a deal sheet file (.yaml, .yml or .json), against a
 * catalogue's schema when given (for pack fields), and returns the deal with
 * the warnings its text gave (`DEAL_YAML_TRAILING_COMMENT`, …), each with the
 * file, line and column. The file must be UTF-8 (`DEAL_NOT_UTF8`) and at most
 * {@link MAX_DEAL_BYTES} (`DEAL_FILE_TOO_LARGE`).
 */
export async function readDealSheet(path: string, catalog?: DealSchemaSource): Promise<ParsedDealSheet> {
  const bytes = await readDealBytes(path);
  return parseDealSheet(bytes, { file: path, ...(catalog ? { catalog } : {}) });
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
