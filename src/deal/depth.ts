import { CST, isAlias, isMap, isPair, isScalar, isSeq, Lexer, type Node } from "yaml";

/** Where a document first nests deeper than allowed: the data path and the node. */
export interface TooDeep {
  readonly path: readonly (string | number)[];
  readonly node: Node;
}

/**
 * The first mapping or list (depth first) that sits more than `max` levels
 * deep in a parsed YAML document (the top-level mapping is level 1), or
 * undefined. Iterative, so a document nested a hundred thousand levels is
 * measured without a stack overflow, before any recursive code (`toJS`, zod,
 * the locators) reads it. Aliases are not followed: each anchored node is
 * measured where it stands.
 */
export function findTooDeep(root: unknown, max: number): TooDeep | undefined {
  const stack: { node: unknown; depth: number; path: readonly (string | number)[] }[] = [{ node: root, depth: 1, path: [] }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, depth, path } = item;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > max) return { path, node };
    const items: readonly unknown[] = node.items;
    for (let i = items.length - 1; i >= 0; i--) {
      const child = items[i];
      if (isPair(child)) {
        const key = isScalar(child.key) && (typeof child.key.value === "string" || typeof child.key.value === "number") ? child.key.value : "?";
        stack.push({ node: child.value, depth: depth + 1, path: [...path, key] });
        // A key may itself be a collection (`? [a, b] : c`): it nests as deep as a value.
        if (!isScalar(child.key) && !isAlias(child.key)) stack.push({ node: child.key, depth: depth + 1, path });
      } else stack.push({ node: child, depth: depth + 1, path: [...path, i] });
    }
  }
  return undefined;
}

/** The lexer's marks that stand for no text: document start, flow error end, scalar start, byte-order mark. */
const SYNTHETIC = new Set(["\x02", "\x18", "\u{FEFF}"]);
const SCALAR_MARK = "\x1f";

/**
 * An upper estimate, from the YAML lexer's tokens alone, of how deep `text`
 * nests, and the offset where it first goes past `max`; undefined when it does
 * not. The yaml parser takes time and memory that grow faster than linearly
 * with nesting (100,000 levels: seconds; 500,000: out of memory), so a deal
 * sheet is measured by this linear scan before it is parsed. Flow collections
 * (`[`, `{`) are counted exactly; a block collection is counted when a `-`,
 * `?` or `key:` opens it at a column greater than the enclosing one. A list
 * written at its parent key's column is not counted, so the estimate can be
 * half the depth; {@link findTooDeep} then measures the parsed document exactly.
 */
export function yamlNestingPastLimit(text: string, max: number): number | undefined {
  let offset = 0;
  let column = 0;
  let flow = 0;
  const blocks: number[] = [];
  let nodeColumn: number | undefined;
  let scalarNext = false;
  const open = (at: number): boolean => {
    while (blocks.length > 0 && (blocks[blocks.length - 1] ?? 0) > at) blocks.pop();
    if (blocks.length === 0 || (blocks[blocks.length - 1] ?? 0) < at) blocks.push(at);
    return blocks.length + flow > max;
  };
  for (const token of new Lexer().lex(text)) {
    if (token === SCALAR_MARK) {
      scalarNext = true;
      continue;
    }
    if (SYNTHETIC.has(token)) continue;
    const start = column;
    const startOffset = offset;
    offset += token.length;
    const nl = token.lastIndexOf("\n");
    column = nl >= 0 ? token.length - nl - 1 : column + token.length;
    if (scalarNext) {
      scalarNext = false;
      nodeColumn ??= start;
      continue;
    }
    switch (CST.tokenType(token)) {
      case "newline":
        nodeColumn = undefined;
        break;
      case "doc-start":
        blocks.length = 0;
        flow = 0;
        nodeColumn = undefined;
        break;
      case "flow-map-start":
      case "flow-seq-start":
        if (flow === 0) nodeColumn ??= start;
        flow++;
        if (blocks.length + flow > max) return startOffset;
        break;
      case "flow-map-end":
      case "flow-seq-end":
        flow = Math.max(0, flow - 1);
        break;
      case "seq-item-ind":
      case "explicit-key-ind":
        if (flow === 0 && open(start)) return startOffset;
        nodeColumn = undefined;
        break;
      case "map-value-ind":
        if (flow === 0 && open(nodeColumn ?? start)) return startOffset;
        nodeColumn = undefined;
        break;
      case "space":
      case "comment":
      case "comma":
      case "directive-line":
      case "doc-end":
        break;
      default:
        // Content: a quoted scalar, an anchor, a tag, an alias, a block scalar, plain text.
        nodeColumn ??= start;
    }
  }
  return undefined;
}

/** What {@link measureValue} found wrong with a value, if anything. */
export type MeasureResult = { readonly tooDeep: readonly (string | number)[] } | { readonly tooLarge: number } | undefined;

/**
 * Measures a deal given as a plain value (parsed, or built in code) without
 * recursion: the first place it nests more than `maxDepth` levels (a cycle
 * does so at once), or, when its strings and keys (each list item and key
 * counting one more) add up to more than `maxText` characters, how many it
 * has counted when it stopped. Stops as soon as either is known, so a huge
 * or cyclic value costs no more than the limits.
 */
export function measureValue(root: unknown, maxDepth: number, maxText: number): MeasureResult {
  const stack: { value: unknown; depth: number; path: readonly (string | number)[] }[] = [{ value: root, depth: 1, path: [] }];
  let text = 0;
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, depth, path } = item;
    if (typeof value === "string") text += value.length;
    if (text > maxText) return { tooLarge: text };
    if (typeof value !== "object" || value === null) continue;
    if (depth > maxDepth) return { tooDeep: path };
    if (Array.isArray(value)) {
      text += value.length;
      if (text > maxText) return { tooLarge: text };
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, path: [...path, i] });
    } else {
      const keys = Object.keys(value);
      text += keys.length;
      if (text > maxText) return { tooLarge: text };
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] ?? "";
        text += key.length;
        stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: [...path, key] });
      }
    }
  }
  return undefined;
}
