import { MAX_DEAL_BYTES } from "../deal/limits.js";
import { parseDealSheet, type DealSchemaSource, type ParsedDealSheet } from "../deal/parse.js";
import { checkDealText, dealTooLarge, decodeDealBytes, formatOfText } from "../deal/text-input.js";
import { ClausewrightError } from "../errors/error.js";
import { dealFileUnreadable, readDealBytes } from "../node/deal-file.js";
import { fsPath, type CommandContext } from "./context.js";
import { sheetLocator, type Locator } from "../deal/sheet-positions.js";

/** The name a deal read from standard input goes by in messages. */
export const STDIN_NAME = "<stdin>";

/** A deal sheet's text, where it came from (for messages) and how to parse it. */
export interface DealInput {
  readonly text: string;
  /** The path as typed, or {@link STDIN_NAME}. */
  readonly file: string;
  readonly format: "yaml" | "json";
}

/**
 * Standard input as text: UTF-8, strictly, and no more than {@link MAX_DEAL_BYTES} —
 * reading stops at the first chunk past the limit, so `cat /dev/zero | clausewright check -`
 * ends with `DEAL_FILE_TOO_LARGE` instead of filling memory.
 */
async function readStdin(source: string | AsyncIterable<string | Uint8Array>): Promise<string> {
  if (typeof source === "string") return checkDealText(source, STDIN_NAME);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      total += bytes.byteLength;
      if (total > MAX_DEAL_BYTES) throw dealTooLarge(STDIN_NAME, MAX_DEAL_BYTES, true);
      chunks.push(bytes);
    }
  } catch (err) {
    if (ClausewrightError.is(err)) throw err;
    throw dealFileUnreadable(STDIN_NAME, err);
  }
  return decodeDealBytes(Buffer.concat(chunks), STDIN_NAME);
}

/**
 * Reads the deal argument: `-` is standard input (JSON or YAML by content),
 * anything else a file (JSON when it ends in `.json`, else YAML, as
 * `readDealSheet` does). A read failure is `DEAL_FILE_UNREADABLE`, naming the
 * path; more than {@link MAX_DEAL_BYTES} is `DEAL_FILE_TOO_LARGE` (a file is
 * refused by its size before it is read) and anything but UTF-8 `DEAL_NOT_UTF8`.
 * The text has no byte-order mark.
 */
export async function readDealInput(arg: string, ctx: Pick<CommandContext, "stdin" | "cwd">): Promise<DealInput> {
  if (arg === "-") {
    const text = await readStdin(ctx.stdin);
    return { text, file: STDIN_NAME, format: formatOfText(text) };
  }
  const text = decodeDealBytes(await readDealBytes(fsPath(ctx, arg), arg), arg);
  return { text, file: arg, format: arg.toLowerCase().endsWith(".json") ? "json" : "yaml" };
}

/** Parses and validates the deal sheet read by {@link readDealInput}. */
export function parseDealInput(input: DealInput, catalog: DealSchemaSource): ParsedDealSheet {
  return parseDealSheet(input.text, { file: input.file, format: input.format, catalog });
}

/** Finds where data paths sit in the deal sheet, for `file:line:column` in messages. */
export function dealLocator(input: DealInput): Locator {
  return sheetLocator(input.text, input.file);
}
