import type { AltHeading, Block, Change, Clause, ContentBlock, DocumentModel, Lang, List, Paragraph, Run, SignatureLine, SignatureParty, SignaturePage, Table } from "../../model/types.js";
import { redlineLegends } from "../redline-labels.js";
import { escapeHtml, escapeScriptJson } from "./escape.js";
import { htmlLabels } from "./labels.js";
import { htmlStyles } from "./style.js";

/**
 * What one rendering knows beyond the block at hand: the language of the element around it (a
 * `lang` attribute is written only where the language changes), where each defined term is
 * defined (uses link there), and the ids already given (an id is never written twice).
 */
interface Context {
  readonly lang: Lang;
  readonly terms: ReadonlyMap<string, string>;
  readonly ids: Set<string>;
  /** Whether the document's `<h1>` has been written: a second title line (its translation) is a paragraph. */
  titled: boolean;
}

const MARK: Readonly<Record<Change, string>> = { insert: "ins", delete: "del" };

/** An `id` attribute, once per document: a second element with the same anchor gets none. */
function idAttr(ctx: Context, id: string | undefined): string {
  if (id === undefined || id === "" || ctx.ids.has(id)) return "";
  ctx.ids.add(id);
  return ` id="${escapeHtml(id)}"`;
}

/** A `lang` attribute when `lang` is not the language around the element. */
function langAttr(ctx: Context, lang: Lang | undefined): string {
  return lang === undefined || lang === ctx.lang ? "" : ` lang="${htmlLabels(lang).tag}"`;
}

const inLang = (ctx: Context, lang: Lang | undefined): Context => (lang === undefined || lang === ctx.lang ? ctx : { ...ctx, lang });

/**
 * The fragment id of a defined term: the term lower-cased, letters and digits kept, anything else
 * as its code point, so "Customer Data" is `term-customer-data` and 服务 `term-u670d-u52a1`
 * (ASCII ids survive every tool that copies a link).
 */
export function termId(term: string): string {
  const parts: string[] = [];
  for (const ch of term.normalize("NFC").toLowerCase()) {
    if (/[a-z0-9]/.test(ch)) parts.push(ch);
    else if (/\s|-/.test(ch)) parts.push("-");
    else parts.push(`-u${(ch.codePointAt(0) ?? 0).toString(16)}-`);
  }
  const slug = parts.join("").replace(/-+/g, "-").replace(/^-|-$/g, "");
  return `term-${slug || "x"}`;
}

const termKey = (term: string): string => term.normalize("NFC").toLowerCase();

/** One run, without its change mark: text (line ends as `<br>`), a cross-reference or a defined term, with its emphasis. */
function run(ctx: Context, r: Run): string {
  let body = escapeHtml(r.text).replace(/\r\n?|\n/g, "<br>");
  if (r.type === "ref") body = `<a class="ref" href="#${escapeHtml(r.target)}">${body}</a>`;
  else if (r.term !== undefined) {
    const target = ctx.terms.get(termKey(r.term));
    if (r.definition === true) body = `<dfn${target !== undefined ? idAttr(ctx, target) : ""}>${body}</dfn>`;
    else if (target !== undefined) body = `<a class="term" href="#${escapeHtml(target)}">${body}</a>`;
    else body = `<span class="term">${body}</span>`;
  }
  if (r.italic) body = `<em>${body}</em>`;
  if (r.bold) body = `<strong>${body}</strong>`;
  return body;
}

/** Runs as inline HTML; each stretch of a redline's inserted or deleted runs in one `<ins>` / `<del>`. */
function runs(ctx: Context, rs: readonly Run[]): string {
  let out = "";
  let open: Change | undefined;
  for (const r of rs) {
    if (r.change !== undefined && r.text === "") continue;
    if (r.change !== open) {
      if (open !== undefined) out += `</${MARK[open]}>`;
      if (r.change !== undefined) out += `<${MARK[r.change]}>`;
      open = r.change;
    }
    out += run(ctx, r);
  }
  if (open !== undefined) out += `</${MARK[open]}>`;
  return out;
}

/** A label ("9.2", "(c)") marked as its unit's change: it comes or goes with the unit. */
function label(text: string, change: Change | undefined, cls: string): string {
  const inner = `<span class="${cls}">${escapeHtml(text)}</span>`;
  return change === undefined ? inner : `<${MARK[change]}>${inner}</${MARK[change]}>`;
}

