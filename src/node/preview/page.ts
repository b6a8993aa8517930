import { escapeHtml } from "../../render/html/escape.js";
import type { PreviewBuild, PreviewDocument, PreviewProblem } from "./build.js";
import { PREVIEW_SCRIPT } from "./script.js";
import { PREVIEW_STYLES } from "./style.js";

/**
 * What the page shows after one build: the parts the browser swaps in place on an update (the
 * agreement with its notes, the problems panel, the status line and the agreement's stylesheet),
 * and the key that tells one build from another.
 */
export interface PreviewView {
  /** Different for every build of every run of the server: the page swaps its content when it changes. */
  readonly key: string;
  /** The page title. */
  readonly title: string;
  /** The `lang` of the page: the agreement's primary language. */
  readonly lang: string;
  /** The agreement's stylesheet (with the classes that stand in for its inline styles). */
  readonly css: string;
  /** The status line. */
  readonly status: string;
  /** The agreement, each clause's problems beside its heading; or what stands in for it. */
  readonly doc: string;
  /** The problems panel: those that belong to no clause shown, and a list of every clause with problems. */
  readonly panel: string;
  /** How many problems of each severity. */
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** Whether `doc` is this build's agreement (not the last that drafted, or none). */
  readonly drafted: boolean;
}

/** What the page says about the run besides the build: what is previewed, and when the build finished. */
export interface ViewContext {
  /** The key of this build (see {@link PreviewView.key}). */
  readonly key: string;
  /** The deal sheet, as given. */
  readonly deal: string;
  /** The pack folders, as given. */
  readonly packs: readonly string[];
  /** The time of the build, shown as it is ("14:03:07"). */
  readonly time: string;
  /** How long the build took, in milliseconds. */
  readonly ms: number;
}

const SEVERITY_LABEL = { error: "error", warning: "warning", info: "info" } as const;

/** `file:line:column`, as `pack check` prints it (column 1 when only the line is known). */
export function problemLocation(p: Pick<PreviewProblem, "file" | "line" | "column">): string | undefined {
  if (p.file === undefined) return undefined;
  return p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
}

function problemHtml(p: PreviewProblem, clauseLabel?: string): string {
  const loc = problemLocation(p);
  const head = [
    `<span class="pv-sev">${SEVERITY_LABEL[p.severity]}</span>`,
    `<code class="pv-code">${escapeHtml(p.rule ?? p.code)}</code>`,
    ...(loc !== undefined ? [`<code class="pv-loc">${escapeHtml(loc)}</code>`] : []),
    ...(p.path !== undefined ? [`<span class="pv-path">at <code>${escapeHtml(p.path)}</code></span>`] : []),
    ...(clauseLabel !== undefined ? [`<span class="pv-clause">${clauseLabel}</span>`] : []),
  ].join(" ");
  const hint = p.hint !== undefined ? `<div class="pv-hint">${escapeHtml(p.hint)}</div>` : "";
  return `<li class="pv-problem pv-${p.severity}" data-code="${escapeHtml(p.code)}"><div class="pv-head">${head}</div><div class="pv-msg">${escapeHtml(p.message)}</div>${sourceHtml(p)}${hint}</li>`;
}

// How much of a long line is shown on each side of the column.
const SOURCE_REACH = 48;

/**
 * The line the problem points at, with a caret under its column: a window of a long line around
 * the column (a template paragraph is one long line), tabs as spaces so the caret lines up.
 */
function sourceHtml(p: PreviewProblem): string {
  if (p.source === undefined || p.line === undefined) return "";
  const chars = [...p.source.replace(/\t/g, " ")];
  const col = Math.min(Math.max((p.column ?? 1) - 1, 0), chars.length);
  const from = p.column === undefined ? 0 : Math.max(0, col - SOURCE_REACH);
  const to = Math.min(chars.length, (p.column === undefined ? 0 : col) + SOURCE_REACH);
  const text = `${from > 0 ? "…" : ""}${chars.slice(from, to).join("")}${to < chars.length ? "…" : ""}`;
  const caret = p.column === undefined ? "" : `\n${" ".repeat(col - from + (from > 0 ? 1 : 0))}^`;
  return `<pre class="pv-src" aria-label="line ${p.line}">${escapeHtml(text)}${caret}</pre>`;
}

/** The clause a problem belongs to in the shown document: its own, else the clause whose folder its file is in. */
function clauseOf(p: PreviewProblem, ids: ReadonlySet<string>): string | undefined {
  if (p.clause !== undefined) return p.clause;
  const folder = /(?:^|\/)(?:clauses|overrides)\/([^/]+)\//.exec(p.file ?? "")?.[1];
  return folder !== undefined && ids.has(folder) ? folder : undefined;
}

/**
 * The agreement's table column widths are `style` attributes, which the preview's
 * Content-Security-Policy does not run (it allows only its own stylesheets, by nonce): each
 * becomes a class with a rule in the stylesheet.
 */
function withoutInlineStyles(article: string): { html: string; css: string } {
  const rules = new Map<string, string>();
  const html = article.replace(/<col style="width:(\d+(?:\.\d+)?)%">/g, (_m, width: string) => {
    const cls = `pv-w${width.replace(".", "-")}`;
    rules.set(cls, `.${cls}{width:${width}%}`);
    return `<col class="${cls}">`;
  });
  return { html, css: [...rules.values()].join("\n") };
}

