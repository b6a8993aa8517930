/**
 * The clause markup: a small, Markdown-like language that templates produce
 * and that is parsed into document-model blocks. Hand-written because it is
 * ours: it knows sub-clauses, data placeholders and cross-references, which no
 * Markdown parser does, and it must never interpret data (see tokens.ts).
 *
 *   ## Title {#local-id}   a numbered sub-clause with a heading
 *   + {#local-id} Text     a numbered sub-clause without a heading
 *   - item                 a lettered list item ((a), (b); indented: (i), (ii))
 *   * item                 a bullet
 *   | a | b |              table rows; the second row is |---|--:| (alignment)
 *   **bold**, _italic_     emphasis; \* escapes a character
 *   [[Customer Data]]      a use of a defined term
 *   ::definitions          (a line of its own) where the generated definitions go
 *   blank line             ends a paragraph, list or table
 */
import { TOKEN_CLOSE, TOKEN_OPEN, type TokenTable } from "./tokens.js";

/** A run before cross-references are resolved. */
export type PendingRun =
  | { readonly type: "text"; readonly text: string; readonly bold?: boolean; readonly italic?: boolean; readonly term?: string; readonly definition?: boolean }
  | { readonly type: "pendingRef"; readonly id: string; readonly line: number; readonly bold?: boolean; readonly italic?: boolean }
  | { readonly type: "termUse"; readonly term: string; readonly bold?: boolean; readonly italic?: boolean };

/** A list before labels are assigned. */
export interface PendingList {
  readonly kind: "list";
  readonly style: "lettered" | "bullet";
  readonly depth: number;
  readonly items: { runs: PendingRun[]; children?: PendingList }[];
}

/** A table before refs are resolved. */
export interface PendingTable {
  readonly kind: "table";
  readonly columns: { header: PendingRun[]; align: "left" | "right" | "center" }[];
  readonly rows: { cells: PendingRun[][]; emphasis: boolean }[];
}

/** A paragraph before refs are resolved. */
export interface PendingParagraph {
  readonly kind: "paragraph";
  readonly runs: PendingRun[];
}

/** Where generated content goes (`::definitions`). */
export interface PendingSlot {
  readonly kind: "slot";
  readonly name: "definitions";
}

/** A block before numbering. */
export type PendingBlock = PendingParagraph | PendingList | PendingTable | PendingSlot;

/** A sub-clause as written in the template. */
export interface PendingSubClause {
  readonly localId?: string;
  readonly title?: PendingRun[];
  readonly blocks: PendingBlock[];
}

/** A parsed clause body. */
export interface ParsedMarkup {
  readonly blocks: PendingBlock[];
  readonly subclauses: PendingSubClause[];
}

/** A markup problem; the caller adds the clause and file. */
export class MarkupError extends Error {
  constructor(
    message: string,
    readonly excerpt: string,
  ) {
    super(message);
  }
}

