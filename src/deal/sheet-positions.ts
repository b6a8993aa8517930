import { LineCounter, parseDocument } from "yaml";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import { locateInJson } from "./json-locate.js";
import { locate } from "./locate.js";

/** Where a data path sits in the deal sheet, for `file:line:column`. */
export type Locator = (path: readonly (string | number)[]) => { file: string; line?: number; column?: number };

/**
 * Finds where data paths sit in a deal sheet's text (YAML or JSON), for `file:line:column` in
 * messages. The text is parsed again only when a position is first asked for: a deal without
 * check problems pays nothing. Text known to be JSON (`format`) is scanned instead of parsed.
 */
export function sheetLocator(text: string, file: string, format?: "yaml" | "json"): Locator {
  let found: { doc: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined;
  return (path) => {
    if (path.length === 0) return { file };
    if (format === "json") {
      const pos = locateInJson(text, path);
      return pos ? { file, line: pos.line, column: pos.column } : { file };
    }
    if (!found) {
      const lines = new LineCounter();
      found = { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: false }), lines };
    }
    const pos = locate(found.doc, found.lines, path);
    return pos ? { file, line: pos.line, column: pos.column } : { file };
  };
}

/** Check problems (which know only their data path) with the deal file position added. */
export function located(problems: readonly Problem[], where: Locator): Problem[] {
  return problems.map((p) => (p.code.startsWith("CHECK_") && p.file === undefined && p.path?.length ? { ...p, ...where(p.path) } : p));
}

/** Rethrows a ClausewrightError with the deal file's positions added to its check problems (for `.catch`). */
export function relocate(where: Locator): (err: unknown) => never {
  return (err) => {
    if (!ClausewrightError.is(err)) throw err;
    const [first, ...rest] = located(err.problems, where);
    throw first ? new ClausewrightError([first, ...rest]) : err;
  };
}
