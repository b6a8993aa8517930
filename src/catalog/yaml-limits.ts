import type { Document, LineCounter } from "yaml";
import { duplicateKeys } from "../deal/parse.js";
import { formatPath, type Problem } from "../errors/problem.js";
import { PACK_LIMITS } from "./pack-limits.js";

/** Why a YAML document could not become data within the limits, or undefined when it did. */
export type YamlLimitFailure = { readonly kind: "aliases" | "depth"; readonly message: string };

/**
 * The document as plain data, with aliases expanded at most `maxAliases` times: an alias bomb
 * (nested lists of aliases that expand to billions of nodes) stops with a failure instead of
 * exhausting memory, and so does a structure too deep for the stack.
 */
export function yamlToData(doc: Document, maxAliases: number = PACK_LIMITS.yamlAliases): { readonly value: unknown } | { readonly failure: YamlLimitFailure } {
  try {
    return { value: doc.toJS({ maxAliasCount: maxAliases }) };
  } catch (err) {
    if (err instanceof RangeError) return { failure: { kind: "depth", message: "nested too deeply" } };
    if (err instanceof ReferenceError) {
      return { failure: { kind: "aliases", message: `its aliases (*name) expand too many times (more than ${maxAliases} per anchor); expand them by hand` } };
    }
    throw err;
  }
}

/**
 * A key given twice in a pack YAML file, as PACK_YAML_SYNTAX at the repeat. The yaml package's own
 * check (`uniqueKeys`) compares each key with every earlier one, so a 256 KiB file of keys took
 * seconds; this one is linear.
 */
export function duplicateKeyProblems(doc: Document, lines: LineCounter, file: string): Problem[] {
  return duplicateKeys(doc.contents).map((d) => {
    const lp = lines.linePos(d.offset);
    return { code: "PACK_YAML_SYNTAX", severity: "error", file, line: lp.line, column: lp.col, message: `YAML syntax error: ${formatPath(d.path)} is given twice` };
  });
}
