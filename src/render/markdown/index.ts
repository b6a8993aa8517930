import type { AltHeading, Block, Clause, DocumentModel, List, Run, Table } from "../../model/types.js";

/**
 * Escapes text so a Markdown reader shows it literally: data such as
 * `*Acme* <w:t>` must never turn into emphasis or HTML. Only characters that
 * can start markup inline are escaped, so the file stays readable as text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>&|~]/g, (c) => `\\${c}`).replace(/\r\n?|\n/g, " ");
}

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

function runBody(r: Run): string {
  return r.type === "ref" ? `[${escapeMarkdown(r.text)}](#${r.target})` : escapeMarkdown(r.text);
}

/**
 * Runs as inline Markdown. Consecutive runs with the same emphasis are wrapped once, so a bold
 * sentence with a cross-reference in it stays one `**…**` instead of `**a****[b](#b)****c**`.
 * Where asterisks would not be read as emphasis (see {@link flanks}) or two differently
 * emphasised groups touch, `<strong>` / `<em>` say the same thing unambiguously.
 */
function runs(rs: readonly Run[]): string {
  const groups: { bold: boolean; italic: boolean; body: string }[] = [];
  for (const r of rs) {
    const bold = r.bold === true;
    const italic = r.italic === true;
    const last = groups[groups.length - 1];
    if (last && last.bold === bold && last.italic === italic) last.body += runBody(r);
    else groups.push({ bold, italic, body: runBody(r) });
  }
  return groups
    .map((g, i) => {
      if ((!g.bold && !g.italic) || !g.body.trim()) return g.body;
      // Emphasis markers must hug the text, so leading/trailing spaces stay outside.
      const { lead, core, trail } = edges(g.body);
      const prev = groups[i - 1];
      const next = groups[i + 1];
      const before = lead || (prev ? prev.body.slice(-1) : "");
      const after = trail || (next ? next.body.charAt(0) : "");
      const touches = (!lead && prev !== undefined && (prev.bold || prev.italic)) || (!trail && next !== undefined && (next.bold || next.italic));
      const plain = !touches && flanks(before, core, after);
      let out = core;
      if (g.italic) out = plain ? `*${out}*` : `<em>${out}</em>`;
      if (g.bold) out = plain ? `**${out}**` : `<strong>${out}</strong>`;
      return `${lead}${out}${trail}`;
    })
    .join("");
}

function list(l: List, indent = ""): string {
  return l.items
    .map((item) => {
      // A bullet's label is the Markdown bullet itself; computed labels such as "(a)" are kept as text.
      const label = l.style === "bullet" ? "" : `${escapeMarkdown(item.label)} `;
      // The item's text opens a line of its own inside the item: "- 1. X" would be a nested list.
      const head = `${indent}- ${escapeLineStart(`${label}${runs(item.runs)}`)}`;
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
  const numbered = b.number ? `${lead}**${b.number}** ${text}` : `${lead}${text}`;
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
function altText(alt: AltHeading | undefined): string {
  if (!alt) return "";
  return ` / ${escapeMarkdown([alt.label, alt.title].filter((x) => x !== undefined && x !== "").join(" "))}`;
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
  const blankLine = "\\_".repeat(20);
  for (const p of sig.parties) {
    // Each line after a hard break opens a line: "1. X" there would start a list.
    const lines = p.lines.map((l) => escapeLineStart(`${escapeMarkdown(l.label)}${sep}${l.value ? escapeMarkdown(l.value) : l.blank ? escapeMarkdown(l.blank) : blankLine}`));
    const name = p.name.split("\n").map(escapeMarkdown).join("**  \n**");
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
    out.push(`<a id="${c.anchor}"></a>\n\n## ${escapeMarkdown(c.label)} ${escapeMarkdown(c.title)}${altText(c.alt)}`);
    for (const b of c.blocks) out.push(block(b));
    for (const s of c.subclauses) {
      const anchor = `<a id="${s.anchor}"></a>`;
      const [firstBlock, ...restBlocks] = s.blocks;
      if (s.title) {
        out.push(`${anchor}\n\n### ${escapeMarkdown(s.number)} ${escapeMarkdown(s.title)}${altText(s.alt)}`);
        for (const b of s.blocks) out.push(block(b));
      } else if (s.alt) {
        // Parallel: the combine step put the numbers and anchor into the first unit.
        for (const b of s.blocks) out.push(block(b));
      } else if (firstBlock?.kind === "paragraph") {
        out.push(`${anchor}**${escapeMarkdown(s.number)}** ${block(firstBlock)}`);
        for (const b of restBlocks) out.push(block(b));
      } else {
        out.push(`${anchor}**${escapeMarkdown(s.number)}**`);
        for (const b of s.blocks) out.push(block(b));
      }
    }
  }
}