const ID_SUFFIX = /\s*\{#([a-z][a-z0-9-]*)\}\s*$/;
const ID_PREFIX = /^\{#([a-z][a-z0-9-]*)\}\s*/;

/** The characters inline markup starts with: backslash, `[`, `*`, `_` and the placeholder opener. */
const SPECIAL_CHARS = new RegExp(`[\\\\[*_${TOKEN_OPEN}]`, "g");

/** Parses inline markup (emphasis, escapes, placeholders) into runs. */
export function parseInline(text: string, table: TokenTable): PendingRun[] {
  const runs: PendingRun[] = [];
  let bold = false;
  let italic = false;
  let buf = "";
  const style = (): { bold?: boolean; italic?: boolean } => ({ ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) });
  const flush = (): void => {
    if (buf) runs.push({ type: "text", text: buf, ...style() });
    buf = "";
  };
  // Jump from one markup character to the next: prose between them is copied as one slice.
  const special = SPECIAL_CHARS;
  let i = 0;
  while (i < text.length) {
    special.lastIndex = i;
    const m = special.exec(text);
    const next = m ? m.index : text.length;
    if (next > i) buf += text.slice(i, next);
    if (!m) break;
    i = next;
    const c = text[i];
    if (c === "\\" && i + 1 < text.length && text[i + 1] !== TOKEN_OPEN) {
      buf += text[i + 1];
      i += 2;
    } else if (c === "[" && text[i + 1] === "[") {
      const end = text.indexOf("]]", i + 2);
      if (end < 0) throw new MarkupError("Unclosed [[term]]", excerptOf(text, table));
      flush();
      runs.push({ type: "termUse", term: text.slice(i + 2, end), ...style() });
      i = end + 2;
    } else if (c === "*" && text[i + 1] === "*") {
      flush();
      bold = !bold;
      i += 2;
    } else if (c === "_" && (italic || /[\s(["'\u2018\u201c]|^$/.test(text[i - 1] ?? ""))) {
      // `_` opens italics only at a word start and closes anywhere, so snake_case in prose is safe.
      flush();
      italic = !italic;
      i++;
    } else if (c === TOKEN_OPEN) {
      const end = text.indexOf(TOKEN_CLOSE, i);
      const token = table.get(Number(text.slice(i + 1, end)));
      if (token.kind === "text") buf += token.text;
      else {
        flush();
        runs.push({ type: "pendingRef", id: token.id, line: token.line, ...style() });
      }
      i = end + 1;
    } else {
      buf += c;
      i++;
    }
  }
  if (bold || italic) throw new MarkupError(`Unclosed ${bold ? "**bold**" : "_italic_"} emphasis`, excerptOf(text, table));
  flush();
  return mergeRuns(runs);
}

/** Joins adjacent text runs with the same emphasis (data insertion splits them). */
function mergeRuns(runs: PendingRun[]): PendingRun[] {
  const out: PendingRun[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (prev && prev.type === "text" && r.type === "text" && !!prev.bold === !!r.bold && !!prev.italic === !!r.italic) {
      out[out.length - 1] = { ...prev, text: prev.text + r.text };
    } else out.push(r);
  }
  return out;
}

function excerptOf(text: string, table: TokenTable): string {
  const plain = text.replace(new RegExp(`${TOKEN_OPEN}(\\d+)${TOKEN_CLOSE}`, "g"), (_, n: string) => {
    const t = table.get(Number(n));
    return t.kind === "text" ? t.text : `{{ref "${t.id}"}}`;
  });
  return plain.length > 80 ? `${plain.slice(0, 77)}...` : plain;
}

function splitCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  const cells: string[] = [];
  let buf = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "\\" && inner[i + 1] === "|") {
      buf += "\\|";
      i++;
    } else if (c === "|") {
      cells.push(buf.trim());
      buf = "";
    } else buf += c;
  }
  cells.push(buf.trim());
  return cells;
}

function parseTable(lines: string[], table: TokenTable): PendingTable {
  const [head, sep, ...body] = lines;
  if (head === undefined || sep === undefined || !/^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/.test(sep.trim())) {
    throw new MarkupError("A table needs a header row and a |---| separator row", lines[0] ?? "");
  }
  const aligns = splitCells(sep).map((s): "left" | "right" | "center" => (s.startsWith(":") && s.endsWith(":") ? "center" : s.endsWith(":") ? "right" : "left"));
  const headers = splitCells(head);
  if (headers.length !== aligns.length) throw new MarkupError("Table header and separator rows have different numbers of cells", head);
  const rows = body.map((line) => {
    let cells = splitCells(line);
    // A row whose first cell starts with "!" is a summary row (a total), drawn in bold.
    const emphasis = cells[0]?.startsWith("!") ?? false;
    if (emphasis) cells = [cells[0]?.slice(1).trimStart() ?? "", ...cells.slice(1)];
    if (cells.length !== headers.length) throw new MarkupError(`Table row has ${cells.length} cells, the header has ${headers.length}`, excerptOf(line, table));
    return { cells: cells.map((c) => parseInline(c, table)), emphasis };
  });
  return { kind: "table", columns: headers.map((h, i) => ({ header: parseInline(h, table), align: aligns[i] ?? "left" })), rows };
}

const LIST_ITEM = /^(\s*)([-*])\s+(.*)$/;

function parseList(lines: string[], table: TokenTable): PendingList {
  interface Raw {
    indent: number;
    marker: string;
    text: string;
  }
  const raws: Raw[] = [];
  for (const line of lines) {
    const m = LIST_ITEM.exec(line);
    if (m) raws.push({ indent: m[1]?.length ?? 0, marker: m[2] ?? "-", text: m[3] ?? "" });
    else {
      const last = raws[raws.length - 1];
      if (!last) throw new MarkupError("List continuation without an item", line);
      last.text += ` ${line.trim()}`;
    }
  }
  let pos = 0;
  function build(depth: number, indent: number): PendingList {
    const first = raws[pos];
    const style = first?.marker === "*" ? "bullet" : "lettered";
    const items: PendingList["items"] = [];
    while (pos < raws.length) {
      const r = raws[pos];
      if (!r || r.indent < indent) break;
      if (r.indent > indent) {
        const last = items[items.length - 1];
        if (!last) throw new MarkupError("A nested list item needs a parent item", r.text);
        last.children = build(depth + 1, r.indent);
        continue;
      }
      items.push({ runs: parseInline(r.text, table) });
      pos++;
    }
    return { kind: "list", style, depth, items };
  }
  return build(0, raws[0]?.indent ?? 0);
}

/** Parses a rendered clause template into blocks and sub-clauses. */
export function parseMarkup(text: string, table: TokenTable): ParsedMarkup {
  const result: ParsedMarkup = { blocks: [], subclauses: [] };
  let target: PendingBlock[] = result.blocks;
  const chunks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((c) => c.split("\n").filter((l) => l.trim() !== ""))
    .filter((c) => c.length > 0);
  for (const chunk of chunks) {
    let lines = chunk;
    const first = lines[0] ?? "";
    if (first.startsWith("## ")) {
      let title = first.slice(3).trim();
      const id = ID_SUFFIX.exec(title);
      if (id) title = title.slice(0, id.index).trim();
      const sub: PendingSubClause = { ...(id?.[1] ? { localId: id[1] } : {}), title: parseInline(title, table), blocks: [] };
      result.subclauses.push(sub);
      target = sub.blocks;
      lines = lines.slice(1);
      if (lines.length === 0) continue;
    } else if (first.startsWith("+ ")) {
      let rest = first.slice(2).trimStart();
      const id = ID_PREFIX.exec(rest);
      if (id) rest = rest.slice(id[0].length);
      const sub: PendingSubClause = { ...(id?.[1] ? { localId: id[1] } : {}), blocks: [] };
      result.subclauses.push(sub);
      target = sub.blocks;
      lines = [rest, ...lines.slice(1)];
    }
    if (lines.length === 1 && lines[0]?.trim() === "::definitions") {
      target.push({ kind: "slot", name: "definitions" });
      continue;
    }
    for (const group of groupLines(lines)) {
      if (group.kind === "table") target.push(parseTable(group.lines, table));
      else if (group.kind === "list") target.push(parseList(group.lines, table));
      else target.push({ kind: "paragraph", runs: parseInline(joinLines(group.lines.map((l) => l.trim())), table) });
    }
  }
  return result;
}

/** Splits a chunk into paragraph, list and table runs of lines ("Intro:" then "- a" needs no blank line). */
function groupLines(lines: readonly string[]): { kind: "paragraph" | "list" | "table"; lines: string[] }[] {
  const groups: { kind: "paragraph" | "list" | "table"; lines: string[] }[] = [];
  for (const line of lines) {
    const kind = line.trimStart().startsWith("|") ? "table" : LIST_ITEM.test(line) ? "list" : undefined;
    const last = groups[groups.length - 1];
    if (kind === undefined && last?.kind === "list") last.lines.push(line);
    else if (last && last.kind === (kind ?? "paragraph")) last.lines.push(line);
    else groups.push({ kind: kind ?? "paragraph", lines: [line] });
  }
  return groups;
}

/** Chinese characters and full-width punctuation: Chinese text joins lines without a space. */
const CJK = /[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/u;

/** Joins the source lines of one paragraph: a space between words, none where either side is Chinese. */
function joinLines(lines: readonly string[]): string {
  let out = "";
  for (const line of lines) {
    if (out === "" || line === "") out += line;
    else out += CJK.test(out.slice(-1)) || CJK.test(line.charAt(0)) ? line : ` ${line}`;
  }
  return out;
}
