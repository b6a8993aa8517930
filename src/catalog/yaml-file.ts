import { rebaseCode } from "../errors/codes.js";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { issuesToProblems } from "../deal/parse.js";
import { locate } from "../deal/locate.js";
import type { Problem } from "../errors/problem.js";
import { PACK_LIMITS } from "./pack-limits.js";
import { positionsOf } from "./positions.js";
import { yamlNestingPastLimit } from "../deal/depth.js";
import { duplicateKeyProblems, yamlToData } from "./yaml-limits.js";
import type { PackFiles, SourcePositions } from "./types.js";

/** Parses one YAML file of a pack against a schema; problems carry file:line:column. `positions` receives where each node is. */
export function parseYamlFile<T extends z.ZodType>(files: PackFiles, file: string, schema: T, problems: Problem[], positions?: { value?: SourcePositions }): z.output<T> | undefined {
  const text = files[file];
  if (text === undefined) {
    problems.push({ code: "PACK_MISSING_FILE", severity: "error", file, message: `Missing file ${file}` });
    return undefined;
  }
  const tooDeep = yamlDepthProblem(text, file);
  if (tooDeep) {
    problems.push(tooDeep);
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const lp = lines.linePos(e.pos[0]);
      const pos = { line: lp.line, col: lp.col };
      problems.push({
        code: "PACK_YAML_SYNTAX",
        severity: "error",
        file,
        ...(pos ? { line: pos.line, column: pos.col } : {}),
        message: `YAML syntax error: ${e.message.split("\n")[0] ?? e.message}`,
      });
    }
    return undefined;
  }
  const repeated = duplicateKeyProblems(doc, lines, file);
  if (repeated.length > 0) {
    problems.push(...repeated);
    return undefined;
  }
  if (positions) positions.value = positionsOf(doc, lines);
  const data = yamlToData(doc);
  if ("failure" in data) {
    problems.push({ code: "PACK_YAML_LIMIT", severity: "error", file, message: `${file}: ${data.failure.message}` });
    return undefined;
  }
  const result = schema.safeParse(data.value, { reportInput: true });
  if (result.success) return result.data;
  for (const p of issuesToProblems(result.error.issues)) {
    const pos = locate(doc, lines, p.path ?? []);
    problems.push({ ...p, code: rebaseCode(p.code, "PACK_"), file, ...(pos ? { line: pos.line, column: pos.column } : {}) });
  }
  return undefined;
}

/**
 * PACK_YAML_LIMIT when a pack YAML file nests deeper than {@link PACK_LIMITS}.yamlDepth, found by
 * the deal sheet's linear pre-scan before the parser runs (the parser recurses per level; ten
 * thousand levels ended in a fatal out-of-memory). The scan can read a block list at its parent's
 * column as one level, so it is given twice the limit, as for deals.
 */
export function yamlDepthProblem(text: string, file: string): Problem | undefined {
  const past = yamlNestingPastLimit(text, 2 * PACK_LIMITS.yamlDepth);
  if (past === undefined) return undefined;
  const line = text.slice(0, past).split("\n").length;
  return { code: "PACK_YAML_LIMIT", severity: "error", file, line, message: `${file} nests lists or mappings more than ${PACK_LIMITS.yamlDepth} levels deep` };
}