/** Inserts each clause's notes right after its heading; returns the problems that found no heading. */
function withNotes(article: string, doc: PreviewDocument, problems: readonly PreviewProblem[]): { html: string; unplaced: PreviewProblem[]; placed: Map<string, PreviewProblem[]> } {
  const ids = new Set(doc.clauses.map((c) => c.id));
  const byClause = new Map<string, PreviewProblem[]>();
  const unplaced: PreviewProblem[] = [];
  for (const p of problems) {
    const id = clauseOf(p, ids);
    if (id === undefined || !ids.has(id)) unplaced.push(p);
    else byClause.set(id, [...(byClause.get(id) ?? []), p]);
  }
  let html = article;
  const placed = new Map<string, PreviewProblem[]>();
  for (const [id, list] of byClause) {
    const clause = doc.clauses.find((c) => c.id === id);
    // Ids are written once each (an anchor's second use has none), so this finds the heading itself.
    const at = clause ? html.indexOf(` id="${escapeHtml(clause.anchor)}"`) : -1;
    const end = at < 0 ? -1 : html.indexOf("</h2>", at);
    if (!clause || end < 0) {
      unplaced.push(...list);
      continue;
    }
    placed.set(id, list);
    const note = `<aside class="pv-notes" aria-label="Problems in this clause"><ul>${list.map((p) => problemHtml(p)).join("")}</ul></aside>`;
    html = html.slice(0, end + 5) + note + html.slice(end + 5);
  }
  return { html, unplaced, placed };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The view of one build. When the build drew no agreement, the last agreement that drafted stays
 * on the page (dimmed, under a notice) so the reader keeps their place, with the errors beside
 * its clauses where they belong to one.
 */
export function previewView(build: PreviewBuild, lastGood: PreviewDocument | undefined, ctx: ViewContext): PreviewView {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const p of build.problems) counts[p.severity]++;
  const shown = build.document ?? lastGood;
  const drafted = build.document !== undefined;
  let doc: string;
  let css = "";
  let unplaced: PreviewProblem[] = [...build.problems];
  let placed = new Map<string, PreviewProblem[]>();
  if (shown) {
    const clean = withoutInlineStyles(shown.article);
    const noted = withNotes(clean.html, shown, build.problems);
    ({ unplaced, placed } = noted);
    css = `${shown.css}${clean.css}\n`;
    const notice = drafted ? "" : `<p class="pv-stale-notice" role="status">The agreement cannot be drafted until the errors are fixed. Below is the last version that drafted.</p>`;
    doc = `${notice}<div class="${drafted ? "pv-current" : "pv-stale"}">${noted.html}</div>`;
  } else {
    doc = `<p class="pv-stale-notice" role="status">No agreement yet: fix the errors in the panel and save.</p>`;
  }
  const summary = counts.error + counts.warning + counts.info === 0 ? "No problems" : [plural(counts.error, "error"), plural(counts.warning, "warning"), `${counts.info} info`].join(", ");
  const state = !drafted ? "broken" : counts.error > 0 ? "errors" : "ok";
  const stateText = !drafted ? (shown ? "Not drafted (showing the last version that drafted)" : "Not drafted") : "Drafted";
  const status = `<span class="pv-state pv-state-${state}">${stateText}</span> <span class="pv-counts">${escapeHtml(summary)}</span> <span class="pv-time">at ${escapeHtml(ctx.time)} in ${ctx.ms} ms</span>`;
  const clauseLinks = shown
    ? shown.clauses
        .filter((c) => placed.has(c.id))
        .map((c) => {
          const list = placed.get(c.id) ?? [];
          const worst = list.some((p) => p.severity === "error") ? "error" : list.some((p) => p.severity === "warning") ? "warning" : "info";
          return `<li class="pv-${worst}"><a href="#${escapeHtml(c.anchor)}">${escapeHtml(c.heading)}</a> <span class="pv-count">${list.length}</span></li>`;
        })
    : [];
  const general = unplaced.map((p) => problemHtml(p, p.clause !== undefined ? `clause <code>${escapeHtml(p.clause)}</code> (not in this agreement)` : undefined));
  const panel = [
    `<h2>Problems <span class="pv-counts">${escapeHtml(summary)}</span></h2>`,
    `<section class="pv-general" aria-label="Problems that belong to no clause"><h3>Not in a clause</h3>${general.length > 0 ? `<ul>${general.join("")}</ul>` : `<p class="pv-none">None.</p>`}</section>`,
    `<section class="pv-by-clause" aria-label="Clauses with problems"><h3>Beside their clauses</h3>${clauseLinks.length > 0 ? `<ul>${clauseLinks.join("")}</ul>` : `<p class="pv-none">None.</p>`}</section>`,
  ].join("");
  return { key: ctx.key, title: `${shown?.title ?? ctx.deal} — preview`, lang: shown?.lang ?? "en", css, status, doc, panel, counts, drafted };
}

/** The whole page for a view: the agreement's stylesheet and the preview's, the parts, and the script that keeps them current. */
export function previewPage(view: PreviewView, ctx: Pick<ViewContext, "deal" | "packs">, nonce: string): string {
  const what = [ctx.deal, ...ctx.packs.map((p) => `pack ${p}`)].join(" · ");
  return `<!DOCTYPE html>
<html lang="${escapeHtml(view.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}</title>
<style nonce="${nonce}" id="pv-agreement-style">
${view.css}</style>
<style nonce="${nonce}">
${PREVIEW_STYLES}</style>
</head>
<body data-key="${escapeHtml(view.key)}">
<header class="pv-bar"><strong class="pv-name">clausewright preview</strong> <span class="pv-what" title="${escapeHtml(what)}">${escapeHtml(what)}</span> <span id="pv-status" role="status">${view.status}</span> <span id="pv-live" class="pv-live">connecting…</span></header>
<div class="pv-main">
<main id="pv-doc" class="pv-doc">${view.doc}</main>
<aside id="pv-panel" class="pv-panel" aria-label="Problems">${view.panel}</aside>
</div>
<script nonce="${nonce}">
${PREVIEW_SCRIPT}</script>
</body>
</html>
`;
}
