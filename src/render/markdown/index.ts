import type { AltHeading, Block, Change, Clause, DocumentModel, List, Run, SignatureLine, SignatureParty, Table } from "../../model/types.js";
import { redlineLegends } from "../redline-labels.js";

/**
 * What {@link escapeMarkdown} escapes: characters that can start markup inline, and a `+`, `-` or
 * `=` next to a brace, which would open or close a CriticMarkup mark (`{++`, `--}`, `{==`; the
 * other marks start with `~`, `>` or `<`, escaped anyway). Line ends become spaces.
 */
const ESCAPED = /\r\n?|\n|[\\`*_[\]<>&|~]|(?<=\{)[+=-]|[+=-](?=\})/g;

/**
 * Escapes text so a Markdown reader shows it literally: data such as
 * `*Acme* <w:t>` must never turn into emphasis or HTML, nor `{++x++}` into a
 * change mark of a redline (a CriticMarkup processor reads the raw text, so
 * the mark is broken up: `{\++x+\+}`). Only characters that can start markup
 * inline are escaped, so the file stays readable as text. `before` and `after`
 * are the characters around `text` in the output, when it is one piece of a
 * longer text: a `{` at the end of one run and `++` at the start of the next
 * make a mark too.
 */
export function escapeMarkdown(text: string, before = "", after = ""): string {
  // A brace from the neighbours is put around the text so the pattern sees it, and cut off again:
  // the pattern never changes a brace, so it is still one character at each end.
  const pre = before === "{" ? before : "";
  const post = after === "}" ? after : "";
  const out = `${pre}${text}${post}`.replace(ESCAPED, (c) => (c.charAt(0) === "\r" || c === "\n" ? " " : `\\${c}`));
  return out.slice(pre.length, out.length - post.length);
}

/**
 * CriticMarkup: how a redline's changes are written (docs/redline.md). One notation for the whole
 * file, and the escaping above keeps data from faking it.
 */
const MARK: Readonly<Record<Change, { readonly open: string; readonly close: string }>> = {
  insert: { open: "{++", close: "++}" },
  delete: { open: "{--", close: "--}" },
};

/**
 * Makes the start of a line, escaped by {@link escapeMarkdown}, open no block: whatever a
 * paragraph, a list item or a signature line starts with (template text or a deal's value, the
 * same rule either way) stays text. `escapeMarkdown` already escapes what opens a quote, a fence,
 * HTML, a table row, a reference definition and `*`/`_` breaks; left are indentation (four spaces
 * or a tab open a code block, fewer are dropped by every reader: so all are dropped), ATX headings
 * (`#`), bullets and breaks (`-`, `+`), setext underlines (`=`) and ordered-list numbers (`1.`, `1)`).
 */
function escapeLineStart(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
  const rest = line.slice(i);
  const number = /^\d+(?=[.)])/.exec(rest);
  if (number) return `${number[0]}\\${rest.slice(number[0].length)}`;
  return /^[#+=-]/.test(rest) ? `\\${rest}` : rest;
}

/** Leading and trailing whitespace of a string, by a scan (a `\s*$` regex is quadratic on long runs of spaces). */
function edges(text: string): { readonly lead: string; readonly core: string; readonly trail: string } {
  let start = 0;
  while (start < text.length && SPACE.test(text.charAt(start))) start++;
  let end = text.length;
  while (end > start && SPACE.test(text.charAt(end - 1))) end--;
  return { lead: text.slice(0, start), core: text.slice(start, end), trail: text.slice(end) };
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

/**
 * Whether `**core**` between the characters `before` and `after` is read as emphasis. CommonMark
 * only opens emphasis on a left-flanking run and closes it on a right-flanking one: a `**` next to
 * punctuation on the inside needs whitespace or punctuation on the outside. Chinese puts neither
 * between words, so `称**“服务费”**）` or `包括**[第五条](#x)**` would print the asterisks.
 */
function flanks(before: string, core: string, after: string): boolean {
  const first = core.charAt(0);
  const last = core.charAt(core.length - 1);
  const opens = !SPACE.test(first) && (!PUNCTUATION.test(first) || before === "" || SPACE.test(before) || PUNCTUATION.test(before));
  const closes = !SPACE.test(last) && (!PUNCTUATION.test(last) || after === "" || SPACE.test(after) || PUNCTUATION.test(after));
  return opens && closes;
}

/**
 * Runs as inline Markdown. Consecutive runs with the same emphasis are wrapped once, so a bold
 * sentence with a cross-reference in it stays one `**…**` instead of `**a****[b](#b)****c**`.
 * Where asterisks would not be read as emphasis (see {@link flanks}) or two differently
 * emphasised groups touch, `<strong>` / `<em>` say the same thing unambiguously. A redline's
 * inserted and deleted runs are wrapped in their CriticMarkup marks ({@link MARK}), each stretch of
 * the same change once, around the emphasis: `{++**new term**++}`.
 */
function runs(rs: readonly Run[]): string {
  const groups: { bold: boolean; italic: boolean; change: Change | undefined; body: string }[] = [];
  // The raw text around each text run (a reference's text sits inside its link's brackets), for
  // the escaping of a mark split across two runs.
  const after: string[] = new Array<string>(rs.length).fill("");
  let next = "";
  for (let i = rs.length - 1; i >= 0; i--) {
    const r = rs[i];
    if (!r) continue;
    after[i] = next;
    if (r.type === "ref") next = "";
    else if (r.text !== "") next = r.text.charAt(0);
  }
  let before = "";
  rs.forEach((r, i) => {
    // An empty changed run marks nothing ("{++++}" would only be noise).
    if (r.change !== undefined && r.text === "") return;
    const body = r.type === "ref" ? `[${escapeMarkdown(r.text)}](#${r.target})` : escapeMarkdown(r.text, before, after[i]);
    if (r.type === "ref") before = "";
    else if (r.text !== "") before = r.text.charAt(r.text.length - 1);
    const bold = r.bold === true;
    const italic = r.italic === true;
    const last = groups[groups.length - 1];
    if (last && last.bold === bold && last.italic === italic && last.change === r.change) last.body += body;
    else groups.push({ bold, italic, change: r.change, body });
  });
  const out = groups.map((g, i) => {
    if ((!g.bold && !g.italic) || !g.body.trim()) return g.body;
    // Emphasis markers must hug the text, so leading/trailing spaces stay outside.
    const { lead, core, trail } = edges(g.body);
    // A neighbour with another change is behind a mark, whose braces are punctuation.
    const prev = groups[i - 1]?.change === g.change ? groups[i - 1] : undefined;
    const next = groups[i + 1]?.change === g.change ? groups[i + 1] : undefined;
    const before = lead || (prev ? prev.body.slice(-1) : groups[i - 1] ? "}" : "");
    const after = trail || (next ? next.body.charAt(0) : groups[i + 1] ? "{" : "");
    const touches = (!lead && prev !== undefined && (prev.bold || prev.italic)) || (!trail && next !== undefined && (next.bold || next.italic));
    const plain = !touches && flanks(before, core, after);
    let text = core;
    if (g.italic) text = plain ? `*${text}*` : `<em>${text}</em>`;
    if (g.bold) text = plain ? `**${text}**` : `<strong>${text}</strong>`;
    return `${lead}${text}${trail}`;
  });
  let md = "";
  let open: Change | undefined;
  groups.forEach((g, i) => {
    if (g.change !== open) {
      if (open !== undefined) md += MARK[open].close;
      if (g.change !== undefined) md += MARK[g.change].open;
      open = g.change;
    }
    md += out[i] ?? "";
  });
  if (open !== undefined) md += MARK[open].close;
  return md;
}

/**
 * A wholly inserted or deleted unit's runs with its label ("(c)", "9.2") in front, marked as well:
 * the label comes or goes with the unit (a deleted one keeps the base draft's label).
 */
function labelled(label: string, rs: readonly Run[], change: Change, bold = false): Run[] {
  const hasText = rs.some((r) => r.text !== "");
  return [{ type: "text", text: hasText ? `${label} ` : label, change, ...(bold ? { bold } : {}) }, ...rs];
}

function list(l: List, indent = ""): string {
  return l.items
    .map((item) => {
      // A bullet's label is the Markdown bullet itself; computed labels such as "(a)" are kept as text.
      const label = l.style === "bullet" ? "" : `${escapeMarkdown(item.label)} `;
      const text = item.change !== undefined && l.style !== "bullet" ? runs(labelled(item.label, item.runs, item.change)) : `${label}${runs(item.runs)}`;
      // The item's text opens a line of its own inside the item: "- 1. X" would be a nested list.
      const head = `${indent}- ${escapeLineStart(text)}`;
      return item.children ? `${head}\n${list(item.children, `${indent}  `)}` : head;
    })
    .join("\n");
}

function table(t: Table): string {
  const cell = (rs: readonly Run[], bold: boolean): string => {
    // Pipes are escaped once, by escapeMarkdown: a GFM reader (cmark-gfm) reads "\\|" as an escaped
    // backslash and a cell boundary.
    const text = runs(rs);
    return bold && text ? `**${text}**` : text;
  };
  const head = `| ${t.columns.map((c) => cell(c.header, false)).join(" | ")} |`;
  const sep = `| ${t.columns.map((c) => (c.align === "right" ? "---:" : c.align === "center" ? ":---:" : "---")).join(" | ")} |`;
  const rows = t.rows.map((r) => `| ${r.cells.map((c) => cell(c, r.emphasis === true)).join(" | ")} |`);
  return [head, sep, ...rows].join("\n");
}

function block(b: Block): string {
  // Markdown has no columns: a parallel unit comes out as the block, then its translation.
  if (b.kind === "parallel") return `${block(b.cells[0])}\n\n${block(b.cells[1])}`;
  if (b.kind === "list") return list(b);
  if (b.kind === "table") return table(b);
  // Markdown has no pages; a thematic break marks where the printed forms start a new one.
  if (b.kind === "pageBreak") return "---";
  if (b.kind === "contents") {
    const items = b.entries.map((e) => `- [${escapeMarkdown(`${e.label} ${e.title}`)}](#${e.anchor})`);
    return `**${escapeMarkdown(b.heading)}**\n\n${items.join("\n")}`;
  }
  const text = runs(b.runs);
  const lead = b.anchor !== undefined ? `<a id="${b.anchor}"></a>` : "";
  const numbered = !b.number ? `${lead}${text}` : b.change !== undefined ? `${lead}${runs(labelled(b.number, b.runs, b.change, true))}` : `${lead}**${b.number}** ${text}`;
  switch (b.role) {
    case "title":
      return `# ${text}`;
    case "subtitle": {
      // Trimmed: "* X*" would open a bullet list, and emphasis must hug its text.
      const core = edges(text).core;
      return core ? `*${core}*` : "";
    }
    default:
      return b.number ? numbered : escapeLineStart(numbered);
  }
}

/** Renders one numbered clause as Markdown (as it appears in {@link renderMarkdown}); used for pack snapshots. */
export function renderClauseMarkdown(c: Clause): string {
  const out: string[] = [];
  clauses([c], out);
  return `${out.join("\n\n")}\n`;
}

/** Renders blocks (e.g. front matter) as Markdown. */
export function renderBlocksMarkdown(blocks: readonly Block[]): string {
  return `${blocks.map(block).join("\n\n")}\n`;
}

/** " / 第九条 责任限制": the second-language heading of a parallel document, after the first. */
function altText(alt: AltHeading | undefined, change: Change | undefined): string {
  if (!alt) return "";
  if (alt.titleRuns !== undefined || change !== undefined) return ` / ${markedHeading(alt.label, alt.title, alt.titleRuns, change)}`;
  return ` / ${escapeMarkdown([alt.label, alt.title].filter((x) => x !== undefined && x !== "").join(" "))}`;
}

/** Whether runs have any text. */
const hasText = (rs: readonly Run[] | undefined): boolean => rs?.some((r) => r.text !== "") === true;

/**
 * A redline's heading: the label unmarked (renumbering is not a change) unless the whole clause
 * comes or goes, and the title with its tracked changes.
 */
function markedHeading(label: string, title: string | undefined, titleRuns: readonly Run[] | undefined, change: Change | undefined): string {
  const text: readonly Run[] = titleRuns ?? (title ? [{ type: "text", text: title }] : []);
  return runs([{ type: "text", text: hasText(text) ? `${label} ` : label, ...(change !== undefined ? { change } : {}) }, ...text]);
}

/** The lines of runs split at each "\n" (a bilingual party's name: one line per language). */
function runLines(rs: readonly Run[]): Run[][] {
  const lines: Run[][] = [[]];
  for (const r of rs) {
    r.text.split("\n").forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece !== "") lines[lines.length - 1]?.push({ ...r, text: piece });
    });
  }
  return lines;
}

