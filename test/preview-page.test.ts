import { describe, expect, it } from "vitest";
import type { PreviewBuild, PreviewDocument, PreviewProblem } from "../src/node/preview/build.js";
import { previewPage, previewView, problemLocation } from "../src/node/preview/page.js";

const DOC: PreviewDocument = {
  lang: "en",
  title: "Agreement",
  css: "body{}\n",
  article:
    '<article class="agreement">\n<section class="clause"><h2 id="cw-scope"><span class="num">1.</span> Scope</h2>\n<p>Text.</p></section>\n' +
    '<section class="clause"><h2 id="cw-fees"><span class="num">2.</span> Fees</h2>\n<table><colgroup><col style="width:62.5%"><col style="width:37.5%"></colgroup></table></section>\n</article>',
  clauses: [
    { id: "scope", anchor: "cw-scope", heading: "1. Scope" },
    { id: "fees", anchor: "cw-fees", heading: "2. Fees" },
  ],
};
const CTX = { key: "k-1", deal: "deal.yaml", packs: ["my-pack"], time: "12:00:00", ms: 250 };
const problem = (p: Partial<PreviewProblem>): PreviewProblem => ({ code: "TEMPLATE_SYNTAX", severity: "error", message: "Broken", ...p });

describe("the preview page", () => {
  it("puts a clause's problems right after its heading, and lists the clause in the panel", () => {
    const build: PreviewBuild = { document: DOC, problems: [problem({ clause: "fees", file: "my-pack/clauses/fees/en.hbs", line: 3, column: 7 })] };
    const view = previewView(build, undefined, CTX);
    expect(view.drafted).toBe(true);
    expect(view.counts).toEqual({ error: 1, warning: 0, info: 0 });
    expect(view.doc).toContain(
      '<h2 id="cw-fees"><span class="num">2.</span> Fees</h2><aside class="pv-notes" aria-label="Problems in this clause"><ul><li class="pv-problem pv-error" data-code="TEMPLATE_SYNTAX"><div class="pv-head"><span class="pv-sev">error</span> <code class="pv-code">TEMPLATE_SYNTAX</code> <code class="pv-loc">my-pack/clauses/fees/en.hbs:3:7</code></div><div class="pv-msg">Broken</div></li></ul></aside>',
    );
    expect(view.panel).toContain('<li class="pv-error"><a href="#cw-fees">2. Fees</a> <span class="pv-count">1</span></li>');
    expect(view.panel).toContain('<h3>Not in a clause</h3><p class="pv-none">None.</p>');
    expect(view.status).toBe('<span class="pv-state pv-state-errors">Drafted</span> <span class="pv-counts">1 error, 0 warnings, 0 info</span> <span class="pv-time">at 12:00:00 in 250 ms</span>');
  });

  it("places a problem of a clause's folder beside that clause, and one of a clause not drafted in the panel", () => {
    const build: PreviewBuild = {
      document: DOC,
      problems: [problem({ code: "PACK_UNKNOWN_FIELD", file: "my-pack/clauses/scope/clause.yaml", line: 5 }), problem({ clause: "escrow", message: "Not here" })],
    };
    const view = previewView(build, undefined, CTX);
    expect(view.doc).toMatch(/<h2 id="cw-scope">.*?<\/h2><aside class="pv-notes"[^>]*><ul><li class="pv-problem pv-error" data-code="PACK_UNKNOWN_FIELD">/);
    expect(view.panel).toContain('<span class="pv-clause">clause <code>escrow</code> (not in this agreement)</span>');
  });

  it("writes messages, paths and file names as text", () => {
    const build: PreviewBuild = { document: DOC, problems: [problem({ message: '<img src=x onerror="alert(1)">', path: "customer.<b>", file: "<pack>/a.hbs", line: 1 })] };
    const view = previewView(build, undefined, CTX);
    expect(view.panel).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(view.panel).toContain("<code>customer.&lt;b&gt;</code>");
    expect(view.panel).toContain("&lt;pack&gt;/a.hbs:1:1");
    expect(view.panel).not.toContain("<img");
  });

  it("shows the line a problem points at, around its column, with a caret under it", () => {
    const source = `${"a".repeat(100)}{{#if x}${"b".repeat(100)}`;
    const view = previewView({ problems: [problem({ file: "p/t.hbs", line: 2, column: 108, source })] }, undefined, CTX);
    const [line = "", caret = ""] = /<pre class="pv-src" aria-label="line 2">([^<]*)<\/pre>/.exec(view.panel)?.[1]?.split("\n") ?? [];
    expect(line).toBe(`…${"a".repeat(41)}{{#if x}${"b".repeat(47)}…`);
    expect(line[caret.length - 1]).toBe("}");
    expect(caret.trimStart()).toBe("^");
  });

  it("turns the agreement's column widths into classes, as its Content-Security-Policy allows no style attribute", () => {
    const view = previewView({ document: DOC, problems: [] }, undefined, CTX);
    expect(view.doc).toContain('<colgroup><col class="pv-w62-5"><col class="pv-w37-5"></colgroup>');
    expect(view.css).toBe("body{}\n.pv-w62-5{width:62.5%}\n.pv-w37-5{width:37.5%}\n");
    expect(view.status).toContain('<span class="pv-state pv-state-ok">Drafted</span> <span class="pv-counts">No problems</span>');
  });

  it("keeps the last agreement that drafted, greyed, while nothing drafts; says so when there is none yet", () => {
    const broken: PreviewBuild = { problems: [problem({ clause: "scope" })] };
    const stale = previewView(broken, DOC, CTX);
    expect(stale.drafted).toBe(false);
    expect(stale.doc).toMatch(
      /^<p class="pv-stale-notice" role="status">The agreement cannot be drafted until the errors are fixed\. Below is the last version that drafted\.<\/p><div class="pv-stale">/,
    );
    expect(stale.doc).toContain('<h2 id="cw-scope"><span class="num">1.</span> Scope</h2><aside class="pv-notes"');
    expect(stale.status).toContain("Not drafted (showing the last version that drafted)");
    const none = previewView(broken, undefined, CTX);
    expect(none.doc).toBe('<p class="pv-stale-notice" role="status">No agreement yet: fix the errors in the panel and save.</p>');
    expect(none.panel).toContain('data-code="TEMPLATE_SYNTAX"');
  });

  it("gives the nonce to its script and both stylesheets, and nothing else runs", () => {
    const html = previewPage(previewView({ document: DOC, problems: [] }, undefined, CTX), CTX, "abc123");
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script nonce="abc123">']);
    expect(html.match(/<style\b[^>]*>/g)).toEqual(['<style nonce="abc123" id="pv-agreement-style">', '<style nonce="abc123">']);
    expect(html).toContain('<body data-key="k-1">');
    expect(html).toContain('<span class="pv-what" title="deal.yaml · pack my-pack">deal.yaml · pack my-pack</span>');
  });

  it("names a position as file:line:column, column 1 when only the line is known", () => {
    expect(problemLocation({ file: "a.hbs", line: 3, column: 4 })).toBe("a.hbs:3:4");
    expect(problemLocation({ file: "a.hbs", line: 3 })).toBe("a.hbs:3:1");
    expect(problemLocation({ file: "pack.yaml" })).toBe("pack.yaml");
    expect(problemLocation({})).toBeUndefined();
  });
});
