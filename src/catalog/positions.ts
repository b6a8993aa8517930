import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import type { SourcePosition, SourcePositions } from "./types.js";

/**
 * Positions of every node of a YAML document by dotted data path, taken from
 * the yaml library's source ranges: a value's position for a key with a
 * value, so "requires.0" points at the id itself.
 */
export function positionsOf(doc: Document, lines: LineCounter): SourcePositions {
  const out: Record<string, SourcePosition> = {};
  const at = (offset: number): SourcePosition => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const walk = (node: unknown, path: string): void => {
    const n = node as Node | null;
    if (n?.range) out[path] = at(n.range[0]);
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        const child = path === "" ? key : `${path}.${key}`;
        const keyRange = (pair.key as Node).range;
        if (keyRange) out[child] = at(keyRange[0]);
        if (pair.value) walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, path === "" ? String(i) : `${path}.${i}`));
    }
  };
  walk(doc.contents, "");
  return out;
}

/** The position of a data path, or of its nearest ancestor that has one. */
export function positionAt(positions: SourcePositions | undefined, path: readonly (string | number)[]): SourcePosition | undefined {
  if (!positions) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const p = positions[path.slice(0, n).join(".")];
    if (p) return p;
  }
  return undefined;
}

/**
 * Where the text of a YAML string value starts, given where its node starts in
 * `source`: after the quote of a quoted scalar, on the next line of a block
 * scalar (`|`, `>`), else at the node. Lets a problem inside a template embedded
 * in YAML (a term's definition) name the right line and column.
 */
export function scalarTextStart(source: string, node: SourcePosition): SourcePosition {
  const lines = source.split("\n");
  const text = lines[node.line - 1] ?? "";
  const first = text[node.column - 1];
  if (first === '"' || first === "'") return { line: node.line, column: node.column + 1 };
  if (first === "|" || first === ">") {
    const next = lines[node.line] ?? "";
    return { line: node.line + 1, column: next.length - next.trimStart().length + 1 };
  }
  return node;
}
