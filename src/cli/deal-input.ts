import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import { locate } from "../deal/locate.js";
import { parseDealSheet, type DealSchemaSource, type ParsedDealSheet } from "../deal/parse.js";
import { dealFileUnreadable } from "../node/deal-file.js";
import { fsPath, type CommandContext } from "./context.js";
import type { Locator } from "./report.js";

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
 * JSON or YAML by content, for text without a file name: a JSON deal sheet is
 * an object, so it starts with `{` (after a byte-order mark and blank space).
 * A YAML sheet written as one flow mapping would start so too; it is read as
 * JSON and a syntax error names the position.
 */
export function formatOfText(text: string): "yaml" | "json" {
  return /^\uFEFF?\s*\{/.test(text) ? "json" : "yaml";
}

async function readAll(source: string | AsyncIterable<string | Uint8Array>): Promise<string> {
  if (typeof source === "string") return source;
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads the deal argument: `-` is standard input (JSON or YAML by content),
 * anything else a file (JSON when it ends in `.json`, else YAML, as
 * `readDealSheet` does). A read failure is `DEAL_FILE_UNREADABLE`, naming the path.
 */
export async function readDealInput(arg: string, ctx: Pick<CommandContext, "stdin" | "cwd">): Promise<DealInput> {
  if (arg === "-") {
    const text = await readAll(ctx.stdin).catch((err: unknown) => {
      throw dealFileUnreadable(STDIN_NAME, err);
    });
    return { text, file: STDIN_NAME, format: formatOfText(text) };
  }
  const text = await readFile(fsPath(ctx, arg), "utf8").catch((err: unknown) => {
    throw dealFileUnreadable(arg, err);
  });
  return { text, file: arg, format: arg.toLowerCase().endsWith(".json") ? "json" : "yaml" };
}

/** Parses and validates the deal sheet read by {@link readDealInput}. */
export function parseDealInput(input: DealInput, catalog: DealSchemaSource): ParsedDealSheet {
  return parseDealSheet(input.text, { file: input.file, format: input.format, catalog });
}

/** Finds where data paths sit in the deal sheet, for `file:line:column` in messages. */
export function dealLocator(input: DealInput): Locator {
  let found: { doc: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined;
  return (path) => {
    if (path.length === 0) return { file: input.file };
    if (!found) {
      const lines = new LineCounter();
      found = { doc: parseDocument(input.text, { lineCounter: lines }), lines };
    }
    const pos = locate(found.doc, found.lines, path);
    return pos ? { file: input.file, line: pos.line, column: pos.column } : { file: input.file };
  };
}
