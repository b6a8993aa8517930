import type { AltHeading, Block, Clause, DocumentModel, List, Run, Table } from "../../model/types.js";

/**
 * Escapes text so a Markdown reader shows it literally: data such as
 * `*Acme* <w:t>` must never turn into emphasis or HTML. Only characters that
 * can start markup inline are escaped, so the file stays readable as text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>&|~]/g, (c) => `\\${c}`).replace(/\n/g, " ");
}

/** Escapes what would start a block (heading, list, quote) when it opens a line. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#>+=-]|\d+(?=[.)]))/, (_m, sp: string, c: string) => `${sp}${/^\d/.test(c) ? `${c}\\` : `\\${c}`}`);
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
      const lead = /^\s*/.exec(g.body)?.[0] ?? "";
      const trail = /\s*$/.exec(g.body)?.[0] ?? "";
      const core = g.body.slice(lead.length, g.body.length - trail.length);
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
      const head = `${indent}- ${label}${runs(item.runs)}`;
      return item.children ? `${head}\n${list(item.children, `${indent}  `)}` : head;
    })
    .join("\n");
}

function table(t: Table): string {
  const cell = (rs: readonly Run[], bold: boolean): string => {
    const text = runs(rs).replace(/\|/g, "\\|");
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
    case "subtitle":
      return `*${text}*`;
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
  if (sig.noFurtherText) out.push(escapeMarkdown(sig.noFurtherText));
  out.push(`## ${escapeMarkdown(sig.heading)}`);
  if (sig.intro.length) out.push(runs(sig.intro));
  const sep = sig.labelSeparator ?? ": ";
  const blankLine = "\\_".repeat(20);
  for (const p of sig.parties) {
    const lines = p.lines.map((l) => `${escapeMarkdown(l.label)}${sep}${l.value ? escapeMarkdown(l.value) : l.blank ? escapeMarkdown(l.blank) : blankLine}`);
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