/** A signature line's value: the pre-filled value (with its tracked changes), else what is filled in by hand. */
function signatureValue(l: SignatureLine): string {
  const blank = l.blank ? escapeMarkdown(l.blank) : "\\_".repeat(20);
  // A value the new draft drops leaves the blank it has instead, after the deleted value.
  if (hasText(l.valueRuns)) return `${runs(l.valueRuns ?? [])}${l.value ? "" : blank}`;
  return l.value ? escapeMarkdown(l.value) : blank;
}

/** A party's name, bold, one line per language. */
function partyName(p: SignatureParty): string {
  if (p.nameRuns === undefined)
    return p.name
      .split("\n")
      .map((line) => escapeMarkdown(line))
      .join("**  \n**");
  return runLines(p.nameRuns).map(runs).join("**  \n**");
}

/**
 * Renders the document model as CommonMark (with GitHub tables and heading
 * anchors). A bilingual document keeps its layout where Markdown can: a
 * sequential one has both copies, split by a thematic break; a parallel one
 * comes out interleaved (each block, then its translation) with headings
 * "1. Definitions / 第一条 定义".
 */
export function renderMarkdown(model: DocumentModel): string {
  const out: string[] = [];
  // A redline opens with its notation, in each language of the document.
  const legends = redlineLegends(model.meta, "markdown");
  if (legends.length > 0) out.push(escapeLineStart(legends.map(runs).join(" / ")));
  for (const b of model.front) out.push(block(b));
  clauses(model.clauses, out);
  if (model.continuation) {
    for (const b of model.continuation.front) out.push(block(b));
    clauses(model.continuation.clauses, out);
  }
  const sig = model.signatures;
  if (sig.noFurtherText) out.push(escapeLineStart(escapeMarkdown(sig.noFurtherText)));
  out.push(`## ${escapeMarkdown(sig.heading)}`);
  if (sig.intro.length) out.push(escapeLineStart(runs(sig.intro)));
  const sep = sig.labelSeparator ?? ": ";
  for (const p of sig.parties) {
    // Each line after a hard break opens a line: "1. X" there would start a list.
    const lines = p.lines.map((l) => escapeLineStart(`${escapeMarkdown(l.label)}${sep}${signatureValue(l)}`));
    const name = partyName(p);
    const head = p.roleWithName ? `**${escapeMarkdown(p.role)}${sep}${name}**` : `**${escapeMarkdown(p.role)}**  \n**${name}**`;
    out.push(`${head}  \n${lines.join("  \n")}`);
  }
  for (const sc of model.schedules) {
    out.push("---");
    clauses([sc], out);
  }
  return `${out.join("\n\n")}\n`;
}

