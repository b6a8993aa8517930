import { isMap, isSeq, type LineCounter, type Document, type Node } from "yaml";

/** Line and column (1-based) of the node at `path` in a parsed YAML document, or of its nearest existing ancestor. */
export function locate(doc: Document, lines: LineCounter, path: readonly (string | number)[]): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  let best: Node | undefined = (doc.contents as Node | null) ?? undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as { value?: unknown } | null;
        return k !== null && typeof k === "object" && String(k.value) === String(seg);
      });
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value;
      best = (node as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
      if (!node) break;
      keyNode = undefined;
      best = node as Node;
    } else break;
  }
  // An unknown key is best shown at the key itself, a bad value at the value.
  const range = best?.range ?? keyNode?.range;
  if (!range) return undefined;
  const pos = lines.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}