function paragraph(ctx: Context, p: Paragraph): string {
  const c = inLang(ctx, p.lang);
  const lang = langAttr(ctx, p.lang);
  const number = p.number ? `${label(p.number, p.change, "num")} ` : "";
  const text = runs(c, p.runs);
  if (p.role === "title" && !ctx.titled) {
    ctx.titled = true;
    return `<h1${idAttr(ctx, p.anchor)}${lang}>${number}${text}</h1>`;
  }
  const cls = p.role === "body" ? "" : ` class="${p.role}"`;
  return `<p${idAttr(ctx, p.anchor)}${cls}${lang}>${number}${text}</p>`;
}

function list(ctx: Context, l: List): string {
  const c = inLang(ctx, l.lang);
  const items = l.items.map((item) => {
    const head = l.style === "bullet" ? "" : `${label(item.label, item.change, "label")} `;
    return `<li>${head}${runs(c, item.runs)}${item.children ? list(c, item.children) : ""}</li>`;
  });
  const tag = l.style === "bullet" ? "ul" : "ol";
  const cls = l.style === "bullet" ? "" : ` class="${l.style}"`;
  return `<${tag}${cls}${langAttr(ctx, l.lang)}>${items.join("")}</${tag}>`;
}

const ALIGN: Readonly<Record<Table["columns"][number]["align"], string>> = { left: "", right: ' class="right"', center: ' class="centre"' };