function clauses(cs: readonly Clause[], out: string[]): void {
  for (const c of cs) {
    const title = c.titleRuns !== undefined || c.change !== undefined ? markedHeading(c.label, c.title, c.titleRuns, c.change) : `${escapeMarkdown(c.label)} ${escapeMarkdown(c.title)}`;
    out.push(`<a id="${c.anchor}"></a>\n\n## ${title}${altText(c.alt, c.change)}`);
    for (const b of c.blocks) out.push(block(b));
    for (const s of c.subclauses) {
      const anchor = `<a id="${s.anchor}"></a>`;
      const [firstBlock, ...restBlocks] = s.blocks;
      // A title the new draft drops is still shown, struck through; not where the numbers lead the
      // first paragraph of each language (a bilingual sub-clause without a title): they would come twice.
      if (s.title || (!s.alt && hasText(s.titleRuns))) {
        const title = s.titleRuns !== undefined || s.change !== undefined ? markedHeading(s.number, s.title, s.titleRuns, s.change) : `${escapeMarkdown(s.number)} ${escapeMarkdown(s.title ?? "")}`;
        out.push(`${anchor}\n\n### ${title}${altText(s.alt, s.change)}`);
        for (const b of s.blocks) out.push(block(b));
      } else if (s.alt) {
        // Parallel: the combine step put the numbers and anchor into the first unit.
        for (const b of s.blocks) out.push(block(b));
      } else if (firstBlock?.kind === "paragraph") {
        // A whole sub-clause inserted or deleted: its number is marked with its text.
        const first = s.change !== undefined ? block({ ...firstBlock, runs: labelled(s.number, firstBlock.runs, s.change, true) }) : `**${escapeMarkdown(s.number)}** ${block(firstBlock)}`;
        out.push(`${anchor}${first}`);
        for (const b of restBlocks) out.push(block(b));
      } else {
        out.push(`${anchor}${s.change !== undefined ? runs([{ type: "text", text: s.number, bold: true, change: s.change }]) : `**${escapeMarkdown(s.number)}**`}`);
        for (const b of s.blocks) out.push(block(b));
      }
    }
  }
}
