import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPreview, type Preview, type PreviewView } from "../src/node/preview/index.js";
import { buildPreview } from "../src/node/preview/build.js";
import { ROOT } from "./helpers/cli.js";
import { previewFixture, rawRequest, readEvents, type PreviewFixture } from "./helpers/preview.js";

const view = (data: string): PreviewView => JSON.parse(data) as PreviewView;
const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("clausewright preview (server)", () => {
  let fx: PreviewFixture;
  let preview: Preview;
  beforeAll(async () => {
    fx = previewFixture();
    preview = await startPreview({ deal: fx.deal, packs: [fx.pack], port: 0 });
  });
  afterAll(async () => {
    await preview?.close();
    rmSync(fx.dir, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 and serves the agreement with its heading numbers", async () => {
    expect(preview.url).toBe(`http://127.0.0.1:${preview.port}/`);
    const res = await rawRequest(preview.port, "/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain('<h2 id="cw-definitions"><span class="num">1.</span> Definitions and Interpretation</h2>');
    expect(res.body).toContain('<h2 id="cw-scope"><span class="num">2.</span>');
    expect(res.body).toContain('<h2 id="cw-hipaa-schedule"><span class="num">16.</span> HIPAA Business Associate Schedule</h2>');
    expect(text(res.body).includes("The Provider will use and disclose Protected Health Information only to provide the Service")).toBe(true);
  });

  it("allows only its own script and styles, by a nonce that changes with every response", async () => {
    const a = await rawRequest(preview.port, "/");
    const b = await rawRequest(preview.port, "/");
    const nonceOf = (csp: unknown): string => /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(String(csp))?.[1] ?? "";
    const nonce = nonceOf(a.headers["content-security-policy"]);
    expect(nonce.length).toBeGreaterThanOrEqual(22);
    expect(nonceOf(b.headers["content-security-policy"])).not.toBe(nonce);
    expect(a.headers["content-security-policy"]).toBe(
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    // Every script and style element carries the nonce, and no element has a style attribute (the CSP would drop it).
    expect(a.body.match(/<script\b[^>]*>/g)).toEqual([`<script nonce="${nonce}">`]);
    expect(a.body.match(/<style\b[^>]*>/g)).toEqual([`<style nonce="${nonce}" id="pv-agreement-style">`, `<style nonce="${nonce}">`]);
    expect(a.body).not.toMatch(/\sstyle="/);
    expect(a.body).toMatch(/<col class="pv-w\d+(-\d+)?">/);
    expect(a.headers["x-content-type-options"]).toBe("nosniff");
    expect(a.headers["cache-control"]).toBe("no-store");
  });

  it("answers 404 for every path it does not define, and never serves a file", async () => {
    for (const path of [
      "/../package.json",
      "/%2e%2e/package.json",
      "/deal.yaml",
      "/healthcare/pack.yaml",
      "/clauses/hipaa-schedule/en.hbs",
      "/index.html",
      "/favicon.ico",
      "//",
      "/events/",
      "/page.json/x",
    ]) {
      const res = await rawRequest(preview.port, path);
      expect([path, res.status, res.body]).toEqual([path, 404, "Not found\n"]);
    }
    expect((await rawRequest(preview.port, "/", { method: "POST" })).status).toBe(405);
    expect((await rawRequest(preview.port, "/", { method: "DELETE" })).status).toBe(405);
  });

  it("refuses a request for another host name (a rebound DNS name), even on the right port", async () => {
    const res = await rawRequest(preview.port, "/page.json", { host: `attacker.example:${preview.port}` });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain("Harborview");
    expect((await rawRequest(preview.port, "/page.json", { host: `localhost:${preview.port}` })).status).toBe(200);
  });

  it("puts each problem beside its clause, with file:line:column, and the rest in the panel", async () => {
    const state = view((await rawRequest(preview.port, "/page.json")).body);
    expect(state.drafted).toBe(true);
    expect(state.counts).toEqual({ error: 0, warning: 1, info: 0 });
    // The pack replaces the built-in liability clause: a warning of pack.yaml about that clause, under its heading.
    const heading = state.doc.indexOf('<h2 id="cw-liability">');
    const note = state.doc.indexOf('<aside class="pv-notes"', heading);
    expect(heading).toBeGreaterThan(0);
    expect(state.doc.slice(heading, note)).not.toContain("<p");
    expect(state.doc.slice(note, state.doc.indexOf("</aside>", note))).toContain('data-code="PACK_OVERRIDE"');
    expect(state.doc.slice(note, state.doc.indexOf("</aside>", note))).toContain(`${fx.pack}/pack.yaml`);
    expect(state.panel).toContain('<a href="#cw-liability">');
    expect(state.panel).toContain('<h3>Not in a clause</h3><p class="pv-none">None.</p>');
  });

  it("redraws on a save of a template, shows a broken template's error with its line and column, and the agreement again once fixed", async () => {
    const events = await readEvents(preview.port);
    try {
      const first = view((await events.next((e) => e.event === "update", "the state on connecting")).data);
      fx.edit(fx.template, "The [[Provider]] will use and disclose", "The [[Provider]] shall only use and disclose");
      const edited = view((await events.next((e) => e.event === "update" && view(e.data).key !== first.key && view(e.data).doc.includes("shall only use"), "the new wording")).data);
      expect(edited.drafted).toBe(true);
      expect(text(edited.doc).includes("The Provider shall only use and disclose Protected Health Information")).toBe(true);
      expect(text(edited.doc).includes("The Provider will use and disclose")).toBe(false);

      // Line 9 of the template: `{{#if extensions.healthcare.offshoreAccess}` lacks a brace; the parser stops at column 296.
      fx.edit(fx.template, "{{#if extensions.healthcare.offshoreAccess}}", "{{#if extensions.healthcare.offshoreAccess}");
      const broken = view((await events.next((e) => e.event === "update" && !view(e.data).drafted, "the error of the broken template")).data);
      expect(broken.counts.error).toBe(1);
      expect(broken.status).toContain("Not drafted");
      const loc = `${fx.pack}/clauses/hipaa-schedule/en.hbs:9:296`;
      // Beside the schedule in the last agreement that drafted (kept, dimmed), and listed in the panel.
      expect(broken.doc).toContain("The agreement cannot be drafted until the errors are fixed");
      expect(broken.doc).toContain('<div class="pv-stale">');
      const schedule = broken.doc.indexOf('<h2 id="cw-hipaa-schedule">');
      const note = broken.doc.slice(schedule, broken.doc.indexOf("</aside>", schedule));
      expect(note).toContain('data-code="TEMPLATE_SYNTAX"');
      expect(note).toContain(`<code class="pv-loc">${loc}</code>`);
      // The line itself, around the column, with a caret under the brace where the parser stopped.
      const [shownLine = "", caret = ""] = /<pre class="pv-src" aria-label="line 9">([^<]*)<\/pre>/.exec(note)?.[1]?.split("\n") ?? [];
      expect(shownLine).toContain("{{#if extensions.healthcare.offshoreAccess}{{else}}");
      expect(caret.trim()).toBe("^");
      expect([...shownLine].slice(0, caret.length).join("").endsWith("offshoreAccess}")).toBe(true);
      expect(broken.panel).toContain('<a href="#cw-hipaa-schedule">16. HIPAA Business Associate Schedule</a>');

      fx.edit(fx.template, "{{#if extensions.healthcare.offshoreAccess}", "{{#if extensions.healthcare.offshoreAccess}}");
      const fixed = view((await events.next((e) => e.event === "update" && view(e.data).drafted, "the agreement again")).data);
      expect(fixed.counts.error).toBe(0);
      expect(fixed.doc).toContain('<div class="pv-current">');
      expect(text(fixed.doc).includes("The Provider shall only use and disclose")).toBe(true);
      // The page as served now is the fixed one.
      expect((await rawRequest(preview.port, "/")).body).toContain(`data-key="${fixed.key}"`);
    } finally {
      events.close();
    }
  });

  it("redraws on a save of the deal sheet, and shows a deal error with its position", async () => {
    const events = await readEvents(preview.port);
    try {
      const first = view((await events.next((e) => e.event === "update", "the state on connecting")).data);
      fx.edit(fx.deal, "legalName: Harborview Logistics, Inc.", "legalName: Harborview Freight, Inc.");
      // An update whose build read the file half saved may come first; the last one has the new name.
      const renamed = view((await events.next((e) => e.event === "update" && view(e.data).key !== first.key && view(e.data).doc.includes("Harborview Freight"), "the new name")).data);
      expect(renamed.drafted).toBe(true);
      expect(text(renamed.doc).includes("Harborview Freight, Inc.")).toBe(true);
      fx.edit(fx.deal, "effectiveDate: 2026-12-01", "effectiveDate: 2026-02-30");
      const bad = view((await events.next((e) => e.event === "update" && !view(e.data).drafted, "the deal error")).data);
      const line =
        readFileSync(fx.deal, "utf8")
          .split("\n")
          .findIndex((l) => l.includes("2026-02-30")) + 1;
      expect(bad.panel).toContain('data-code="DEAL_INVALID_DATE"');
      expect(bad.panel).toContain(`<code class="pv-loc">${fx.deal}:${line}:18</code>`);
      fx.edit(fx.deal, "effectiveDate: 2026-02-30", "effectiveDate: 2026-12-01");
      await events.next((e) => e.event === "update" && view(e.data).drafted, "the agreement after the deal is fixed");
    } finally {
      events.close();
    }
  });
});

describe("buildPreview", () => {
  it("writes a deal's text as text, never markup", async () => {
    const fx = previewFixture();
    try {
      fx.edit(fx.deal, "legalName: Harborview Logistics, Inc.", 'legalName: "<script>alert(1)</script> & <b>Co</b>"');
      const build = await buildPreview({ deal: fx.deal, packs: [fx.pack] });
      const article = build.document?.article ?? "";
      expect(article).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;");
      expect(article).not.toContain("<script>");
    } finally {
      rmSync(fx.dir, { recursive: true, force: true });
    }
  });

  it("shows a pack's YAML error with its position, and no agreement", async () => {
    const fx = previewFixture();
    try {
      writeFileSync(join(fx.pack, "clauses/hipaa-schedule/clause.yaml"), "id: hipaa-schedule\ncategory: [data-protection\n");
      const build = await buildPreview({ deal: fx.deal, packs: [fx.pack] });
      expect(build.document).toBeUndefined();
      expect(build.problems.map((p) => [p.code, p.file, p.line])).toContainEqual(["PACK_YAML_SYNTAX", `${fx.pack}/clauses/hipaa-schedule/clause.yaml`, 3]);
    } finally {
      rmSync(fx.dir, { recursive: true, force: true });
    }
  });
});

describe("clausewright preview (CLI)", () => {
  it("prints its address, serves the page, and stops cleanly on Ctrl-C (SIGINT) with exit 0", async () => {
    const fx = previewFixture();
    const child = spawn(process.execPath, [join(ROOT, "bin/clausewright.js"), "preview", "deal.yaml", "--pack", "healthcare", "--port", "0"], { cwd: fx.dir, stdio: ["ignore", "pipe", "pipe"] });
    try {
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (c: Buffer) => {
          stdout += c.toString();
          const m = /at (http:\/\/127\.0\.0\.1:(\d+)\/)\n/.exec(stdout);
          if (m?.[1]) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`preview exited ${code}: ${stderr}`)));
      });
      expect(stdout).toMatch(/^Preview of deal\.yaml at http:\/\/127\.0\.0\.1:\d+\/\n/);
      const port = Number(new URL(url).port);
      const page = await rawRequest(port, "/");
      expect(page.status).toBe(200);
      expect(page.body).toContain('<span class="num">1.</span> Definitions and Interpretation');
      expect(stderr).toMatch(/drafted: 0 error\(s\), 1 warning\(s\), 0 info/);
      const code = await new Promise<number | null>((resolve) => {
        child.on("exit", (c) => resolve(c));
        child.kill("SIGINT");
      });
      expect(code).toBe(0);
      expect(stderr).toContain("preview stopped");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(fx.dir, { recursive: true, force: true });
    }
  });

  it("fails at once, exit 1, for a deal sheet or pack folder that is not there", async () => {
    const { runCli } = await import("./helpers/cli.js");
    const r = await runCli(["preview", "no-such-deal.yaml", "--pack", "no-such-pack", "--pack", "README.md"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "error DEAL_FILE_UNREADABLE (no-such-deal.yaml): Deal file no-such-deal.yaml does not exist\n" +
        "error PACK_NOT_FOUND (no-such-pack): Pack folder no-such-pack does not exist\n" +
        "error PACK_NOT_FOUND (README.md): Pack folder README.md is a file, not a folder\n",
    );
    expect(r.stdout).toBe("");
  });

  it("refuses standard input as the deal (it cannot be watched), exit 2", async () => {
    const { runCliProcess } = await import("./helpers/cli.js");
    const r = runCliProcess(["preview", "-"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("standard input (-) cannot be watched");
  });
});