function table(ctx: Context, t: Table): string {
  const c = inLang(ctx, t.lang);
  const head = t.columns.map((col) => `<th scope="col"${ALIGN[col.align]}>${runs(c, col.header)}</th>`).join("");
  const rows = t.rows.map((r) => {
    const cells = r.cells.map((cell, i) => `<td${ALIGN[t.columns[i]?.align ?? "left"]}>${runs(c, cell)}</td>`).join("");
    return `<tr${r.emphasis ? ' class="total"' : ""}>${cells}</tr>`;
  });
  // The template's relative column weights, as a starting point the browser still adjusts to the content.
  const total = t.columns.reduce((n, col) => n + Math.max(col.width, 0), 0);
  const share = (w: number): string => ((Math.max(w, 0) / total) * 100).toFixed(1);
  const cols = Number.isFinite(total) && total > 0 ? `<colgroup>${t.columns.map((col) => `<col style="width:${share(col.width)}%">`).join("")}</colgroup>` : "";
  return `<table${langAttr(ctx, t.lang)}>${cols}<thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function content(ctx: Context, b: ContentBlock): string {
  if (b.kind === "list") return list(ctx, b);
  if (b.kind === "table") return table(ctx, b);
  return paragraph(ctx, b);
}

function block(ctx: Context, b: Block): string {
  switch (b.kind) {
    case "pageBreak":
      return '<hr class="page-break">';
    case "contents": {
      const entries = b.entries.map((e) => `<li><a href="#${escapeHtml(e.anchor)}">${escapeHtml(`${e.label} ${e.title}`)}</a></li>`);
      return `<nav class="contents" aria-label="${escapeHtml(htmlLabels(ctx.lang).contents)}"><h2>${escapeHtml(b.heading)}</h2><ol>${entries.join("")}</ol></nav>`;
    }
    case "parallel": {
      // Each column says its language; the grid becomes one column on a narrow screen (style.ts).
      const cells = b.cells.map((cell, i) => {
        const lang = b.langs[i] ?? ctx.lang;
        return `<div${langAttr(ctx, lang)}>${content(inLang(ctx, lang), cell)}</div>`;
      });
      return `<div class="parallel">${cells.join("")}</div>`;
    }
    default:
      return content(ctx, b);
  }
}

/** A heading's text: its label and title, or a redline's marked title runs (the label marked only when the whole unit comes or goes). */
function headingText(ctx: Context, lbl: string, title: string | undefined, titleRuns: readonly Run[] | undefined, change: Change | undefined): string {
  const text = titleRuns !== undefined ? runs(ctx, titleRuns) : title ? runs(ctx, [{ type: "text", text: title, ...(change !== undefined ? { change } : {}) }]) : "";
  return text === "" ? label(lbl, change, "num") : `${label(lbl, change, "num")} ${text}`;
}

/** An `<h2>`/`<h3>` with the heading in the second language beside it (parallel) or under it (interleaved). */
function heading(ctx: Context, level: 2 | 3, anchor: string, primary: string, alt: AltHeading | undefined, change: Change | undefined): string {
  if (!alt) return `<h${level}${idAttr(ctx, anchor)}>${primary}</h${level}>`;
  const second = headingText(inLang(ctx, alt.lang), alt.label, alt.title, alt.titleRuns, change);
  const cls = alt.below ? "below" : "pair";
  return `<h${level}${idAttr(ctx, anchor)} class="${cls}"><span>${primary}</span> <span${idAttr(ctx, alt.anchor)}${langAttr(ctx, alt.lang)}>${second}</span></h${level}>`;
}

function clause(ctx: Context, c: Clause, cls: "clause" | "schedule"): string {
  const out: string[] = [heading(ctx, 2, c.anchor, headingText(ctx, c.label, c.title, c.titleRuns, c.change), c.alt, c.change)];
  for (const b of c.blocks) out.push(block(ctx, b));
  for (const s of c.subclauses) {
    const [first, ...rest] = s.blocks;
    const hasTitleRuns = s.titleRuns?.some((r) => r.text !== "") === true;
    if (s.title || (!s.alt && hasTitleRuns)) {
      out.push(heading(ctx, 3, s.anchor, headingText(ctx, s.number, s.title, s.titleRuns, s.change), s.alt, s.change));
      for (const b of s.blocks) out.push(block(ctx, b));
    } else if (s.alt) {
      // Bilingual: the numbers and the anchor already lead the first unit (combineBilingual).
      for (const b of s.blocks) out.push(block(ctx, b));
    } else if (first?.kind === "paragraph") {
      out.push(paragraph(ctx, { ...first, number: s.number, anchor: s.anchor, ...(s.change !== undefined ? { change: s.change } : {}) }));
      for (const b of rest) out.push(block(ctx, b));
    } else {
      out.push(`<p${idAttr(ctx, s.anchor)}>${label(s.number, s.change, "num")}</p>`);
      for (const b of s.blocks) out.push(block(ctx, b));
    }
  }
  return `<section class="${cls}">${out.join("\n")}</section>`;
}

/** A signature line's value: the pre-filled value (with a redline's changes), else the blank to fill in by hand. */
function signatureValue(ctx: Context, l: SignatureLine): string {
  const blank = `<span class="blank">${l.blank ? escapeHtml(l.blank) : ""}</span>`;
  if (l.valueRuns?.some((r) => r.text !== "")) return `${runs(ctx, l.valueRuns)}${l.value ? "" : blank}`;
  return l.value ? escapeHtml(l.value) : blank;
}

function party(ctx: Context, p: SignatureParty, sep: string): string {
  const name = p.nameRuns !== undefined ? runs(ctx, p.nameRuns) : escapeHtml(p.name).replace(/\n/g, "<br>");
  const head = p.roleWithName ? `<p class="role">${escapeHtml(p.role)}${escapeHtml(sep)}${name}</p>` : `<p class="role">${escapeHtml(p.role)}</p><p><strong>${name}</strong></p>`;
  const lines = p.lines.map((l) => `<p>${escapeHtml(l.label)}${escapeHtml(sep)}${signatureValue(ctx, l)}</p>`);
  return `<div class="party">${head}${lines.join("")}</div>`;
}

function signatures(ctx: Context, sig: SignaturePage): string {
  const out: string[] = [];
  if (sig.noFurtherText) out.push(`<p class="no-further-text">${escapeHtml(sig.noFurtherText)}</p>`);
  const sep = sig.labelSeparator ?? ": ";
  const intro = sig.intro.length > 0 ? `<p>${runs(ctx, sig.intro)}</p>` : "";
  const parties = sig.parties.map((p) => party(ctx, p, sep)).join("");
  out.push(`<section class="signatures" aria-label="${escapeHtml(htmlLabels(ctx.lang).signatures)}"><h2>${escapeHtml(sig.heading)}</h2>${intro}<div class="parties">${parties}</div></section>`);
  return out.join("\n");
}

/** Where each defined term is defined, by its key: the first definition of it in the document. */
function definedTerms(model: DocumentModel): Map<string, string> {
  const found = new Map<string, string>();
  const used = new Set<string>();
  const visitRuns = (rs: readonly Run[]): void => {
    for (const r of rs) {
      if (r.type !== "text" || r.definition !== true || r.term === undefined) continue;
      const key = termKey(r.term);
      if (found.has(key)) continue;
      let id = termId(r.term);
      // Two terms with the same slug ("Set-up" and "Set up") each keep their own id.
      for (let n = 2; used.has(id); n++) id = `${termId(r.term)}-${n}`;
      used.add(id);
      found.set(key, id);
    }
  };
  const visit = (b: Block): void => {
    if (b.kind === "paragraph") visitRuns(b.runs);
    else if (b.kind === "parallel") b.cells.forEach(visit);
    else if (b.kind === "list") for (const item of b.items) visitRuns(item.runs);
    else if (b.kind === "table") for (const row of b.rows) row.cells.forEach(visitRuns);
  };
  const clauses = [...model.clauses, ...(model.continuation?.clauses ?? []), ...model.schedules];
  [...model.front, ...(model.continuation?.front ?? [])].forEach(visit);
  for (const c of clauses) {
    c.blocks.forEach(visit);
    for (const s of c.subclauses) s.blocks.forEach(visit);
  }
  return found;
}

/** The parts of an agreement's HTML page: what {@link renderHtml} puts together, and what a page that frames it (the live preview) needs. */
export interface HtmlParts {
  /** The `lang` attribute of `<html>`: the primary language. */
  readonly lang: string;
  /** The page title (plain text, not escaped). */
  readonly title: string;
  /** The stylesheet. */
  readonly css: string;
  /** The `<article>` holding the agreement. */
  readonly article: string;
}

/** The agreement as the parts of an HTML page (see {@link HtmlParts}). */
export function renderHtmlParts(model: DocumentModel): HtmlParts {
  const ctx: Context = { lang: model.meta.lang, terms: definedTerms(model), ids: new Set(), titled: false };
  const out: string[] = [];
  for (const legend of redlineLegends(model.meta, "pdf")) out.push(`<p class="legend">${runs(ctx, legend)}</p>`);
  for (const b of model.front) out.push(block(ctx, b));
  for (const c of model.clauses) out.push(clause(ctx, c, "clause"));
  if (model.continuation) {
    const cont = model.continuation;
    const c = inLang(ctx, cont.lang);
    const body = [...cont.front.map((b) => block(c, b)), ...cont.clauses.map((x) => clause(c, x, "clause"))];
    out.push(`<div class="continuation"${langAttr(ctx, cont.lang)}>${body.join("\n")}</div>`);
  }
  out.push(signatures(ctx, model.signatures));
  for (const s of model.schedules) out.push(clause(ctx, s, "schedule"));
  const title = model.meta.reference ? `${model.meta.title} — ${model.meta.reference}` : model.meta.title;
  return { lang: htmlLabels(model.meta.lang).tag, title, css: htmlStyles(model.meta), article: `<article class="agreement">\n${out.join("\n")}\n</article>` };
}

/**
 * Renders the document model as one self-contained HTML page: headings `h1`–`h3` with the computed
 * numbers, lists, tables with header rows, cross-references and the contents as links, defined
 * terms as `<dfn>` where defined and links to it where used, every language change marked with
 * `lang`, the parallel layout as two columns that become one on a narrow screen, and print CSS for
 * A4 or Letter pages with page numbers. A redline shows its changes as `<ins>` and `<del>`.
 *
 * Nothing leaves the file: no scripts, no fonts or images fetched, and a Content-Security-Policy
 * that forbids any request. Every value from the deal is escaped text, never markup. The same
 * model gives the same bytes; the assembly record is embedded as JSON data, as the DOCX and PDF
 * embed it.
 */
export function renderHtml(model: DocumentModel): string {
  const parts = renderHtmlParts(model);
  const meta = model.meta;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name="generator" content="${escapeHtml(meta.producer)}">`,
    `<meta name="dcterms.created" content="${escapeHtml(meta.createdAt)}">`,
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>\n${parts.css}</style>`,
    ...(meta.record !== undefined ? [`<script type="application/json" id="clausewright-record">${escapeScriptJson(meta.record)}</script>`] : []),
  ];
  return `<!DOCTYPE html>\n<html lang="${parts.lang}">\n<head>\n${head.join("\n")}\n</head>\n<body>\n${parts.article}\n</body>\n</html>\n`;
}
