import { readFile } from "node:fs/promises";
import { parseDeal, type DealSchemaSource } from "../deal/parse.js";
import type { Deal } from "../deal/schema.js";
import { ClausewrightError } from "../errors/error.js";

/** Reads and validates a deal sheet file (.yaml, .yml or .json), against a catalogue's schema when given (for pack fields). */
export async function readDealFile(path: string, catalog?: DealSchemaSource): Promise<Deal> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ClausewrightError([
      { code: "DEAL_FILE_UNREADABLE", severity: "error", file: path, message: code === "ENOENT" ? `Deal file ${path} does not exist` : `Cannot read deal file ${path} (${code ?? String(err)})` },
    ]);
  }
  return parseDeal(text, { file: path, ...(catalog ? { catalog } : {}) });
}
