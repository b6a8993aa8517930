import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import type { Problem } from "../errors/problem.js";

/**
 * YAML reads ` #` as the start of a comment, even in the middle of what the
 * writer meant as a value: `registeredAddress: 8 Marina View, #30-01, Singapore`
 * is the address "8 Marina View," and a comment. The deal is valid, and the
 * agreement silently prints half an address. This module finds such values.
 *
 * The decision (README, "The deal sheet"): a same-line comment after a plain
 * (unquoted) scalar is reported when
 *   - the value is text (not a number, boolean, null or a YYYY-MM-DD date:
 *     `seats: 120 # named users` cannot have meant "#" as part of the number), and
 *   - the `#` follows the value after a single space or tab, or the value
 *     visibly continues (it ends with `,` `;` `:` `(` `[` `-` `/` `&`).
 * A comment separated by two or more spaces from a finished value
 * (`name: Acme  # the customer`) is read as a deliberate annotation: that is
 * the usual YAML convention (yamllint asks for two spaces before an inline
 * comment), so it is not reported. Comments on their own line and comments
 * after quoted values are never reported.
 */
export function trailingCommentTraps(doc: Document, source: string, lines: LineCounter, file?: string): Problem[] {
  const problems: Problem[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key === "string" || typeof key === "number") walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    } else if (isScalar(node)) {
      const trap = trapOf(node, source);
      if (!trap) return;
      const pos = lines.linePos(trap.hashAt);
      const where = path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
      const field = String(path[path.length - 1] ?? "value");
      problems.push({
        code: "DEAL_YAML_TRAILING_COMMENT",
        severity: "warning",
        path,
        message: `${where} reads "${trap.value}": YAML takes "${trap.comment}" after it as a comment. If the # is part of the value, put the whole value in quotes`,
        messageZh: `${where} 的值被读作“${trap.value}”:YAML 把其后的“${trap.comment}”当作注释。如果 # 是值的一部分,请用引号括起整个值`,
        hint: `Write ${field}: "${trap.value} ${trap.comment}" (in quotes), or put two spaces before the # if it is a comment.`,
        ...(file ? { file } : {}),
        line: pos.line,
        column: pos.col,
      });
    }
  };
  walk(doc.contents, []);
  return problems;
}

const CONTINUES = /[,;:([\-/&]$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function trapOf(node: Node & { type?: unknown; value?: unknown }, source: string): { value: string; comment: string; hashAt: number } | undefined {
  if (node.type !== "PLAIN" || typeof node.value !== "string" || DATE.test(node.value)) return undefined;
  const end = node.range?.[1];
  if (end === undefined) return undefined;
  const rest = /^([ \t]+)(#[^\r\n]*)/.exec(source.slice(end));
  if (!rest) return undefined;
  const gap = rest[1] ?? "";
  const comment = (rest[2] ?? "").trimEnd();
  if (gap.length > 1 && !CONTINUES.test(node.value)) return undefined;
  return { value: node.value, comment, hashAt: end + gap.length };
}
